"""An expert's edit as a record, and the one ``apply`` every edit goes through.

An ``Edit`` says what to set (its ``EditKind``), where (submission, and indicator for the
kinds that belong to one) and to what. ``apply`` calls the service's setter of its kind,
which validates, commits and logs it under the same kind, and returns the ``Change``.
Undoing a change is applying ``Edit.undoing(change)``: its kind and place with the old
value, logged as an edit of its own.

The value of each kind: ``SCORE`` an ``Entry`` or None (cleared); ``COMMENT`` text;
``VERIFIED_VALUE`` text or None; ``PINS`` the ``Pin``s; ``NOTE`` a ``Note``;
``FAMILIARITY`` one of ``familiarity.LEVELS`` or None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from expertscore.scoring.familiarity import set_familiarity
from expertscore.scoring.service import Change, ScoringService
from expertscore.vocabulary import EditKind


@dataclass(frozen=True)
class Edit:
    """One edit the expert makes: set ``kind`` of ``submission`` (``indicator``) to ``value``."""

    kind: EditKind
    submission: str
    indicator: str | None
    value: Any

    @classmethod
    def undoing(cls, change: Change) -> Edit:
        """The edit that sets back what ``change`` changed."""
        return cls(change.kind, change.submission, change.indicator, change.old)

    @classmethod
    def redoing(cls, change: Change) -> Edit:
        """The edit that sets again what ``change`` set."""
        return cls(change.kind, change.submission, change.indicator, change.new)


def _indicator(edit: Edit) -> str:
    return edit.indicator or ""


# The setter of each kind an expert edits (recusing, submitting and unlocking are not
# edits of a value: they have their own calls and are never undone).
SETTERS: dict[EditKind, Callable[[ScoringService, Edit], Change]] = {
    EditKind.SCORE: lambda s, e: s.set_entry(e.submission, _indicator(e), e.value),
    EditKind.COMMENT: lambda s, e: s.set_comment(e.submission, _indicator(e), e.value),
    EditKind.VERIFIED_VALUE: lambda s, e: s.set_verified_value(
        e.submission, _indicator(e), e.value
    ),
    EditKind.PINS: lambda s, e: s.set_pins(e.submission, _indicator(e), e.value),
    EditKind.NOTE: lambda s, e: s.set_note(e.submission, e.value),
    EditKind.FAMILIARITY: lambda s, e: set_familiarity(s, e.submission, e.value),
}


def apply(scoring: ScoringService, edit: Edit) -> Change:
    """Set what ``edit`` says through the service (committed and logged on return)."""
    setter = SETTERS.get(edit.kind)
    if setter is None:
        raise ValueError(f"{edit.kind!r} is not an edit of a value")
    return setter(scoring, edit)
