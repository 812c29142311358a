"""From accepted result files to the aggregation's input, and what is still missing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from expertscore.batch.package import OpenedPackage
from expertscore.chair.aggregate import Override, PanelInput, Sheet, VerifiedValue
from expertscore.chair.bulk import collector_paused
from expertscore.results.model import ResultPayload, SubmissionResult
from expertscore.results.verify import CheckedResult
from expertscore.wording.phrases import GAP_NO_RESULT, GAP_NOT_IN_RESULT, GAP_UNSCORED


@dataclass(frozen=True)
class Gap:
    expert: str
    submission: str | None  # None: the expert's whole result is missing
    detail: str  # in English, for logs
    said: str = ""  # its template in ``expertscore.wording.phrases`` (GAP_*)
    facts: tuple[tuple[str, str], ...] = ()


def _latest_scores(
    sub: SubmissionResult, decimals: dict[str, Decimal] | None = None
) -> tuple[dict[str, Decimal], dict[str, str]]:
    """Each indicator's score from its latest round (earlier rounds stay in the file).

    ``decimals`` caches the conversion of repeated score texts across calls.
    """
    cache = {} if decimals is None else decimals
    c = sub.columns
    for text in set(c.points):
        if text is not None and text not in cache:
            cache[text] = Decimal(text)
    points: dict[str, Decimal] = {}
    verified: dict[str, str] = {}
    if not c.round:  # the usual file: one round, in C loops
        verified = {c.indicator[row]: value for row, value in c.verified_value}
        if None in c.points:
            rows = zip(c.indicator, c.points, strict=True)
            points = {code: cache[text] for code, text in rows if text is not None}
        else:
            # No None among the points (checked above): every text is in ``cache``.
            texts = cast(list[str], c.points)
            points = dict(zip(c.indicator, map(cache.__getitem__, texts), strict=True))
        return points, verified
    # Latest round last, whatever order the file lists them in.
    rounds = c.column("round")
    values = c.column("verified_value")
    for i in sorted(range(len(rounds)), key=rounds.__getitem__):
        text = c.points[i]
        if text is not None:
            points[c.indicator[i]] = cache[text]
        if values[i] is not None:
            verified[c.indicator[i]] = values[i]
    return points, verified


def _assigned(package: OpenedPackage) -> dict[str, set[str]]:
    return {expert: set(subs) for expert, subs in package.index.assigned.items()}


def sheets_of(
    payload: ResultPayload, assigned: set[str], decimals: dict[str, Decimal] | None = None
) -> list[Sheet]:
    sheets = []
    for sub in payload.submissions:
        if sub.id not in assigned:
            continue
        points, verified = _latest_scores(sub, decimals)
        sheets.append(
            Sheet(
                expert=payload.expert.id,
                submission=sub.id,
                points=points,
                verified=verified,
                comment=sub.comment,
                recused=sub.recusal is not None,
                familiarity=sub.familiarity,
            )
        )
    return sheets


def panel_input(
    package: OpenedPackage,
    accepted: Iterable[CheckedResult],
    overrides: Mapping[tuple[str, str], Override] | None = None,
    verified: Mapping[tuple[str, str], VerifiedValue] | None = None,
) -> PanelInput:
    assigned = _assigned(package)
    # Expert-id order, so that ties in trimming always drop the same expert's score.
    ordered = sorted(accepted, key=lambda checked: checked.payload.expert.id)
    decimals: dict[str, Decimal] = {}
    with collector_paused():
        sheets = [
            sheet
            for checked in ordered
            for sheet in sheets_of(
                checked.payload, assigned.get(checked.payload.expert.id, set()), decimals
            )
        ]
    categories = {sub.id: sub.category for sub in package.manifest.submissions}
    return PanelInput(
        package.scheme, categories, sheets, dict(overrides or {}), dict(verified or {})
    )


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
            found.append(Gap(expert, sid, "not in the expert's result", GAP_NOT_IN_RESULT))
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
            found.append(
                Gap(
                    expert,
                    sid,
                    f"{len(missing)} indicators unscored ({shown})",
                    GAP_UNSCORED,
                    (("count", str(len(missing))), ("codes", shown)),
                )
            )
    experts = {a.expert for a in package.manifest.assignments}
    for expert in sorted(experts - set(accepted)):
        found.insert(0, Gap(expert, None, "no result file accepted yet", GAP_NO_RESULT))
    return found
