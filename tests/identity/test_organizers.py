"""The organizer's key is remembered per batch and organizer on first import; another is refused."""

from __future__ import annotations

import hashlib
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.crypto.dsse import fingerprint, public_key_b64
from expertscore.identity.organizers import KNOWN_NAME, KnownOrganizers, OrganizerKeyChanged
from expertscore.storage.importer import create_session
from tests.factories import example_builder

EXE = Path(sys.executable).with_name("expertscore")


def organizer(label: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label.encode()).digest())


def package(path: Path, key: Ed25519PrivateKey | None) -> Path:
    example_builder(submissions=2).write(path, signer=None if key is None else (key, "测试组织方"))
    return path


def create(batch: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(EXE),
            "session",
            "create",
            "--batch",
            str(batch),
            "--expert",
            "E01",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_session_create_names_the_signer_and_remembers_the_key(tmp_path, private_data_dir):
    key = organizer("real")
    done = create(package(tmp_path / "b.esbatch", key), tmp_path / "a.esession")
    assert done.returncode == 0, done.stderr
    fp = fingerprint(public_key_b64(key.public_key()))
    assert done.stdout.splitlines()[0] == (
        f"package: batch TEST-1, signed by 测试组织方 (key {fp})"
    )
    store = private_data_dir / KNOWN_NAME
    record = json.loads(store.read_text(encoding="utf-8"))
    assert record["format"] == "expertscore-known-organizers/1"
    assert [(e["batch"], e["organizer"], e["public_key"]) for e in record["organizers"]] == [
        ("TEST-1", "测试组织方", public_key_b64(key.public_key()))
    ]
    assert stat.S_IMODE(store.stat().st_mode) == 0o600


def test_another_key_for_the_same_batch_and_organizer_is_refused(tmp_path):
    first = create(package(tmp_path / "b.esbatch", organizer("real")), tmp_path / "a.esession")
    assert first.returncode == 0, first.stderr
    done = create(package(tmp_path / "c.esbatch", organizer("impostor")), tmp_path / "b.esession")
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    real = fingerprint(public_key_b64(organizer("real").public_key()))
    fake = fingerprint(public_key_b64(organizer("impostor").public_key()))
    assert f"was signed by key {real} when first opened here" in lines[0]
    assert f"this package is signed by key {fake}" in lines[0]
    assert not (tmp_path / "b.esession").exists()


def test_an_unsigned_package_gets_a_one_line_warning_and_is_not_remembered(
    tmp_path, private_data_dir
):
    done = create(package(tmp_path / "u.esbatch", None), tmp_path / "u.esession")
    assert done.returncode == 0
    assert done.stderr.strip().splitlines() == [
        f"warning: {tmp_path / 'u.esbatch'} is not signed: nothing shows that 测试组织方"
        " prepared it"
    ]
    assert not (private_data_dir / KNOWN_NAME).exists()


def test_an_unsigned_copy_of_a_known_batch_is_refused(tmp_path):
    known = KnownOrganizers.load()
    create_session(
        package(tmp_path / "b.esbatch", organizer("real")),
        "E01",
        tmp_path / "a.esession",
        known=known,
    )
    with pytest.raises(OrganizerKeyChanged) as info:
        create_session(
            package(tmp_path / "u.esbatch", None),
            "E01",
            tmp_path / "u.esession",
            known=KnownOrganizers.load(),
        )
    assert info.value.fingerprint is None
    assert info.value.batch_id == "TEST-1"
