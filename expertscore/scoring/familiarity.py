"""The expert's familiarity with a submission (熟悉程度): 熟悉 / 较熟悉 / 一般, or not marked.

A self-rating the chair sees beside the panel's agreement (``chair.panel_quality``): it is
advice and changes no score or total, unless the scheme's aggregation weighs the experts by
it (``method: familiarity_weighted``, ``schemes.policies``; off by default). It is one edit
like the others: validated, written with its hash-chained log entry (``familiarity``,
``{"old", "new"}``) in one transaction, refused on a recused submission or a locked
session, and undone by setting the old value again. The result payload carries it per
submission (``results.payload``), and the replay checks it (``results.replay``) with
``check_level``, the one rule for writer and readers.
"""

from __future__ import annotations

from typing import Any

from expertscore.scoring.service import Change, EditRefused, ScoringService
from expertscore.storage import models as m
from expertscore.vocabulary import EditKind

FAMILIAR, FAIRLY, MODERATE = "familiar", "fairly", "moderate"
LEVELS = (FAMILIAR, FAIRLY, MODERATE)  # most familiar first
NAMES = {FAMILIAR: "熟悉", FAIRLY: "较熟悉", MODERATE: "一般"}


class FamiliarityRefused(EditRefused):
    """A familiarity that is not one of ``LEVELS``."""

    def __init__(self, submission: str, level: object) -> None:
        self.submission = submission
        self.level = level
        super().__init__(
            f"{submission}: {level!r} is not a familiarity ({', '.join(LEVELS)} or none)"
        )


def level_ok(level: Any) -> bool:
    """Whether ``level`` is a value a session stores: one of ``LEVELS`` or ``None``."""
    return level is None or (type(level) is str and level in LEVELS)


def check_level(submission: str, level: Any) -> None:
    if not level_ok(level):
        raise FamiliarityRefused(submission, level)


def familiarity(scoring: ScoringService, submission_id: str) -> str | None:
    with scoring.session.orm() as orm:
        row = orm.get(m.Familiarity, submission_id)
        return None if row is None else row.level


def set_familiarity(scoring: ScoringService, submission_id: str, level: str | None) -> Change:
    """Mark (or, with ``None``, unmark) the expert's familiarity with a submission."""
    check_level(submission_id, level)
    if scoring.recusal(submission_id) is not None:
        raise EditRefused(f"submission {submission_id} is recused").saying(
            "recused", sid=submission_id
        )
    with scoring.session.writing() as orm:
        # The service's own lock check and log writer: one edit, one transaction, one entry.
        scoring._refuse_if_locked(orm)
        if orm.get(m.Assignment, submission_id) is None:
            raise EditRefused(f"submission {submission_id} is not assigned to you").saying(
                "not_assigned", sid=submission_id
            )
        row = orm.get(m.Familiarity, submission_id)
        old = None if row is None else row.level
        if old == level:
            return Change(submission_id, None, EditKind.FAMILIARITY, old, level)
        if level is None:
            if row is not None:
                orm.delete(row)
        elif row is None:
            orm.add(
                m.Familiarity(submission_id=submission_id, level=level, updated_at=scoring.clock())
            )
        else:
            row.level = level
            row.updated_at = scoring.clock()
        scoring._log(orm, EditKind.FAMILIARITY, submission_id, None, {"old": old, "new": level})
    return Change(submission_id, None, EditKind.FAMILIARITY, old, level)
