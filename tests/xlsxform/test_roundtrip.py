"""The empty form, filled in, becomes a package that ``open_package`` accepts, values exact."""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from expertscore.batch.manifest import Assignment, ReportedValue
from expertscore.batch.package import open_package
from expertscore.schemes.registry import resolve_scheme
from expertscore.xlsxform import XlsxFormError, workbook_to_package, write_template
from tests.xlsxform.conftest import CREATED, SCHEME

BUNDLED = [
    "liaoning-2025-grading",
    "jilin-2025-selection",
    "national-crossindustry-2023",
    "qingdao-maturity",
    "provincial-monitoring-2025",
]


@pytest.mark.parametrize("scheme_id", BUNDLED)
def test_template_has_machine_matchable_headers_and_units_in_comments(tmp_path, scheme_id):
    scheme = resolve_scheme(scheme_id).scheme
    out = tmp_path / "form.xlsx"
    headers = write_template(scheme_id, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["申报信息", "证明材料", "专家", "填表说明"]
    main = book["申报信息"]
    row1 = [cell.value for cell in main[1]]
    assert row1 == headers
    fields = ["编号", "平台名称", "运营单位", "所在地区"]
    if scheme.categories:
        fields.append("平台类别")
    if scheme.classification.industry_tags:
        fields.append("行业标签")
    if scheme.classification.domain_tags:
        fields.append("领域标签")
    assert row1 == fields + [f"{leaf.code} {leaf.name}" for leaf in scheme.leaves()]
    assert main.freeze_panes == "C2"
    for cell, leaf in zip(main[1][len(fields) :], scheme.leaves(), strict=True):
        assert cell.comment is not None
        assert cell.comment.text.startswith(f"单位：{leaf.reported.unit}\n")
        assert main.column_dimensions[cell.column_letter].width >= 10
    assert [c.value for c in book["证明材料"][1]] == ["编号", "文件", "标题", "指标"]
    assert [c.value for c in book["专家"][1]] == ["编号", "姓名", "单位", "角色"]


def _fill_value(unit: str) -> tuple[object, str]:
    """A cell value for a leaf of this unit, and the exact text the package must hold."""
    if unit == "yes/no":
        return "是", "yes"
    if unit == "text":
        return "具备完整的解决方案", "具备完整的解决方案"
    if unit == "%":
        return 12.5, "12.5"
    return 0.1, "0.1"


@pytest.mark.parametrize("scheme_id", BUNDLED)
def test_filled_template_becomes_a_valid_package(tmp_path, scheme_id):
    scheme = resolve_scheme(scheme_id).scheme
    form = tmp_path / "form.xlsx"
    headers = write_template(scheme_id, form)
    book = openpyxl.load_workbook(form)
    main = book["申报信息"]
    expected: dict[str, ReportedValue] = {}
    main.cell(row=2, column=1, value="P-01")
    main.cell(row=2, column=2, value="测试平台")
    main.cell(row=2, column=3, value="测试公司")
    for leaf in scheme.leaves():
        column = headers.index(f"{leaf.code} {leaf.name}") + 1
        value, text = _fill_value(leaf.reported.unit)
        main.cell(row=2, column=column, value=value)
        expected[leaf.code] = ReportedValue(value=text, unit=leaf.reported.unit)
    book["专家"].append(["E01", "张三", "某大学", "技术"])
    book.save(form)
    out = tmp_path / "out" / "batch.esbatch"
    written = workbook_to_package(form, None, scheme_id, out, created=CREATED)
    opened = open_package(out)
    assert opened.manifest == written
    assert opened.manifest.submissions[0].values == expected
    assert opened.manifest.scheme.id == scheme_id
    assert opened.scheme_text.encode("utf-8") == resolve_scheme(scheme_id).path.read_bytes()
    assert opened.manifest.assignments == [Assignment(expert="E01", submission="P-01")]


def test_standard_form_becomes_the_expected_package(case):
    written = case.convert()
    opened = open_package(case.out)
    manifest = opened.manifest
    assert manifest == written
    assert manifest.batch.id == "liaoning-2025-grading-20250601"  # 表单 is not a valid id
    assert manifest.batch.title == "表单"
    assert manifest.batch.organizer == "未注明"
    assert manifest.batch.created == CREATED
    first, second = manifest.submissions
    assert (first.id, first.platform, first.operator, first.region) == (
        "S001",
        "沈阳智造云平台",
        "沈阳某某科技有限公司",
        "沈阳市",
    )
    assert first.industry_tags == ["1", "3"]
    assert first.domain_tags == ["1", "2"]
    assert first.values == {
        "1.1.1": ReportedValue(value="45", unit="%"),
        "1.1.2": ReportedValue(value="AAA", unit="text"),
        "1.1.3": ReportedValue(value="12.5", unit="万元"),
        "1.1.4": ReportedValue(value="1234.5", unit="万元"),
        "1.2.1": ReportedValue(value="0.1", unit="万元"),
        "3.1.1": ReportedValue(value="1200", unit="台/套"),
    }
    assert (second.id, second.values, second.region, second.industry_tags) == ("S002", {}, None, [])
    assert [(e.id, e.name, e.organization, e.role) for e in manifest.roster] == [
        ("E01", "张三", "东北大学", "技术"),
        ("E02", "李四", "某会计师事务所", "财务"),
    ]
    assert [(a.expert, a.submission, a.indicators) for a in manifest.assignments] == [
        ("E01", "S001", "all"),
        ("E01", "S002", "all"),
        ("E02", "S001", "all"),
        ("E02", "S002", "all"),
    ]
    audit, certificate = manifest.evidence
    assert (audit.id, audit.submission, audit.title, audit.filename, audit.indicators) == (
        "S001-E001",
        "S001",
        "2024年审计报告",
        "审计报告.pdf",
        ["1.1.1", "1.1.3"],
    )
    assert audit.media_type == "application/pdf"
    # no title: the file name; a Windows backslash separates folders
    assert (certificate.id, certificate.title, certificate.filename, certificate.indicators) == (
        "S002-E001",
        "资质证书.pdf",
        "资质证书.pdf",
        [],
    )
    with zipfile.ZipFile(case.out) as archive:
        for item, name in ((audit, "S001/审计报告.pdf"), (certificate, "共用/资质证书.pdf")):
            data = archive.read(f"evidence/{item.sha256}")
            assert data == case.files[name]
            assert item.sha256 == hashlib.sha256(case.files[name]).hexdigest()
            assert item.size == len(case.files[name])


def test_batch_options_and_experts_from_the_command_line(case):
    case.sheets["专家"] = case.sheets["专家"][:2]  # only E01 on the sheet
    manifest = case.convert(
        batch_id="ln-2025-06",
        title="2025年辽宁省平台评估第一批",
        organizer="辽宁省工业和信息化厅",
        experts=["E07:王五", "E08：赵六"],
    )
    assert (manifest.batch.id, manifest.batch.title, manifest.batch.organizer) == (
        "ln-2025-06",
        "2025年辽宁省平台评估第一批",
        "辽宁省工业和信息化厅",
    )
    assert [(e.id, e.name) for e in manifest.roster] == [
        ("E01", "张三"),
        ("E07", "王五"),
        ("E08", "赵六"),
    ]
    assert len(manifest.assignments) == 6
    open_package(case.out)


def test_workbook_named_like_an_id_names_the_batch(case):
    case.workbook = case.workbook.with_name("ln-2025-batch1.xlsx")
    assert case.convert().batch.id == "ln-2025-batch1"


def test_without_evidence_sheet_and_folder(case):
    del case.sheets["证明材料"]
    manifest = case.convert(evidence=None)
    assert manifest.evidence == []
    assert open_package(case.out).manifest.submissions[0].id == "S001"


def test_an_existing_package_is_replaced_whole(case):
    case.out_dir.mkdir()
    case.out.write_bytes(b"old package")
    case.convert()
    assert open_package(case.out).manifest.submissions[1].id == "S002"
    assert sorted(p.name for p in case.out_dir.iterdir()) == ["batch.esbatch"]


def test_a_failed_run_leaves_an_existing_package_untouched(case):
    case.out_dir.mkdir()
    case.out.write_bytes(b"old package")
    case.set("申报信息", "I2", "很多")
    case.write()
    with pytest.raises(XlsxFormError, match="is not a number"):
        workbook_to_package(case.workbook, case.evidence, SCHEME, case.out, created=CREATED)
    assert case.out.read_bytes() == b"old package"
    assert sorted(p.name for p in case.out_dir.iterdir()) == ["batch.esbatch"]


def _lie_about_dimension(source_path: Path, target_path: Path) -> None:
    """Copy the workbook with sheet 1 claiming to be a single cell, as some producers do."""
    with zipfile.ZipFile(source_path) as source, zipfile.ZipFile(target_path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                patched = re.sub(
                    rb'<dimension ref="[A-Z0-9:]+" ?/>', b'<dimension ref="A1"/>', data
                )
                assert patched != data
                data = patched
            target.writestr(info, data)


def test_rows_after_gaps_and_a_wrong_dimension_are_all_read(case, tmp_path: Path):
    """Blank rows are skipped, row numbers stay Excel's, and a lying <dimension> is ignored."""
    blank = [None] * len(case.sheets["申报信息"][0])
    case.sheets["申报信息"][3:3] = [blank, blank]
    case.set("申报信息", "A6", "S003")
    case.set("申报信息", "B6", "第三个平台")
    case.set("申报信息", "C6", "第三家公司")
    patched = tmp_path / "patched.xlsx"
    _lie_about_dimension(case.write(), patched)
    manifest = workbook_to_package(patched, case.evidence, SCHEME, case.out, created=CREATED)
    assert [s.id for s in manifest.submissions] == ["S001", "S002", "S003"]

    case.set("申报信息", "I6", "很多")
    patched_bad = tmp_path / "patched-bad.xlsx"
    _lie_about_dimension(case.write(), patched_bad)
    with pytest.raises(XlsxFormError) as caught:
        workbook_to_package(patched_bad, case.evidence, SCHEME, tmp_path / "x.esbatch")
    assert str(caught.value) == (
        "patched-bad.xlsx 申报信息!I6: indicator '1.1.3' (企业近三年营收情况): '很多' is not a number"
    )


def test_template_offers_drop_down_lists(tmp_path):
    out = tmp_path / "qingdao.xlsx"
    headers = write_template("qingdao-maturity", out)
    validations = openpyxl.load_workbook(out)["申报信息"].data_validations.dataValidation
    lists = {v.formula1: str(v.sqref) for v in validations}
    category = openpyxl.utils.get_column_letter(headers.index("平台类别") + 1)
    assert lists['"综合型,特色型,垂直行业,细分领域,专业型"'] == f"{category}2:{category}501"
    yes_no = sorted(
        openpyxl.utils.get_column_letter(index + 1)
        for index, header in enumerate(headers)
        if header.split()[0] in ("G.9", "G.10", "P.8")
    )
    assert sorted(lists['"是,否"'].split()) == sorted(f"{c}2:{c}501" for c in yes_no)


def test_empty_evidence_and_expert_sheets_with_experts_by_option(case):
    case.sheets["证明材料"] = [["submission", "file", "title", "indicators"]]
    case.sheets["专家"] = [["编号", "姓名", "单位", "角色"]]
    manifest = case.convert(evidence=None, experts=["E09:王五"])
    assert manifest.evidence == []
    assert [(e.id, e.name, e.organization) for e in manifest.roster] == [("E09", "王五", None)]
    assert open_package(case.out).manifest.assignments[1] == Assignment(
        expert="E09", submission="S002"
    )
