"""``session create --encrypt`` and the other commands on an encrypted session, each in a
process of its own (as an expert's or a script's), the passphrase from a file, the
environment or typed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from expertscore.demo import make_demo_batch

EXE = Path(sys.executable).with_name("expertscore")
PASSPHRASE = "lost-laptop-safe"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("encrypted-cli") / "demo.esbatch"
    make_demo_batch("liaoning-2025-grading", 2, 2, 5, out, workers=1)
    return out


def run(*args, stdin: str = "", passphrase: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "EXPERTSCORE_SESSION_PASSPHRASE"}
    if passphrase is not None:
        env["EXPERTSCORE_SESSION_PASSPHRASE"] = passphrase
    return subprocess.run(
        [str(EXE), *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_create_encrypted_then_open_from_a_file_the_environment_or_typed(package, tmp_path):
    secret = tmp_path / "phrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    session = tmp_path / "E01.esession"
    created = run(
        "--passphrase-file", secret, "session", "create", "--batch", package,
        "--expert", "E01", "--out", session, "--encrypt", "--index",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert created.stdout.rstrip().endswith("; encrypted")
    assert session.read_bytes()[:16] != b"SQLite format 3\x00"

    by_file = run("--passphrase-file", secret, "session", "status", "--session", session)
    assert by_file.returncode == 0, by_file.stderr
    assert f"session:     {session} (encrypted)" in by_file.stdout
    by_env = run("evidence", "index", "--session", session, passphrase=PASSPHRASE)
    assert by_env.returncode == 0 and "0 files indexed now" in by_env.stdout, by_env.stderr
    typed = run("session", "status", "--session", session, stdin=PASSPHRASE + "\n")
    assert typed.returncode == 0, typed.stderr
    assert "passphrase of the session" in typed.stderr  # asked once, on stderr


def test_a_wrong_passphrase_is_one_line_and_changes_nothing(package, tmp_path):
    session = tmp_path / "E02.esession"
    created = run(
        "session", "create", "--batch", package, "--expert", "E02", "--out", session,
        "--encrypt", stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    wrong = run("session", "status", "--session", session, passphrase="guessing-wrong")
    assert wrong.returncode == 2
    assert (
        wrong.stderr
        == f"error: {session}: wrong passphrase, or not a session file; nothing was changed\n"
    )
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before


def test_a_short_passphrase_makes_no_session(package, tmp_path):
    session = tmp_path / "E01.esession"
    short = run(
        "session", "create", "--batch", package, "--expert", "E01", "--out", session,
        "--encrypt", passphrase="short",
    )  # fmt: skip
    assert short.returncode == 2
    assert "at least 8 characters (5 given)" in short.stderr
    assert not session.exists()
