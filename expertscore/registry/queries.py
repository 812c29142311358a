"""The registry's questions: each platform's history, each expert's record, the panels.

Only each batch's current panel file counts (a correction replaces the file it corrects).
Every function opens its own read-only session and returns plain, frozen records; the
window and the command line only show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from expertscore.registry.models import (
    Expert,
    InputKind,
    PanelExpert,
    PanelFile,
    Platform,
    PlatformResult,
    Status,
)


@dataclass(frozen=True)
class Round:
    """One platform in one panel."""

    platform_id: int
    platform: str
    operator: str
    batch_id: str
    batch_title: str
    scheme: str  # "<id> <version>"
    batch_created: str
    submission: str
    region: str | None
    total: Decimal
    percent: Decimal | None
    grade: str | None
    rank: int
    of: int  # submissions in that panel
    moved: bool  # the grade differs from the platform's previous round


@dataclass(frozen=True)
class ExpertRecord:
    """One person across panels (counts over the current panel files)."""

    expert_id: int
    name: str
    organization: str | None
    keys: int  # different signing keys seen
    panels: int
    assigned: int
    scored: int
    recused: int
    explanations: int
    second_round: int
    decisive: int
    missing: int  # panels where no result of theirs was used
    transcribed: int  # panels where the chair's transcription of their sheet was used


@dataclass(frozen=True)
class PanelRow:
    sha256: str
    batch_id: str
    batch_title: str
    batch_created: str
    scheme: str
    chair: str
    chair_key: str
    created_at: str
    check: str
    status: str
    correction_cause: str | None
    ingested_at: str
    ingested_by: str


def _history_query(platform_id: int | None):
    query = (
        select(
            Platform.id.label("platform_id"),
            Platform.name.label("platform"),
            Platform.operator,
            PanelFile.batch_id,
            PanelFile.batch_title,
            (PanelFile.scheme_id + " " + PanelFile.scheme_version).label("scheme"),
            PanelFile.batch_created,
            PlatformResult.submission,
            PlatformResult.region,
            PlatformResult.total,
            PlatformResult.percent,
            PlatformResult.grade,
            PlatformResult.rank,
            PanelFile.submissions.label("of"),
        )
        .join(PlatformResult, PlatformResult.platform_id == Platform.id)
        .join(PanelFile, PanelFile.id == PlatformResult.panel_id)
        .where(PanelFile.status == Status.CURRENT)
        .order_by(Platform.operator, Platform.name, PanelFile.batch_created, PanelFile.batch_id)
    )
    if platform_id is not None:
        query = query.where(Platform.id == platform_id)
    return query


def platform_history(engine: Engine, platform_id: int | None = None) -> list[Round]:
    """Every platform's rounds, oldest first (or one platform's, by its registry id)."""
    rounds: list[Round] = []
    with Session(engine) as session:
        rows = session.execute(_history_query(platform_id)).all()
    previous: dict[int, str | None] = {}
    for row in rows:
        fields = row._asdict()
        pid, grade = fields["platform_id"], fields["grade"]
        rounds.append(Round(**fields, moved=pid in previous and previous[pid] != grade))
        previous[pid] = grade
    return rounds


def find_platforms(engine: Engine, text: str) -> list[tuple[int, str, str]]:
    """Platforms whose name or operator contains ``text``: (id, name, operator)."""
    pattern = f"%{text}%"
    with Session(engine) as session:
        rows = session.execute(
            select(Platform.id, Platform.name, Platform.operator)
            .where(Platform.name.like(pattern) | Platform.operator.like(pattern))
            .order_by(Platform.operator, Platform.name)
        ).all()
    return [(pid, name, operator) for pid, name, operator in rows]


def expert_records(engine: Engine) -> list[ExpertRecord]:
    """Every expert's record across the current panel files, by name."""
    c = PanelExpert
    query = (
        select(
            Expert.id,
            Expert.name,
            Expert.organization,
            func.count(c.key.distinct()),
            func.count(c.id),
            func.sum(c.assigned),
            func.sum(c.scored),
            func.sum(c.recused),
            func.sum(c.explanations),
            func.sum(c.second_round),
            func.sum(c.decisive),
            func.count(c.id).filter(c.result == InputKind.MISSING),
            func.count(c.id).filter(c.result == InputKind.TRANSCRIPTION),
        )
        .join(c, c.expert_id == Expert.id)
        .join(PanelFile, PanelFile.id == c.panel_id)
        .where(PanelFile.status == Status.CURRENT)
        .group_by(Expert.id, Expert.name, Expert.organization)
        .order_by(Expert.name, Expert.id)
    )
    with Session(engine) as session:
        rows = session.execute(query).all()
    return [ExpertRecord(*row[:3], *(count or 0 for count in row[3:])) for row in rows]


def panel_rows(engine: Engine) -> list[PanelRow]:
    """Every file the registry holds, current and superseded, oldest first."""
    with Session(engine) as session:
        files = session.scalars(select(PanelFile).order_by(PanelFile.batch_created, PanelFile.id))
        return [
            PanelRow(
                f.sha256,
                f.batch_id,
                f.batch_title,
                f.batch_created,
                f"{f.scheme_id} {f.scheme_version}",
                f"{f.chair_id} {f.chair_name}",
                f.chair_key,
                f.created_at,
                f.check,
                f.status,
                f.correction_cause,
                f.ingested_at.isoformat(timespec="seconds"),
                f.ingested_by,
            )
            for f in files
        ]
