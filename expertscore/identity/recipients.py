"""Whom a result or panel file is encrypted to: one reader for the command line's
``--encrypt-to`` and the windows' "encrypt to" choices.

A recipient file is either a key card of ``expertscore-keycard/3`` (its self-signed
recipient; an older card is ``NoRecipient``) or a standard ``age`` recipients file: one
``age1…`` X25519 recipient a line, ``#`` comments and blank lines skipped, as
``age-keygen -y`` writes for an authority that has no ExpertScore key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from expertscore.crypto.sealed import RECIPIENT_PREFIX, check_recipient
from expertscore.identity.keycard import MAX_CARD, KeyCardError, read_card


@dataclass(frozen=True)
class RecipientFile:
    """The recipients in one file, and whose they are (the card's owner) for the windows."""

    path: Path
    recipients: tuple[str, ...]
    owner: str | None  # "王组长 (CHAIR)" for a key card; None for an age recipients file


def read_recipients(path: Path) -> RecipientFile:
    if not path.is_file():
        raise KeyCardError(f"{path}: no such key card or recipients file").saying(
            "no_recipients_file", source=path
        )
    head = path.read_bytes()[:MAX_CARD].lstrip()
    if head.startswith(b"{"):  # a key card is a JSON object
        card = read_card(path)
        return RecipientFile(path, (card.require_recipient(),), f"{card.name} ({card.expert_id})")
    try:
        lines = head.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        lines = []
    found = [line.strip() for line in lines if line.strip().startswith(RECIPIENT_PREFIX)]
    if not found:
        raise KeyCardError(f"{path}: neither a key card nor an age recipients file").saying(
            "not_recipients", source=path
        )
    for recipient in found:
        check_recipient(recipient, path)
    return RecipientFile(path, tuple(found), None)


def recipients_of(paths: Iterable[Path]) -> list[str]:
    """Every recipient of the files given, each once, in order."""
    found = [r for path in paths for r in read_recipients(path).recipients]
    return list(dict.fromkeys(found))
