"""The result payload: everything one expert decided in one session, as signed bytes.

The payload (``expertscore-result-payload/4``, ``docs/formats.md``) is UTF-8 JSON. It is
signed as the exact bytes written here, so nobody ever has to re-create them: the
serialisation below only needs to be deterministic for the simulation's and the docs'
reproducible files. Every decimal is a plain decimal string (``"7.5"``), never a JSON
number.

Scores are written as columns and the edit log as one compressed block because a chair
merges thirty files of thousands of scores each: a reader then parses a few long arrays
instead of tens of thousands of small objects, and reaches the scores without unpacking
the log, which the signature already covers and ``verify`` checks in full. Only the
indicator and the points are set on (nearly) every record; round, choice, verified value,
comment and pinned evidence are listed for the records that have them, and when each
score last changed is in the log, not repeated beside every score.

``build_payload`` reads inside the caller's transaction (the one that adds the result
record and the ``submit`` log entry), so the payload and the lock describe the same state.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from expertscore import __version__
from expertscore.scoring.editlog import entry_of, stored_line
from expertscore.scoring.lock import transcription
from expertscore.scoring.service import ScoringService
from expertscore.scoring.totals import rollup
from expertscore.storage import models as m

PAYLOAD_FORMAT = "expertscore-result-payload/4"
# Read as well: version 3 is version 4 without ``familiarity`` (read as not marked).
READABLE_FORMATS = ("expertscore-result-payload/3", PAYLOAD_FORMAT)
DENSE_COLUMNS = ("indicator", "points")
# Listed as [row, value] only for the records whose value is not this default.
SPARSE_DEFAULTS: Mapping[str, Any] = MappingProxyType(
    {"round": 1, "choice": None, "verified_value": None, "comment": "", "evidence": ()}
)
PROGRAM = "ExpertScore"


def plain(value: Decimal | str) -> str:
    """A decimal as plain digits: ``"10"`` rather than ``"1E+1"``."""
    return format(value if isinstance(value, Decimal) else Decimal(value), "f")


def payload_bytes(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def score_columns(items: Iterable[Mapping[str, Any]]) -> dict[str, list[Any]]:
    """Score records as the payload's columns: dense ones, then sparse ``[row, value]`` pairs."""
    columns: dict[str, list[Any]] = {name: [] for name in (*DENSE_COLUMNS, *SPARSE_DEFAULTS)}
    for row, item in enumerate(items):
        for name in DENSE_COLUMNS:
            columns[name].append(item[name])
        for name, default in SPARSE_DEFAULTS.items():
            value = item[name]
            # Evidence may come as a list: an empty one is "no pinned files", the default.
            if (tuple(value) if name == "evidence" else value) != default:
                columns[name].append([row, value])
    return columns


def log_block(lines: Sequence[str], head: str) -> dict[str, Any]:
    """The edit log's lines, deflated; ``head`` is the last entry's hash."""
    text = "".join(line + "\n" for line in lines).encode("utf-8")
    return {
        "entries": len(lines),
        "head": head,
        "deflated": base64.b64encode(zlib.compress(text, 9)).decode("ascii"),
    }


def build_payload(
    scoring: ScoringService,
    orm: OrmSession,
    record: m.ResultRecord,
    previous: m.ResultRecord | None,
) -> dict[str, Any]:
    session = scoring.session
    info = session.info
    expert = orm.get(m.Expert, info.expert_id)
    transcribed = transcription(orm)
    return {
        "format": PAYLOAD_FORMAT,
        "batch": {
            "id": info.batch_id,
            "sha256": info.manifest_sha256,
            "title": info.batch_title,
            "organizer": info.batch_organizer,
            "scheme": {
                "id": info.scheme_id,
                "version": info.scheme_version,
                "sha256": info.scheme_sha256,
            },
        },
        "expert": {
            "id": info.expert_id,
            "name": expert.name if expert else "",
            "organization": expert.organization if expert else None,
            "public_key": None if transcribed else record.public_key,
        },
        "transcribed_by": None
        if transcribed is None
        else {
            "id": transcribed.chair_id,
            "name": transcribed.chair_name,
            "public_key": transcribed.chair_public_key,
            "sheet": transcribed.sheet,
            "marked_at": transcribed.marked_at,
        },
        "sequence": record.sequence,
        "submitted_at": record.submitted_at,
        "supersedes": None
        if previous is None
        else {
            "sequence": previous.sequence,
            "payload_sha256": previous.payload_sha256,
            "unlocked_at": previous.unlocked_at,
            "unlock_reason": previous.unlock_reason,
        },
        "program": {"name": PROGRAM, "version": __version__},
        "submissions": _submissions(scoring, orm),
        "log": _log(orm, info.manifest_sha256),
    }


def _submissions(scoring: ScoringService, orm: OrmSession) -> list[dict[str, Any]]:
    subs = orm.scalars(
        select(m.Submission)
        .join(m.Assignment, m.Assignment.submission_id == m.Submission.id)
        .order_by(m.Submission.position)
    )
    result = []
    for sub in subs:
        recusal = orm.get(m.Recusal, sub.id)
        note = orm.get(m.SubmissionNote, sub.id)
        known = orm.get(m.Familiarity, sub.id)
        item: dict[str, Any] = {
            "id": sub.id,
            "platform": sub.platform,
            "operator": sub.operator,
            "recusal": None
            if recusal is None
            else {
                "reason": recusal.reason,
                "source": recusal.source,
                "declared_at": recusal.declared_at,
            },
            "comment": note.comment if note and recusal is None else "",
            "classification": None
            if note is None or recusal is not None
            else _classification(note),
            "familiarity": known.level if known and recusal is None else None,
            "totals": None,
            "scores": score_columns([]),
        }
        if recusal is None:
            item["scores"], item["totals"] = _scores(scoring, orm, sub.id)
        result.append(item)
    return result


def _classification(note: m.SubmissionNote) -> dict[str, Any]:
    return {
        "category": note.category,
        "industry_tags": json.loads(note.industry_tags),
        "domain_tags": json.loads(note.domain_tags),
        "level": note.level,
        "updated_at": note.updated_at,
    }


def _scores(
    scoring: ScoringService, orm: OrmSession, submission_id: str
) -> tuple[dict[str, list[Any]], dict[str, str]]:
    leaves = scoring.assigned_leaves(submission_id)
    order = {leaf.code: index for index, leaf in enumerate(leaves)}
    rows = [
        row
        for row in orm.scalars(select(m.Score).where(m.Score.submission_id == submission_id))
        if row.indicator in order
        and (
            row.points is not None
            or row.comment
            or row.verified_value
            or row.pinned_evidence != "[]"
        )
    ]
    rows.sort(key=lambda row: (row.round, order[row.indicator]))
    scores = score_columns(
        {
            "indicator": row.indicator,
            "round": row.round,
            "points": None if row.points is None else plain(row.points),
            "choice": row.choice,
            "verified_value": row.verified_value,
            "comment": row.comment,
            "evidence": json.loads(row.pinned_evidence),
        }
        for row in rows
    )
    points = {
        row.indicator: Decimal(row.points)
        for row in rows
        if row.round == 1 and row.points is not None
    }
    totals = rollup(scoring.scheme, points, set(order))
    return scores, {
        "base": plain(totals.base),
        "bonus": plain(totals.bonus),
        "total": plain(totals.total),
        "attainable": plain(totals.base_max),
    }


def _log(orm: OrmSession, genesis: str) -> dict[str, Any]:
    rows = list(orm.scalars(select(m.EditLog).order_by(m.EditLog.seq)))
    lines = [stored_line(entry_of(row)) for row in rows]
    return log_block(lines, rows[-1].hash if rows else genesis)
