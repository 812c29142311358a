"""Messy returns, part two: escapes and invisible characters, evidence sheets and folders,
password-protected workbooks, arithmetic in number cells, hints, and the import summary.
"""

from __future__ import annotations

import io

import msoffcrypto.format.ooxml
import pytest
from click.testing import CliRunner

from expertscore.batch.builder import manifest_bytes
from expertscore.batch.package import open_package
from expertscore.cli.batch_cmd import inspect_command
from expertscore.xlsxform import XlsxFormError, workbook_to_package
from expertscore.xlsxform.errors import FormRule
from expertscore.xlsxform.text import clean, shown
from tests.xlsxform.conftest import CREATED, SCHEME


def _error(case, **options) -> XlsxFormError:
    message = case.refused(**options)
    with pytest.raises(XlsxFormError) as caught:
        case.convert(**options)
    assert str(caught.value) == message
    return caught.value


def test_excel_escapes_are_decoded(case):
    # What Excel and WPS write for text pasted from Word: the cell holds the escapes.
    case.set("申报信息", "C2", "沈阳某某科技有限公司_x0000_")
    case.set("申报信息", "B2", "沈阳_x000D_\n智造云平台")
    case.set("申报信息", "H2", "AAA级_x000D_\n（2024年评定）_x0007_")
    manifest = case.convert()
    first = manifest.submissions[0]
    assert first.operator == "沈阳某某科技有限公司"
    assert first.platform == "沈阳 智造云平台"  # a name is one line
    assert first.values["1.1.2"].value == "AAA级\n（2024年评定）"  # text keeps its lines
    summary = manifest.form_import
    assert summary is not None
    assert [(r.cell, r.characters) for r in summary.removed] == [
        ("C2", ["U+0000"]),
        ("H2", ["U+0007"]),
    ]


def test_invisible_characters_are_removed_from_ids_and_names(case):
    case.set("申报信息", "A1", "\ufeff编号")  # a BOM left by a CSV conversion
    case.set("申报信息", "A2", "S001\u200b")
    case.set("申报信息", "C3", "\u202e大连某某集团\u202c")
    case.set("证明材料", "A2", "\u2060S001")
    manifest = case.convert()
    assert [s.id for s in manifest.submissions] == ["S001", "S002"]
    assert manifest.submissions[1].operator == "大连某某集团"
    assert manifest.evidence[0].submission == "S001"
    summary = manifest.form_import
    assert summary is not None
    assert [(r.sheet, r.cell, r.characters) for r in summary.removed] == [
        ("申报信息", "A1", ["U+FEFF"]),
        ("申报信息", "A2", ["U+200B"]),
        ("申报信息", "C3", ["U+202E", "U+202C"]),
        ("证明材料", "A2", ["U+2060"]),
    ]


def test_an_id_that_differs_only_by_an_invisible_character_repeats(case):
    case.set("申报信息", "A3", "S001\u200b")
    assert case.refused() == "表单.xlsx 申报信息!A3: submission id 'S001' repeats row 2"


def test_a_message_shows_invisible_characters_by_code_point():
    assert shown("S001\u200b\u202e") == "S001<U+200B><U+202E>"
    assert clean("a\r\nb\rc\u2028d_x000D_") == ("a\nb\nc\nd\n", [])
    assert clean("_xD83D__xDE00_ ok") == ("\U0001f600 ok", [])


def test_evidence_without_an_evidence_sheet_is_refused(case):
    del case.sheets["证明材料"]
    error = _error(case)
    assert str(error) == (
        f"表单.xlsx: --evidence {case.evidence} was given, but the workbook has no sheet"
        " '证明材料' (nor a sheet whose row 1 has the columns '编号' and '文件') listing the files"
    )
    assert (error.rule, error.facts) == (FormRule.NO_EVIDENCE_SHEET, {"folder": str(case.evidence)})


def test_a_renamed_evidence_sheet_is_found_by_its_headers(case):
    case.sheets = {
        "申报信息": case.sheets["申报信息"],
        "证明材料清单": case.sheets["证明材料"],
        "专家": case.sheets["专家"],
    }
    manifest = case.convert()
    assert [e.filename for e in manifest.evidence] == ["审计报告.pdf", "资质证书.pdf"]


def test_files_the_form_never_names_are_listed(case):
    (case.evidence / "S002").mkdir()
    (case.evidence / "S002" / "营业执照.pdf").write_bytes(b"%PDF-1.4 licence\n")
    (case.evidence / ".DS_Store").write_bytes(b"\0")
    (case.evidence / "Thumbs.db").write_bytes(b"\0")
    manifest = case.convert()
    assert manifest.form_import is not None
    assert manifest.form_import.unlisted_evidence == ["S002/营业执照.pdf"]
    assert manifest.form_import.evidence_files == 2


def test_a_password_protected_workbook_is_named_as_such(case, tmp_path):
    plain = case.write()
    encrypted = io.BytesIO()
    with plain.open("rb") as source:
        msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("123456", encrypted)
    case.workbook.write_bytes(encrypted.getvalue())
    with pytest.raises(XlsxFormError) as caught:
        workbook_to_package(case.workbook, case.evidence, SCHEME, case.out, created=CREATED)
    assert str(caught.value) == (
        "表单.xlsx: is protected by a password; open it in Excel or WPS, remove the password"
        " (File > Info > Protect Workbook > Encrypt with Password: leave it empty) and save it"
        " again"
    )
    assert caught.value.rule == FormRule.ENCRYPTED
    assert not case.out_dir.exists()


@pytest.mark.parametrize("text", ["+1+1", "1+1", "3*4", "12-3", "1e5", "1/2"])
def test_arithmetic_is_not_a_number(case, text):
    case.set("申报信息", "I2", text)
    error = _error(case)
    assert str(error) == (
        f"表单.xlsx 申报信息!I2: indicator '1.1.3' (企业近三年营收情况): '{text}' is not a number"
    )
    assert (error.rule, error.facts) == (
        FormRule.NOT_A_NUMBER,
        {"indicator": "1.1.3", "text": text},
    )


@pytest.mark.parametrize(
    ("cell", "text", "message"),
    [
        (  # digits and a unit stay a unit, judged as one
            "I2",
            "12亿元",
            "indicator '1.1.3' (企业近三年营收情况): unit '亿元' does not match the scheme's '万元'",
        ),
        (  # no "closest" hint when nothing is alike
            "E2",
            "完全不相干",
            "'完全不相干' is not an industry tag of scheme 'liaoning-2025-grading'",
        ),
    ],
)
def test_refused_in_the_right_words(case, cell, text, message):
    case.set("申报信息", cell, text)
    assert case.refused() == f"表单.xlsx 申报信息!{cell}: {message}"


def test_the_summary_is_stored_and_inspect_prints_it(case):
    case.set("申报信息", "A2", "S001\u200b")
    case.set("申报信息", "C3", None)
    case.sheets["申报信息"][1][2] = "沈阳某某科技有限公司"

    def edit(book):
        book["申报信息"].merge_cells("C2:C3")

    case.convert(edit)
    opened = open_package(case.out)
    summary = opened.manifest.form_import
    assert summary is not None
    assert (summary.workbook, summary.sheet, summary.submissions, summary.values) == (
        "表单.xlsx",
        "申报信息",
        2,
        6,
    )
    result = CliRunner().invoke(inspect_command, [str(case.out)])
    assert result.exit_code == 0, result.output
    assert (
        "form import:  表单.xlsx, sheet 申报信息: 2 rows read, 2 submissions, 6 values,"
        " 2 evidence files\n"
        "  merged cells expanded: 1\n"
        "    - 申报信息!C2:C3 -> rows 2-3\n"
        "  cells with invisible characters removed: 1\n"
        "    - 申报信息!A2: U+200B\n"
        "  evidence files the form never names: 0\n"
    ) in result.output


def test_a_package_not_made_from_the_form_has_no_summary_key(case):
    manifest = case.convert()
    assert b'"form_import"' in manifest_bytes(manifest)
    without = manifest.model_copy(update={"form_import": None})
    assert b"form_import" not in manifest_bytes(without)
