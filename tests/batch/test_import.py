"""Importing a package into a session file: content, atomicity, signatures, CLI."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.batch.package import open_package
from expertscore.crypto.dsse import fingerprint, public_key_b64
from expertscore.errors import PackageError
from expertscore.storage.cipher import driver
from expertscore.storage.db import SessionFileError
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import PDF_BYTES, PNG_BYTES, example_builder, rewrite_package

EXE = Path(sys.executable).with_name("expertscore")


@pytest.fixture
def package(tmp_path: Path) -> Path:
    path = tmp_path / "batch.esbatch"
    example_builder(submissions=3).write(path)
    return path


def test_import_creates_a_complete_session(package, tmp_path):
    out = create_session(package, "E01", tmp_path / "e01.esession")
    with SessionFile(out) as session:
        summary = session.summary()
        assert (summary.batch_id, summary.expert_id, summary.expert_name) == (
            "TEST-1",
            "E01",
            "专家1",
        )
        assert (summary.submissions, summary.assigned, summary.recused) == (3, 3, 0)
        assert summary.evidence_files == 6
        assert summary.reported_values == 15
        assert session.scheme.id == "example-grading"
        snapshot = session.content_snapshot()
        assert ("S002", "1.1", "42.5", "%") in snapshot["values"]
        assert session.evidence_bytes(hashlib.sha256(PDF_BYTES + b"S002").hexdigest()) == (
            PDF_BYTES + b"S002"
        )
        # The PNG is attached to every submission but stored once.
        assert session.evidence_bytes(hashlib.sha256(PNG_BYTES).hexdigest()) == PNG_BYTES
    raw = driver.connect(out)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert raw.execute("SELECT count(*) FROM evidence_blob").fetchone() == (4,)
        batch_hash = raw.execute("SELECT manifest_sha256 FROM session_info").fetchone()[0]
    finally:
        raw.close()
    assert batch_hash == open_package(package).manifest_sha256


def test_roster_conflicts_become_recusals(package, tmp_path):
    with SessionFile(create_session(package, "E02", tmp_path / "e02.esession")) as session:
        assert session.summary().recused == 1


def test_expert_not_on_roster(package, tmp_path):
    with pytest.raises(PackageError, match=r"expert 'E09' is not on the roster \(E01, E02\)"):
        create_session(package, "E09", tmp_path / "x.esession")
    assert list(tmp_path.glob("*.esession")) == []


def test_existing_session_is_never_overwritten(package, tmp_path):
    out = tmp_path / "e01.esession"
    out.write_bytes(b"precious work")
    with pytest.raises(SessionFileError, match="already exists"):
        create_session(package, "E01", out)
    assert out.read_bytes() == b"precious work"


def test_interrupted_import_leaves_nothing(package, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    def interrupt(done: int, total: int) -> None:
        if done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        create_session(package, "E01", out_dir / "e01.esession", progress=interrupt)
    assert list(out_dir.iterdir()) == []


def test_killed_import_leftover_is_cleaned_by_next_import(package, tmp_path):
    out = tmp_path / "e01.esession"
    stale = tmp_path / ".e01.esession.importing-deadbeef"
    stale.write_bytes(b"half a database")
    create_session(package, "E01", out)
    assert not stale.exists()
    assert out.exists()


def test_signed_package_verifies_and_records_the_organizer(tmp_path):
    key = Ed25519PrivateKey.generate()
    path = tmp_path / "signed.esbatch"
    example_builder().write(path, signer=(key, "辽宁省工业和信息化厅"))
    opened = open_package(path)
    assert opened.signature is not None
    assert opened.signature.signer == "辽宁省工业和信息化厅"
    assert opened.signature.fingerprint == fingerprint(public_key_b64(key.public_key()))
    with SessionFile(create_session(path, "E01", tmp_path / "s.esession")) as session:
        assert session.info.organizer_key == public_key_b64(key.public_key())


def test_package_changed_after_signing_is_refused(tmp_path):
    key = Ed25519PrivateKey.generate()
    path = tmp_path / "signed.esbatch"
    example_builder().write(path, signer=(key, "组织方"))

    def change_title(entries):
        return [
            (
                info,
                data.replace("测试批次".encode(), "篡改批次".encode())
                if info.filename == "manifest.json"
                else data,
            )
            for info, data in entries
        ]

    bad = rewrite_package(path, tmp_path / "bad.esbatch", change_title)
    with pytest.raises(PackageError) as info:
        open_package(bad)
    assert str(info.value) == (
        f"{bad}: organizer signature does not verify (signature does not match the signed bytes):"
        " the package was changed after signing"
    )


def test_same_input_gives_identical_package(tmp_path):
    first, second = tmp_path / "a.esbatch", tmp_path / "b.esbatch"
    example_builder().write(first)
    example_builder().write(second)
    assert first.read_bytes() == second.read_bytes()


def test_cli_inspect_and_create(package, tmp_path):
    result = subprocess.run(
        [str(EXE), "batch", "inspect", str(package)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "batch:        TEST-1  测试批次" in result.stdout
    assert "submissions:  3  (industry: 3)" in result.stdout
    assert "problems:     none found" in result.stdout
    out = tmp_path / "e01.esession"
    result = subprocess.run(
        [
            str(EXE),
            "session",
            "create",
            "--batch",
            str(package),
            "--expert",
            "E01",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{out}: session of E01 专家1 for batch TEST-1: 3 submissions")


def test_cli_error_is_one_line(tmp_path):
    bogus = tmp_path / "bogus.esbatch"
    bogus.write_text("hello")
    result = subprocess.run(
        [str(EXE), "batch", "inspect", str(bogus)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr == f"error: {bogus}: not a batch package (not a zip file)\n"


def test_inspect_lists_problems_that_do_not_invalidate(tmp_path):
    builder = example_builder(submissions=2, experts=3)
    values = dict(builder.submissions[1].values)
    del values["2.1"]
    builder.submissions[1] = builder.submissions[1].model_copy(update={"values": values})
    builder.assignments = [a for a in builder.assignments if a.expert != "E03"]
    path = tmp_path / "gaps.esbatch"
    builder.write(path)
    result = subprocess.run(
        [str(EXE), "batch", "inspect", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "problems:     2 found" in result.stdout
    assert "  - submission S002: 1 indicators have no value (2.1)" in result.stdout
    assert "  - expert E03 专家3: no assignments" in result.stdout


def test_builder_media_types_fit_the_manifest():
    from expertscore.batch.builder import media_type_of

    assert media_type_of("报告.pdf") == "application/pdf"
    assert media_type_of("a.xlsx").startswith("application/vnd.openxmlformats")
    assert media_type_of("noext") == "application/octet-stream"


def test_builder_refuses_a_file_changed_after_it_was_added(tmp_path):
    evidence = tmp_path / "report.pdf"
    evidence.write_bytes(b"%PDF-1.4 original")
    builder = example_builder(submissions=1)
    builder.add_evidence_path("S001", evidence, title="报告", indicators=["1.1"])
    evidence.write_bytes(b"%PDF-1.4 changed!")
    out = tmp_path / "out.esbatch"
    with pytest.raises(PackageError, match="the file changed while the package was being written"):
        builder.write(out)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_organizer_values_travel_with_the_batch_into_the_session(tmp_path):
    from expertscore.batch.manifest import OrganizerValueRecord

    builder = example_builder()
    builder.organizer_values.append(
        OrganizerValueRecord(target="grade:*:L2", value="85", set_by="评审处", note="第一批")
    )
    path = tmp_path / "set.esbatch"
    builder.write(path)
    assert open_package(path).scheme.grades.levels[1].min.value == 85
    with SessionFile(create_session(path, "E01", tmp_path / "s.esession")) as session:
        level = session.scheme.grades.levels[1].min
        assert (level.value, level.note) == (85, "set by 评审处: 第一批")


def test_organizer_values_that_break_the_scheme_are_refused(tmp_path):
    from expertscore.batch.manifest import OrganizerValueRecord

    builder = example_builder()
    builder.organizer_values.append(
        OrganizerValueRecord(target="grade:*:L2", value="50", set_by="x")
    )
    with pytest.raises(PackageError) as info:
        builder.write(tmp_path / "bad.esbatch")
    assert str(info.value).endswith(
        "organizer_values: organizer-set values: grade L2: thresholds must rise: 50% follows 60%"
    )
    assert not (tmp_path / "bad.esbatch").exists()
    path = tmp_path / "bad2.esbatch"
    example_builder().write(path)
    from tests.factories import edit_manifest

    bad = edit_manifest(
        path,
        tmp_path / "bad3.esbatch",
        lambda m: m.__setitem__(
            "organizer_values", [{"target": "grade:*:L2", "value": "50", "set_by": "x"}]
        ),
    )
    with pytest.raises(PackageError) as refused:
        open_package(bad)
    assert str(refused.value) == (
        f"{bad}: manifest.json organizer_values: organizer-set values: grade L2:"
        " thresholds must rise: 50% follows 60%"
    )


def test_packages_are_readable_by_others(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        path = tmp_path / "shared.esbatch"
        example_builder().write(path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
