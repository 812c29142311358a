"""Reading the evidence list of a submission as plain records.

The scoring window shows "the evidence linked to the chosen indicator first": files whose
``indicators`` name the indicator (or one of its groups) come first, each group in the
batch's order. Not thread-safe, like ``SessionFile``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from expertscore.storage import models as m
from expertscore.storage.session import SessionFile


@dataclass(frozen=True)
class EvidenceRecord:
    id: str
    submission_id: str
    sha256: str
    media_type: str
    title: str
    filename: str
    indicators: tuple[str, ...]
    position: int
    size: int

    def supports(self, code: str | None) -> bool:
        """Whether the file is linked to ``code`` directly or through one of its groups."""
        if not code:
            return False
        return any(code == linked or code.startswith(linked + ".") for linked in self.indicators)


def evidence_of(session: SessionFile, submission_id: str) -> list[EvidenceRecord]:
    """Every evidence file of a submission, in the batch's order."""
    with session.orm() as orm:
        rows = orm.execute(
            select(m.Evidence, m.EvidenceBlob.size)
            .join(m.EvidenceBlob, m.EvidenceBlob.sha256 == m.Evidence.sha256)
            .where(m.Evidence.submission_id == submission_id)
            .order_by(m.Evidence.position)
        ).all()
    return [
        EvidenceRecord(
            id=row.id,
            submission_id=row.submission_id,
            sha256=row.sha256,
            media_type=row.media_type,
            title=row.title,
            filename=row.filename,
            indicators=tuple(json.loads(row.indicators or "[]")),
            position=row.position,
            size=size,
        )
        for row, size in rows
    ]


def linked_first(records: list[EvidenceRecord], code: str | None) -> list[EvidenceRecord]:
    """``records`` with those supporting ``code`` first; the order is otherwise kept."""
    linked = [record for record in records if record.supports(code)]
    others = [record for record in records if not record.supports(code)]
    return linked + others


def evidence_for(
    session: SessionFile, submission_id: str, indicator: str | None = None
) -> list[EvidenceRecord]:
    """The submission's evidence, linked to ``indicator`` first."""
    return linked_first(evidence_of(session, submission_id), indicator)
