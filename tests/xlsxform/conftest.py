"""A standard Excel form for the Liaoning scheme, built with openpyxl in a temporary folder.

Tests change a cell or two of ``case.sheets`` (plain lists of rows, row 1 the headers),
then ``case.convert()`` it or check that ``case.refused()`` names the cell and leaves no
output behind.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

from expertscore.batch.manifest import Manifest
from expertscore.schemes.registry import resolve_scheme
from expertscore.xlsxform import XlsxFormError, workbook_to_package

SCHEME = "liaoning-2025-grading"
CREATED = datetime(2025, 6, 1, 9, 0, tzinfo=timezone(timedelta(hours=8)))
FIELDS = ["编号", "平台名称", "运营单位", "所在地区", "行业标签", "领域标签"]


def leaf_headers(scheme_id: str, style: str = "code name") -> list[str]:
    leaves = resolve_scheme(scheme_id).scheme.leaves()
    if style == "code":
        return [leaf.code for leaf in leaves]
    if style == "name":
        return [leaf.name for leaf in leaves]
    return [f"{leaf.code} {leaf.name}" for leaf in leaves]


def standard_sheets() -> dict[str, list[list[Any]]]:
    headers = FIELDS + leaf_headers(SCHEME)
    width = len(headers)

    def row(values: dict[str, Any]) -> list[Any]:
        cells: list[Any] = [None] * width
        for header, value in values.items():
            cells[headers.index(header)] = value
        return cells

    return {
        "申报信息": [
            headers,
            row(
                {
                    "编号": "S001",
                    "平台名称": "沈阳智造云平台",
                    "运营单位": "沈阳某某科技有限公司",
                    "所在地区": "沈阳市",
                    "行业标签": "先进装备制造、冶金新材料",
                    "领域标签": "1，2",
                    "1.1.1 资产负债率": 45,
                    "1.1.2 企业信用等级": "AAA",
                    "1.1.3 企业近三年营收情况": 12.5,
                    "1.1.4 平台近三年营收情况": "1,234.5",
                    "1.2.1 企业近二年利润情况": 0.1,
                    "3.1.1 工业设备连接数量": "1200台",
                }
            ),
            row({"编号": "S002", "平台名称": "大连海工平台", "运营单位": "大连某某集团"}),
        ],
        "证明材料": [
            ["编号", "文件", "标题", "指标"],
            ["S001", "S001/审计报告.pdf", "2024年审计报告", "1.1.1、1.1.3"],
            ["S002", "共用\\资质证书.pdf", None, None],
        ],
        "专家": [
            ["编号", "姓名", "单位", "角色"],
            ["E01", "张三", "东北大学", "技术"],
            ["E02", "李四", "某会计师事务所", "财务"],
        ],
    }


def write_book(
    path: Path,
    sheets: dict[str, list[list[Any]]],
    edit: Callable[[Workbook], None] | None = None,
) -> Path:
    book = Workbook()
    first = True
    for name, rows in sheets.items():
        sheet = book.active if first else book.create_sheet(name)
        assert sheet is not None
        sheet.title = name
        first = False
        for row in rows:
            sheet.append(row)
    if edit is not None:
        edit(book)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


class Case:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.workbook = root / "in" / "表单.xlsx"
        self.evidence = root / "材料"
        self.out_dir = root / "out"
        self.out = self.out_dir / "batch.esbatch"
        self.sheets = copy.deepcopy(standard_sheets())
        self.files = {
            "S001/审计报告.pdf": b"%PDF-1.4 audit report\n",
            "共用/资质证书.pdf": b"%PDF-1.4 certificate\n",
        }
        for name, data in self.files.items():
            target = self.evidence / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def set(self, sheet: str, cell: str, value: Any) -> None:
        """Set one cell of ``sheets`` by its Excel reference, growing the rows as needed."""
        letters, number = coordinate_from_string(cell)
        column = column_index_from_string(letters)
        rows = self.sheets[sheet]
        while len(rows) < number:
            rows.append([])
        row = rows[number - 1]
        while len(row) < column:
            row.append(None)
        row[column - 1] = value

    def write(self, edit: Callable[[Workbook], None] | None = None) -> Path:
        return write_book(self.workbook, self.sheets, edit)

    def convert(self, edit: Callable[[Workbook], None] | None = None, **options: Any) -> Manifest:
        self.write(edit)
        options.setdefault("created", CREATED)
        evidence = options.pop("evidence", self.evidence)
        scheme = options.pop("scheme", SCHEME)
        return workbook_to_package(self.workbook, evidence, scheme, self.out, **options)

    def refused(self, edit: Callable[[Workbook], None] | None = None, **options: Any) -> str:
        """The one-line error; fails if a package, or any file, was left in the output folder."""
        with pytest.raises(XlsxFormError) as caught:
            self.convert(edit, **options)
        message = str(caught.value)
        assert "\n" not in message
        assert not self.out.exists()
        assert not self.out_dir.exists() or list(self.out_dir.iterdir()) == []
        return message


@pytest.fixture
def case(tmp_path: Path) -> Case:
    return Case(tmp_path)
