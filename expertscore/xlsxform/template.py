"""An empty form for a scheme: ``expertscore batch xlsx-template``.

Row 1 of every sheet holds exactly the headers the reader matches; units, data sources and
what to enter are in cell comments and on the sheet ``填表说明``, so nothing in row 1 has to
be stripped before matching.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from expertscore.schemes.model import Category, Indicator, Scheme
from expertscore.schemes.registry import resolve_scheme
from expertscore.xlsxform.errors import XlsxFormError
from expertscore.xlsxform.evidence import EVIDENCE_FIELDS
from expertscore.xlsxform.headers import leaf_label
from expertscore.xlsxform.roster import ROSTER_FIELDS
from expertscore.xlsxform.submissions import PLATFORM_FIELDS
from expertscore.xlsxform.workbook import EVIDENCE_SHEET, MAIN_SHEET, ROSTER_SHEET

GUIDE_SHEET = "填表说明"
AUTHOR = "ExpertScore"
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="top")
FORM_ROWS = 500  # rows that get drop-down lists and the text format of ids

FIELD_NOTES = {
    "id": "申报编号：字母、数字、. _ -，不超过64位，每行唯一，如 S001",
    "platform": "平台名称（必填）",
    "operator": "运营单位（必填）",
    "region": "所在地区，如 沈阳市",
    "category": "平台类别：填名称或代码（见“填表说明”）",
    "industry_tags": "行业标签：填名称或代码，多个用 、 ， ; 分隔（见“填表说明”）",
    "domain_tags": "领域标签：填名称或代码，多个用 、 ， ; 分隔（见“填表说明”）",
}
EVIDENCE_NOTES = {
    "submission": "申报编号，与“申报信息”的编号一致",
    "file": "文件在证明材料文件夹中的相对路径，如 S001/审计报告.pdf",
    "title": "材料标题；不填则用文件名",
    "indicators": "相关指标代码，多个用 、 ， ; 分隔，如 1.1.1、1.1.3",
}
ROSTER_NOTES = {
    "id": "专家编号：字母、数字、. _ -，如 E01",
    "name": "专家姓名（必填）",
    "organization": "工作单位",
    "role": "角色，如 财务 / 技术 / 行业",
}


def _unit_note(leaf: Indicator) -> str:
    reported = leaf.reported
    if reported is None:
        return ""
    lines = [f"单位：{reported.unit}", f"来源：{reported.source.value}"]
    if reported.label:
        lines.append(f"口径：{reported.label}")
    if reported.unit == "%":
        lines.append("填百分数：45 或 45%；设为百分比格式的单元格填 0.45 亦可")
    elif reported.unit == "yes/no":
        lines.append("填 是 或 否")
    elif reported.unit == "text":
        lines.append("填文字")
    else:
        lines.append(f"填数字（可带千分位），单位为{reported.unit}")
    if reported.prompt:
        lines.append(f"填写：{reported.prompt}")
    return "\n".join(lines)


def _comment(text: str) -> Comment:
    comment = Comment(text, AUTHOR)
    comment.width = 320
    comment.height = 40 + 20 * text.count("\n")
    return comment


def _header(sheet: Worksheet, labels: list[str], notes: list[str], widths: list[int]) -> None:
    for index, (label, note, width) in enumerate(zip(labels, notes, widths, strict=True), 1):
        cell = sheet.cell(row=1, column=index, value=label)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGN
        if note:
            cell.comment = _comment(note)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].height = 45


def _all_categories(categories: list[Category]) -> list[Category]:
    result: list[Category] = []
    for category in categories:
        result.append(category)
        result += _all_categories(category.kinds)
    return result


def _width(label: str) -> int:
    # CJK characters are about twice as wide as Latin ones; headers wrap onto two lines.
    units = sum(2 if ord(char) > 0x2E7F else 1 for char in label)
    return max(10, min(30, units // 2 + 4))


def _main_sheet(sheet: Worksheet, scheme: Scheme) -> None:
    present = {
        "category": bool(scheme.categories),
        "industry_tags": bool(scheme.classification.industry_tags),
        "domain_tags": bool(scheme.classification.domain_tags),
    }
    fields = [spec for spec in PLATFORM_FIELDS if present.get(spec.name, True)]
    leaves = scheme.leaves()
    labels = [spec.label for spec in fields] + [leaf_label(leaf) for leaf in leaves]
    notes = [FIELD_NOTES[spec.name] for spec in fields] + [_unit_note(leaf) for leaf in leaves]
    widths = [{"id": 10, "platform": 28, "operator": 28}.get(s.name, 16) for s in fields]
    widths += [_width(label) for label in labels[len(fields) :]]
    _header(sheet, labels, notes, widths)
    sheet.freeze_panes = "C2"  # the header and the id and platform stay in view
    sheet.column_dimensions["A"].number_format = "@"  # ids such as 001 stay text
    last = FORM_ROWS + 1
    if present["category"]:
        names = [c.name for c in _all_categories(scheme.categories)]
        choice = ",".join(names)
        if len(choice) <= 255:  # Excel's limit on an inline list
            column = get_column_letter(1 + [s.name for s in fields].index("category"))
            validation = DataValidation(type="list", formula1=f'"{choice}"', allow_blank=True)
            validation.add(f"{column}2:{column}{last}")
            sheet.add_data_validation(validation)
    yes_no = [
        get_column_letter(len(fields) + position + 1)
        for position, leaf in enumerate(leaves)
        if leaf.reported is not None and leaf.reported.unit == "yes/no"
    ]
    if yes_no:
        validation = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
        for column in yes_no:
            validation.add(f"{column}2:{column}{last}")
        sheet.add_data_validation(validation)


def _guide_sheet(sheet: Worksheet, scheme: Scheme) -> None:
    sheet.append([f"{scheme.title}（{scheme.id}，版本 {scheme.version}）"])
    sheet["A1"].font = HEADER_FONT
    sheet.append(
        [
            "“申报信息”每行一个申报平台；第1行为列标题，请勿改动（可按代码、名称或“代码 名称”"
            "书写）。单元格请填数值本身，不要填公式。空白单元格表示未填报。"
        ]
    )
    sheet.append(
        [
            "列标题之上不要加标题行，表中不要加“合计”行。多行相同的内容可以纵向合并单元格"
            "（视为每行都填了该值），但不要跨列合并，也不要与列标题合并。"
        ]
    )
    sheet.append(["“证明材料”每行一个文件；“专家”每行一位评审专家。本页不被读取。"])
    sheet.append([])
    sheet.append(["代码", "指标", "单位", "数据来源", "填写说明"])
    for leaf in scheme.leaves():
        reported = leaf.reported
        sheet.append(
            [
                leaf.code,
                leaf.name,
                reported.unit if reported else "",
                reported.source.value if reported else "",
                (reported.prompt or "") if reported else "",
            ]
        )
    categories = _all_categories(scheme.categories)
    if categories:
        sheet.append([])
        sheet.append(["平台类别代码", "平台类别"])
        for category in categories:
            sheet.append([category.code, category.name])
    for title, tags in (
        ("行业标签", scheme.classification.industry_tags),
        ("领域标签", scheme.classification.domain_tags),
    ):
        if tags:
            sheet.append([])
            sheet.append([f"{title}代码", title])
            for tag in tags:
                sheet.append([tag.code, tag.name])
    for column, width in zip("ABCDE", (14, 36, 10, 12, 60), strict=True):
        sheet.column_dimensions[column].width = width


def build_template(scheme: Scheme) -> Workbook:
    book = Workbook()
    main = book.active
    assert main is not None
    main.title = MAIN_SHEET
    _main_sheet(main, scheme)
    for name, fields, notes in (
        (EVIDENCE_SHEET, EVIDENCE_FIELDS, EVIDENCE_NOTES),
        (ROSTER_SHEET, ROSTER_FIELDS, ROSTER_NOTES),
    ):
        sheet = book.create_sheet(name)
        labels = [spec.label for spec in fields]
        widths = [14 if spec.name != "file" else 40 for spec in fields]
        _header(sheet, labels, [notes[spec.name] for spec in fields], widths)
        sheet.freeze_panes = "A2"
        sheet.column_dimensions["A"].number_format = "@"
    _guide_sheet(book.create_sheet(GUIDE_SHEET), scheme)
    return book


def write_template(scheme_id: str, out: Path) -> list[str]:
    """Write the empty form for ``scheme_id`` to ``out``; return its row-1 headers."""
    scheme = resolve_scheme(scheme_id).scheme
    if out.is_dir():
        raise XlsxFormError(str(out), "is a folder; give the workbook's file name").saying(
            "form_folder"
        )
    book = build_template(scheme)
    main = book[MAIN_SHEET]
    headers = [str(cell.value) for cell in main[1]]
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".xlsx", dir=out.parent)
        os.close(handle)
        temp = Path(temp_name)
        try:
            book.save(temp)
            os.replace(temp, out)
        finally:
            temp.unlink(missing_ok=True)
    except OSError as exc:
        raise XlsxFormError(str(out), f"cannot write the form: {exc.strerror or exc}").saying(
            "form_not_written", why=exc.strerror or exc
        ) from None
    return headers
