"""Result and panel files encrypted to the chair / the authority (``age``): verify, merge and
the panel file's readers open them with the right key unlocked and refuse them otherwise;
the standard ``age`` tool decrypts them with the documented recipe."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from expertscore.chair.merge import UNCHANGED
from expertscore.chair.outputs import PANEL_FILE, export_all
from expertscore.chair.panel_file import PanelRefused, read_panel_file
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.run import ChairRun
from expertscore.crypto import sealed
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.results.verify import ResultRefused, check_result, read_result
from tests.chair.chair_case import Case, cli

PASSPHRASE = "chair passphrase 2026"
FAST = ScryptCost(n=2**12)


@pytest.fixture
def case(merged_case: Case) -> Case:
    return merged_case


def sealed_copy(path: Path, recipient: str, out: Path) -> Path:
    out.write_bytes(sealed.seal_bytes(path.read_bytes(), [recipient], out))
    return out


def test_an_encrypted_result_is_read_only_with_the_chairs_key(case, tmp_path):
    chair = create_key("CHAIR", "王组长", PASSPHRASE, cost=FAST, role="chair")
    other = create_key("E99", "他人", PASSPHRASE, cost=FAST)
    plain = case.results[0]
    secret = sealed_copy(plain, chair.info.recipient, tmp_path / plain.name)
    with pytest.raises(ResultRefused) as refused:
        read_result(secret)
    assert isinstance(refused.value.__cause__, sealed.NoKeyUnlocked)
    assert str(refused.value) == (
        f"{secret}: refused: the file is encrypted; unlock a key it was encrypted to (--key ID)"
    )
    sealed.unlock(other.age_identity, "E99")
    with pytest.raises(ResultRefused, match="not to the key of E99"):
        read_result(secret)
    sealed.unlock(chair.age_identity, "CHAIR")
    assert read_result(secret).payload == read_result(plain).payload
    damaged = bytearray(secret.read_bytes())
    damaged[-20] ^= 0x01
    with pytest.raises(ResultRefused) as refused:
        check_result(bytes(damaged), "damaged.esresult")
    assert isinstance(refused.value.__cause__, sealed.SealedDamaged)
    # The merge reads it as the result it already holds.
    run = ChairRun.open(case.package, case.merge)
    [decision] = run.plan([secret])
    assert decision.outcome == UNCHANGED, decision.reason


def test_verify_takes_the_key_on_the_command_line(case, tmp_path):
    env = {"EXPERTSCORE_PASSPHRASE": PASSPHRASE}
    chair = create_key("CHAIR", "王组长", PASSPHRASE, cost=FAST, role="chair")
    secret = sealed_copy(case.results[0], chair.info.recipient, tmp_path / "r.esresult")
    cards = [str(card) for card in case.cards]
    refused = cli("verify", str(secret), "--batch", str(case.package), env=env)
    assert refused.returncode != 0
    assert (
        "the file is encrypted; unlock a key it was encrypted to (--key ID)"
        in refused.stdout + refused.stderr
    )
    shown = cli("--key", "CHAIR", "verify", str(secret), "--batch", str(case.package),
                *[arg for card in cards for arg in ("--keycard", card)], env=env)  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert "verdict:     VALID" in shown.stdout


def test_a_panel_file_encrypted_to_the_authority_and_opened_by_age(case, tmp_path):
    chair = create_key("CHAIR", "王组长", PASSPHRASE, cost=FAST, role="chair")
    authority = create_key("AUTH", "评审处", PASSPHRASE, cost=FAST)
    snap = outcome_of(ChairRun.open(case.package, case.merge))
    written = export_all(snap, tmp_path / "out", chair, recipients=[authority.info.recipient])
    panel = written[PANEL_FILE]
    assert panel.read_bytes().startswith(b"age-encryption.org/v1\n")
    with pytest.raises(PanelRefused, match="the file is encrypted"):
        read_panel_file(panel)
    sealed.unlock(authority.age_identity, "AUTH")
    payload, signer = read_panel_file(panel, chair.info.fingerprint)
    assert signer == chair.info.fingerprint and payload.chair.id == "CHAIR"
    env = {"EXPERTSCORE_PASSPHRASE": PASSPHRASE}
    results = ["--batch", str(case.package), "--results", str(case.merge / "results")]
    checked = cli("--key", "AUTH", "verify", str(panel), *results, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "verdict:     VALID: the re-run gives the same results" in checked.stdout

    age = shutil.which("age")
    assert age is not None, "the `age` tool is installed by scripts/bootstrap.sh"
    identity = tmp_path / "auth.agekey"
    made = cli("key", "export-identity", "--expert", "AUTH", "--out", str(identity),
               env={"EXPERTSCORE_PASSPHRASE": PASSPHRASE})  # fmt: skip
    assert made.returncode == 0, made.stderr
    clear = subprocess.run(
        [age, "-d", "-i", str(identity), str(panel)], capture_output=True, check=True
    )
    assert clear.stdout.startswith(b'{\n  "format": "expertscore-panel/')
