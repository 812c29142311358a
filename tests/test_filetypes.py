"""Evidence types decided by content, and the marked copies opened outside the program."""

from __future__ import annotations

import os

import pytest

from expertscore import filetypes as ft
from expertscore.demo.hostile import hostile_files

EXPECTED = {
    "审计报告.pdf.exe": ft.PROGRAM,
    "run.bat": ft.SCRIPT,
    "宏.xlsm": ft.XLSM,
    "page.html": ft.HTML,
    "evil.svg": ft.SVG,
    "尺寸.xlsx": ft.XLSX,
    "损坏.xlsx": ft.BROKEN_ZIP,
}


@pytest.fixture
def hostile(tmp_path):
    """The hostile demo files on disk, each named by its content's digest."""
    paths = {}
    for number, item in enumerate(hostile_files()):
        path = tmp_path / f"file{number}"
        path.write_bytes(item.data)
        paths[item.filename] = path
    return paths


def test_the_content_decides_not_the_name(hostile):
    for name, expected in EXPECTED.items():
        assert ft.sniff(hostile[name]) == expected, name
    long_name = next(name for name in hostile if name.startswith("证"))
    assert ft.sniff(hostile[long_name]) == ft.PDF


def test_only_macro_free_documents_and_pictures_open_outside(hostile):
    refused = [name for name, path in hostile.items() if not ft.sniff(path).openable]
    assert sorted(refused) == sorted(n for n, t in EXPECTED.items() if t is not ft.XLSX)
    for kind in ft.OPENABLE:
        assert kind.key in {"pdf", "png", "jpeg", "gif", "xlsx", "docx", "pptx"}
    for kind in (ft.PROGRAM, ft.SCRIPT, ft.XLSM, ft.HTML, ft.SVG, ft.OFFICE_MACRO):
        assert not kind.openable


def test_real_demo_evidence_is_recognised(tmp_path):
    from expertscore.demo.batch import make_demo_batch
    from tests.demo.helpers import evidence_bytes

    package = make_demo_batch("liaoning-2025-grading", 4, 1, 3, tmp_path / "d.esbatch", workers=1)
    expected = {"pdf": ft.PDF, "png": ft.PNG, "xlsx": ft.XLSX}
    seen = set()
    for item in package.evidence:
        path = tmp_path / item.sha256
        path.write_bytes(evidence_bytes(tmp_path / "d.esbatch", item))
        kind = ft.sniff(path)
        assert kind == expected[item.filename.rsplit(".", 1)[1]], item.filename
        seen.add(kind.key)
    assert seen == {"pdf", "png", "xlsx"}
    text = tmp_path / "notes"
    text.write_text("申报说明：平台接入设备 1200 台。\n", encoding="utf-8")
    assert ft.sniff(text) == ft.TEXT


def test_the_copy_has_a_safe_name_with_the_real_extension(hostile, tmp_path):
    long_name = next(name for name in hostile if name.startswith("证"))
    copy = ft.export_copy(hostile[long_name], tmp_path / "open", long_name, ft.PDF)
    assert copy.name == "证" * ft.NAME_LIMIT + ".pdf"
    assert copy.read_bytes() == hostile[long_name].read_bytes()
    again = ft.export_copy(hostile[long_name], tmp_path / "open", long_name, ft.PDF)
    assert again.name == "证" * ft.NAME_LIMIT + " (2).pdf"
    assert ft.safe_stem("审计报告.pdf.exe") == "审计报告"
    assert ft.safe_stem("..\\..\\<x>.pdf") == "x"
    assert ft.safe_stem(".bashrc") == ft.safe_stem("\u202e\x00") == "evidence"
    assert ft.safe_stem("a/b/c:d*e.pdf") == "c_d_e"


def test_a_refused_type_is_never_copied(hostile, tmp_path):
    with pytest.raises(ValueError):
        ft.export_copy(hostile["run.bat"], tmp_path / "open", "run.bat", ft.SCRIPT)
    assert not (tmp_path / "open").exists()


def test_zone_mark_only_on_windows(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    marked = ft.mark_from_internet(path)
    assert marked == (os.name == "nt")
    if marked:
        with open(f"{path}:Zone.Identifier", encoding="ascii") as stream:
            assert "ZoneId=3" in stream.read()
