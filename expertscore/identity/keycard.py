"""Key cards (``expertscore-keycard/2``): a person's public key for the chair's roster.

A card names the owner and the public key and carries a self-signature: the owner's key
signs the card's statement, which proves the card was made by whoever holds the private
key (a typo in a copied key cannot pass). The statement is a few lines of text rebuilt from
the card's fields, so a reader never depends on how a JSON writer orders or escapes them:

    expertscore-keycard/2
    expert: E02
    role: expert
    name: 王建国
    organization: 东北大学
    public_key: <base64>
    created: 2025-06-01T10:00:00+08:00

each line ending in a line feed; the signature is by the card's own key (Ed25519, or SM2
with the standard signer id for a key written ``sm2:…``: a card is made before any batch)
over DSSE's ``PAE(type, statement)`` with ``type = KEYCARD_PAYLOAD``. The role (expert,
chair, organizer) is a line of the statement, so it is covered by the signature. Cards of
``expertscore-keycard/1`` (before roles: no role field, no role line) are still read, as
experts' cards.

``expertscore-keycard/3`` adds the owner's encryption recipient (``age1…``, X25519 in the
``age`` format): a field ``recipient`` and a last statement line ``recipient: age1…``, so
the self-signature covers it and nobody can swap in a recipient of their own. Keys made
before ``expertscore-key/3`` give cards of /2, without a recipient: they sign as before,
but nothing can be encrypted to them (``NoRecipient``) until ``expertscore key
add-recipient`` gives the key one and a new card is exported.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from expertscore.crypto.dsse import (
    SignatureError,
    fingerprint,
    key_algorithm,
    load_public_key,
    verify,
)
from expertscore.crypto.sealed import SealedError, check_recipient
from expertscore.errors import ExpertScoreError, WrongAlgorithm, algorithm_reason
from expertscore.identity.keys import (
    EXPERT,
    ROLES,
    ExpertKey,
    KeyFileError,
    check_owner,
    local_now,
)
from expertscore.private import owner_only

CARD_FORMAT = "expertscore-keycard/2"
CARD_FORMAT_1 = "expertscore-keycard/1"  # before roles: read as an expert's card
CARD_FORMAT_3 = "expertscore-keycard/3"  # with the encryption recipient
KEYCARD_PAYLOAD = "application/vnd.expertscore.keycard"
CARD_SUFFIX = ".eskeycard"
MAX_CARD = 16 << 10
FIELDS_1 = (
    "format",
    "expert",
    "name",
    "organization",
    "public_key",
    "fingerprint",
    "created",
    "sig",
)
FIELDS = (*FIELDS_1, "role")
FIELDS_3 = (*FIELDS, "recipient")
FORMAT_FIELDS = {CARD_FORMAT_1: FIELDS_1, CARD_FORMAT: FIELDS, CARD_FORMAT_3: FIELDS_3}


class KeyCardError(ExpertScoreError):
    """A key card is damaged, forged or not a key card."""


class KeyCardWrongAlgorithm(KeyCardError, WrongAlgorithm):
    """A card whose key is of another algorithm than the batch's (source, expected, found)."""

    def __init__(self, source: str, expected: str, found: str) -> None:
        self.source, self.expected, self.found = source, expected, found
        super().__init__(f"{source}: key card {algorithm_reason(expected, found)}")


def check_card_algorithm(card: KeyCard, expected: str) -> None:
    if card.algorithm != expected:
        raise KeyCardWrongAlgorithm(card.source, expected, card.algorithm)


class NoRecipient(ExpertScoreError):
    """A card made before encryption recipients: nothing can be encrypted to its owner."""

    def __init__(self, expert: str, source: str) -> None:
        self.expert = expert
        self.source = source
        super().__init__(
            f"{source or expert}: the key card of {expert} has no encryption recipient (made"
            " before expertscore-keycard/3); ask for a new card: `expertscore key"
            f" add-recipient --expert {expert}`, then `expertscore key export-card`"
        )


@dataclass(frozen=True)
class KeyCard:
    expert_id: str
    name: str
    organization: str | None
    public_key: str
    created: str
    sig: str
    source: str = ""  # where it was read from, for messages
    role: str = EXPERT
    recipient: str | None = None  # age X25519 recipient (cards of /3)

    def require_recipient(self) -> str:
        if self.recipient is None:
            raise NoRecipient(self.expert_id, self.source)
        return self.recipient

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    @property
    def algorithm(self) -> str:
        return key_algorithm(self.public_key)


def statement(
    expert_id: str,
    name: str,
    organization: str | None,
    public_key: str,
    created: str,
    role: str | None = None,
    recipient: str | None = None,
) -> bytes:
    """The signed lines; ``role=None`` gives the statement of ``expertscore-keycard/1``,
    ``recipient=None`` that of /2."""
    declared = (
        CARD_FORMAT_1 if role is None else CARD_FORMAT if recipient is None else CARD_FORMAT_3
    )
    lines = [
        declared,
        f"expert: {expert_id}",
        *([f"role: {role}"] if role is not None else []),
        f"name: {name}",
        f"organization: {organization or ''}",
        f"public_key: {public_key}",
        f"created: {created}",
        *([f"recipient: {recipient}"] if recipient is not None else []),
    ]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def make_card(key: ExpertKey, created: str | None = None) -> KeyCard:
    """A card for ``key``, self-signed with it (needs the unlocked key)."""
    info = key.info
    when = created or local_now()
    body = statement(
        info.expert_id,
        info.name,
        info.organization,
        info.public_key,
        when,
        info.role,
        info.recipient,
    )
    return KeyCard(
        role=info.role,
        expert_id=info.expert_id,
        name=info.name,
        organization=info.organization,
        public_key=info.public_key,
        created=when,
        sig=key.sign(KEYCARD_PAYLOAD, body),
        recipient=info.recipient,
    )


def card_bytes(card: KeyCard) -> bytes:
    record = {
        "format": CARD_FORMAT if card.recipient is None else CARD_FORMAT_3,
        "expert": card.expert_id,
        "role": card.role,
        "name": card.name,
        "organization": card.organization,
        "public_key": card.public_key,
        "fingerprint": card.fingerprint,
        "created": card.created,
        "sig": card.sig,
    }
    if card.recipient is not None:
        record["recipient"] = card.recipient
    return (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_card(card: KeyCard, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.part")
    temp.write_bytes(card_bytes(card))
    owner_only(temp)
    temp.replace(path)
    return path


def parse_card(data: bytes, source: str) -> KeyCard:
    """Read a card and check its self-signature; ``KeyCardError`` says what is wrong."""
    if len(data) > MAX_CARD:
        raise KeyCardError(f"{source}: not a key card (too large)").saying(
            "too_large", source=source
        )
    try:
        record = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise KeyCardError(f"{source}: damaged key card (not valid JSON)").saying(
            "damaged_json", source=source
        ) from None
    if not isinstance(record, dict):
        raise KeyCardError(f"{source}: not a key card").saying("not_card", source=source)
    declared = record.get("format")
    if declared not in FORMAT_FIELDS:
        if isinstance(declared, str) and declared.startswith("expertscore-keycard/"):
            raise KeyCardError(
                f"{source}: made by a newer ExpertScore ({declared}); this program reads"
                f" {CARD_FORMAT_3}"
            ).saying("newer", source=source, declared=declared, supported=CARD_FORMAT_3)
        raise KeyCardError(f"{source}: not an ExpertScore key card").saying(
            "not_ours", source=source
        )
    if set(record) != set(FORMAT_FIELDS[declared]):
        raise KeyCardError(f"{source}: damaged key card (fields {sorted(record)})").saying(
            "damaged_fields", source=source, fields=", ".join(sorted(record))
        )
    texts = {name: record[name] for name in record if name != "organization"}
    if not all(isinstance(value, str) for value in texts.values()) or not isinstance(
        record["organization"], str | None
    ):
        raise KeyCardError(f"{source}: damaged key card (a field is not text)").saying(
            "damaged_text", source=source
        )
    card = KeyCard(
        expert_id=record["expert"],
        name=record["name"],
        organization=record["organization"],
        public_key=record["public_key"],
        created=record["created"],
        sig=record["sig"],
        source=source,
        role=record.get("role", EXPERT),
        recipient=record.get("recipient"),
    )
    try:
        check_owner(card.expert_id, card.name, card.organization)
        load_public_key(card.public_key)
        if "\n" in card.created:
            raise KeyCardError("the time is not one line").saying("time")
        if card.role not in ROLES:
            raise KeyCardError(f"'{card.role}' is not a key role").saying("role", role=card.role)
        signed_role = card.role if declared != CARD_FORMAT_1 else None
        if card.recipient is not None:
            check_recipient(card.recipient, source)
        verify(
            card.public_key,
            KEYCARD_PAYLOAD,
            statement(
                card.expert_id,
                card.name,
                card.organization,
                card.public_key,
                card.created,
                signed_role,
                card.recipient,
            ),
            card.sig,
        )
    except (KeyFileError, SignatureError, KeyCardError, SealedError) as exc:
        raise KeyCardError(f"{source}: key card does not verify ({exc})").saying(
            "verify", source=source, cause=exc
        ) from None
    if record["fingerprint"] != card.fingerprint:
        raise KeyCardError(f"{source}: key card's fingerprint does not match its key").saying(
            "fingerprint", source=source
        )
    return card


def read_card(path: Path) -> KeyCard:
    if not path.is_file():
        raise KeyCardError(f"{path}: no such key card").saying("no_file", source=path)
    return parse_card(path.read_bytes(), str(path))


def read_cards(paths: Iterable[Path]) -> list[KeyCard]:
    """Cards from files, and from every ``*.eskeycard`` in the folders given."""
    cards: list[KeyCard] = []
    for path in paths:
        if path.is_dir():
            cards.extend(read_card(item) for item in sorted(path.glob(f"*{CARD_SUFFIX}")))
        else:
            cards.append(read_card(path))
    return cards
