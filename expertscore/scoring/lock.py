"""Whether a session is locked by a submitted result, and what its next sequence is.

A session is locked while its newest ``result_record`` has not been unlocked. These are
plain reads inside the caller's transaction, so a check and the write that depends on it
see the same state.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from expertscore.storage import models as m


def latest_result(orm: OrmSession) -> m.ResultRecord | None:
    return orm.scalars(
        select(m.ResultRecord).order_by(m.ResultRecord.sequence.desc()).limit(1)
    ).first()


def locking_result(orm: OrmSession) -> m.ResultRecord | None:
    """The submitted result that locks the session, or ``None`` when it is open for edits."""
    latest = latest_result(orm)
    return latest if latest is not None and latest.unlocked_at is None else None


def unlocked_result(orm: OrmSession) -> m.ResultRecord | None:
    """The newest submitted result when it was unlocked and nothing was submitted since.

    The chair still holds that result; the changes made since are nowhere but here.
    """
    latest = latest_result(orm)
    return latest if latest is not None and latest.unlocked_at is not None else None


def next_sequence(orm: OrmSession) -> int:
    return int(orm.scalar(select(func.coalesce(func.max(m.ResultRecord.sequence), 0))) or 0) + 1


def transcription(orm: OrmSession) -> m.Transcription | None:
    return orm.get(m.Transcription, 1)
