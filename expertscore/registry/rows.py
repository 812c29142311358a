"""The rows one panel file adds: its platforms' results and its experts' records.

Platforms and experts are shared between panels, so they are inserted with "on conflict
do nothing" and then looked up: two transactions adding the same platform at once both
end with the one row (keys are inserted in sorted order, so they never deadlock).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from expertscore.batch.package import OpenedPackage
from expertscore.chair.panel_file_model import PanelPayload
from expertscore.crypto.dsse import fingerprint
from expertscore.registry.models import Expert, InputKind, PanelExpert, Platform, PlatformResult


def _insert_missing(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(table).on_conflict_do_nothing(), rows)


def _platform_ids(session: Session, payload: PanelPayload) -> dict[tuple[str, str], int]:
    keys = sorted({(sub.operator, sub.platform) for sub in payload.submissions})
    if not keys:
        return {}
    _insert_missing(session, Platform.__table__, [{"operator": o, "name": n} for o, n in keys])
    found = session.execute(
        select(Platform.operator, Platform.name, Platform.id).where(
            tuple_(Platform.operator, Platform.name).in_(keys)
        )
    )
    return {(operator, name): pid for operator, name, pid in found}


def _result_rows(
    panel_id: int, payload: PanelPayload, platforms: dict[tuple[str, str], int]
) -> list[dict[str, Any]]:
    return [
        {
            "panel_id": panel_id,
            "platform_id": platforms[(sub.operator, sub.platform)],
            "submission": sub.id,
            "region": sub.region,
            "category": sub.category,
            "base": Decimal(sub.base),
            "bonus": Decimal(sub.bonus),
            "total": Decimal(sub.total),
            "percent": None if sub.percent is None else Decimal(sub.percent),
            "grade": sub.grade,
            "rank": sub.rank,
            "experts": len(sub.experts),
            "flagged": sum(1 for item in sub.indicators if item.flags),
            "agreed": sum(1 for item in sub.indicators if item.override is not None),
            "fragile": bool(sub.fragile),
        }
        for sub in payload.submissions
    ]


def _people(payload: PanelPayload, package: OpenedPackage) -> dict[str, dict[str, Any]]:
    """Each listed expert as a person: the roster's name and organization."""
    roster = {member.id: member for member in package.manifest.roster}
    people = {}
    for item in payload.inputs:
        member = roster.get(item.expert)
        name = member.name if member else item.expert
        organization = member.organization if member else None
        people[item.expert] = {
            "identity": f"{name}|{organization or ''}",
            "name": name,
            "organization": organization,
        }
    return people


def _keys(payload: PanelPayload, package: OpenedPackage) -> dict[str, str | None]:
    """Each expert's key: pinned in the roster, else the one their own result was signed with
    (a transcription is signed by the chair's key, not theirs)."""
    pins = {m.id: fingerprint(m.public_key) for m in package.manifest.roster if m.public_key}
    return {
        item.expert: pins.get(item.expert)
        or (item.key if item.result == InputKind.SIGNED else None)
        for item in payload.inputs
    }


def _expert_ids(session: Session, people: dict[str, dict[str, Any]]) -> dict[str, int]:
    rows = sorted(people.values(), key=lambda row: row["identity"])
    if not rows:
        return {}
    _insert_missing(session, Expert.__table__, rows)
    identities = [row["identity"] for row in rows]
    found = dict(
        session.execute(
            select(Expert.identity, Expert.id).where(Expert.identity.in_(identities))
        ).all()
    )
    return {roster_id: found[row["identity"]] for roster_id, row in people.items()}


def _expert_rows(
    panel_id: int, payload: PanelPayload, package: OpenedPackage, ids: dict[str, int]
) -> list[dict[str, Any]]:
    roles = {member.id: member.role for member in package.manifest.roster}
    assigned = Counter(a.expert for a in package.manifest.assignments)
    scored: Counter[str] = Counter()
    recused: Counter[str] = Counter()
    explanations: Counter[str] = Counter()
    decisive: Counter[str] = Counter()
    for sub in payload.submissions:
        scored.update(sub.experts)
        recused.update(sub.recused)
        explanations.update(list(sub.explanations_needed))
        decisive.update({found.without for found in sub.fragile})
    keys = _keys(payload, package)
    asked = Counter(e for request in payload.decisions.second_round for e in request.experts)
    return [
        {
            "panel_id": panel_id,
            "expert_id": ids[item.expert],
            "roster_id": item.expert,
            "role": roles.get(item.expert),
            "key": keys[item.expert],
            "result": item.result,
            "assigned": assigned[item.expert],
            "scored": scored[item.expert],
            "recused": recused[item.expert],
            "explanations": explanations[item.expert],
            "second_round": asked[item.expert],
            "decisive": decisive[item.expert],
        }
        for item in payload.inputs
    ]


def add_rows(
    session: Session, panel_id: int, payload: PanelPayload, package: OpenedPackage
) -> None:
    """Write panel ``panel_id``'s results and expert records (inside the caller's transaction)."""
    platforms = _platform_ids(session, payload)
    session.execute(PlatformResult.__table__.insert(), _result_rows(panel_id, payload, platforms))
    experts = _expert_ids(session, _people(payload, package))
    rows = _expert_rows(panel_id, payload, package, experts)
    if rows:
        session.execute(PanelExpert.__table__.insert(), rows)
