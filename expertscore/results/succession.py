"""When a later result from the same expert may replace the accepted one, and what it changes.

A session's results form one line: each later result names the one before it
(``supersedes``: its sequence and payload SHA-256), and its edit log continues the earlier
one's (the earlier log's last hash is entry *n* of the later log, *n* the earlier count).
So a later result is accepted only when it names the accepted result by digest and its
log extends that result's log; then no recusal can disappear or be "un-declared" (every
recusal of the accepted result is in the later one, unchanged), and round-1 scores change
only in the ways the log's replay allows. ``changes`` lists what the replacement changes,
for the chair to see before anything is written.

The one exception is the chair's transcription of a paper sheet offered over the expert's
own signed result: it comes from another session and key, so it cannot name or continue
that result; it keeps every recusal, and may replace the result only where the chair
recorded why (``transcription-allowed``, see ``expertscore.chair.transcriptions``).
"""

from __future__ import annotations

from dataclasses import dataclass

from expertscore.results.content import Broken
from expertscore.results.model import ResultPayload
from expertscore.results.verify import CheckedResult


def succession_problem(previous: CheckedResult, later: CheckedResult) -> Broken | None:
    """Why ``later`` may not replace the accepted ``previous`` (``None`` when it may)."""
    before, after = previous.payload, later.payload
    if after.transcribed_by is not None and before.transcribed_by is None:
        # The chair's transcription of a paper sheet, offered over the expert's own signed
        # result: it cannot name or continue a file made in another session with another
        # key. Whether it may replace it is the chair's recorded decision (a
        # ``transcription-allowed`` line, checked at the merge and on every replay).
        return _recusals_kept(before, after)
    named = after.supersedes
    if named is None or (named.sequence, named.payload_sha256) != (
        before.sequence,
        previous.payload_sha256,
    ):
        which = (
            "names no result it supersedes"
            if named is None
            else f"supersedes result {named.sequence} with SHA-256 {named.payload_sha256[:12]}…"
        )
        detail = (
            f"result {after.sequence} {which}, not the accepted result {before.sequence}"
            f" (SHA-256 {previous.payload_sha256[:12]}…)"
        )
        return Broken("supersedes", detail)
    count = before.log.entries
    hashes = later.log_hashes
    if len(hashes) < count or hashes[count - 1] != before.log.head:
        detail = f"the edit log does not continue the log of the accepted result {before.sequence}"
        return Broken("supersedes", detail)
    return _recusals_kept(before, after)


def _recusals_kept(before: ResultPayload, after: ResultPayload) -> Broken | None:
    kept = {sub.id: sub.recusal for sub in after.submissions}
    for sub in before.submissions:
        if sub.recusal is not None and kept.get(sub.id) != sub.recusal:
            detail = f"the recusal of the accepted result {before.sequence} is gone or changed"
            return Broken("recusal-kept", detail, sub.id)
    return None


@dataclass(frozen=True)
class ScoreChange:
    submission: str
    indicator: str
    round: int
    old: str | None  # points, or None when unscored
    new: str | None


@dataclass(frozen=True)
class Changes:
    """What a replacement changes: scores, comments (submission, indicator or None), recusals."""

    scores: tuple[ScoreChange, ...]
    comments: tuple[tuple[str, str | None], ...]
    recusals: tuple[str, ...]  # submissions newly recused

    def __bool__(self) -> bool:
        return bool(self.scores or self.comments or self.recusals)


def changes(previous: CheckedResult, later: CheckedResult) -> Changes:
    old_subs = {sub.id: sub for sub in previous.payload.submissions}
    scores: list[ScoreChange] = []
    comments: list[tuple[str, str | None]] = []
    recusals: list[str] = []
    for sub in later.payload.submissions:
        old = old_subs.get(sub.id)
        if old is None:
            continue
        if sub.recusal is not None and old.recusal is None:
            recusals.append(sub.id)  # its scores and comments go with it: not listed again
            continue
        if sub.comment != old.comment:
            comments.append((sub.id, None))
        before = {(s.indicator, s.round): s for s in old.scores}
        after = {(s.indicator, s.round): s for s in sub.scores}
        for key in sorted(before.keys() | after.keys(), key=lambda k: (k[1], k[0])):
            a, b = before.get(key), after.get(key)
            old_points, new_points = (a.points if a else None), (b.points if b else None)
            if old_points != new_points:
                scores.append(ScoreChange(sub.id, key[0], key[1], old_points, new_points))
            if (a.comment if a else "") != (b.comment if b else ""):
                comments.append((sub.id, key[0]))
    return Changes(tuple(scores), tuple(comments), tuple(recusals))


SHOWN = 8


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def describe(found: Changes) -> str:
    """The changes in one line, for the merge's listing."""
    if not found:
        return "no score, comment or recusal changed"
    parts = []
    if found.scores:
        shown = "; ".join(
            f"{c.submission} {c.indicator}"
            + (f" round {c.round}" if c.round != 1 else "")
            + f" {c.old or '-'} → {c.new or '-'}"
            for c in found.scores[:SHOWN]
        )
        more = f"; and {len(found.scores) - SHOWN} more" if len(found.scores) > SHOWN else ""
        parts.append(f"{_count(len(found.scores), 'score')} changed ({shown}{more})")
    if found.comments:
        shown = ", ".join(f"{s} {i}" if i else s for s, i in found.comments[:SHOWN])
        more = f", and {len(found.comments) - SHOWN} more" if len(found.comments) > SHOWN else ""
        parts.append(f"{_count(len(found.comments), 'comment')} changed ({shown}{more})")
    if found.recusals:
        parts.append("newly recused: " + ", ".join(found.recusals))
    return "; ".join(parts)
