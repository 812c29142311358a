"""Packages encrypted to the panel, through the command line, and cross-checked with ``age``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from expertscore.batch.package import PackageEncrypted, open_package
from expertscore.demo.batch import make_demo_batch
from expertscore.identity.keys import open_key
from expertscore.storage.session import SessionFile
from tests.identity.old_keys import reseal_as_key_2
from tests.organizer.test_prepare_cli import PASSPHRASE, make_cards, run

AGE = shutil.which("age")  # the Debian package `age`, installed by scripts/bootstrap.sh


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    data = str(tmp_path / "data")
    return {**os.environ, "EXPERTSCORE_DATA_DIR": data, "EXPERTSCORE_PASSPHRASE": PASSPHRASE}


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stderr
    return result


def prepare(env, tmp_path: Path, cards: list[Path], *extra: str) -> subprocess.CompletedProcess:
    source = tmp_path / "authority.esbatch"
    if not source.exists():
        make_demo_batch("qingdao-maturity", submissions=3, experts=3, seed=4, out=source)
    roster = tmp_path / "roster.json"
    roster.unlink(missing_ok=True)
    for card in cards:
        assert run(env, "roster", "add", str(card), "--roster", str(roster)).returncode == 0
    return run(
        env,
        *("batch", "prepare", "--from", str(source), "--roster", str(roster)),
        *("--experts-per-submission", "3", "--out", str(tmp_path / "round.esbatch")),
        *extra,
    )


@pytest.fixture
def sealed_round(env, tmp_path):
    """A round encrypted to X01–X03, the organizer ORG and the chair CH."""
    cards = make_cards(env, tmp_path, 3)
    ok(run(env, "key", "new", "--expert", "ORG", "--name", "组织方", "--role", "organizer"))
    ok(run(env, "key", "new", "--expert", "CH", "--name", "组长", "--role", "chair"))
    chair_card = tmp_path / "CH.eskeycard"
    ok(run(env, "key", "export-card", "--expert", "CH", "--out", str(chair_card)))
    result = prepare(
        env, tmp_path, cards, "--sign-as", "ORG", "--encrypt", "--encrypt-to", str(chair_card)
    )
    assert result.returncode == 0, result.stderr
    assert "encrypted to 5 keys" in result.stdout
    return tmp_path / "round.esbatch"


def test_an_encrypted_round_opens_only_with_a_panel_key(env, tmp_path, sealed_round):
    data = sealed_round.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n")
    assert b"manifest.json" not in data and "青岛".encode() not in data
    with pytest.raises(PackageEncrypted):
        open_package(sealed_round)

    no_key = run(env, "batch", "inspect", str(sealed_round))
    assert no_key.returncode == 2
    assert no_key.stderr.strip().splitlines() == [
        f"error: {sealed_round}: the package is encrypted; open it with a key it was encrypted to"
        " (--key ID)"
    ]
    for owner in ("X01", "CH", "ORG"):
        shown = run(env, "batch", "inspect", str(sealed_round), "--key", owner)
        assert shown.returncode == 0, shown.stderr
        assert (
            f"encryption:   encrypted to the panel (opened with the key of {owner})" in shown.stdout
        )
        assert "signature:    valid, by 组织方" in shown.stdout

    assert run(env, "key", "new", "--expert", "Z99", "--name", "局外人").returncode == 0
    stranger = run(env, "batch", "inspect", str(sealed_round), "--key", "Z99")
    assert stranger.returncode == 2
    assert stranger.stderr.strip().splitlines() == [
        f"error: {sealed_round}: the file is encrypted, and not to the key of Z99"
    ]
    absent = run(env, "batch", "inspect", str(sealed_round), "--key", "NOBODY")
    assert absent.returncode == 2 and "no key for NOBODY" in absent.stderr

    session = tmp_path / "x02.esession"
    made = run(
        env,
        "session",
        "create",
        "--batch",
        str(sealed_round),
        "--expert",
        "X02",
        "--out",
        str(session),
    )
    assert made.returncode == 0, made.stderr
    assert "encryption: encrypted to the panel (opened with the key of X02)" in made.stdout
    with SessionFile(session) as opened:
        assert opened.summary().expert_id == "X02"
    assert list((tmp_path / "data" / "decrypting").rglob("*.zip")) == []  # the clear copy is gone


def test_a_tampered_encrypted_package_is_refused_and_nothing_is_made(env, tmp_path, sealed_round):
    data = bytearray(sealed_round.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "tampered.esbatch"
    tampered.write_bytes(bytes(data))
    session = tmp_path / "x01.esession"
    result = run(
        env, "session", "create", "--batch", str(tampered), "--expert", "X01", "--out", str(session)
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {tampered}: the encrypted file is damaged or was altered (decryption error);"
        " nothing was read"
    ]
    assert not session.exists()
    assert list((tmp_path / "data" / "decrypting").rglob("*.zip")) == []


def test_an_older_card_cannot_receive_an_encrypted_package(env, tmp_path):
    cards = make_cards(env, tmp_path, 3)
    key_file = tmp_path / "data" / "keys" / "X03.eskey"
    reseal_as_key_2(open_key("X03", PASSPHRASE, key_file.parent), key_file, PASSPHRASE)
    exported = run(env, "key", "export-card", "--expert", "X03", "--out", str(cards[2]))
    assert exported.returncode == 0 and "has no encryption recipient" in exported.stderr
    assert json.loads(cards[2].read_text(encoding="utf-8"))["format"] == "expertscore-keycard/2"
    result = prepare(env, tmp_path, cards, "--encrypt")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: roster: the key card of X03 has no encryption recipient (made before"
        " expertscore-keycard/3); ask for a new card: `expertscore key add-recipient --expert"
        " X03`, then `expertscore key export-card`"
    ]
    assert not (tmp_path / "round.esbatch").exists()
    plain = prepare(env, tmp_path, cards)  # the older card still takes a plain round
    assert plain.returncode == 0, plain.stderr
    assert run(env, "key", "add-recipient", "--expert", "X03").returncode == 0
    assert run(env, "key", "export-card", "--expert", "X03", "--out", str(cards[2])).returncode == 0
    again = prepare(env, tmp_path, cards, "--encrypt")
    assert again.returncode == 0, again.stderr


def test_the_age_tool_decrypts_our_package_and_we_decrypt_its_output(env, tmp_path, sealed_round):
    assert AGE is not None, "the `age` tool is installed by scripts/bootstrap.sh"
    identity = tmp_path / "x01.agekey"
    ok(run(env, "key", "export-identity", "--expert", "X01", "--out", str(identity)))
    assert identity.stat().st_mode & 0o077 == 0
    plain = tmp_path / "plain.esbatch"
    subprocess.run(
        [AGE, "-d", "-i", str(identity), "-o", str(plain), str(sealed_round)], check=True
    )
    assert open_package(plain).signature.signer == "组织方"

    recipient = identity.read_text().splitlines()[1].removeprefix("# public key: ")
    theirs = tmp_path / "theirs.esbatch"
    subprocess.run([AGE, "-r", recipient, "-o", str(theirs), str(plain)], check=True)
    shown = run(env, "batch", "inspect", str(theirs), "--key", "X01")
    assert shown.returncode == 0, shown.stderr
    assert "encrypted to the panel (opened with the key of X01)" in shown.stdout
