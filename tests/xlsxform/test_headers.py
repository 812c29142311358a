"""Header row 1: fields and indicators by code, name or both, full-width and spaced."""

from __future__ import annotations

import pytest

from expertscore.batch.manifest import ReportedValue
from expertscore.batch.package import open_package
from tests.xlsxform.conftest import FIELDS, leaf_headers

EXPECTED_S001 = {
    "1.1.1": ReportedValue(value="45", unit="%"),
    "1.1.2": ReportedValue(value="AAA", unit="text"),
    "1.1.3": ReportedValue(value="12.5", unit="万元"),
    "1.1.4": ReportedValue(value="1234.5", unit="万元"),
    "1.2.1": ReportedValue(value="0.1", unit="万元"),
    "3.1.1": ReportedValue(value="1200", unit="台/套"),
}


@pytest.mark.parametrize("style", ["code", "name", "code name"])
def test_indicator_columns_by_code_name_or_both(case, style):
    case.sheets["申报信息"][0] = FIELDS + leaf_headers("liaoning-2025-grading", style)
    manifest = case.convert()
    assert manifest.submissions[0].values == EXPECTED_S001
    assert open_package(case.out).manifest.submissions[0].values == EXPECTED_S001


def test_full_width_characters_spaces_units_and_markers_in_headers(case):
    headers = case.sheets["申报信息"][0]
    headers[0] = "编　号"  # ideographic space
    headers[1] = "*平台 名称"  # a required-column marker and a space
    headers[2] = " 运营单位\n"
    headers[6] = "１．１．１　资产负债率"  # full-width digits, dot and space
    headers[7] = "1.1.2、企业信用等级"
    headers[8] = "企业近三年\n营收情况（万元）"  # a line break, and the unit in full-width brackets
    headers[9] = "1.1.4 平台近三年营收情况 (万元)"
    headers[18] = "工业设备连接数量（台）"  # 台 stands for 台/套
    headers[29] = "3.3.1 平台积累工业数据(tb)"
    case.set("申报信息", "A2", "Ｓ００１")  # a full-width id is the same id
    manifest = case.convert()
    assert [s.id for s in manifest.submissions] == ["S001", "S002"]
    assert manifest.submissions[0].values == EXPECTED_S001


def test_english_aliases_and_ignored_columns(case):
    rows = case.sheets["申报信息"]
    rows[0][:6] = ["ID", "Platform", "Operator", "Region", "Industry Tags", "domain_tags"]
    rows[0].extend(["序号", "#内部备注", "备注"])
    rows[1].extend(["=ROW()-1", "不读", "不读"])  # ignored columns are never read, formulas too
    rows[2].extend([2, None, None])
    manifest = case.convert()
    assert manifest.submissions[0].region == "沈阳市"
    assert manifest.submissions[0].industry_tags == ["1", "3"]
    assert manifest.submissions[0].values == EXPECTED_S001


def test_unknown_column_names_the_closest_scheme_name(case):
    case.set("申报信息", "G1", "资产负债")
    assert case.refused() == (
        "表单.xlsx 申报信息!G1: unknown column '资产负债' (closest: '1.1.1 资产负债率')"
    )


def test_unknown_column_close_to_a_platform_field(case):
    case.set("申报信息", "B1", "平台名")
    assert case.refused() == "表单.xlsx 申报信息!B1: unknown column '平台名' (closest: '平台名称')"


def test_unknown_extra_column_is_refused(case):
    case.sheets["申报信息"][0].append("研发 人员数")
    assert case.refused() == (
        "表单.xlsx 申报信息!AX1: unknown column '研发 人员数' (closest: '2.1.1 研发人员数量')"
    )


def test_missing_indicator_column(case):
    for row in case.sheets["申报信息"]:
        del row[6]
    assert case.refused() == (
        "表单.xlsx 申报信息: missing column for indicator '1.1.1 资产负债率'"
        " of scheme 'liaoning-2025-grading'"
    )


def test_missing_required_platform_column(case):
    for row in case.sheets["申报信息"]:
        del row[2]
    assert case.refused() == "表单.xlsx 申报信息: missing column '运营单位'"


def test_repeated_indicator_column(case):
    case.set("申报信息", "H1", "资产负债率")
    assert case.refused() == (
        "表单.xlsx 申报信息!H1: column '资产负债率' repeats indicator '1.1.1 资产负债率'"
        " (already column G1)"
    )


def test_repeated_platform_field(case):
    case.set("申报信息", "D1", "platform")
    assert case.refused() == (
        "表单.xlsx 申报信息!D1: column 'platform' repeats '平台名称' (already column B1)"
    )


def test_unit_in_header_must_be_the_schemes(case):
    case.set("申报信息", "I1", "企业近三年营收情况（亿元）")
    assert case.refused() == (
        "表单.xlsx 申报信息!I1: column '企业近三年营收情况（亿元）': unit '亿元' does not"
        " match the scheme's '万元' for indicator '1.1.3 企业近三年营收情况'"
    )


def test_a_name_shared_by_several_indicators_needs_the_code(case):
    case.sheets = {
        "申报信息": [
            ["编号", "平台名称", "运营单位", "工业设备连接数量"],
            ["Q1", "平台", "公司", 5],
        ],
        "专家": [["编号", "姓名"], ["E01", "张三"]],
    }
    assert case.refused(scheme="qingdao-maturity") == (
        "表单.xlsx 申报信息!D1: column '工业设备连接数量' could be any of the indicators"
        " C.1, F.1, P.1; head it with the code, e.g. 'C.1 工业设备连接数量'"
    )


def test_value_in_a_column_without_header(case):
    case.set("申报信息", "AZ3", "遗漏的数据")
    assert case.refused() == (
        "表单.xlsx 申报信息!AZ3: this column has no header in row 1, but the cell has a value"
    )


def test_empty_header_row(case):
    case.sheets["申报信息"][0] = [None] * len(case.sheets["申报信息"][0])
    assert case.refused() == (
        "表单.xlsx 申报信息: row 1 must hold the column headers, and it is empty"
    )


def test_first_sheet_is_used_when_none_is_named_申报信息(case):
    rows = case.sheets.pop("申报信息")
    case.sheets = {"Sheet1": rows, **case.sheets}
    assert [s.id for s in case.convert().submissions] == ["S001", "S002"]


def test_unknown_column_of_the_evidence_sheet(case):
    case.set("证明材料", "C1", "标 题名")
    assert case.refused() == "表单.xlsx 证明材料!C1: unknown column '标 题名' (closest: '标题')"
