"""Leave-one-out: would a submission's grade or rank change without any one expert?

For the per-indicator policies the panel score without expert ``e`` follows from the sorted
scores in constant time (the mean loses one value; the trimmed mean may drop different
ends; the median moves by at most one place), so the whole check costs about as much as
one aggregation. Leaving out any one of several equal scores leaves the same scores
behind, so each distinct score of an indicator is worked out once. ``expert_total``
trimming re-aggregates the affected submission instead.
``naive_leave_one_out`` re-runs the whole aggregation per expert; tests compare the two.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from expertscore.chair.aggregate import (
    ZERO,
    PanelInput,
    PanelResult,
    SubmissionResult,
    _submission,
    aggregate,
    quantizer,
)
from expertscore.chair.bulk import collector_paused
from expertscore.chair.fragility import Fragility
from expertscore.chair.ranking import ranked
from expertscore.schemes.model import Aggregation, AggregationMethod, Scheme, TrimScope
from expertscore.scoring.totals import grade_for, is_additive, total_of


@dataclass(frozen=True)
class Outcome:
    total: Decimal
    grade: str | None


@dataclass(frozen=True)
class _Rule:
    """The policy reduced to what the inner loop needs, read once."""

    median: bool
    trim_from: int | None  # trim once at least this many scores remain; None: never

    @classmethod
    def of(cls, policy: Aggregation) -> _Rule:
        trimmed = policy.method == AggregationMethod.TRIMMED_MEAN
        return cls(
            policy.method == AggregationMethod.MEDIAN, policy.trim_min_experts if trimmed else None
        )


def _without(values: list[Decimal], position: int, rule: _Rule, total: Decimal) -> Decimal:
    """Panel value of the sorted ``values`` without the one at ``position``."""
    n = len(values) - 1
    if rule.median:
        rest = values[:position] + values[position + 1 :]
        middle = rest[(n - 1) // 2 : n // 2 + 1]
        return sum(middle, Decimal(0)) / len(middle)
    remaining = total - values[position]
    if rule.trim_from is not None and n >= rule.trim_from:
        low = values[1] if position == 0 else values[0]
        high = values[-2] if position == n else values[-1]
        return (remaining - low - high) / (n - 2)
    return remaining / n


def _alternatives(
    values: list[Decimal], rule: _Rule, rounded: Callable[[Decimal], Decimal]
) -> dict[Decimal, Decimal]:
    """Each distinct score of the sorted ``values`` -> the rounded panel value without it.

    Leaving out any one of several equal scores leaves the same scores behind. For the
    mean and the trimmed mean the value follows from the sum; only the two ends of a
    trimmed mean (which change what is trimmed) and the median need ``_without``.
    """
    n = len(values) - 1
    if n == 0:
        return {}
    total = sum(values, ZERO)
    # Each distinct score with the position of its first occurrence.
    first = dict(zip(reversed(values), range(n, -1, -1), strict=True))
    if rule.median:
        return {v: rounded(_without(values, p, rule, total)) for v, p in first.items()}
    if rule.trim_from is not None and n >= rule.trim_from:
        low, high = values[0], values[-1]
        inner = total - low - high
        found = {v: rounded((inner - v) / (n - 2)) for v in first}
        for end in (low, high):
            found[end] = rounded(_without(values, first[end], rule, total))
        return found
    return {v: rounded((total - v) / n) for v in first}


def _fast_outcomes(inp: PanelInput, result: SubmissionResult) -> dict[str, Outcome]:
    """The submission's total and grade without each of its experts."""
    scheme = inp.scheme
    rule = _Rule.of(scheme.aggregation)
    rounded = quantizer(scheme.aggregation)
    # Per expert: indicator -> panel score without them (None: nobody else scored it).
    changed: dict[str, dict[str, Decimal | None]] = {}
    # For an additive scheme: per indicator, how much lower the total is without each
    # expert, in the order of its ``scores``.
    drops: list[tuple[list[str], list[Decimal]]] = []
    additive = is_additive(scheme)
    for code, indicator in result.indicators.items():
        if indicator.override is not None or not indicator.scores or indicator.panel is None:
            continue
        values = sorted(indicator.scores.values())
        without = _alternatives(values, rule, rounded)
        if additive:
            panel = indicator.panel
            drop = {value: panel - without.get(value, ZERO) for value in set(values)}
            drops.append(
                (list(indicator.scores), list(map(drop.__getitem__, indicator.scores.values())))
            )
            continue
        for expert, value in indicator.scores.items():
            updates = changed.get(expert)
            if updates is None:
                updates = changed[expert] = {}
            updates[code] = without.get(value)  # None: nobody else scored it
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


def _slow_outcomes(inp: PanelInput, result: SubmissionResult) -> dict[str, Outcome]:
    sheets = [s for s in inp.sheets if s.submission == result.id]
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
    policy = inp.scheme.aggregation
    slow = (
        policy.method == AggregationMethod.TRIMMED_MEAN
        and policy.trim_scope == TrimScope.EXPERT_TOTAL
    )
    per_expert: dict[str, dict[str, Outcome]] = {}
    with collector_paused():
        for sid, submission in result.submissions.items():
            outcomes = _slow_outcomes(inp, submission) if slow else _fast_outcomes(inp, submission)
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
