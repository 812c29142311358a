"""Messy returns, part one: merged cells, 序号 columns, total rows and title rows.

Each workbook is a real .xlsx written by openpyxl; the tests check the package that is
written (or that none is) and the facts the error carries for the window.
"""

from __future__ import annotations

import pytest

from expertscore.xlsxform import XlsxFormError
from expertscore.xlsxform.errors import FormRule

TITLE = "2025年辽宁省工业互联网平台申报汇总表"


def _merge(*ranges: str):
    def edit(book):
        for cell_range in ranges:
            book["申报信息"].merge_cells(cell_range)

    return edit


def _refusal(case, edit=None, **options) -> XlsxFormError:
    message = case.refused(edit, **options)
    with pytest.raises(XlsxFormError) as caught:
        case.convert(edit, **options)
    assert str(caught.value) == message
    return caught.value


def test_a_merged_data_cell_applies_to_every_row_it_covers(case):
    # Two platforms of one company: operator, region and revenue merged over both rows.
    case.set("申报信息", "C3", None)
    case.set("申报信息", "D3", None)
    case.set("申报信息", "I3", None)
    manifest = case.convert(_merge("C2:C3", "D2:D3", "I2:I3"))
    first, second = manifest.submissions
    assert (second.operator, second.region) == ("沈阳某某科技有限公司", "沈阳市")
    assert second.values["1.1.3"].value == first.values["1.1.3"].value == "12.5"
    summary = manifest.form_import
    assert summary is not None
    assert [(m.sheet, m.range, m.first_row, m.last_row) for m in summary.merges] == [
        ("申报信息", "C2:C3", 2, 3),
        ("申报信息", "D2:D3", 2, 3),
        ("申报信息", "I2:I3", 2, 3),
    ]


def test_a_merge_of_empty_cells_expands_nothing(case):
    manifest = case.convert(_merge("AV2:AV3"))
    assert manifest.form_import is not None
    assert manifest.form_import.merges == []
    assert "3.4.1" not in manifest.submissions[1].values


def test_a_row_below_a_merge_with_nothing_of_its_own_is_an_empty_row(case):
    # The last platform's operator cell merged one row too far down.
    manifest = case.convert(_merge("C3:C4"))
    assert [s.id for s in manifest.submissions] == ["S001", "S002"]
    summary = manifest.form_import
    assert summary is not None
    assert summary.rows == 2
    assert [(m.range, m.first_row, m.last_row) for m in summary.merges] == [("C3:C4", 3, 4)]


def test_a_merge_joining_the_header_and_data_is_refused(case):
    error = _refusal(case, _merge("C1:C2"))
    assert str(error) == (
        "表单.xlsx 申报信息!C1:C2: the merged cells C1:C2 join the header (row 1) with data"
        " rows; unmerge them"
    )
    assert (error.rule, error.facts) == (FormRule.MERGE_HEADER, {"range": "C1:C2"})


def test_a_merge_over_two_indicators_is_refused(case):
    case.set("申报信息", "H2", None)
    error = _refusal(case, _merge("G2:H2"))
    assert str(error) == (
        "表单.xlsx 申报信息!G2:H2: the merged cells G2:H2 cover the columns"
        " '1.1.1 资产负债率' and '1.1.2 企业信用等级'; unmerge them and fill each column"
    )
    assert error.rule == FormRule.MERGE_COLUMNS
    assert error.facts == {
        "range": "G2:H2",
        "first": "1.1.1 资产负债率",
        "second": "1.1.2 企业信用等级",
    }


def test_a_merge_over_a_remark_and_an_indicator_is_refused(case):
    case.set("申报信息", "AX1", "备注")
    case.set("申报信息", "AW2", None)
    case.set("申报信息", "AX2", None)
    error = _refusal(case, _merge("AW2:AX3"))
    assert error.rule == FormRule.MERGE_COLUMNS
    assert error.facts["range"] == "AW2:AX3"
    assert error.facts["second"] == "备注"


def test_a_merged_header_over_an_unused_column_is_read(case):
    # A header cell merged over a column that holds nothing: row 1 only, no data lost.
    case.set("申报信息", "AX1", "#联系人")

    def edit(book):
        book["申报信息"].merge_cells("AX1:AY1")

    assert [s.id for s in case.convert(edit).submissions] == ["S001", "S002"]


def test_rows_holding_only_a_row_number_are_skipped(case):
    case.set("申报信息", "AX1", "序号")
    for number in range(1, 11):  # a pre-numbered form: 10 rows, 2 filled
        case.set("申报信息", f"AX{number + 1}", number)
    manifest = case.convert()
    assert [s.id for s in manifest.submissions] == ["S001", "S002"]
    summary = manifest.form_import
    assert summary is not None
    assert (summary.rows, summary.number_only_rows, summary.submissions) == (10, 8, 2)


def test_a_row_with_a_number_and_something_else_is_still_read(case):
    case.set("申报信息", "AX1", "序号")
    case.set("申报信息", "AX4", 3)
    case.set("申报信息", "B4", "营口平台")
    assert case.refused() == "表单.xlsx 申报信息!A4: '编号' is empty"


@pytest.mark.parametrize(("cell", "text"), [("A4", "合计"), ("B4", "合 计："), ("A4", "总计")])
def test_a_total_row_is_refused_by_name(case, cell, text):
    case.set("申报信息", cell, text)
    case.set("申报信息", "I4", 25)
    error = _refusal(case)
    assert str(error) == (
        f"表单.xlsx 申报信息!{cell}: row 4 is a total row ('{text}'): remove it; the form holds"
        " one platform per row"
    )
    assert (error.rule, error.facts) == (FormRule.TOTAL_ROW, {"row": "4", "text": text})


def test_a_title_row_above_the_headers_is_named(case):
    case.sheets["申报信息"].insert(0, [TITLE])

    def edit(book):
        book["申报信息"].merge_cells("A1:AW1")

    error = _refusal(case, edit)
    assert str(error) == (
        f"表单.xlsx 申报信息!A1: row 1 holds '{TITLE}', a title, not the column headers; the"
        " headers are in row 2: the column headers must be the first row, so delete the rows"
        " above them"
    )
    assert "closest" not in str(error)
    assert (error.rule, error.facts) == (
        FormRule.TITLE_ROW,
        {"title": TITLE, "header_row": "2"},
    )


def test_a_title_and_an_empty_row_above_the_headers(case):
    case.sheets["申报信息"][0:0] = [[TITLE], []]
    error = _refusal(case)
    assert error.facts == {"title": TITLE, "header_row": "3"}


def test_an_empty_first_row_above_the_headers(case):
    case.sheets["申报信息"].insert(0, [])
    error = _refusal(case)
    assert str(error) == (
        "表单.xlsx 申报信息!A1: row 1 is empty; the headers are in row 2: the column headers"
        " must be the first row, so delete the rows above them"
    )


def test_a_lone_title_without_headers_below_is_still_a_title(case):
    case.sheets["申报信息"] = [[TITLE], ["S001", "平台", "公司"]]
    error = _refusal(case, evidence=None)
    assert error.rule == FormRule.TITLE_ROW
    assert error.facts["header_row"] == ""


def test_a_title_row_on_the_expert_sheet(case):
    case.sheets["专家"].insert(0, ["评审专家名单"])
    error = _refusal(case)
    assert (error.sheet, error.rule, error.facts["header_row"]) == (
        "专家",
        FormRule.TITLE_ROW,
        "2",
    )


def test_a_wrong_header_is_not_mistaken_for_a_title(case):
    case.set("申报信息", "B1", "完全无关的列名")
    assert case.refused() == "表单.xlsx 申报信息!B1: unknown column '完全无关的列名'"


def test_a_submission_id_merged_over_its_evidence_rows(case):
    # The usual evidence list: one 编号 cell merged over all files of that submission.
    case.sheets["证明材料"] = [
        ["编号", "文件", "标题", "指标"],
        ["S001", "S001/审计报告.pdf", "2024年审计报告", "1.1.1"],
        [None, "共用/资质证书.pdf", None, None],
    ]

    def edit(book):
        book["证明材料"].merge_cells("A2:A3")

    manifest = case.convert(edit)
    assert [(e.submission, e.filename) for e in manifest.evidence] == [
        ("S001", "审计报告.pdf"),
        ("S001", "资质证书.pdf"),
    ]
    assert manifest.form_import is not None
    assert [(m.sheet, m.range) for m in manifest.form_import.merges] == [("证明材料", "A2:A3")]


def test_row_numbers_made_by_a_formula_are_row_numbers(case):
    case.set("申报信息", "AX1", "序号")
    for number in range(2, 8):
        case.set("申报信息", f"AX{number}", "=ROW()-1")
    manifest = case.convert()
    assert manifest.form_import is not None
    assert (manifest.form_import.rows, manifest.form_import.number_only_rows) == (6, 4)


def test_a_row_under_thousands_of_merges_is_refused(case):
    # No form is that wide; a hostile file would otherwise cost rows x merges.
    def edit(book):
        sheet = book["申报信息"]
        for first in range(60, 60 + 2 * 2001, 2):
            sheet.merge_cells(start_row=2, end_row=3, start_column=first, end_column=first + 1)

    assert case.refused(edit) == "表单.xlsx 申报信息: more than 2000 merged ranges in row 2"
