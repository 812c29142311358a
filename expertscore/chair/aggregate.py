"""The panel's scores: per indicator, per submission, ranked and graded.

Input is plain data (one ``Sheet`` per expert per submission, as taken from verified
result files); output keeps every expert score that made each number, so any figure can be
traced back. Arithmetic is ``Decimal``. Rounding happens in exactly one place: each
indicator's panel score is rounded to the scheme's ``decimals`` with its ``rounding``; every
subtotal and total is then an exact sum of rounded numbers, so printed tables add up.

The policy (``aggregation.method`` in the scheme: mean, median, trimmed mean per indicator
or by expert totals, familiarity-weighted mean) is one object of ``schemes.policies``: it
combines each indicator's scores, says which experts count and weighs them; the
leave-one-out check (``robustness``) asks the same object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from expertscore.chair.bulk import collector_paused
from expertscore.chair.fragility import Fragility
from expertscore.chair.override_causes import OverrideCause
from expertscore.chair.ranking import ranked
from expertscore.schemes.model import Aggregation, Scheme
from expertscore.schemes.policies import AggregationPolicy, policy_of
from expertscore.schemes.rules import max_points
from expertscore.scoring.totals import Rollup, grade_for, rollup, total_of
from expertscore.vocabulary import Flag

# An indicator's flags, always listed in this order.
SPREAD, REVERIFY, TOO_FEW, NO_SCORES = Flag.SPREAD, Flag.REVERIFY, Flag.TOO_FEW, Flag.NO_SCORES
FLAGS = (SPREAD, REVERIFY, TOO_FEW, NO_SCORES)
ROUNDINGS = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}
HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Sheet:
    """One expert's final scores for one submission."""

    expert: str
    submission: str
    points: Mapping[str, Decimal]
    verified: Mapping[str, str] = field(default_factory=dict)
    comment: str = ""
    recused: bool = False
    familiarity: str | None = None  # the expert's self-rating (scoring.familiarity), advice


@dataclass(frozen=True)
class Override:
    """A panel score the chair recorded after discussion, with its cause and the reason.

    ``cause`` is ``None`` only for lines recorded before causes.
    """

    points: Decimal
    reason: str
    cause: OverrideCause | None = None


@dataclass(frozen=True)
class VerifiedValue:
    """The panel's verified value of an objective indicator (the re-verify flag's answer):
    who recorded it, and why. The scores are not changed by it."""

    value: str
    decided_by: str
    reason: str


@dataclass(frozen=True)
class PanelInput:
    scheme: Scheme
    categories: Mapping[str, str | None]  # submission -> declared category
    sheets: Sequence[Sheet]
    overrides: Mapping[tuple[str, str], Override] = field(default_factory=dict)
    verified_values: Mapping[tuple[str, str], VerifiedValue] = field(default_factory=dict)


@dataclass
class IndicatorResult:
    code: str
    maximum: Decimal
    scores: dict[str, Decimal]  # expert -> points
    kept: list[str]  # experts whose scores made the panel score
    exact: Decimal | None  # before rounding
    panel: Decimal | None  # rounded; what totals add up
    spread: Decimal
    flags: list[str] = field(default_factory=list)
    override: Override | None = None
    agreed_value: VerifiedValue | None = None  # the panel's verified value, if recorded


@dataclass
class SubmissionResult:
    id: str
    category: str | None
    indicators: dict[str, IndicatorResult]
    rollup: Rollup
    expert_totals: dict[str, Decimal]
    total: Decimal
    percent: Decimal | None
    grade: str | None
    rank: int = 0
    kept_experts: list[str] = field(default_factory=list)  # expert_total scope only
    explanations_needed: dict[str, Decimal] = field(default_factory=dict)  # expert -> deviation %
    fragile: list[Fragility] = field(default_factory=list)


@dataclass
class PanelResult:
    submissions: dict[str, SubmissionResult]
    ranking: list[str]


def quantizer(policy: Aggregation) -> Callable[[Decimal], Decimal]:
    """Rounds to the policy's decimals with its rounding (built once, called often)."""
    exponent = Decimal(1).scaleb(-policy.decimals)
    rounding = ROUNDINGS[policy.rounding.value]
    return lambda value: value.quantize(exponent, rounding=rounding)


def quantize(value: Decimal, policy: Aggregation) -> Decimal:
    return quantizer(policy)(value)


@dataclass(frozen=True)
class _Leaf:
    """What aggregating one indicator needs from the scheme, looked up once per run."""

    top: Decimal
    threshold: Decimal
    objective: bool

    @classmethod
    def table(cls, scheme: Scheme) -> dict[str, _Leaf]:
        policy = scheme.aggregation
        return {
            leaf.code: cls(
                top=max_points(scheme, leaf) or ZERO,
                threshold=leaf.spread_threshold or policy.spread_threshold,
                objective=leaf.nature is not None and leaf.nature.value == "objective",
            )
            for leaf in scheme.leaves()
        }


def _scored(sheets: Sequence[Sheet], codes: Sequence[str]) -> dict[str, list[tuple[str, Decimal]]]:
    """Per indicator, the (expert, points) of the sheets that score it, in sheet order."""
    experts = [s.expert for s in sheets]
    # One row per sheet, then columns by zip: the per-score work stays inside C loops.
    rows = [list(map(s.points.get, codes)) for s in sheets]
    columns = zip(*rows, strict=True) if rows else ((None,) * 0 for _ in codes)
    return {
        code: [(e, v) for e, v in zip(experts, column, strict=True) if v is not None]
        for code, column in zip(codes, columns, strict=True)
    }


def _indicator(
    scheme: Scheme,
    code: str,
    scored: list[tuple[str, Decimal]],
    sheets: Sequence[Sheet],
    how: AggregationPolicy,
    weights: Mapping[str, Decimal] | None,
    leaves: Mapping[str, _Leaf],
) -> IndicatorResult:
    """``scored``: the (expert, points) of ``sheets`` for ``code``; ``weights``: the
    policy's weight of each expert, if it weighs them."""
    policy = scheme.aggregation
    info = leaves[code]
    top = info.top
    if not scored:
        return IndicatorResult(code, top, {}, [], None, None, ZERO, [NO_SCORES])
    experts = [expert for expert, _ in scored]
    values = [value for _, value in scored]
    weighed = None if weights is None else [weights[expert] for expert in experts]
    exact, kept = how.combine(values, weighed)
    result = IndicatorResult(
        code=code,
        maximum=top,
        scores=dict(scored),
        kept=[experts[i] for i in kept],
        exact=exact,
        panel=_rounder(policy)(exact),
        spread=max(values) - min(values),
    )
    if top and result.spread * HUNDRED > info.threshold * top:
        result.flags.append(SPREAD)
    if info.objective:
        verified = {s.verified[code] for s in sheets if code in s.verified}
        if len(set(values)) > 1 or len(verified) > 1:
            result.flags.append(REVERIFY)
    if len(values) < policy.min_experts:
        result.flags.append(TOO_FEW)
    return result


_ROUNDERS: dict[tuple[int, str], Callable[[Decimal], Decimal]] = {}


def _rounder(policy: Aggregation) -> Callable[[Decimal], Decimal]:
    key = (policy.decimals, policy.rounding.value)
    rounder = _ROUNDERS.get(key)
    if rounder is None:
        rounder = _ROUNDERS[key] = quantizer(policy)
    return rounder


def _submission(
    inp: PanelInput,
    sid: str,
    sheets: Sequence[Sheet],
    leaves: Mapping[str, _Leaf] | None = None,
) -> SubmissionResult:
    scheme = inp.scheme
    policy = scheme.aggregation
    category = inp.categories.get(sid)
    applicable = [leaf.code for leaf in scheme.applicable_leaves(category)]
    scoring = [s for s in sheets if not s.recused]
    how = policy_of(policy)
    applicable_set = set(applicable)
    expert_totals = {s.expert: total_of(scheme, s.points, applicable_set) for s in scoring}
    kept_experts = [s.expert for s in scoring]
    if scoring:  # the experts whose scores count (all, unless the policy trims by totals)
        kept = how.kept_experts([expert_totals[s.expert] for s in scoring])
        kept_experts = [scoring[i].expert for i in kept]
    panel_sheets = [s for s in scoring if s.expert in kept_experts]
    weights = how.weights(scoring)
    leaves = leaves or _Leaf.table(scheme)
    scored = _scored(panel_sheets, applicable)
    indicators = {
        code: _indicator(scheme, code, scored[code], panel_sheets, how, weights, leaves)
        for code in applicable
    }
    if len(panel_sheets) < len(scoring):  # whole experts left out by their totals
        _flag_by_everyone(scheme, indicators, scoring, applicable, how, weights, leaves)
    for code, item in indicators.items():
        item.agreed_value = inp.verified_values.get((sid, code))
        override = inp.overrides.get((sid, code))
        if override is not None:
            item.override = override
            item.panel = override.points
    leaf_points = {c: r.panel for c, r in indicators.items() if r.panel is not None}
    totals = rollup(scheme, leaf_points, applicable)
    level = grade_for(scheme, category, totals.percent)
    return SubmissionResult(
        id=sid,
        category=category,
        indicators=indicators,
        rollup=totals,
        expert_totals=expert_totals,
        total=totals.total,
        percent=totals.percent,
        grade=level.code if level else None,
        kept_experts=kept_experts,
        explanations_needed=_explanations_needed(expert_totals, policy),
    )


def _flag_by_everyone(
    scheme: Scheme,
    indicators: Mapping[str, IndicatorResult],
    scoring: Sequence[Sheet],
    applicable: Sequence[str],
    how: AggregationPolicy,
    weights: Mapping[str, Decimal] | None,
    leaves: Mapping[str, _Leaf],
) -> None:
    """Where whole experts were left out, spread and re-verification still look at every
    expert's scores (``scoring``), not only the kept ones'."""
    everyone_scored = _scored(scoring, applicable)
    for code, item in indicators.items():
        everyone = _indicator(scheme, code, everyone_scored[code], scoring, how, weights, leaves)
        item.scores = everyone.scores  # every expert's score; ``kept`` says who counted
        item.spread = everyone.spread
        found = set(item.flags) | (set(everyone.flags) - {NO_SCORES})
        item.flags = [flag for flag in FLAGS if flag in found]


def _explanations_needed(
    expert_totals: Mapping[str, Decimal], policy: Aggregation
) -> dict[str, Decimal]:
    """Expert -> their total's deviation from the mean of all totals, in percent, rounded,
    where it is beyond the policy's ``deviation_limit``."""
    needed: dict[str, Decimal] = {}
    if not expert_totals:
        return needed
    mean_total = sum(expert_totals.values(), Decimal(0)) / len(expert_totals)
    if mean_total == 0:
        return needed
    for expert, total in expert_totals.items():
        deviation = abs(total - mean_total) * HUNDRED / mean_total
        if deviation > policy.deviation_limit:
            needed[expert] = quantize(deviation, policy)
    return needed


def rank(results: Mapping[str, SubmissionResult], scheme: Scheme) -> list[str]:
    """Order by total, highest first, within the scheme's ranking groups (``ranking``)."""
    ordered, ranks = ranked(
        scheme,
        {sid: sub.total for sid, sub in results.items()},
        {sid: sub.category for sid, sub in results.items()},
    )
    for sid in ordered:
        results[sid].rank = ranks[sid]
    return ordered


def aggregate(inp: PanelInput) -> PanelResult:
    by_submission: dict[str, list[Sheet]] = {sid: [] for sid in inp.categories}
    for sheet in inp.sheets:
        by_submission.setdefault(sheet.submission, []).append(sheet)
    leaves = _Leaf.table(inp.scheme)
    with collector_paused():
        results = {
            sid: _submission(inp, sid, sheets, leaves) for sid, sheets in by_submission.items()
        }
    ranking = rank(results, inp.scheme)
    return PanelResult(results, ranking)
