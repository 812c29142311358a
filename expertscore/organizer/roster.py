"""The panel roster file (``expertscore-roster/2``), built from experts' key cards.

A roster is a small JSON file the organizer keeps for a review round::

    {"format": "expertscore-roster/2",
     "experts": [{"id": "E01", "name": "王敏", "organization": "大连理工大学",
                  "role": "技术", "public_key": "<base64>", "recipient": "age1…",
                  "conflicts": ["S003", "某某公司"]}]}

``public_key`` comes from the expert's key card (whose self-signature is checked when it is
added); ``conflicts`` lists submission ids or operator names the expert declared a conflict
of interest with; ``recipient`` is the card's encryption recipient (``null`` for a card
made before recipients), which an encrypted package is sealed to. Rosters of
``expertscore-roster/1`` (no ``recipient``) are still read. Ids and keys are unique; a
duplicate is refused. An organizer's card is refused: the organizer signs the batch, and no
key on the roster may sign it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from expertscore.batch.manifest import ID_PATTERN
from expertscore.errors import ExpertScoreError
from expertscore.identity.keycard import KeyCard
from expertscore.identity.keys import ORGANIZER
from expertscore.wording.validation import validation_reason

ROSTER_FORMAT = "expertscore-roster/2"
ROSTER_FORMATS = ("expertscore-roster/1", ROSTER_FORMAT)


class RosterError(ExpertScoreError):
    """A roster file that cannot be read, or a change to it that is refused."""


class RosterExpert(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    organization: str | None = None
    role: str | None = None
    public_key: str | None = None
    recipient: str | None = None
    conflicts: list[str] = Field(default_factory=list)


class Roster(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: str = ROSTER_FORMAT
    experts: list[RosterExpert] = Field(default_factory=list)

    def check(self, source: str) -> None:
        ids = [e.id for e in self.experts]
        for expert_id in ids:
            if ids.count(expert_id) > 1:
                raise RosterError(f"{source}: expert id {expert_id} appears twice").saying(
                    "twice", source=source, expert=expert_id
                )
        keys = [e.public_key for e in self.experts if e.public_key]
        for key in keys:
            if keys.count(key) > 1:
                owners = [e.id for e in self.experts if e.public_key == key]
                raise RosterError(
                    f"{source}: {' and '.join(owners)} have the same public key"
                ).saying("same_key", source=source, owners="、".join(owners))


class OrganizerCardOnRoster(RosterError):
    """An organizer's key card offered as a panel member's."""

    def __init__(self, expert: str, source: str) -> None:
        self.expert = expert
        self.source = source
        super().__init__(
            f"{source or expert}: the key card of {expert} is an organizer's; the panel's"
            " experts sign with their own keys"
        )
        self.saying("organizer_card", where=source or expert)


def read_roster(path: Path) -> Roster:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RosterError(f"{path}: no such roster file").saying("no_file", source=path) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RosterError(f"{path}: not a roster (invalid JSON: {exc})").saying(
            "json", source=path, reason=exc
        ) from None
    if not isinstance(raw, dict) or raw.get("format") not in ROSTER_FORMATS:
        declared = raw.get("format") if isinstance(raw, dict) else None
        raise RosterError(f"{path}: format {declared!r} is not {ROSTER_FORMAT}").saying(
            "format", source=path, declared=repr(declared), supported=ROSTER_FORMAT
        )
    try:
        roster = Roster.model_validate({**raw, "format": ROSTER_FORMAT})
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in error["loc"])
        raise RosterError(f"{path}: {where}: {error['msg']}").saying(
            "field", source=path, where=where, reason=validation_reason(error)
        ) from None
    roster.check(str(path))
    return roster


def write_roster(roster: Roster, path: Path) -> Path:
    roster.check(str(path))
    data = json.dumps(roster.model_dump(), ensure_ascii=False, indent=2) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(data)
    os.replace(temp, path)
    return path


def add_card(roster: Roster, card: KeyCard, role: str | None, conflicts: list[str]) -> Roster:
    """The roster with the expert of ``card`` added (the card was verified when read)."""
    if card.role == ORGANIZER:
        raise OrganizerCardOnRoster(card.expert_id, card.source)
    for expert in roster.experts:
        if expert.id == card.expert_id:
            raise RosterError(
                f"expert {card.expert_id} is already on the roster ({expert.name})"
            ).saying("on_roster", expert=card.expert_id, name=expert.name)
        if expert.public_key == card.public_key:
            raise RosterError(
                f"the key of {card.source or 'this card'} is already on the roster, for {expert.id}"
            ).saying("key_on_roster", card=card.source or card.expert_id, expert=expert.id)
    expert = RosterExpert(
        id=card.expert_id,
        name=card.name,
        organization=card.organization,
        role=role,
        public_key=card.public_key,
        recipient=card.recipient,
        conflicts=conflicts,
    )
    return Roster(experts=[*roster.experts, expert])
