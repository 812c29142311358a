"""Key cards: the public key for the chair's roster, with a self-signature that must hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from expertscore.identity.keycard import (
    KEYCARD_PAYLOAD,
    KeyCardError,
    make_card,
    read_card,
    read_cards,
    statement,
    write_card,
)
from expertscore.identity.keys import ScryptCost, create_key

FAST = ScryptCost(n=2**10)


@pytest.fixture
def key():
    return create_key("E02", "王建国", "passphrase-1", "东北大学", cost=FAST)


def rewrite(path: Path, edit) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    edit(record)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2), encoding="utf-8")


def test_card_round_trip(key, tmp_path):
    path = write_card(make_card(key, "2025-06-01T10:00:00+08:00"), tmp_path / "E02.eskeycard")
    card = read_card(path)
    assert (card.expert_id, card.name, card.organization) == ("E02", "王建国", "东北大学")
    assert card.public_key == key.info.public_key
    assert card.fingerprint == key.info.fingerprint
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["format"] == "expertscore-keycard/3"
    assert card.recipient == key.info.recipient
    assert record["role"] == card.role == "expert"
    assert record["fingerprint"] == key.info.fingerprint


def test_statement_is_lines_of_the_fields():
    assert (
        statement("E02", "王建国", None, "QUJD", "2025-06-01T10:00:00+08:00")
        == (
            "expertscore-keycard/1\nexpert: E02\nname: 王建国\norganization: \n"
            "public_key: QUJD\ncreated: 2025-06-01T10:00:00+08:00\n"
        ).encode()
    )


def _swap_key(record):
    other = create_key("E03", "他人", "passphrase-2", cost=FAST)
    record["public_key"] = other.info.public_key
    record["fingerprint"] = other.info.fingerprint


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r.update(name="李四"), "key card does not verify"),
        (lambda r: r.update(expert="E01"), "key card does not verify"),
        (_swap_key, "key card does not verify"),
        (lambda r: r.update(fingerprint="0000-0000-0000-0000"), "fingerprint does not match"),
        (lambda r: r.update(extra=1), "damaged key card"),
        (lambda r: r.update(format="expertscore-keycard/9"), "made by a newer ExpertScore"),
    ],
)
def test_altered_cards_are_refused(key, tmp_path, edit, message):
    path = write_card(make_card(key), tmp_path / "E02.eskeycard")
    rewrite(path, edit)
    with pytest.raises(KeyCardError, match=message):
        read_card(path)


def test_a_folder_of_cards_is_read(key, tmp_path):
    other = create_key("E03", "李娜", "passphrase-3", cost=FAST)
    write_card(make_card(key), tmp_path / "cards" / "E02.eskeycard")
    write_card(make_card(other), tmp_path / "cards" / "E03.eskeycard")
    (tmp_path / "cards" / "notes.txt").write_text("not a card", encoding="utf-8")
    cards = read_cards([tmp_path / "cards"])
    assert [c.expert_id for c in cards] == ["E02", "E03"]


def test_not_a_card(tmp_path):
    path = tmp_path / "x.eskeycard"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(KeyCardError, match="not a key card"):
        read_card(path)


def test_the_role_is_signed_with_the_card(tmp_path):
    organizer = create_key(
        "ORG1", "辽宁省工业和信息化厅", "passphrase-1", cost=FAST, role="organizer"
    )
    path = write_card(make_card(organizer), tmp_path / "ORG1.eskeycard")
    assert read_card(path).role == "organizer"
    rewrite(path, lambda record: record.update(role="expert"))
    with pytest.raises(KeyCardError, match="does not verify"):
        read_card(path)
    rewrite(path, lambda record: record.update(role="admin"))
    with pytest.raises(KeyCardError, match="'admin' is not a key role"):
        read_card(path)


def test_a_card_made_before_roles_is_an_experts_card(key, tmp_path):
    when = "2025-06-01T10:00:00+08:00"
    info = key.info
    old = {
        "format": "expertscore-keycard/1",
        "expert": info.expert_id,
        "name": info.name,
        "organization": info.organization,
        "public_key": info.public_key,
        "fingerprint": info.fingerprint,
        "created": when,
        "sig": key.sign(
            KEYCARD_PAYLOAD,
            statement(info.expert_id, info.name, info.organization, info.public_key, when),
        ),
    }
    path = tmp_path / "old.eskeycard"
    path.write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    card = read_card(path)
    assert (card.expert_id, card.role) == ("E02", "expert")
    rewrite(path, lambda record: record.update(role="organizer"))
    with pytest.raises(KeyCardError, match="damaged key card"):
        read_card(path)
