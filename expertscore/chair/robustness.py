"""Leave-one-out: would a submission's grade or rank change without any one expert?

For the per-indicator policies the panel score without expert ``e`` comes from the
scheme's policy object (``schemes.policies``, the one the aggregation combines with): its
``without_each`` follows from the sorted scores in constant time per distinct score (the
mean loses one value; the trimmed mean may drop different ends; the median moves by at most
one place; the familiarity-weighted mean loses one weighted share), so the whole check costs
about as much as one aggregation. A policy that leaves out whole experts by their totals
(``expert_total`` trimming) re-aggregates the affected submission instead.
``naive_leave_one_out`` re-runs the whole aggregation per expert; tests compare the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from expertscore.chair.aggregate import (
    ZERO,
    PanelInput,
    PanelResult,
    Sheet,
    SubmissionResult,
    _submission,
    aggregate,
    quantizer,
)
from expertscore.chair.bulk import collector_paused
from expertscore.chair.fragility import Fragility
from expertscore.chair.ranking import ranked
from expertscore.schemes.model import Scheme
from expertscore.schemes.policies import policy_of
from expertscore.scoring.totals import grade_for, is_additive, total_of


@dataclass(frozen=True)
class Outcome:
    total: Decimal
    grade: str | None


def _fast_outcomes(
    inp: PanelInput, result: SubmissionResult, sheets: Sequence[Sheet]
) -> dict[str, Outcome]:
    """The submission's total and grade without each of its experts (``sheets``: theirs)."""
    scheme = inp.scheme
    how = policy_of(scheme.aggregation)
    rounded = quantizer(scheme.aggregation)
    weights = how.weights([s for s in sheets if not s.recused])
    # Per expert: indicator -> panel score without them (None: nobody else scored it).
    changed: dict[str, dict[str, Decimal | None]] = {}
    # For an additive scheme: per indicator, how much lower the total is without each
    # expert, in the order of its ``scores``.
    drops: list[tuple[list[str], list[Decimal]]] = []
    additive = is_additive(scheme)
    for code, indicator in result.indicators.items():
        if indicator.override is not None or not indicator.scores or indicator.panel is None:
            continue
        experts = list(indicator.scores)
        weighed = None if weights is None else [weights[e] for e in experts]
        without = how.without_each(list(indicator.scores.values()), weighed, rounded)
        if additive:
            panel = indicator.panel
            drops.append((experts, [panel if w is None else panel - w for w in without]))
            continue
        for expert, value in zip(experts, without, strict=True):
            updates = changed.get(expert)
            if updates is None:
                updates = changed[expert] = {}
            updates[code] = value  # None: nobody else scored it
    if additive:
        totals = {e: result.total - d for e, d in _summed_per_expert(drops).items()}
    else:
        totals = _totals_without(inp, result, changed)
    base_max = result.rollup.base_max
    outcomes = {}
    for expert, total in totals.items():
        percent = total * 100 / base_max if base_max else None
        level = grade_for(scheme, result.category, percent)
        outcomes[expert] = Outcome(total, level.code if level else None)
    return outcomes


def _summed_per_expert(drops: list[tuple[list[str], list[Decimal]]]) -> dict[str, Decimal]:
    """Each expert's drops added up over the indicators."""
    if drops and all(experts == drops[0][0] for experts, _ in drops):
        # The usual case, every expert scored every indicator: add up columns.
        columns = zip(*(values for _, values in drops), strict=True)
        return dict(zip(drops[0][0], (sum(c, ZERO) for c in columns), strict=True))
    summed: dict[str, Decimal] = {}
    for experts, values in drops:
        for expert, value in zip(experts, values, strict=True):
            summed[expert] = summed.get(expert, ZERO) + value
    return summed


def _totals_without(
    inp: PanelInput, result: SubmissionResult, changed: dict[str, dict[str, Decimal | None]]
) -> dict[str, Decimal]:
    applicable = set(result.indicators)
    base_points = {c: r.panel for c, r in result.indicators.items() if r.panel is not None}
    totals = {}
    for expert, updates in changed.items():
        points = dict(base_points)
        for code, value in updates.items():
            if value is None:
                points.pop(code, None)
            else:
                points[code] = value
        totals[expert] = total_of(inp.scheme, points, applicable)
    return totals


def _slow_outcomes(
    inp: PanelInput, result: SubmissionResult, sheets: Sequence[Sheet]
) -> dict[str, Outcome]:
    outcomes = {}
    for expert in {s.expert for s in sheets if not s.recused}:
        alt = _submission(inp, result.id, [s for s in sheets if s.expert != expert])
        outcomes[expert] = Outcome(alt.total, alt.grade)
    return outcomes


def _mark(scheme: Scheme, result: PanelResult, per_expert: dict[str, dict[str, Outcome]]) -> None:
    baseline = {sid: r.total for sid, r in result.submissions.items()}
    categories = {sid: r.category for sid, r in result.submissions.items()}
    for expert in sorted(per_expert):
        outcomes = per_expert[expert]
        totals = {sid: outcomes[sid].total if sid in outcomes else t for sid, t in baseline.items()}
        _, ranks = ranked(scheme, totals, categories)  # within the scheme's ranking groups
        for sid, submission in result.submissions.items():
            grade = rank = None
            if sid in outcomes and outcomes[sid].grade != submission.grade:
                grade = (submission.grade, outcomes[sid].grade)
            if ranks[sid] != submission.rank:
                rank = (submission.rank, ranks[sid])
            if grade is not None or rank is not None:
                submission.fragile.append(Fragility(expert, grade, rank))


def leave_one_out(inp: PanelInput, result: PanelResult) -> None:
    """Fill ``fragile`` on every submission of ``result``."""
    outcomes_of = (
        _slow_outcomes if policy_of(inp.scheme.aggregation).trims_experts else _fast_outcomes
    )
    by_submission: dict[str, list[Sheet]] = {}
    for sheet in inp.sheets:
        by_submission.setdefault(sheet.submission, []).append(sheet)
    per_expert: dict[str, dict[str, Outcome]] = {}
    with collector_paused():
        for sid, submission in result.submissions.items():
            outcomes = outcomes_of(inp, submission, by_submission.get(sid, []))
            for expert, outcome in outcomes.items():
                per_expert.setdefault(expert, {})[sid] = outcome
        _mark(inp.scheme, result, per_expert)


def naive_leave_one_out(inp: PanelInput, result: PanelResult) -> None:
    """Reference implementation: a full aggregation without each expert."""
    experts = sorted({s.expert for s in inp.sheets if not s.recused})
    per_expert: dict[str, dict[str, Outcome]] = {}
    for expert in experts:
        reduced = PanelInput(
            inp.scheme,
            inp.categories,
            [s for s in inp.sheets if s.expert != expert],
            inp.overrides,
        )
        alt = aggregate(reduced)
        scored = {s.submission for s in inp.sheets if s.expert == expert and not s.recused}
        per_expert[expert] = {
            sid: Outcome(r.total, r.grade) for sid, r in alt.submissions.items() if sid in scored
        }
    _mark(inp.scheme, result, per_expert)
