"""From accepted result files to the aggregation's input, and what is still missing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from expertscore.batch.package import OpenedPackage
from expertscore.chair.aggregate import Override, PanelInput, Sheet
from expertscore.results.model import ResultPayload, SubmissionResult
from expertscore.results.verify import CheckedResult


@dataclass(frozen=True)
class Gap:
    expert: str
    submission: str | None  # None: the expert's whole result is missing
    detail: str


def _latest_scores(sub: SubmissionResult) -> tuple[dict[str, Decimal], dict[str, str]]:
    """Each indicator's score from its latest round (earlier rounds stay in the file)."""
    points: dict[str, tuple[int, Decimal]] = {}
    verified: dict[str, tuple[int, str]] = {}
    for item in sub.scores:
        if item.points is not None and item.round >= points.get(item.indicator, (0, None))[0]:
            points[item.indicator] = (item.round, Decimal(item.points))
        newer = item.round >= verified.get(item.indicator, (0, ""))[0]
        if item.verified_value is not None and newer:
            verified[item.indicator] = (item.round, item.verified_value)
    return {c: v for c, (_, v) in points.items()}, {c: v for c, (_, v) in verified.items()}


def _assigned(package: OpenedPackage) -> dict[str, set[str]]:
    assigned: dict[str, set[str]] = {}
    for assignment in package.manifest.assignments:
        assigned.setdefault(assignment.expert, set()).add(assignment.submission)
    return assigned


def sheets_of(payload: ResultPayload, assigned: set[str]) -> list[Sheet]:
    sheets = []
    for sub in payload.submissions:
        if sub.id not in assigned:
            continue
        points, verified = _latest_scores(sub)
        sheets.append(
            Sheet(
                expert=payload.expert.id,
                submission=sub.id,
                points=points,
                verified=verified,
                comment=sub.comment,
                recused=sub.recusal is not None,
            )
        )
    return sheets


def panel_input(
    package: OpenedPackage,
    accepted: Iterable[CheckedResult],
    overrides: Mapping[tuple[str, str], Override] | None = None,
) -> PanelInput:
    assigned = _assigned(package)
    # Expert-id order, so that ties in trimming always drop the same expert's score.
    ordered = sorted(accepted, key=lambda checked: checked.payload.expert.id)
    sheets = [
        sheet
        for checked in ordered
        for sheet in sheets_of(checked.payload, assigned.get(checked.payload.expert.id, set()))
    ]
    categories = {sub.id: sub.category for sub in package.manifest.submissions}
    return PanelInput(package.scheme, categories, sheets, dict(overrides or {}))


def gaps(package: OpenedPackage, accepted: Mapping[str, CheckedResult]) -> list[Gap]:
    """Experts whose result is missing, and assigned submissions left unscored."""
    scheme = package.scheme
    categories = {sub.id: sub.category for sub in package.manifest.submissions}
    found: list[Gap] = []
    for assignment in package.manifest.assignments:
        expert, sid = assignment.expert, assignment.submission
        checked = accepted.get(expert)
        if checked is None:
            continue
        sub = next((s for s in checked.payload.submissions if s.id == sid), None)
        if sub is None:
            found.append(Gap(expert, sid, "not in the expert's result"))
            continue
        if sub.recusal is not None:
            continue
        points, _ = _latest_scores(sub)
        leaves = scheme.applicable_leaves(categories.get(sid))
        if assignment.indicators != "all":
            inside = {
                leaf.code
                for code in assignment.indicators
                if (node := scheme.find(code)) is not None
                for leaf in node.walk()
            }
            leaves = [leaf for leaf in leaves if leaf.code in inside]
        missing = [leaf.code for leaf in leaves if leaf.code not in points]
        if missing:
            shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
            found.append(Gap(expert, sid, f"{len(missing)} indicators unscored ({shown})"))
    experts = {a.expert for a in package.manifest.assignments}
    for expert in sorted(experts - set(accepted)):
        found.insert(0, Gap(expert, None, "no result file accepted yet"))
    return found
