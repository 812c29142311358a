"""Key files: made on first use, encrypted at rest, refused when wrong or damaged."""

from __future__ import annotations

import base64
import json
import stat
import unicodedata
from pathlib import Path

import pytest

from expertscore.crypto.dsse import verify
from expertscore.identity.keys import (
    DEFAULT_COST,
    KeyFileError,
    ScryptCost,
    UnknownKeyRole,
    WrongPassphrase,
    create_key,
    data_dir,
    find_key,
    key_path,
    keys_dir,
    list_keys,
    open_key,
    read_key_info,
    unlock_key,
)
from tests.identity.old_keys import resealed

FAST = ScryptCost(n=2**10)
PASSPHRASE = "山河无恙 2025"


def make(expert: str = "E02", passphrase: str = PASSPHRASE, **kwargs):
    return create_key(expert, "王建国", passphrase, "东北大学", cost=FAST, **kwargs)


def edit_key_file(path: Path, edit) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    edit(record)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")


def test_data_dir_follows_the_environment(private_data_dir):
    assert data_dir() == private_data_dir
    assert keys_dir() == private_data_dir / "keys"


def test_new_key_is_stored_encrypted_and_owner_only(private_data_dir):
    key = make()
    path = private_data_dir / "keys" / "E02.eskey"
    assert key.info.path == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["format"] == "expertscore-key/3"
    assert record["recipient"] == key.info.recipient
    assert record["role"] == "expert"
    assert (record["expert"], record["name"], record["organization"]) == (
        "E02",
        "王建国",
        "东北大学",
    )
    assert record["public_key"] == key.info.public_key
    assert record["fingerprint"] == key.info.fingerprint
    assert record["kdf"]["name"] == "scrypt" and record["cipher"]["name"] == "aes-256-gcm"
    # signing key + the age identity (74 characters) + GCM tag
    assert len(base64.b64decode(record["cipher"]["ciphertext"])) == 32 + 74 + 16
    raw_private = key.private_key.private_bytes_raw()
    assert raw_private not in path.read_bytes()
    assert base64.b64encode(raw_private) not in path.read_bytes()


def test_default_kdf_is_memory_hard(tmp_path):
    assert DEFAULT_COST.memory >= 32 << 20
    key = create_key("E01", "李娜", "a long passphrase", directory=tmp_path)
    record = json.loads(key.info.path.read_text(encoding="utf-8"))
    assert 128 * record["kdf"]["n"] * record["kdf"]["r"] >= 32 << 20
    assert unlock_key(key.info.path, "a long passphrase").info.fingerprint == key.info.fingerprint


def test_unlocked_key_signs_what_the_public_key_verifies():
    made = make()
    opened = open_key("E02", PASSPHRASE)
    assert opened.info.public_key == made.info.public_key
    signature = opened.sign("application/x-test", b"score 7.5")
    verify(made.info.public_key, "application/x-test", b"score 7.5", signature)


def test_passphrase_is_compared_in_one_unicode_form():
    make(passphrase="Café-评审-2025")
    decomposed = unicodedata.normalize("NFD", "Café-评审-2025")
    assert decomposed != "Café-评审-2025"
    assert open_key("E02", decomposed).info.expert_id == "E02"


def test_wrong_passphrase_is_named_as_such():
    make()
    with pytest.raises(WrongPassphrase, match=r"E02\.eskey: wrong passphrase for the key of E02"):
        open_key("E02", "not the passphrase")


def test_short_passphrase_is_refused(private_data_dir):
    with pytest.raises(WrongPassphrase, match="at least 8 characters"):
        make(passphrase="1234567")
    assert not key_path("E02").exists()


def test_an_existing_key_is_never_replaced():
    first = make()
    with pytest.raises(
        KeyFileError, match=f"already has a key \\(fingerprint {first.info.fingerprint}\\)"
    ):
        make()
    assert open_key("E02", PASSPHRASE).info.public_key == first.info.public_key


def test_missing_key_says_how_to_make_one():
    with pytest.raises(
        KeyFileError, match=r"no key for E05 in .*; make one with `expertscore key new --expert E05"
    ):
        open_key("E05", PASSPHRASE)


@pytest.mark.parametrize("bad_id", ["", "-E1", "E 1", "张三", "E1/../x"])
def test_ids_follow_the_roster_pattern(bad_id):
    with pytest.raises(KeyFileError, match="is not a valid id"):
        make(expert=bad_id)


def test_a_name_must_be_one_line():
    with pytest.raises(KeyFileError, match="one line"):
        create_key("E02", "王建国\nE01", PASSPHRASE, cost=FAST)


def _flip_ciphertext(record):
    raw = bytearray(base64.b64decode(record["cipher"]["ciphertext"]))
    raw[5] ^= 0x01
    record["cipher"]["ciphertext"] = base64.b64encode(bytes(raw)).decode()


def _other_public_key(record):
    other = create_key("E09", "他人", PASSPHRASE, cost=FAST)
    record["public_key"] = other.info.public_key
    record["fingerprint"] = other.info.fingerprint


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_flip_ciphertext, r"damaged key file \(the encrypted key or its owner was changed\)"),
        (lambda r: r.update(expert="E01"), r"damaged key file \(the encrypted key or its owner"),
        (_other_public_key, r"damaged key file \(the encrypted key or its owner was changed\)"),
        (lambda r: r.update(fingerprint="0000-0000-0000-0000"), "public key and fingerprint"),
        (lambda r: r["cipher"].update(nonce="@@@"), "'nonce' is not base64"),
        (lambda r: r["kdf"].update(n=3), "impossible scrypt parameters"),
        (lambda r: r["kdf"].update(n=2**24, r=8), "asks for 16384 MiB; refused"),
        (lambda r: r.pop("kdf"), "field 'kdf' is missing"),
        (lambda r: r.update(format="expertscore-key/9"), "made by a newer ExpertScore"),
        (
            lambda r: r.update(role="organizer"),
            r"damaged key file \(the encrypted key or its owner",
        ),
        (lambda r: r.update(role="admin"), "unknown role 'admin'"),
        (lambda r: r.update(format="something-else"), "not an ExpertScore key file"),
    ],
)
def test_damaged_key_files_are_refused_with_the_reason(edit, message):
    made = make()
    edit_key_file(made.info.path, edit)
    with pytest.raises(KeyFileError, match=message):
        open_key("E02", PASSPHRASE)


def test_truncated_key_file_is_refused():
    made = make()
    data = made.info.path.read_bytes()
    made.info.path.write_bytes(data[: len(data) // 2])
    with pytest.raises(KeyFileError, match=r"damaged key file \(not valid JSON\)"):
        open_key("E02", PASSPHRASE)


def test_listing_shows_keys_and_reports_unreadable_files():
    make("E01")
    make("E02")
    (keys_dir() / "E03.eskey").write_text("garbage", encoding="utf-8")
    listing = list_keys()
    assert [k.expert_id for k in listing.keys] == ["E01", "E02"]
    assert len(listing.problems) == 1 and "E03.eskey: damaged key file" in listing.problems[0]
    assert read_key_info(key_path("E01")).name == "王建国"


def test_find_key_tells_whether_one_must_be_made_first():
    assert find_key("E02") is None
    made = make()
    found = find_key("E02")
    assert found is not None and found.fingerprint == made.info.fingerprint


def test_a_key_has_a_role_bound_to_it():
    made = create_key("ORG1", "辽宁省工业和信息化厅", PASSPHRASE, cost=FAST, role="organizer")
    assert made.info.role == "organizer"
    assert open_key("ORG1", PASSPHRASE).info.role == "organizer"
    assert [k.role for k in list_keys().keys] == ["organizer"]
    with pytest.raises(UnknownKeyRole, match="'admin' is not a key role") as refused:
        create_key("ORG2", "某人", PASSPHRASE, cost=FAST, role="admin")
    assert refused.value.role == "admin"


def test_a_key_file_made_before_roles_opens_as_an_experts_key():
    made = make()
    path = made.info.path
    sealed_1 = key_file_bytes_1(made, path)
    path.write_bytes(sealed_1)
    opened = open_key("E02", PASSPHRASE)
    assert opened.info.role == "expert"
    assert opened.info.public_key == made.info.public_key


def key_file_bytes_1(key, path):
    """The key re-sealed as ``expertscore-key/1`` wrote it: no role, the old associated data."""
    opened = open_key(key.info.expert_id, PASSPHRASE)
    associated = f"expertscore-key/1 {key.info.expert_id} {key.info.public_key}".encode()
    drop = ("role", "recipient")
    return resealed(path, opened.private_key, PASSPHRASE, "expertscore-key/1", associated, drop)
