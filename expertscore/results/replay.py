"""Replaying a result's edit log: the scores it claims must be what its log produces.

The log's hash chain has no secret: its owner can rebuild it after any edit. So the chain
alone proves nothing against the expert; what the replay adds is that every entry is an
edit an honest session could make under the batch's rules (``content.BatchRules``): in the
expert's assignment, not on a recused submission, an allowed entry, never while locked,
``old`` equal to the value before it, a later round only where a round request named the
indicator, and round-1 scores never changed once a round request came in. The state the
entries leave must then equal the payload's scores, recusals and notes, field by field;
a score row edited by hand, with no log entry, is caught there.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from expertscore.results.content import BatchRules, Broken
from expertscore.results.logchain import LogEntry
from expertscore.results.model import ResultPayload, SubmissionResult
from expertscore.results.payload import SPARSE_DEFAULTS, score_columns
from expertscore.scoring.editlog import canonical
from expertscore.scoring.familiarity import level_ok
from expertscore.vocabulary import EditKind

EMPTY: dict[str, Any] = {
    "points": None,
    "choice": None,
    "comment": "",
    "verified_value": None,
    "pinned_evidence": "[]",
}


NEW_KEYS = {"points", "choice"}
TEXT_OR_NONE = (str, type(None))


class Stop(Exception):
    """Carries the first broken rule out of the replay."""

    def __init__(self, broken: Broken) -> None:
        self.broken = broken


@dataclass
class _State:
    scores: dict[str, dict[tuple[str, int], dict[str, Any]]] = field(default_factory=dict)
    recusals: dict[str, str] = field(default_factory=dict)
    notes: dict[str, dict[str, Any]] = field(default_factory=dict)
    familiarity: dict[str, str | None] = field(default_factory=dict)
    requests: set[tuple[str, str, int]] = field(default_factory=set)
    submitted: int = 0
    locked: bool = False


class _Replay:
    def __init__(self, payload: ResultPayload, rules: BatchRules) -> None:
        self.expert = payload.expert.id
        self.rules = rules
        self.scope = rules.scope(self.expert)
        self.conflicted = {sub for expert, sub in rules.conflicts if expert == self.expert}
        self.state = _State()
        self.transcriber = payload.transcribed_by.id if payload.transcribed_by else None

    def fail(self, entry: LogEntry, rule: str, detail: str) -> NoReturn:
        raise Stop(
            Broken(rule, f"edit log entry {entry.seq}: {detail}", entry.submission, entry.indicator)
        )

    def run(self, entries: Sequence[LogEntry]) -> None:
        handlers: dict[str, Callable[[LogEntry, dict[str, Any]], None]] = {
            EditKind.SCORE: self._score,
            EditKind.COMMENT: self._field,
            EditKind.VERIFIED_VALUE: self._field,
            EditKind.PINS: self._field,
            EditKind.NOTE: self._note,
            EditKind.FAMILIARITY: self._familiarity,
            EditKind.RECUSE: self._recuse,
            EditKind.UNLOCK: self._unlock,
            EditKind.SUBMIT: self._submit,
            EditKind.ROUND_REQUEST: self._round_request,
            EditKind.TRANSCRIBE: self._transcribe,
        }
        for entry in entries:
            handler = handlers.get(entry.action)
            if handler is None:
                self.fail(entry, "log", f"unknown action {entry.action!r}")
            else:
                handler(entry, entry.detail if isinstance(entry.detail, dict) else {})

    # --- edits of a score record ------------------------------------------------------

    def _record(self, entry: LogEntry, detail: dict[str, Any]) -> dict[str, Any]:
        # The hot path of a replay (one call per edit): checks ordered cheapest first.
        state = self.state
        sub, code, round_ = entry.submission, entry.indicator, detail.get("round")
        if state.locked:
            self.fail(entry, "log", "an edit while the session was submitted and locked")
        if type(round_) is not int or round_ < 1:
            self.fail(entry, "log", "no round number")
        scope = None if sub is None else self.scope.get(sub)
        if sub is None or code is None or scope is None or code not in scope:
            self.fail(entry, "scope", "not in the expert's assignment in the batch")
        if sub in state.recusals or sub in self.conflicted:
            self.fail(entry, "recused", "an edit on a recused submission")
        if state.requests or round_ != 1:
            if round_ == 1:
                self.fail(entry, "round", "a round-1 score changed after a second round was asked")
            if (sub, code, round_) not in state.requests:
                self.fail(entry, "round", f"round {round_} was not asked for this indicator")
        records = state.scores.get(sub)
        if records is None:
            records = state.scores[sub] = {}
        record = records.get((code, round_))
        if record is None:
            record = records[(code, round_)] = dict(EMPTY)
        return record

    def _score(self, entry: LogEntry, detail: dict[str, Any]) -> None:
        record = self._record(entry, detail)
        old, now = detail.get("old"), record["points"]
        if (old is not None) if now is None else old != {"points": now, "choice": record["choice"]}:
            self.fail(entry, "log", "its old value is not the score before it")
        new = detail.get("new")
        if new is None:
            record["points"] = record["choice"] = None
            return
        if type(new) is not dict or new.keys() != NEW_KEYS:
            self.fail(entry, "log", "its new value is not points and a choice")
        points, choice = new["points"], new["choice"]
        if type(points) not in TEXT_OR_NONE or type(choice) not in TEXT_OR_NONE:
            self.fail(entry, "log", "its new value is not text")
        code = entry.indicator or ""
        reported = (
            self.rules.reported.get(entry.submission or "", {}).get(code)
            if choice == "suggested"
            else None
        )
        rejected = self.rules.check.problem(code, points, choice, reported)
        if rejected is not None:
            self.fail(entry, rejected.rule, rejected.reason)
        record["points"], record["choice"] = points, choice

    def _field(self, entry: LogEntry, detail: dict[str, Any]) -> None:
        record = self._record(entry, detail)
        if detail.get("old") != record[entry.action]:
            self.fail(entry, "log", "its old value is not the value before it")
        new = detail.get("new")
        if not _field_value_ok(entry.action, new):
            self.fail(entry, "log", f"its new value is not a {entry.action} the program writes")
        record[entry.action] = new

    # --- the rest -----------------------------------------------------------------------

    def _editable(self, entry: LogEntry) -> str:
        sub = entry.submission
        if self.state.locked:
            self.fail(entry, "log", "an edit while the session was submitted and locked")
        if sub not in self.scope:
            self.fail(entry, "scope", "the submission is not assigned to the expert")
        assert sub is not None
        return sub

    def _note(self, entry: LogEntry, detail: dict[str, Any]) -> None:
        sub = self._editable(entry)
        if sub in self.state.recusals or sub in self.conflicted:
            self.fail(entry, "recused", "a note on a recused submission")
        if not isinstance(detail.get("new"), dict):
            self.fail(entry, "log", "the note entry has no new value")
        self.state.notes[sub] = detail["new"]

    def _familiarity(self, entry: LogEntry, detail: dict[str, Any]) -> None:
        sub = self._editable(entry)
        if sub in self.state.recusals or sub in self.conflicted:
            self.fail(entry, "recused", "a familiarity on a recused submission")
        if detail.keys() != {"old", "new"} or detail["old"] != self.state.familiarity.get(sub):
            self.fail(entry, "log", "its old value is not the familiarity before it")
        if not level_ok(detail["new"]):
            self.fail(entry, "log", "its new value is not a familiarity the program writes")
        self.state.familiarity[sub] = detail["new"]

    def _recuse(self, entry: LogEntry, detail: dict[str, Any]) -> None:
        sub = self._editable(entry)
        if sub in self.state.recusals or sub in self.conflicted:
            self.fail(entry, "recusal", "the submission was already recused")
        reason = detail.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            self.fail(entry, "recusal", "a recusal without a reason")
        self.state.recusals[sub] = reason

    def _unlock(self, entry: LogEntry, detail: dict[str, Any]) -> None:
        if not self.state.locked or detail.get("sequence") != self.state.submitted:
            self.fail(entry, "log", "an unlock of a result that was not submitted")
        self.state.locked = False

    def _submit(self, entry: LogEntry, detail: dict[str, Any]) -> None:
        if self.state.locked or detail.get("sequence") != self.state.submitted + 1:
            self.fail(entry, "log", "a submission out of sequence or without an unlock")
        self.state.submitted += 1
        self.state.locked = True

    def _round_request(self, entry: LogEntry, detail: dict[str, Any]) -> None:
        round_, items = detail.get("round"), detail.get("items")
        if self.state.locked or not isinstance(round_, int) or round_ < 2:
            self.fail(entry, "round", "a round request on a locked session or without a round")
        if not isinstance(items, list):
            self.fail(entry, "round", "a round request without items")
        for item in items:
            if not (
                isinstance(item, list) and len(item) == 2 and all(type(v) is str for v in item)
            ):
                self.fail(entry, "round", "a round request item is not [submission, indicator]")
            sub, code = item
            if sub not in self.scope or code not in self.scope[sub]:
                self.fail(entry, "scope", f"round {round_} asks for {sub} {code}, not assigned")
            self.state.requests.add((sub, code, round_))

    def _transcribe(self, entry: LogEntry, detail: dict[str, Any]) -> None:
        if entry.seq != 1 or detail.get("chair") != self.transcriber:
            self.fail(entry, "log", "a transcription that is not the first entry or not signed")


def _field_value_ok(action: str, value: Any) -> bool:
    if action == EditKind.COMMENT:
        return type(value) is str
    if action == EditKind.VERIFIED_VALUE:
        return value is None or type(value) is str
    # pinned_evidence: the canonical JSON text of a list of {"id", "page"}
    if type(value) is not str:
        return False
    try:
        pins = json.loads(value)
    except (json.JSONDecodeError, RecursionError):
        return False
    return (
        isinstance(pins, list)
        and all(
            isinstance(pin, dict)
            and pin.keys() == {"id", "page"}
            and type(pin["id"]) is str
            and (pin["page"] is None or type(pin["page"]) is int)
            for pin in pins
        )
        and canonical(pins) == value
    )


def replay_problem(
    payload: ResultPayload, entries: Sequence[LogEntry], rules: BatchRules
) -> Broken | None:
    """The first rule the log breaks, or where its outcome differs from the payload."""
    replay = _Replay(payload, rules)
    try:
        replay.run(entries)
    except Stop as stop:
        return stop.broken
    if payload.transcribed_by is not None and (
        not entries or entries[0].action != EditKind.TRANSCRIBE
    ):
        return Broken("log", "a transcribed result whose log does not start with the transcription")
    state = replay.state
    for sub in payload.submissions:
        problem = _compare(sub, state, replay.scope.get(sub.id, {}))
        if problem is not None:
            return problem
    return None


def _compare(sub: SubmissionResult, state: _State, leaves: dict[str, int]) -> Broken | None:
    declared = state.recusals.get(sub.id)
    recusal = sub.recusal
    if recusal is not None and recusal.source == "declared":
        if declared != recusal.reason:
            return Broken("log", "the declared recusal is not the one the log records", sub.id)
        return None
    if declared is not None:
        return Broken("log", "the log records a recusal the result does not carry", sub.id)
    if recusal is not None:
        return None  # the roster's: checked against the package
    records = state.scores.get(sub.id, {})
    kept = sorted(
        (round_, leaves[code], code, record)
        for (code, round_), record in records.items()
        if code in leaves and record != EMPTY
    )
    expected = score_columns(
        {
            "indicator": code,
            "round": round_,
            "points": record["points"],
            "choice": record["choice"],
            "verified_value": record["verified_value"],
            "comment": record["comment"],
            "evidence": []
            if record["pinned_evidence"] == "[]"
            else json.loads(record["pinned_evidence"]),
        }
        for round_, _order, code, record in kept
    )
    if _columns_of(sub) != expected:
        return _difference(sub, [(code, round_, record) for round_, _o, code, record in kept])
    if sub.familiarity != state.familiarity.get(sub.id):
        return Broken("log", "the familiarity is not the log's", sub.id)
    return _compare_note(sub, state.notes.get(sub.id))


def _columns_of(sub: SubmissionResult) -> dict[str, list[Any]]:
    """The payload's columns in ``score_columns``'s own shape, to compare in one go."""
    cols = sub.columns
    found: dict[str, list[Any]] = {"indicator": cols.indicator, "points": cols.points}
    for name in SPARSE_DEFAULTS:
        pairs = getattr(cols, name)
        if name == "evidence":
            found[name] = [[row, [pin.model_dump() for pin in pins]] for row, pins in pairs]
        else:
            found[name] = [list(pair) for pair in pairs]
    return found


def _difference(sub: SubmissionResult, kept: list[tuple[str, int, dict[str, Any]]]) -> Broken:
    """Where the payload's scores and the log's outcome first differ."""
    claimed = {(item.indicator, item.round): item for item in sub.scores}
    for code, round_, record in kept:
        item = claimed.pop((code, round_), None)
        if item is None or (
            item.points,
            item.choice,
            item.comment,
            item.verified_value,
            [pin.model_dump() for pin in item.evidence],
        ) != (
            record["points"],
            record["choice"],
            record["comment"],
            record["verified_value"],
            json.loads(record["pinned_evidence"] or "[]"),
        ):
            detail = f"round {round_} is not what the edit log produces"
            return Broken("log", detail, sub.id, code)
    if claimed:
        code, round_ = next(iter(claimed))
        return Broken("log", f"round {round_} has no entry in the edit log", sub.id, code)
    return Broken("log", "the scores are not in the order an honest program writes", sub.id)


def _compare_note(sub: SubmissionResult, note: dict[str, Any] | None) -> Broken | None:
    if note is None:
        ok = sub.comment == "" and sub.classification is None
    else:
        c = sub.classification
        ok = c is not None and (
            sub.comment,
            c.category,
            c.industry_tags,
            c.domain_tags,
            c.level,
        ) == (
            note.get("comment"),
            note.get("category"),
            note.get("industry_tags"),
            note.get("domain_tags"),
            note.get("level"),
        )
    return None if ok else Broken("log", "the comment or classification is not the log's", sub.id)
