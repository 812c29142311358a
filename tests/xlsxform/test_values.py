"""Cells to reported values: exact decimals, percentages, yes/no, and every refusal."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl.worksheet.formula import ArrayFormula

from expertscore.schemes.registry import resolve_scheme
from expertscore.xlsxform.values import float_text, is_percent_format, reported

LIAONING = resolve_scheme("liaoning-2025-grading").scheme
PROVINCIAL = resolve_scheme("provincial-monitoring-2025").scheme
MONEY = LIAONING.find("1.1.3")  # 万元
PERCENT = LIAONING.find("1.1.1")  # %
TEXT = LIAONING.find("1.1.2")
DEVICES = LIAONING.find("3.1.1")  # 台/套
YES_NO = PROVINCIAL.find("1.2.7")


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (12.5, "12.5"),
        (0.1, "0.1"),
        (0.3, "0.3"),
        (1234.56, "1234.56"),
        (3.0, "3"),
        (-0.0, "0"),
        (1e-05, "0.00001"),
        (123456789.123, "123456789.123"),
        (1e20, "100000000000000000000"),
    ],
)
def test_floats_become_their_shortest_exact_decimal(number, text):
    assert float_text(number) == text


@pytest.mark.parametrize(
    ("raw", "number_format", "leaf", "expected"),
    [
        (12.5, "General", MONEY, ("12.5", "万元")),
        (0.1, "General", MONEY, ("0.1", "万元")),
        (1200, "General", MONEY, ("1200", "万元")),
        ("1,234.5", "General", MONEY, ("1234.5", "万元")),
        ("１，２３４．５０", "General", MONEY, ("1234.50", "万元")),  # full-width, zeros kept
        (" 12.5 万元 ", "General", MONEY, ("12.5", "万元")),
        ("-8.25", "General", MONEY, ("-8.25", "万元")),
        ("12亿元", "General", MONEY, ("12", "亿元")),  # the unit is judged by check_value
        ("1,2", "General", MONEY, ("1,2", "万元")),  # not a number, judged by check_value
        ("很多", "General", MONEY, ("很多", "万元")),
        (45, "General", PERCENT, ("45", "%")),
        ("45%", "General", PERCENT, ("45", "%")),
        ("45％", "General", PERCENT, ("45", "%")),
        (0.45, "0%", PERCENT, ("45", "%")),  # Excel shows 45%
        (0.125, "0.0%", PERCENT, ("12.5", "%")),
        (1, "0.00%", PERCENT, ("100", "%")),
        (45, '0"%"', PERCENT, ("45", "%")),  # a literal % sign does not scale
        (0.45, "0%", MONEY, ("45", "%")),  # a percentage in a 万元 column: wrong unit
        ("1200台", "General", DEVICES, ("1200", "台/套")),
        ("1200 台/套", "General", DEVICES, ("1200", "台/套")),
        (True, "General", MONEY, ("TRUE", "万元")),
        (datetime(2025, 1, 1), "yyyy-mm-dd", MONEY, ("2025-01-01", "万元")),
        ("  AAA级 ", "General", TEXT, ("AAA级", "text")),
        (2023, "General", TEXT, ("2023", "text")),
        ("是", "General", YES_NO, ("yes", "yes/no")),
        ("否", "General", YES_NO, ("no", "yes/no")),
        ("Yes", "General", YES_NO, ("yes", "yes/no")),
        ("N", "General", YES_NO, ("no", "yes/no")),
        ("有", "General", YES_NO, ("yes", "yes/no")),
        ("无", "General", YES_NO, ("no", "yes/no")),
        ("√", "General", YES_NO, ("yes", "yes/no")),
        ("×", "General", YES_NO, ("no", "yes/no")),
        (True, "General", YES_NO, ("yes", "yes/no")),
        (False, "General", YES_NO, ("no", "yes/no")),
        ("maybe", "General", YES_NO, ("maybe", "yes/no")),
        (None, "General", MONEY, None),
        ("   ", "General", TEXT, None),
    ],
)
def test_cell_to_reported_value(raw, number_format, leaf, expected):
    assert reported(raw, number_format, leaf) == expected


@pytest.mark.parametrize(
    ("number_format", "percent"),
    [("0%", True), ("0.00%", True), ("#,##0.0%", True), ('0"%"', False), ("0\\%", False)],
)
def test_percent_formats(number_format, percent):
    assert is_percent_format(number_format) is percent


def test_percent_formatted_cell_in_a_workbook_is_scaled(case):
    case.set("申报信息", "N2", 0.125)  # 2.1.2 近二年研发投入占比, %

    def percent(book):
        book["申报信息"]["N2"].number_format = "0.0%"

    values = case.convert(percent).submissions[0].values
    assert values["2.1.2"].value == "12.5"


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        (
            "I2",
            "=SUM(1,2)",
            "'=SUM(1,2)' is a formula; enter the value itself (in Excel: copy, then paste as values)",
        ),
        (
            "B3",
            "=B2",
            "'=B2' is a formula; enter the value itself (in Excel: copy, then paste as values)",
        ),
        (
            "I2",
            "很多",
            "indicator '1.1.3' (企业近三年营收情况): '很多' is not a number",
        ),
        (
            "I2",
            "1,2",
            "indicator '1.1.3' (企业近三年营收情况): '1,2' is not a number",
        ),
        (
            "I2",
            "#DIV/0!",
            "indicator '1.1.3' (企业近三年营收情况): '#DIV/0!' is not a number",
        ),
        (
            "I2",
            True,
            "indicator '1.1.3' (企业近三年营收情况): 'TRUE' is not a number",
        ),
        (
            "I2",
            datetime(2025, 3, 1),
            "indicator '1.1.3' (企业近三年营收情况): '2025-03-01' is not a number",
        ),
        (
            "I2",
            "12亿元",
            "indicator '1.1.3' (企业近三年营收情况): unit '亿元' does not match the scheme's '万元'",
        ),
        (
            "S2",
            "1200个",
            "indicator '3.1.1' (工业设备连接数量): unit '个' does not match the scheme's '台/套'",
        ),
        (
            "A3",
            "S 002",
            "submission id 'S 002' is not valid: letters, digits, '.', '_' and '-', at most 64, starting with a letter or digit",
        ),
        ("B3", "  ", "'平台名称' is empty"),
        ("A3", None, "'编号' is empty"),
        ("A3", "S001", "submission id 'S001' repeats row 2"),
        ("A3", "s001", None),  # ids are case-sensitive: s001 is another submission
    ],
)
def test_bad_cells_are_refused_naming_the_cell(case, cell, value, message):
    case.set("申报信息", cell, value)
    if message is None:
        case.sheets["证明材料"] = case.sheets["证明材料"][:2]
        assert [s.id for s in case.convert().submissions] == ["S001", "s001"]
        return
    assert case.refused() == f"表单.xlsx 申报信息!{cell}: {message}"


def test_percentage_formatted_number_in_a_money_column_is_a_wrong_unit(case):
    case.set("申报信息", "I2", 0.45)

    def percent(book):
        book["申报信息"]["I2"].number_format = "0%"

    assert case.refused(percent) == (
        "表单.xlsx 申报信息!I2: indicator '1.1.3' (企业近三年营收情况):"
        " unit '%' does not match the scheme's '万元'"
    )


def test_array_formula_is_refused(case):
    def array(book):
        book["申报信息"]["K2"] = ArrayFormula("K2:K2", "=SUM(I2:J2*1)")

    assert case.refused(array) == (
        "表单.xlsx 申报信息!K2: '=SUM(I2:J2*1)' is a formula; enter the value itself"
        " (in Excel: copy, then paste as values)"
    )


def test_yes_no_column_refuses_maybe(case):
    case.sheets = {
        "申报信息": [["编号", "平台名称", "运营单位", *leaf_names(PROVINCIAL)]],
        "专家": [["编号", "姓名"], ["E01", "张三"]],
    }
    row = ["P1", "平台", "公司"] + [None] * len(PROVINCIAL.leaves())
    row[3 + [leaf.code for leaf in PROVINCIAL.leaves()].index("1.2.7")] = "是"
    row[3 + [leaf.code for leaf in PROVINCIAL.leaves()].index("1.2.8")] = "maybe"
    case.sheets["申报信息"].append(row)
    assert case.refused(scheme="provincial-monitoring-2025", evidence=None) == (
        "表单.xlsx 申报信息!K2: indicator '1.2.8' (安全防护体系): 'maybe' is not yes or no"
    )
    row[10] = "否"
    manifest = case.convert(scheme="provincial-monitoring-2025", evidence=None)
    assert {code: v.value for code, v in manifest.submissions[0].values.items()} == {
        "1.2.7": "yes",
        "1.2.8": "no",
    }


def leaf_names(scheme):
    return [f"{leaf.code} {leaf.name}" for leaf in scheme.leaves()]


def test_categories_and_kinds_by_name_or_code(case):
    qingdao = resolve_scheme("qingdao-maturity").scheme
    case.sheets = {
        "申报信息": [
            ["编号", "平台名称", "运营单位", "平台类别", *leaf_names(qingdao)],
            ["Q1", "平台一", "公司一", "综合型"],
            ["Q2", "平台二", "公司二", "垂直行业"],
            ["Q3", "平台三", "公司三", "specialized"],
            ["Q4", "平台四", "公司四", "综合"],
        ],
        "专家": [["编号", "姓名"], ["E01", "张三"]],
    }
    assert case.refused(scheme="qingdao-maturity") == (
        "表单.xlsx 申报信息!D5: '综合' is not a platform category of scheme"
        " 'qingdao-maturity' (closest: '综合型')"
    )
    del case.sheets["申报信息"][4]
    manifest = case.convert(scheme="qingdao-maturity", evidence=None)
    assert [s.category for s in manifest.submissions] == [
        "comprehensive",
        "vertical",
        "specialized",
    ]


def test_unknown_tag_names_the_closest(case):
    case.set("申报信息", "E2", "先进装备制造；冶金材料")
    assert case.refused() == (
        "表单.xlsx 申报信息!E2: '冶金材料' is not an industry tag of scheme"
        " 'liaoning-2025-grading' (closest: '冶金新材料')"
    )


def test_category_for_a_scheme_without_categories(case):
    case.sheets["申报信息"][0].append("平台类别")
    case.set("申报信息", "AX2", "双跨型")
    assert case.refused() == (
        "表单.xlsx 申报信息!AX2: scheme 'liaoning-2025-grading' has no platform categories"
    )


def test_no_submissions(case):
    case.sheets["申报信息"] = case.sheets["申报信息"][:1]
    assert (
        case.refused() == "表单.xlsx 申报信息: no submissions: every row below the header is empty"
    )
