"""The organizer's page texts in the package: a session takes them instead of extracting,
the same searches answer the same; texts that differ from the files, or break the format,
are not used (the index is built from the files); a member not named is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.errors import PackageError
from expertscore.evidence.carry import with_page_texts
from expertscore.evidence.index import build_index, files_left
from expertscore.evidence.locate import locate_submission
from expertscore.evidence.packaged import text_of_package
from expertscore.evidence.search import search_text
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import rewrite_package


@pytest.fixture(scope="module")
def texts(demo_package: Path) -> bytes:
    return text_of_package(open_package(demo_package))


def _session(package: Path, folder: Path) -> Path:
    return create_session(package, "E01", folder / "E01.esession")


def test_a_session_takes_the_packaged_texts_and_answers_the_same(
    demo_package, indexed_session, texts, tmp_path
):
    carried = with_page_texts(demo_package, tmp_path / "texts.esbatch", texts)
    assert open_package(carried).manifest.evidence_text.size == len(texts)
    path = _session(carried, tmp_path)
    with SessionFile(path) as session, SessionFile(indexed_session) as built:
        assert files_left(session) == 0  # nothing to extract
        for text in ("审计意见", "API", "10.34%"):
            assert search_text(session, text) == search_text(built, text)
        ours = [(x.indicator, x.state, x.pages()) for x in locate_submission(session, "S001")]
        theirs = [(x.indicator, x.state, x.pages()) for x in locate_submission(built, "S001")]
        assert ours == theirs


def _changed(texts: bytes, old: str, new: str) -> bytes:
    lines = texts.decode().splitlines()
    for number, line in enumerate(lines[1:], start=1):
        entry = json.loads(line)
        for page in entry["texts"]:
            if page["text"]:
                page["text"] = page["text"].replace(old, new) + "\n" + new
        lines[number] = json.dumps(entry, ensure_ascii=False)
    return ("\n".join(lines) + "\n").encode()


def test_texts_that_differ_from_the_files_are_not_used(demo_package, texts, tmp_path):
    # every page changed: the spot check meets a changed page whichever it picks
    forged = _changed(texts, "审计", "XX")
    assert forged != texts
    carried = with_page_texts(demo_package, tmp_path / "forged.esbatch", forged)
    path = _session(carried, tmp_path)
    with SessionFile(path) as session:
        assert files_left(session) > 0  # built from the files instead
    build_index(path)
    with SessionFile(path) as session:
        assert search_text(session, "审计意见")
        assert not search_text(session, "XX意见")


def test_texts_out_of_format_are_not_used(demo_package, texts, tmp_path):
    lines = texts.decode().splitlines()
    entry = json.loads(lines[1])
    entry["texts"][0]["page"] = 0
    lines[1] = json.dumps(entry, ensure_ascii=False)
    carried = with_page_texts(
        demo_package, tmp_path / "bad.esbatch", ("\n".join(lines) + "\n").encode()
    )
    with SessionFile(_session(carried, tmp_path)) as session:
        assert files_left(session) > 0


def test_a_text_member_the_manifest_does_not_name_is_refused(demo_package, texts, tmp_path):
    def add(entries):
        import zipfile

        return [*entries, (zipfile.ZipInfo("evidence-text.jsonl"), texts)]

    sneaked = rewrite_package(demo_package, tmp_path / "sneaked.esbatch", add)
    with pytest.raises(PackageError, match=r"evidence-text\.jsonl' is not named in the manifest"):
        open_package(sneaked)


def test_a_text_member_changed_after_signing_is_refused(demo_package, texts, tmp_path):
    carried = with_page_texts(demo_package, tmp_path / "texts.esbatch", texts)
    changed = texts.replace("审计".encode(), "审核".encode(), 1)
    assert len(changed) == len(texts) and changed != texts

    def swap(entries):
        return [(i, changed if i.filename == "evidence-text.jsonl" else d) for i, d in entries]

    altered = rewrite_package(carried, tmp_path / "altered.esbatch", swap)
    with pytest.raises(PackageError, match="does not match its SHA-256 in the manifest"):
        create_session(altered, "E01", tmp_path / "E01.esession")
    assert not (tmp_path / "E01.esession").exists()


def test_pages_said_to_be_read_by_ocr_must_have_no_text_layer(demo_package, texts, tmp_path):
    lines = texts.decode().splitlines()
    for number, line in enumerate(lines[1:], start=1):
        entry = json.loads(line)
        for page in entry["texts"]:
            if page["state"] == "text":
                page["state"] = "ocr"  # beyond the spot check of text layers, it hopes
        lines[number] = json.dumps(entry, ensure_ascii=False)
    claimed = ("\n".join(lines) + "\n").encode()
    carried = with_page_texts(demo_package, tmp_path / "claimed.esbatch", claimed)
    with SessionFile(_session(carried, tmp_path)) as session:
        assert files_left(session) > 0  # not used: built from the files
