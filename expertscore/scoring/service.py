"""The expert's scoring services over an open session file.

Every setter validates, writes its change and one hash-chained ``edit_log`` row in a single
transaction, commits before returning (the edit is then on disk), and returns a ``Change``
holding the old and the new value, which is all an undo needs: undoing is setting the old
value again (``scoring.edits``). A ``Change`` and the log entry it wrote name their kind by
the same ``EditKind``. Not thread-safe: call it on the thread that owns its ``SessionFile``
(in the expert's window, the UI thread, through ``ui.expert.session_controller``).

Once the expert submits a signed result (``results.submit``) the session is locked: every
setter refuses with ``SessionLocked`` until ``unlock`` is called with a reason, which the
edit log records; the next submission then gets a higher sequence number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from expertscore.errors import ExpertScoreError
from expertscore.schemes.model import Indicator
from expertscore.scoring.editlog import canonical, entry_hash, entry_of
from expertscore.scoring.lock import locking_result, unlocked_result
from expertscore.scoring.modes import Entry, ScoreRejected, points_for
from expertscore.scoring.rules import check_entry, leaves_in_scope
from expertscore.scoring.totals import Rollup, rollup
from expertscore.storage import models as m
from expertscore.storage.session import SessionFile
from expertscore.vocabulary import EditKind, Progress

NOT_STARTED, IN_PROGRESS, COMPLETE, RECUSED = Progress


class EditRefused(ExpertScoreError):
    """An edit the session does not allow (recused, not assigned, unknown indicator)."""


class SessionLocked(EditRefused):
    """The session was submitted; it must be unlocked, with a reason, before any edit."""

    def __init__(self, sequence: int, submitted_at: str) -> None:
        self.sequence = sequence
        self.submitted_at = submitted_at
        super().__init__(
            f"the session was submitted (result {sequence}, {submitted_at}) and is locked;"
            " unlock it with a reason to change anything"
        )


@dataclass(frozen=True)
class Pin:
    evidence_id: str
    page: int | None = None


@dataclass(frozen=True)
class ScoreRecord:
    points: Decimal | None = None
    choice: str | None = None
    verified_value: str | None = None
    comment: str = ""
    pins: tuple[Pin, ...] = ()
    updated_at: str | None = None


@dataclass(frozen=True)
class Change:
    """One committed edit: enough to show it and to undo it (its log entry's kind)."""

    submission: str
    indicator: str | None
    kind: EditKind
    old: Any
    new: Any


@dataclass(frozen=True)
class SubmissionRow:
    id: str
    platform: str
    operator: str
    region: str | None
    category: str | None
    state: str
    scored: int
    total: int
    recusal_reason: str | None = None


@dataclass(frozen=True)
class Gap:
    submission: str
    indicator: str
    name: str


@dataclass
class Note:
    comment: str = ""
    category: str | None = None
    industry_tags: list[str] = field(default_factory=list)
    domain_tags: list[str] = field(default_factory=list)
    level: str | None = None


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _pins_json(pins: Iterable[Pin]) -> str:
    return canonical([{"id": p.evidence_id, "page": p.page} for p in pins])


def _pins_from(text: str) -> tuple[Pin, ...]:
    return tuple(Pin(item["id"], item.get("page")) for item in json.loads(text or "[]"))


def progress_state(recused: bool, done: int, total: int) -> str:
    """A submission's state in the expert's list, from how many of its leaves are scored."""
    if recused:
        return RECUSED
    if done == 0:
        return NOT_STARTED
    return IN_PROGRESS if done < total else COMPLETE


class ScoringService:
    def __init__(self, session: SessionFile, clock: Callable[[], str] = now_text) -> None:
        """``clock`` gives the time stamps of edits; the simulation passes its own."""
        self.session = session
        self.scheme = session.scheme
        self.clock = clock
        self._assigned_cache: dict[str, list[Indicator]] = {}
        self._reported_cache: dict[str, dict[str, m.ReportedValue]] = {}
        self._scores_cache: dict[tuple[str, int], dict[str, ScoreRecord]] = {}

    # --- reading -----------------------------------------------------------------------

    def assigned_leaves(self, submission_id: str) -> list[Indicator]:
        """The leaves this expert scores for a submission, in scheme order."""
        if submission_id in self._assigned_cache:
            return self._assigned_cache[submission_id]
        with self.session.orm() as orm:
            sub = orm.get(m.Submission, submission_id)
            assignment = orm.get(m.Assignment, submission_id)
        if sub is None or assignment is None:
            return []
        leaves = self._leaves_for(sub.category, assignment.indicators)
        self._assigned_cache[submission_id] = leaves
        return leaves

    def _leaves_for(self, category: str | None, indicators: str) -> list[Indicator]:
        """The leaves of a category, limited to an assignment's groups (``all``: every one)."""
        return leaves_in_scope(self.scheme, category, indicators)

    def scores(self, submission_id: str, round_number: int = 1) -> dict[str, ScoreRecord]:
        """The expert's scores of one submission and round (read once, then kept current).

        This object is the session's only writer in the process, so its setters keep the
        copy current; the window's refresh after an edit then costs no database read.
        """
        key = (submission_id, round_number)
        cached = self._scores_cache.get(key)
        if cached is None:
            with self.session.orm() as orm:
                rows = orm.scalars(
                    select(m.Score).where(
                        m.Score.submission_id == submission_id, m.Score.round == round_number
                    )
                )
                cached = {row.indicator: _record_of(row) for row in rows}
            self._scores_cache[key] = cached
        return dict(cached)

    def _remember(self, row: m.Score) -> None:
        cached = self._scores_cache.get((row.submission_id, row.round))
        if cached is not None:
            cached[row.indicator] = _record_of(row)

    def reported_values(self, submission_id: str) -> dict[str, m.ReportedValue]:
        """What the operator reported; it never changes in a session, so it is read once."""
        cached = self._reported_cache.get(submission_id)
        if cached is not None:
            return cached
        with self.session.orm() as orm:
            rows = orm.scalars(
                select(m.ReportedValue).where(m.ReportedValue.submission_id == submission_id)
            )
            values = {row.indicator: row for row in rows}
        self._reported_cache[submission_id] = values
        return values

    def recusal(self, submission_id: str) -> m.Recusal | None:
        with self.session.orm() as orm:
            return orm.get(m.Recusal, submission_id)

    def submissions(self) -> list[SubmissionRow]:
        """This expert's assigned submissions with their state, in batch order."""
        with self.session.orm() as orm:
            pairs = list(
                orm.execute(
                    select(m.Submission, m.Assignment.indicators)
                    .join(m.Assignment, m.Assignment.submission_id == m.Submission.id)
                    .order_by(m.Submission.position)
                )
            )
            subs = [sub for sub, _ in pairs]
            recusals = {r.submission_id: r.reason for r in orm.scalars(select(m.Recusal))}
            scored: dict[str, set[str]] = {}
            for row in orm.execute(
                select(m.Score.submission_id, m.Score.indicator).where(
                    m.Score.round == 1, m.Score.points.is_not(None)
                )
            ):
                scored.setdefault(row.submission_id, set()).add(row.indicator)
        # Every submission's leaves from the rows just read (one query, not two per row);
        # submissions of one category and assignment share the list.
        shared: dict[tuple[str | None, str], list[Indicator]] = {}
        for sub, indicators in pairs:
            key = (sub.category, indicators)
            if key not in shared:
                shared[key] = self._leaves_for(sub.category, indicators)
            self._assigned_cache.setdefault(sub.id, shared[key])
        result = []
        for sub in subs:
            leaves = {leaf.code for leaf in self.assigned_leaves(sub.id)}
            done = len(leaves & scored.get(sub.id, set()))
            state = progress_state(sub.id in recusals, done, len(leaves))
            result.append(
                SubmissionRow(
                    id=sub.id,
                    platform=sub.platform,
                    operator=sub.operator,
                    region=sub.region,
                    category=sub.category,
                    state=state,
                    scored=done,
                    total=len(leaves),
                    recusal_reason=recusals.get(sub.id),
                )
            )
        return result

    def row_after_edit(
        self, row: SubmissionRow, scores: Mapping[str, ScoreRecord]
    ) -> SubmissionRow:
        """``row`` with its state and count worked out again from ``scores`` (round 1).

        ``submissions`` reads every submission: too slow for each keystroke of a
        200-submission batch. A recusal is not an edit of scores: after one, read the
        rows again.
        """
        leaves = {leaf.code for leaf in self.assigned_leaves(row.id)}
        done = sum(1 for code in leaves if (r := scores.get(code)) and r.points is not None)
        state = progress_state(row.state == RECUSED, done, len(leaves))
        return replace(row, scored=done, total=len(leaves), state=state)

    def missing(self, submission_id: str | None = None) -> list[Gap]:
        """Every assigned, unscored indicator of non-recused submissions, in order."""
        gaps = []
        for row in self.submissions():
            if row.state == RECUSED or (submission_id and row.id != submission_id):
                continue
            scored = self.scores(row.id)
            for leaf in self.assigned_leaves(row.id):
                record = scored.get(leaf.code)
                if record is None or record.points is None:
                    gaps.append(Gap(row.id, leaf.code, leaf.name))
        return gaps

    def rollup(self, submission_id: str) -> Rollup:
        points = {
            code: record.points
            for code, record in self.scores(submission_id).items()
            if record.points is not None
        }
        applicable = [leaf.code for leaf in self.assigned_leaves(submission_id)]
        return rollup(self.scheme, points, applicable)

    def note(self, submission_id: str) -> Note:
        with self.session.orm() as orm:
            row = orm.get(m.SubmissionNote, submission_id)
        if row is None:
            return Note()
        return Note(
            comment=row.comment,
            category=row.category,
            industry_tags=json.loads(row.industry_tags),
            domain_tags=json.loads(row.domain_tags),
            level=row.level,
        )

    # --- writing -----------------------------------------------------------------------

    def _leaf(self, submission_id: str, code: str) -> Indicator:
        if self.recusal(submission_id) is not None:
            raise EditRefused(f"submission {submission_id} is recused and cannot be scored").saying(
                "recused_scored", sid=submission_id
            )
        for leaf in self.assigned_leaves(submission_id):
            if leaf.code == code:
                return leaf
        raise EditRefused(
            f"indicator {code} of submission {submission_id} is not assigned to you"
        ).saying("indicator_not_assigned", code=code, sid=submission_id)

    def _score_row(self, orm: OrmSession, submission_id: str, code: str, round_number: int):
        row = orm.scalars(
            select(m.Score).where(
                m.Score.submission_id == submission_id,
                m.Score.indicator == code,
                m.Score.round == round_number,
            )
        ).one_or_none()
        if row is None:
            row = m.Score(
                submission_id=submission_id,
                indicator=code,
                round=round_number,
                comment="",
                pinned_evidence="[]",
                updated_at=self.clock(),
            )
            orm.add(row)
        return row

    def _log(
        self,
        orm: OrmSession,
        action: EditKind,
        submission_id: str | None,
        code: str | None,
        detail: Any,
    ) -> None:
        last = orm.scalars(select(m.EditLog).order_by(m.EditLog.seq.desc()).limit(1)).first()
        prev_hash = last.hash if last else self.session.info.manifest_sha256
        seq = (last.seq + 1) if last else 1
        at = self.clock()
        # The stored and hashed action is the kind's plain string, as it always was.
        digest = entry_hash(
            {
                "seq": seq,
                "at": at,
                "action": action.value,
                "submission": submission_id,
                "indicator": code,
                "detail": detail,
                "prev": prev_hash,
            }
        )
        orm.add(
            m.EditLog(
                seq=seq,
                at=at,
                action=action.value,
                submission_id=submission_id,
                indicator=code,
                detail=canonical(detail),
                prev_hash=prev_hash,
                hash=digest,
            )
        )

    def set_entry(
        self, submission_id: str, code: str, entry: Entry | None, round_number: int = 1
    ) -> Change:
        """Score an indicator (``None`` clears it). Refuses entries the mode does not allow."""
        leaf = self._leaf(submission_id, code)
        self._check_round(submission_id, code, round_number)
        new_points: Decimal | None = None
        if entry is not None:
            reported = self.reported_values(submission_id).get(code)
            value = reported.value if reported else None
            new_points = points_for(self.scheme, leaf, entry, value)
            check_entry(self.scheme, leaf, new_points, entry.choice, value)
        with self.session.writing() as orm:
            self._refuse_if_locked(orm)
            row = self._score_row(orm, submission_id, code, round_number)
            old = Entry(Decimal(row.points), row.choice) if row.points is not None else None
            row.points = None if new_points is None else str(new_points)
            row.choice = entry.choice if entry is not None else None
            row.updated_at = self.clock()
            self._log(
                orm,
                EditKind.SCORE,
                submission_id,
                code,
                {
                    "round": round_number,
                    "old": _entry_json(old),
                    "new": {"points": row.points, "choice": row.choice},
                },
            )
        self._remember(row)
        return Change(submission_id, code, EditKind.SCORE, old, entry)

    def _set_score_field(
        self,
        submission_id: str,
        code: str,
        kind: EditKind,
        value: Any,
        stored: Any,
        round_number: int,
    ) -> Change:
        self._leaf(submission_id, code)
        self._check_round(submission_id, code, round_number)
        with self.session.writing() as orm:
            self._refuse_if_locked(orm)
            row = self._score_row(orm, submission_id, code, round_number)
            # The kinds of a score's own fields are named as its columns.
            old_stored = getattr(row, kind.value)
            setattr(row, kind.value, stored)
            row.updated_at = self.clock()
            self._log(
                orm,
                kind,
                submission_id,
                code,
                {"round": round_number, "old": old_stored, "new": stored},
            )
        self._remember(row)
        old = _pins_from(old_stored) if kind == EditKind.PINS else old_stored
        return Change(submission_id, code, kind, old, value)

    def set_comment(
        self, submission_id: str, code: str, text: str, round_number: int = 1
    ) -> Change:
        return self._set_score_field(
            submission_id, code, EditKind.COMMENT, text, text, round_number
        )

    def set_verified_value(
        self, submission_id: str, code: str, value: str | None, round_number: int = 1
    ) -> Change:
        if value is not None and value.strip() == "":
            value = None
        return self._set_score_field(
            submission_id, code, EditKind.VERIFIED_VALUE, value, value, round_number
        )

    def set_pins(
        self, submission_id: str, code: str, pins: Iterable[Pin], round_number: int = 1
    ) -> Change:
        pins = tuple(pins)
        with self.session.orm() as orm:
            known = set(
                orm.scalars(select(m.Evidence.id).where(m.Evidence.submission_id == submission_id))
            )
        for pin in pins:
            if pin.evidence_id not in known:
                raise EditRefused(
                    f"evidence {pin.evidence_id} does not belong to {submission_id}"
                ).saying("foreign_evidence", eid=pin.evidence_id, sid=submission_id)
        return self._set_score_field(
            submission_id, code, EditKind.PINS, pins, _pins_json(pins), round_number
        )

    def set_note(self, submission_id: str, note: Note) -> Change:
        if self.recusal(submission_id) is not None:
            raise EditRefused(f"submission {submission_id} is recused").saying(
                "recused", sid=submission_id
            )
        if note.category is not None and not self.scheme.category_path(note.category):
            raise EditRefused(f"'{note.category}' is not a category of the scheme").saying(
                "unknown_category", category=note.category
            )
        old = self.note(submission_id)
        with self.session.writing() as orm:
            self._refuse_if_locked(orm)
            row = orm.get(m.SubmissionNote, submission_id)
            if row is None:
                row = m.SubmissionNote(submission_id=submission_id)
                orm.add(row)
            row.comment = note.comment
            row.category = note.category
            row.industry_tags = canonical(note.industry_tags)
            row.domain_tags = canonical(note.domain_tags)
            row.level = note.level
            row.updated_at = self.clock()
            detail = {"old": vars(old), "new": vars(note)}
            self._log(orm, EditKind.NOTE, submission_id, None, detail)
        return Change(submission_id, None, EditKind.NOTE, old, note)

    def recuse(self, submission_id: str, reason: str) -> Change:
        """Declare a conflict of interest. Final: it cannot be undone."""
        if not reason.strip():
            raise EditRefused("a recusal needs a reason").saying("recusal_reason")
        with self.session.writing() as orm:
            self._refuse_if_locked(orm)
            if orm.get(m.Assignment, submission_id) is None:
                raise EditRefused(f"submission {submission_id} is not assigned to you").saying(
                    "not_assigned", sid=submission_id
                )
            if orm.get(m.Recusal, submission_id) is not None:
                raise EditRefused(f"submission {submission_id} is already recused").saying(
                    "already_recused", sid=submission_id
                )
            orm.add(
                m.Recusal(
                    submission_id=submission_id,
                    reason=reason.strip(),
                    source="declared",
                    declared_at=self.clock(),
                )
            )
            self._log(orm, EditKind.RECUSE, submission_id, None, {"reason": reason.strip()})
        return Change(submission_id, None, EditKind.RECUSE, None, reason.strip())

    # --- locking -----------------------------------------------------------------------

    def locked_by(self) -> m.ResultRecord | None:
        """The submitted result that locks the session, or ``None`` while it is editable."""
        with self.session.orm() as orm:
            return locking_result(orm)

    def unlocked_since(self) -> m.ResultRecord | None:
        """The submitted result unlocked and not yet replaced by a new submission, or None."""
        with self.session.orm() as orm:
            return unlocked_result(orm)

    def _refuse_if_locked(self, orm: OrmSession) -> None:
        record = locking_result(orm)
        if record is not None:
            raise SessionLocked(record.sequence, record.submitted_at)

    def unlock(self, reason: str) -> Change:
        """Reopen a submitted session for edits; the reason goes into the edit log."""
        if not reason.strip():
            raise EditRefused("unlocking a submitted session needs a reason").saying(
                "unlock_reason"
            )
        with self.session.writing() as orm:
            record = locking_result(orm)
            if record is None:
                raise EditRefused("the session is not locked: nothing was submitted since").saying(
                    "not_locked"
                )
            record.unlocked_at = self.clock()
            record.unlock_reason = reason.strip()
            detail = {"sequence": record.sequence, "reason": reason.strip()}
            self._log(orm, EditKind.UNLOCK, None, None, detail)
        return Change("", None, EditKind.UNLOCK, record.sequence, reason.strip())

    def rescore_requests(self) -> list[m.RescoreRequest]:
        """Indicators the chair sent back for another round, in the order received."""
        with self.session.orm() as orm:
            return list(
                orm.scalars(select(m.RescoreRequest).order_by(m.RescoreRequest.received_at))
            )

    def _check_round(self, submission_id: str, code: str, round_number: int) -> None:
        """A later round is open only for the indicators the chair sent back.

        Once the chair asks for a second round, round-1 scores are kept as they were
        merged: the new opinion goes into the later round, beside them.
        """
        with self.session.orm() as orm:
            if round_number == 1:
                asked = orm.scalars(select(m.RescoreRequest.round).limit(1)).first()
                if asked is not None:
                    raise EditRefused(
                        f"indicator {code} of {submission_id}: round-1 scores are kept once a"
                        f" round {asked} is asked for"
                    ).saying("round_one_kept", code=code, sid=submission_id, round=asked)
                return
            request = orm.get(m.RescoreRequest, (submission_id, code, round_number))
        if request is None:
            raise EditRefused(
                f"indicator {code} of {submission_id} was not sent to round {round_number}"
            ).saying("not_in_round", code=code, sid=submission_id, round=round_number)

    def append_log(self, orm: OrmSession, action: EditKind | str, detail: Any) -> None:
        """Add a session-level entry (submit, transcribe, round request) inside the caller's
        transaction; ``action`` must be an ``EditKind`` (or its string)."""
        self._log(orm, EditKind(action), None, None, detail)

    def verify_log(self) -> int:
        """Check the hash chain of the edit log; return its length or raise on a break."""
        with self.session.orm() as orm:
            rows = list(orm.scalars(select(m.EditLog).order_by(m.EditLog.seq)))
        prev = self.session.info.manifest_sha256
        for row in rows:
            digest = entry_hash({**entry_of(row), "prev": prev})
            if row.prev_hash != prev or row.hash != digest:
                raise ExpertScoreError(
                    f"{self.session.path}: edit log broken at entry {row.seq}"
                ).saying("log_broken", path=self.session.path, entry=row.seq)
            prev = row.hash
        return len(rows)


def _record_of(row: m.Score) -> ScoreRecord:
    return ScoreRecord(
        points=Decimal(row.points) if row.points is not None else None,
        choice=row.choice,
        verified_value=row.verified_value,
        comment=row.comment,
        pins=_pins_from(row.pinned_evidence),
        updated_at=row.updated_at,
    )


def _entry_json(entry: Entry | None) -> dict[str, str | None] | None:
    if entry is None:
        return None
    return {
        "points": None if entry.points is None else str(entry.points),
        "choice": entry.choice,
    }


__all__ = [
    "Change",
    "EditRefused",
    "Entry",
    "Note",
    "Pin",
    "ScoreRejected",
    "ScoringService",
    "SessionLocked",
]
