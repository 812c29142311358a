"""The rows one panel file adds: its platforms' results and its experts' records.

``panel_rows`` makes them as plain data where the file is checked (possibly in another
process: they travel back instead of the whole payload); ``add_rows`` writes them.
Platforms and experts are shared between panels, so they are inserted with "on conflict
do nothing" and then looked up: two transactions adding the same platform at once both
end with the one row (keys are inserted in sorted order, so they never deadlock).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from expertscore.batch.package import OpenedPackage
from expertscore.chair.panel_file.model import PanelPayload
from expertscore.crypto.dsse import fingerprint
from expertscore.registry.models import (
    Base,
    Expert,
    InputKind,
    PanelExpert,
    Platform,
    PlatformResult,
)


def _table(model: type[Base]) -> Table:
    """The model's table, as the Core statements here take it."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _insert_missing(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(table).on_conflict_do_nothing(), rows)


@dataclass(frozen=True)
class PanelRows:
    """A panel file's rows, without the database's ids: results name their platform by
    (operator, name), expert records their expert by roster id."""

    results: list[dict[str, Any]]
    people: dict[str, dict[str, Any]]  # roster id: the expert as a person
    experts: list[dict[str, Any]]


def panel_rows(payload: PanelPayload, package: OpenedPackage) -> PanelRows:
    return PanelRows(
        _result_rows(payload), _people(payload, package), _expert_rows(payload, package)
    )


def add_rows(session: Session, panel_id: int, rows: PanelRows) -> None:
    """Write panel ``panel_id``'s results and expert records (inside the caller's transaction)."""
    platforms = _platform_ids(session, rows.results)
    results = [
        {
            **{k: v for k, v in row.items() if k not in ("operator", "platform")},
            "panel_id": panel_id,
            "platform_id": platforms[(row["operator"], row["platform"])],
        }
        for row in rows.results
    ]
    if results:
        session.execute(_table(PlatformResult).insert(), results)
    ids = _expert_ids(session, rows.people)
    experts = [
        {**row, "panel_id": panel_id, "expert_id": ids[row["roster_id"]]} for row in rows.experts
    ]
    if experts:
        session.execute(_table(PanelExpert).insert(), experts)


def _platform_ids(session: Session, results: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    keys = sorted({(row["operator"], row["platform"]) for row in results})
    if not keys:
        return {}
    _insert_missing(session, _table(Platform), [{"operator": o, "name": n} for o, n in keys])
    found = session.execute(
        select(Platform.operator, Platform.name, Platform.id).where(
            tuple_(Platform.operator, Platform.name).in_(keys)
        )
    )
    return {(operator, name): pid for operator, name, pid in found}


def _result_rows(payload: PanelPayload) -> list[dict[str, Any]]:
    return [
        {
            "operator": sub.operator,
            "platform": sub.platform,
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
    _insert_missing(session, _table(Expert), rows)
    identities = [row["identity"] for row in rows]
    found = dict(
        session.execute(
            select(Expert.identity, Expert.id).where(Expert.identity.in_(identities))
        ).all()
    )
    return {roster_id: found[row["identity"]] for roster_id, row in people.items()}


def _expert_rows(payload: PanelPayload, package: OpenedPackage) -> list[dict[str, Any]]:
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
