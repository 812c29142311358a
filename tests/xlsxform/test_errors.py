"""Broken workbooks, evidence and rosters: one line naming file, sheet and cell; no output."""

from __future__ import annotations

import os
import zipfile

import pytest

from expertscore.errors import SchemeNotFound
from expertscore.xlsxform import XlsxFormError, parse_created, workbook_to_package
from tests.xlsxform.conftest import CREATED, SCHEME


def _refused_file(case, data: bytes) -> str:
    case.workbook.parent.mkdir(parents=True, exist_ok=True)
    case.workbook.write_bytes(data)
    with pytest.raises(XlsxFormError) as caught:
        workbook_to_package(case.workbook, case.evidence, SCHEME, case.out, created=CREATED)
    assert not case.out_dir.exists()
    return str(caught.value)


def test_not_a_zip(case):
    assert _refused_file(case, b"\xe7\xbc\x96\xe5\x8f\xb7,\xe5\xb9\xb3\xe5\x8f\xb0\n") == (
        "表单.xlsx: is not an Excel .xlsx workbook (not a zip file)"
    )


def test_old_xls_workbook(case):
    data = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504
    assert _refused_file(case, data) == (
        "表单.xlsx: is an old .xls workbook; save it as an Excel Workbook (.xlsx)"
    )


def test_zip_that_is_not_a_workbook(case, tmp_path):
    archive = tmp_path / "plain.zip"
    with zipfile.ZipFile(archive, "w") as target:
        target.writestr("readme.txt", "hello")
    assert _refused_file(case, archive.read_bytes()) == (
        "表单.xlsx: is not a readable .xlsx workbook"
        " (\"There is no item named '[Content_Types].xml' in the archive\")"
    )


def test_workbook_with_a_damaged_sheet(case, tmp_path):
    good = case.write()
    data = {}
    with zipfile.ZipFile(good) as source:
        for info in source.infolist():
            data[info.filename] = source.read(info)
    data["xl/worksheets/sheet1.xml"] = data["xl/worksheets/sheet1.xml"][:-200]
    with zipfile.ZipFile(good, "w") as target:
        for name, content in data.items():
            target.writestr(name, content)
    with pytest.raises(XlsxFormError) as caught:
        workbook_to_package(good, case.evidence, SCHEME, case.out, created=CREATED)
    assert str(caught.value).startswith("表单.xlsx 申报信息: cannot be read: ")
    assert not case.out_dir.exists()


def test_missing_workbook(case):
    with pytest.raises(XlsxFormError) as caught:
        workbook_to_package(case.workbook, case.evidence, SCHEME, case.out, created=CREATED)
    assert str(caught.value) == "表单.xlsx: no such file"


def test_unknown_scheme(case):
    case.write()
    with pytest.raises(SchemeNotFound, match="no scheme 'hubei-2030'"):
        workbook_to_package(case.workbook, case.evidence, "hubei-2030", case.out)
    assert not case.out_dir.exists()


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("B2", "S001/营业执照.pdf", "file 'S001/营业执照.pdf' is not in the evidence folder"),
        ("B2", "../表单.xlsx", "'../表单.xlsx' points outside the evidence folder ('..')"),
        (
            "B2",
            "S001\\..\\..\\secret",
            "'S001\\..\\..\\secret' points outside the evidence folder ('..')",
        ),
        (
            "B2",
            "/etc/passwd",
            "'/etc/passwd' is an absolute path; give it relative to the evidence folder",
        ),
        (
            "B2",
            "C:\\材料\\审计报告.pdf",
            "'C:\\材料\\审计报告.pdf' is an absolute path; give it relative to the evidence folder",
        ),
        ("B2", "S001", "'S001' is not a file"),
        ("B2", None, "'文件' is empty"),
        ("A2", "S009", "submission 'S009' is not in sheet '申报信息'"),
        ("A2", None, "'编号' is empty"),
        ("D2", "1.1.1、1.1.9", "indicator '1.1.9' is not in scheme 'liaoning-2025-grading'"),
        (
            "D2",
            "=A1",
            "'=A1' is a formula; enter the value itself (in Excel: copy, then paste as values)",
        ),
    ],
)
def test_bad_evidence_rows(case, cell, value, message):
    case.set("证明材料", cell, value)
    assert case.refused() == f"表单.xlsx 证明材料!{cell}: {message}"


def test_one_file_for_two_submissions_is_stored_once(case):
    case.set("证明材料", "B3", "S001/审计报告.pdf")
    manifest = case.convert()
    first, second = manifest.evidence
    assert (first.submission, second.submission) == ("S001", "S002")
    assert first.sha256 == second.sha256
    with zipfile.ZipFile(case.out) as archive:
        assert sorted(archive.namelist()) == sorted(
            ["manifest.json", "scheme.yaml", f"evidence/{first.sha256}"]
        )


def test_the_same_file_twice_for_one_submission(case):
    case.sheets["证明材料"].append(["S001", "./S001/审计报告.pdf", "重复", None])
    assert case.refused() == (
        "表单.xlsx 证明材料!B4: './S001/审计报告.pdf' is listed for 'S001' again (first in row 2)"
    )


def test_evidence_codes_may_name_groups_and_use_any_separator(case):
    case.set("证明材料", "D2", " 1 ；1.1,１．１．３ ")
    assert case.convert().evidence[0].indicators == ["1", "1.1", "1.1.3"]


def test_a_link_leading_out_of_the_evidence_folder(case):
    outside = case.root / "secret.txt"
    outside.write_text("not evidence", encoding="utf-8")
    os.symlink(outside, case.evidence / "link.pdf")
    case.set("证明材料", "B2", "link.pdf")
    assert case.refused() == (
        "表单.xlsx 证明材料!B2: 'link.pdf' points outside the evidence folder (through a link)"
    )


def test_evidence_listed_without_a_folder(case):
    assert case.refused(evidence=None) == (
        "表单.xlsx 证明材料!B2: 'S001/审计报告.pdf' is listed, but no evidence folder"
        " was given (--evidence DIR)"
    )


def test_evidence_folder_must_exist(case):
    missing = case.root / "nowhere"
    assert case.refused(evidence=missing) == f"{missing}: evidence folder: no such folder"


def test_unreadable_evidence_file(case, monkeypatch):
    import expertscore.batch.builder as builder

    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(builder, "sha256_of_path", denied)
    assert case.refused() == "表单.xlsx 证明材料!B2: cannot read '审计报告.pdf': Permission denied"


def test_submission_id_too_long_to_name_its_evidence(case):
    long_id = "S" * 62  # a valid id, but '<id>-E001' is not
    case.set("申报信息", "A2", long_id)
    case.set("证明材料", "A2", long_id)
    assert case.refused() == (
        f"表单.xlsx 证明材料!B2: evidence id '{long_id}-E001' is not valid (String should"
        " match pattern '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'); use a shorter submission id"
    )


def test_file_type_the_manifest_cannot_record(case, monkeypatch):
    import expertscore.batch.builder as builder

    monkeypatch.setattr(builder, "media_type_of", lambda name: "application/clue_info+xml")
    assert case.refused() == (
        "表单.xlsx 证明材料!B2: the file's media_type 'application/clue_info+xml' cannot be"
        " recorded (String should match pattern '^[a-z]+/[A-Za-z0-9.+-]+$')"
    )


def test_no_experts(case):
    del case.sheets["专家"]
    assert case.refused() == (
        "表单.xlsx: no experts: fill the sheet '专家' (编号, 姓名, 单位, 角色) or give --expert ID:NAME"
    )


def test_repeated_expert_id(case):
    case.set("专家", "A3", "E01")
    assert case.refused() == "表单.xlsx 专家!A3: expert id 'E01' repeats row 2"


def test_expert_without_name(case):
    case.set("专家", "B3", None)
    assert case.refused() == "表单.xlsx 专家!B3: '姓名' is empty"


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("E09", "--expert: 'E09' must be ID:NAME, e.g. E01:张三"),
        (
            "E 9:王五",
            "--expert: expert id 'E 9' is not valid: letters, digits, '.', '_' and '-', at most 64, starting with a letter or digit",
        ),
        ("E01:王五", "--expert: expert id 'E01' is already on the roster"),
    ],
)
def test_bad_expert_options(case, option, message):
    assert case.refused(experts=[option]) == message


def test_bad_batch_id(case):
    assert case.refused(batch_id="第一批") == (
        "--batch-id: String should match pattern '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "2025-06-01T09:00:00",
            "--created: '2025-06-01T09:00:00' must include a UTC offset, e.g. 2025-06-01T09:00:00+08:00",
        ),
        ("六月一日", "--created: '六月一日' is not a date and time like 2025-06-01T09:00:00+08:00"),
    ],
)
def test_bad_created(text, message):
    with pytest.raises(XlsxFormError) as caught:
        parse_created(text)
    assert str(caught.value) == message


def test_created_with_offset():
    assert parse_created("2025-06-01T09:00:00+08:00") == CREATED


def test_output_must_not_be_the_workbook(case):
    case.write()
    with pytest.raises(XlsxFormError) as caught:
        workbook_to_package(case.workbook, case.evidence, SCHEME, case.workbook, created=CREATED)
    assert (
        str(caught.value) == f"{case.workbook}: is the workbook itself; choose another output file"
    )
    assert zipfile.ZipFile(case.workbook).namelist()[0] != "manifest.json"
