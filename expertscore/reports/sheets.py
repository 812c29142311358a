"""Printed scoring sheets (A4, the CJK font embedded, "第 x 页 / 共 y 页" per submission).

* ``render_blank_sheets``: blank sheets for scoring on paper, from a package's manifest
  (``blank_sheets_from_package``) or a session (``blank_sheets_from_session``).
* ``render_filled_sheet``: one expert's scores from a session file, with subtotals, total,
  comments, the key fingerprint and the result file's SHA-256 as text and QR code, to be
  signed by hand. The digest and fingerprint are plain parameters: whoever writes the
  result file passes them (``file_digest`` hashes a result file's bytes).

Every function reads what it needs, closes the session, then writes the PDF atomically
(temporary file and rename) and returns a ``Printed`` (path, page count, QR positions).
They are blocking and touch no UI: the window runs them on its worker thread.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from expertscore.batch.package import open_package
from expertscore.crypto.dsse import fingerprint as key_fingerprint
from expertscore.reports.pdfbase import Printed, ReportError
from expertscore.reports.sheet_base import BatchHeader, BatchLike, SubmissionLike
from expertscore.reports.sheet_blank import BlankSheets
from expertscore.reports.sheet_filled import (
    ExpertCard,
    FilledSheets,
    FilledSubmission,
    RecusalCard,
)
from expertscore.schemes.model import Scheme
from expertscore.scoring.service import ScoringService, SubmissionRow
from expertscore.storage import models as m
from expertscore.storage.session import SessionFile
from expertscore.wording import Text

SHA256_TEXT = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1 << 20

__all__ = [
    "Printed",
    "ReportError",
    "blank_sheets_from_package",
    "blank_sheets_from_session",
    "file_digest",
    "render_blank_sheets",
    "render_filled_sheet",
    "roster_fingerprint",
]


@dataclass(frozen=True)
class SheetValue:
    value: str
    unit: str


@dataclass(frozen=True)
class SheetSubmission:
    """A submission as read from a session, shaped like the manifest's."""

    id: str
    platform: str
    operator: str
    region: str | None
    category: str | None
    values: Mapping[str, SheetValue] = field(default_factory=dict)


def render_blank_sheets(
    scheme: Scheme,
    batch_info: BatchLike,
    submissions: Sequence[SubmissionLike],
    out: Path,
    leaves: Mapping[str, Collection[str]] | None = None,
) -> Printed:
    """Blank sheets, one section per submission (every applicable leaf, or ``leaves[id]``)."""
    if not submissions:
        raise ReportError(f"{out}: no submissions to print").saying("nothing_to_print", path=out)
    return BlankSheets(scheme, batch_info, submissions, leaves).render(out)


def render_filled_sheet(
    session_path: Path,
    submission_ids: list[str] | None,
    out: Path,
    digest: str | None,
    fingerprint: str | None,
) -> Printed:
    """The expert's filled sheets for the assigned submissions (all, or those listed).

    ``digest`` is the SHA-256 of the result file (64 hex digits) or None while nothing is
    submitted; ``fingerprint`` the expert's key fingerprint or None.
    """
    digest = _checked_digest(digest)
    fingerprint = (fingerprint or "").strip() or None
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        scheme = session.scheme
        info = session.info
        batch = BatchHeader(info.batch_id, info.batch_title, info.batch_organizer)
        expert = _expert_card(session)
        rows = {row.id: row for row in scoring.submissions()}
        chosen = _choose(
            list(rows),
            submission_ids,
            Text(f"assigned to {info.expert_id}", f"分配给 {info.expert_id} 的"),
        )
        items = [_filled(scoring, rows[sid]) for sid in chosen]
    return FilledSheets(scheme, batch, expert, items, digest, fingerprint).render(out)


def blank_sheets_from_package(
    package: Path, submission_ids: Iterable[str] | None, out: Path
) -> Printed:
    """Blank sheets for a whole round (or the listed submissions) of a batch package."""
    opened = open_package(package)
    manifest = opened.manifest
    by_id = {sub.id: sub for sub in manifest.submissions}
    chosen = _choose(list(by_id), submission_ids, Text("in the batch", "本批次中的"))
    return render_blank_sheets(opened.scheme, manifest.batch, [by_id[s] for s in chosen], out)


def blank_sheets_from_session(
    session_path: Path, submission_ids: Iterable[str] | None, out: Path
) -> Printed:
    """Blank sheets of a session's assigned, not recused submissions (its leaves only)."""
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        info = session.info
        rows = [row for row in scoring.submissions() if row.recusal_reason is None]
        chosen = _choose(
            [row.id for row in rows],
            submission_ids,
            Text(f"to score for {info.expert_id}", f"{info.expert_id} 要评分的"),
        )
        subs = [_session_submission(scoring, row) for row in rows if row.id in chosen]
        leaves = {sid: [leaf.code for leaf in scoring.assigned_leaves(sid)] for sid in chosen}
        batch = BatchHeader(info.batch_id, info.batch_title, info.batch_organizer)
        scheme = session.scheme
    return render_blank_sheets(scheme, batch, subs, out, leaves)


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, as 64 lower-case hex digits (read in chunks)."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise ReportError(f"{path}: cannot read: {exc.strerror}").saying(
            "unreadable", path=path, why=exc.strerror
        ) from None
    return digest.hexdigest()


def roster_fingerprint(session_path: Path) -> str | None:
    """The fingerprint of the expert's public key as pinned on the batch's roster, if any."""
    with SessionFile(session_path) as session, session.orm() as orm:
        expert = orm.get(m.Expert, session.info.expert_id)
        key = expert.public_key if expert else None
    return key_fingerprint(key) if key else None


# --- reading -------------------------------------------------------------------------


def _checked_digest(digest: str | None) -> str | None:
    if digest is None:
        return None
    text = digest.strip().lower()
    if not SHA256_TEXT.match(text):
        raise ReportError(f"'{digest}' is not a SHA-256 digest (64 hex digits)").saying(
            "not_a_digest", digest=digest
        )
    return text


def _choose(available: list[str], wanted: Iterable[str] | None, where: Text) -> list[str]:
    """The wanted ids in the batch's order; all when ``wanted`` is None or empty.

    ``where`` says which submissions were available, in both languages.
    """
    wanted = list(wanted or [])
    unknown = [sid for sid in wanted if sid not in available]
    if unknown:
        raise ReportError(f"submission {unknown[0]} is not {where.en}").saying(
            "not_available", submission=unknown[0], scope=where
        )
    chosen = [sid for sid in available if not wanted or sid in wanted]
    if not chosen:
        raise ReportError(f"no submissions {where.en}").saying("none_available", scope=where)
    return chosen


def _expert_card(session: SessionFile) -> ExpertCard:
    expert_id = session.info.expert_id
    with session.orm() as orm:
        expert = orm.get(m.Expert, expert_id)
    if expert is None:
        return ExpertCard(expert_id, expert_id)
    return ExpertCard(expert.id, expert.name, expert.organization, expert.role)


def _session_submission(scoring: ScoringService, row: SubmissionRow) -> SheetSubmission:
    values = {
        code: SheetValue(value.value, value.unit)
        for code, value in scoring.reported_values(row.id).items()
    }
    return SheetSubmission(row.id, row.platform, row.operator, row.region, row.category, values)


def _filled(scoring: ScoringService, row: SubmissionRow) -> FilledSubmission:
    sub = _session_submission(scoring, row)
    recusal = scoring.recusal(row.id)
    return FilledSubmission(
        sub=sub,
        leaves=[leaf.code for leaf in scoring.assigned_leaves(row.id)],
        applicable=len(scoring.scheme.applicable_leaves(row.category)),
        scores=scoring.scores(row.id),
        totals=scoring.rollup(row.id),
        note=scoring.note(row.id),
        recusal=(
            RecusalCard(recusal.reason, recusal.source, recusal.declared_at) if recusal else None
        ),
    )
