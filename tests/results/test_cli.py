"""``expertscore key``, ``submit``, ``unlock``, ``verify``, ``transcribe`` and ``simulate``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from expertscore.scoring.service import ScoringService
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.results.helpers import score_everything

EXE = Path(sys.executable).with_name("expertscore")
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def env(private_data_dir: Path) -> dict[str, str]:
    return {**os.environ, "EXPERTSCORE_DATA_DIR": str(private_data_dir)}


def run(env: dict[str, str], *args: str, passphrase: str | None = PASSPHRASE, cwd=None):
    environment = dict(env)
    if passphrase is not None:
        environment["EXPERTSCORE_PASSPHRASE"] = passphrase
    return subprocess.run(
        [str(EXE), *map(str, args)], capture_output=True, text=True, env=environment, cwd=cwd
    )


def make_key(env, expert: str, name: str, role: str = "expert") -> str:
    done = run(
        env, "key", "new", "--expert", expert, "--name", name, "--organization", "某大学",
        "--role", role,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.split("fingerprint ")[1].split()[0]


def test_key_new_show_and_export_card(env, private_data_dir, tmp_path):
    fingerprint = make_key(env, "E02", "王建国")
    assert (private_data_dir / "keys" / "E02.eskey").is_file()
    shown = run(env, "key", "show", passphrase=None)
    assert shown.returncode == 0
    assert f"E02  王建国 (某大学)  fingerprint {fingerprint}" in shown.stdout
    card = tmp_path / "E02.eskeycard"
    exported = run(env, "key", "export-card", "--expert", "E02", "--out", card)
    assert exported.returncode == 0, exported.stderr
    assert f"key card of E02 王建国, fingerprint {fingerprint}" in exported.stdout
    again = run(env, "key", "new", "--expert", "E02", "--name", "王建国")
    assert again.returncode == 2
    assert "already has a key" in again.stderr


def test_wrong_passphrase_and_missing_key_are_errors(env):
    make_key(env, "E02", "王建国")
    wrong = run(env, "key", "export-card", "--expert", "E02", passphrase="not my passphrase")
    assert wrong.returncode == 2
    assert (
        wrong.stderr.startswith("error: ") and "wrong passphrase for the key of E02" in wrong.stderr
    )
    missing = run(env, "key", "show", "--expert", "E07")
    assert missing.returncode != 0 and "no key for E07" in missing.stderr


def test_passphrase_from_a_prompt_when_no_variable(env, tmp_path):
    done = subprocess.run(
        [str(EXE), "key", "new", "--expert", "E03", "--name", "李娜"],
        input=f"{PASSPHRASE}\n{PASSPHRASE}\n",
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "new key for E03 李娜" in done.stdout


def test_submit_unlock_and_resubmit(env, package, tmp_path):
    make_key(env, "E02", "专家2")
    session = create_session(package, "E02", tmp_path / "e02.esession")
    out = tmp_path / "E02.esresult"
    early = run(env, "submit", "--session", session, "--out", out)
    assert early.returncode == 2
    assert (
        "error: cannot submit: 10 indicators are not scored yet: S002 1.1 资产负债率"
        in early.stderr
    )
    with SessionFile(session) as opened:
        score_everything(ScoringService(opened))
    done = run(env, "submit", "--session", session, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "result 1 of E02 for batch TEST-1" in done.stdout
    twice = run(env, "submit", "--session", session, "--out", out)
    assert twice.returncode == 2 and "already submitted as result 1" in twice.stderr
    unlocked = run(env, "unlock", "--session", session, "--reason", "复核后调整")
    assert unlocked.returncode == 0, unlocked.stderr
    second = run(env, "submit", "--session", session, "--out", out)
    assert second.returncode == 0 and "result 2 of E02" in second.stdout
    verified = run(env, "verify", out, "--batch", package)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "verdict:     VALID" in verified.stdout
    assert "sequence:    2 (replaces result 1)" in verified.stdout
    assert "(matches your key on this computer of E02)" in verified.stdout


def test_simulate_then_verify_and_refuse(env, package, tmp_path):
    out = tmp_path / "sim"
    done = run(env, "simulate", "--batch", package, "--experts", "2", "--seed", "7", "--out", out)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip().splitlines()) == 2
    assert sorted(p.name for p in out.glob("E0*.es*")) == [
        "E01.esession",
        "E01.eskeycard",
        "E01.esresult",
        "E02.esession",
        "E02.eskeycard",
        "E02.esresult",
    ]
    ok = run(env, "verify", out / "E01.esresult", "--batch", package, "--keycard", out)
    assert ok.returncode == 0, ok.stdout
    for label in (
        "verdict:     VALID",
        "expert:      E01 专家1",
        "key:         ",
        "batch:       TEST-1",
    ):
        assert label in ok.stdout
    assert "sequence:    1" in ok.stdout and "counts:      3 submissions" in ok.stdout
    unknown = run(env, "verify", out / "E01.esresult", "--batch", package)
    assert unknown.returncode == 1
    assert "verdict:     REFUSED: unknown key" in unknown.stdout
    assert "claims:      expert E01 专家1, batch TEST-1, sequence 1, key " in unknown.stdout
    data = bytearray((out / "E01.esresult").read_bytes())
    data[300] ^= 0x01
    (tmp_path / "changed.esresult").write_bytes(bytes(data))
    changed = run(env, "verify", tmp_path / "changed.esresult")
    assert changed.returncode == 1
    assert "verdict:     REFUSED: " in changed.stdout
    truncated = tmp_path / "cut.esresult"
    truncated.write_bytes((out / "E01.esresult").read_bytes()[:500])
    cut = run(env, "verify", truncated)
    assert cut.returncode == 1 and "the file is truncated" in cut.stdout


def test_transcribe_then_submit_with_the_chairs_key(env, package, tmp_path):
    make_key(env, "CHAIR", "组长王", "chair")
    session = tmp_path / "e01.esession"
    sheet = "纸质评分表 2025-06-03"
    made = run(
        env,
        "transcribe",
        "--batch",
        package,
        "--expert",
        "E01",
        "--chair",
        "CHAIR",
        "--sheet",
        sheet,
        "--out",
        session,
        passphrase=None,
    )
    assert made.returncode == 0, made.stderr
    assert "transcribed by CHAIR 组长王 from a paper sheet" in made.stdout
    with SessionFile(session) as opened:
        score_everything(ScoringService(opened))
    out = tmp_path / "E01.esresult"
    done = run(env, "submit", "--session", session, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "transcribed by CHAIR" in done.stdout
    verified = run(env, "verify", out, "--batch", package)
    assert verified.returncode == 0, verified.stdout
    assert f"transcribed: by CHAIR 组长王 from a paper sheet ({sheet})" in verified.stdout


def test_session_status_says_unlocked_and_not_resubmitted(env, package, tmp_path):
    make_key(env, "E02", "专家2")
    session = create_session(package, "E02", tmp_path / "e02.esession")
    fresh = run(env, "session", "status", "--session", session)
    assert fresh.returncode == 0, fresh.stderr
    assert "state:       not submitted yet" in fresh.stdout
    assert "submissions: 3 assigned (not started 2, recused 1)" in fresh.stdout
    with SessionFile(session) as opened:
        score_everything(ScoringService(opened))
    assert (
        run(env, "submit", "--session", session, "--out", tmp_path / "r.esresult").returncode == 0
    )
    locked = run(env, "session", "status", "--session", session)
    assert "state:       submitted as result 1 on " in locked.stdout
    assert locked.stdout.rstrip().endswith(", locked")
    run(env, "unlock", "--session", session, "--reason", "复核后调整")
    unlocked = run(env, "session", "status", "--session", session)
    with SessionFile(session) as opened:
        record = ScoringService(opened).unlocked_since()
    assert record is not None and record.sequence == 1
    assert (
        f"state:       unlocked since {record.unlocked_at}, not resubmitted (the chair has"
        f" result 1 of {record.submitted_at}; reason: 复核后调整)"
    ) in unlocked.stdout
    assert (
        run(env, "submit", "--session", session, "--out", tmp_path / "r2.esresult").returncode == 0
    )
    again = run(env, "session", "status", "--session", session)
    assert "state:       submitted as result 2 on " in again.stdout
