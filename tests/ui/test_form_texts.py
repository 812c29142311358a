"""The Excel form's refusals in Chinese, worded from the facts the core's error carries
(real workbooks written by openpyxl and refused by the real reader)."""

from __future__ import annotations

import pytest

from expertscore.xlsxform import XlsxFormError
from tests.xlsxform.conftest import Case
from ui.app import install_translators
from ui.messages import error_text


def refusal(case: Case, edit=None) -> XlsxFormError:
    with pytest.raises(XlsxFormError) as caught:
        case.convert(edit)
    return caught.value


@pytest.fixture
def chinese(configured_app):
    install_translators(configured_app, "zh")
    yield
    install_translators(configured_app, "en")


def total_row(case: Case):
    case.set("申报信息", "A4", "合计")
    case.set("申报信息", "I4", 25)


def arithmetic(case: Case):
    case.set("申报信息", "I2", "+1+1")


def no_evidence_sheet(case: Case):
    del case.sheets["证明材料"]


@pytest.mark.parametrize(
    ("prepare", "edit", "words"),
    [
        (total_row, None, "表单.xlsx 申报信息!A4：第 4 行是合计行（“合计”）：请删除该行。"),
        (
            arithmetic,
            None,
            "表单.xlsx 申报信息!I2：指标 1.1.3 填写的“+1+1”不是数字：请直接填写数值，不要写算式。",
        ),
        (
            None,
            lambda book: book["申报信息"].merge_cells("C1:C2"),
            "表单.xlsx 申报信息!C1:C2：合并单元格 C1:C2 把表头和数据行合在了一起：请取消合并。",
        ),
        (
            no_evidence_sheet,
            None,
            "表单.xlsx：表单中没有“证明材料”工作表，却指定了证明材料文件夹（{folder}）："
            "请补上该工作表，或不指定文件夹。",
        ),
    ],
)
def test_a_refused_form_says_in_chinese_what_to_change(chinese, tmp_path, prepare, edit, words):
    case = Case(tmp_path)
    if prepare is not None:
        prepare(case)
    error = refusal(case, edit)
    assert error_text(error) == words.format(folder=case.evidence)


def test_a_value_without_a_header_is_refused_in_chinese(chinese, tmp_path):
    case = Case(tmp_path)
    case.set("申报信息", "AX4", 3)
    case.set("申报信息", "B4", "营口平台")
    error = refusal(case)
    assert error_text(error) == "表单.xlsx 申报信息!AX4：该列第 1 行没有列标题，但单元格中有值"


def test_a_refusal_without_a_template_keeps_the_core_line(chinese):
    # Every refusal of the reader has its wording now; one made without any still shows
    # the core's line under the Chinese lead.
    error = XlsxFormError("表单.xlsx", "a refusal of the future", "申报信息", "AX4")
    assert error_text(error) == f"Excel 表单有误：{error}"  # the core line, under a Chinese lead
