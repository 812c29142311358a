"""`expertscore demo --encrypted`: a confidential round end to end, from the command line.

What a finder of the output folder's files (without the keys) sees is checked by the
files' first bytes: the package, the result files and the panel file are ``age`` files,
the sessions SQLCipher ones. The chair's outputs are then opened with the keys the demo
wrote and re-checked as the authority would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from expertscore.batch.package import PackageEncrypted, open_package
from expertscore.chair.panel_file import PanelRefused, read_panel_file, recheck_panel_file
from expertscore.crypto import sealed
from expertscore.demo.flow import demo_chair_key
from expertscore.demo.sealed_round import read_identity_file
from expertscore.storage import cipher
from expertscore.storage.db import SQLITE_MAGIC
from expertscore.storage.session import SessionFile

SEED = 3


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("encrypted-demo") / "d"
    env = {**os.environ, "EXPERTSCORE_DATA_DIR": str(out.parent / "data")}
    env.pop("DISPLAY", None)
    result = subprocess.run(
        [
            *(sys.executable, "-m", "expertscore", "--lang", "en", "demo", "--encrypted"),
            *("--headless", "--submissions", "3", "--experts", "3", "--seed", str(SEED)),
            *("--out", str(out)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return out, result.stdout


def test_every_file_that_travels_is_encrypted(demo):
    out, stdout = demo
    assert "• organizer: the package is encrypted to the roster and the chair" in stdout
    passphrase_file = out / "keys" / "session-passphrase.txt"
    assert f"session passphrase     {passphrase_file}" in stdout
    assert (
        f"open it with `expertscore --passphrase-file {passphrase_file} gui"
        f" {out / 'experts' / 'E01.esession'} --expert E01`" in stdout
    )
    results = sorted((out / "experts").glob("*.esresult"))
    assert len(results) == 3
    for path in [out / "batch.esbatch", out / "panel.espanel", *results]:
        assert path.read_bytes().startswith(sealed.AGE_MAGIC), path
    sessions = sorted((out / "experts").glob("*.esession"))
    assert len(sessions) == 3
    for session in sessions:
        assert cipher.is_encrypted(session)
        assert not session.read_bytes().startswith(SQLITE_MAGIC)
    assert b"manifest.json" not in (out / "batch.esbatch").read_bytes()
    with pytest.raises(PackageEncrypted):
        open_package(out / "batch.esbatch")  # no key unlocked in this process
    if os.name != "nt":
        assert (out / "keys").stat().st_mode & 0o077 == 0


def test_the_sessions_open_with_the_passphrase_the_demo_wrote(demo):
    out, _stdout = demo
    passphrase = (out / "keys" / "session-passphrase.txt").read_text(encoding="utf-8").strip()
    session = out / "experts" / "E02.esession"
    with pytest.raises(cipher.WrongSessionPassphrase):
        cipher.unlock(session, "not the passphrase")
    cipher.unlock(session, passphrase)
    try:
        with SessionFile(session) as opened:
            assert opened.summary().expert_id == "E02"
    finally:
        cipher.forget(session)


def test_the_chairs_outputs_were_written_and_verify_with_the_authoritys_key(demo):
    out, _stdout = demo
    for name in ("results.xlsx", "report.pdf", "sheet-E01.pdf"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "report.pdf").read_bytes().startswith(b"%PDF")
    panel = out / "panel.espanel"
    sealed.unlock(read_identity_file(out / "keys" / "chair.agekey"), "CHAIR")
    package = open_package(out / "batch.esbatch")  # the chair's key opens the package
    with pytest.raises(PanelRefused, match="not to the key of CHAIR"):
        read_panel_file(panel)  # encrypted to the authority, not to the chair
    sealed.unlock(read_identity_file(out / "keys" / "authority.agekey"), "AUTHORITY")
    payload, signer = read_panel_file(panel)
    assert signer == demo_chair_key(SEED).info.fingerprint
    assert payload.batch.id == package.manifest.batch.id
    assert recheck_panel_file(panel, package, out / "merge" / "results") == []
