"""The key cards a merge folder remembers, so the chair's tools reopen it without them.

After a merge, every key card the chair gave that vouches for an accepted result's key is
copied into ``MERGE/keycards/`` (``<expert>-<fingerprint>.eskeycard``, the card's own bytes
as ``identity.keycard`` writes them). Opening the folder again reads them with the cards
given then, so ``chair results``, ``chair export`` and the window need no ``--keycard``.
Keys the chair confirmed against a signed paper sheet are remembered by the audit log
(``confirm_key`` lines), not here. A card that no longer verifies stops the opening with
the card's path, as a card given on the command line would.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from expertscore.identity.keycard import CARD_SUFFIX, KeyCard, read_cards, write_card
from expertscore.results.verify import CheckedResult

KEYCARDS_DIR = "keycards"


def cards_dir(folder: Path) -> Path:
    return folder / KEYCARDS_DIR


def remembered(folder: Path) -> list[KeyCard]:
    """The cards kept in the merge folder, in file-name order (none for a new folder)."""
    kept = cards_dir(folder)
    return read_cards([kept]) if kept.is_dir() else []


def remember(
    folder: Path, cards: Iterable[KeyCard], accepted: Mapping[str, CheckedResult]
) -> list[Path]:
    """Keep the cards whose key signed an accepted result; returns the files written."""
    used = {(expert, checked.fingerprint) for expert, checked in accepted.items()}
    written = []
    for card in cards:
        if (card.expert_id, card.fingerprint) not in used:
            continue
        target = cards_dir(folder) / f"{card.expert_id}-{card.fingerprint}{CARD_SUFFIX}"
        if not target.exists():
            written.append(write_card(card, target))
    return written
