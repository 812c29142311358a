"""``expertscore print-sheets``, run through click's test runner on the whole command line."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.cli.main import cli
from expertscore.schemes.rules import fmt
from expertscore.storage.importer import create_session
from tests.factories import example_builder

from . import helpers
from .helpers import FINGERPRINT


def print_sheets(*args: str | Path):
    return CliRunner().invoke(cli, ["print-sheets", *(str(a) for a in args)])


def test_blank_sheets_of_a_round(package: Path, tmp_path: Path):
    out = tmp_path / "round.pdf"
    result = print_sheets("--batch", package, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: blank sheets, 3 pages\n"
    assert helpers.page_count(out) == 3
    text = helpers.text(out)
    assert all(f"测试平台{n}" in text for n in (1, 2, 3))


def test_blank_sheets_of_chosen_submissions(package: Path, tmp_path: Path):
    out = tmp_path / "two.pdf"
    result = print_sheets(
        "--batch", package, "--submission", "S001", "--submission", "S003", "--out", out
    )
    assert result.exit_code == 0, result.output
    text = helpers.text(out)
    assert "测试平台1" in text and "测试平台3" in text and "测试平台2" not in text


def test_filled_sheets_carry_the_result_files_digest(session_path: Path, tmp_path: Path):
    result_file = tmp_path / "E02.esresult"
    result_file.write_bytes(b'{"format": "a result file, as far as this test cares"}')
    digest = hashlib.sha256(result_file.read_bytes()).hexdigest()
    out = tmp_path / "filled.pdf"
    result = print_sheets(
        "--session", session_path, "--result", result_file,
        "--fingerprint", FINGERPRINT.upper(), "--submission", "S002", "--out", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: filled sheets, 1 page; result SHA-256 {digest}\n"
    text = helpers.text(out)
    assert digest in text and f"专家密钥指纹：{FINGERPRINT}" in text
    total = fmt(helpers.rollups(session_path)["S002"].total)
    assert total == "82.5" and re.search(rf"总分\s+{total}\n", text)


def test_filled_sheets_before_submission(session_path: Path, tmp_path: Path):
    out = tmp_path / "filled.pdf"
    result = print_sheets("--session", session_path, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: filled sheets, 3 pages; not yet submitted\n"
    # in the QR code's place and as the digest, on each submission's sheet
    assert helpers.drawn_text(out).count("未提交/notyetsubmitted") == 6


def test_fingerprint_defaults_to_the_key_pinned_on_the_roster(tmp_path: Path):
    raw = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    builder = example_builder(submissions=1)
    pinned = builder.roster[0].model_copy(update={"public_key": base64.b64encode(raw).decode()})
    builder.roster = [pinned, *builder.roster[1:]]
    package = tmp_path / "batch.esbatch"
    builder.write(package)
    session = create_session(package, "E01", tmp_path / "e01.esession")
    out = tmp_path / "filled.pdf"
    assert print_sheets("--session", session, "--out", out).exit_code == 0
    expected = hashlib.sha256(raw).hexdigest()[:16]
    groups = "-".join(expected[i : i + 4] for i in range(0, 16, 4))
    assert f"专家密钥指纹：{groups}" in helpers.text(out)


def test_blank_sheets_of_a_session(session_path: Path, tmp_path: Path):
    out = tmp_path / "paper.pdf"
    result = print_sheets("--session", session_path, "--blank", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{out}: blank sheets, 2 pages\n"  # S001 is recused


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "error: give either --batch PACKAGE (blank sheets) or --session SESSION"),
        (["--batch", "{package}", "--session", "{session}"], "error: give either --batch"),
        (["--batch", "{package}", "--result", "r"], "error: --result, --fingerprint and --blank"),
        (["--session", "{session}", "--blank", "--fingerprint", FINGERPRINT], "error: --blank"),
        (["--session", "{session}", "--fingerprint", "xyz"], "error: 'xyz' is not a key"),
        (["--session", "{session}", "--submission", "S404"], "error: submission S404 is not"),
        (["--session", "{session}", "--result", "{missing}"], "error: {missing}: cannot read"),
        (["--session", "{missing}"], "error: {missing}: no such session file"),
        (["--batch", "{missing}"], "error: {missing}: no such file"),
    ],
)
def test_errors_are_one_line(args, message, package, session_path, tmp_path: Path):
    places = {"package": package, "session": session_path, "missing": tmp_path / "missing"}
    out = tmp_path / "out.pdf"
    result = print_sheets(*(a.format(**places) for a in args), "--out", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message.format(**places))
    assert result.stderr.count("\n") == 1
    assert not out.exists()
