"""Decryption identities in key files and recipients on key cards (key/3, keycard/3)."""

from __future__ import annotations

import json

import pytest

from expertscore.crypto.sealed import recipient_of
from expertscore.identity.keycard import KeyCardError, NoRecipient, make_card, read_card, write_card
from expertscore.identity.keys import (
    KeyFileError,
    add_recipient,
    create_key,
    open_key,
    read_key_info,
)
from tests.identity.old_keys import FAST, reseal_as_key_2

PASSPHRASE = "passphrase-1"


def test_a_new_key_holds_an_identity_its_card_names(private_data_dir, tmp_path):
    key = create_key("E02", "王建国", PASSPHRASE, cost=FAST)
    opened = open_key("E02", PASSPHRASE)
    assert opened.age_identity.startswith("AGE-SECRET-KEY-1")
    assert recipient_of(opened.age_identity) == opened.info.recipient == key.info.recipient
    assert opened.info.recipient.startswith("age1")
    assert opened.age_identity not in key.info.path.read_text(encoding="utf-8")
    card = read_card(write_card(make_card(opened), tmp_path / "E02.eskeycard"))
    assert card.require_recipient() == key.info.recipient


def test_a_swapped_recipient_breaks_the_card_and_the_key_file(private_data_dir, tmp_path):
    key = create_key("E02", "王建国", PASSPHRASE, cost=FAST)
    other = recipient_of(create_key("E03", "他人", PASSPHRASE, cost=FAST).age_identity)
    path = write_card(make_card(key), tmp_path / "E02.eskeycard")
    record = json.loads(path.read_text(encoding="utf-8"))
    record["recipient"] = other
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(KeyCardError, match="does not verify"):
        read_card(path)
    record = json.loads(key.info.path.read_text(encoding="utf-8"))
    record["recipient"] = other
    key.info.path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(KeyFileError, match="the encrypted key or its owner was changed"):
        open_key("E02", PASSPHRASE)


def test_an_older_key_signs_gives_a_card_without_recipient_and_can_gain_one(
    private_data_dir, tmp_path
):
    key = create_key("E02", "王建国", PASSPHRASE, cost=FAST)
    reseal_as_key_2(key, key.info.path, PASSPHRASE)
    old = open_key("E02", PASSPHRASE)
    assert (old.age_identity, old.info.recipient) == (None, None)
    card_path = write_card(make_card(old), tmp_path / "old.eskeycard")
    assert json.loads(card_path.read_text(encoding="utf-8"))["format"] == "expertscore-keycard/2"
    card = read_card(card_path)
    assert card.recipient is None
    with pytest.raises(
        NoRecipient, match=r"has no encryption recipient.*add-recipient --expert E02"
    ):
        card.require_recipient()
    upgraded = add_recipient(key.info.path, PASSPHRASE, FAST)
    assert upgraded.info.public_key == key.info.public_key
    info = read_key_info(key.info.path)
    assert info.recipient == upgraded.info.recipient == recipient_of(upgraded.age_identity)
    assert open_key("E02", PASSPHRASE).age_identity == upgraded.age_identity
    assert add_recipient(key.info.path, PASSPHRASE, FAST).age_identity == upgraded.age_identity
