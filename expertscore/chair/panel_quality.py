"""Advice to the chair on the panel itself: how consistent it is, and who is harsh or lenient.

Built from the merged scores (``PanelResult``), never feeding back into the official result,
which follows the scheme:

* agreement (``expertscore.chair.agreement``) per submission (its leaves as units), per
  first-level indicator group and over all leaves, with every score taken as a share of
  its leaf's maximum so that a 10-point and a 1-point leaf weigh alike; ICC where the
  submission's table of leaves x experts is complete; Kendall's W of the experts' totals;
* severity: on each leaf an expert scored beside at least one other expert, the expert's
  points minus the mean of the others'; summed per submission, that is the expert's
  deviation there (points, and percent of the maxima of those leaves); its mean over the
  expert's submissions, with a 95% t-interval, and on how many submissions the expert was
  below the others;
* a severity-adjusted view: each submission's total less the mean severity (points) of the
  experts who scored it, the ranking that gives, and which ranks would change.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from expertscore.chair.aggregate import IndicatorResult, PanelResult
from expertscore.chair.agreement import Figure, Icc, UnitSums, alpha_of, icc2, kendall_w
from expertscore.schemes.model import Scheme

HUNDRED = Decimal(100)
# Student's t, two-sided 95%, by degrees of freedom; above 30 the value for the next lower
# listed degrees (a slightly wider, never narrower, interval).
T_975 = {
    1: "12.706", 2: "4.303", 3: "3.182", 4: "2.776", 5: "2.571", 6: "2.447", 7: "2.365",
    8: "2.306", 9: "2.262", 10: "2.228", 11: "2.201", 12: "2.179", 13: "2.160", 14: "2.145",
    15: "2.131", 16: "2.120", 17: "2.110", 18: "2.101", 19: "2.093", 20: "2.086",
    21: "2.080", 22: "2.074", 23: "2.069", 24: "2.064", 25: "2.060", 26: "2.056",
    27: "2.052", 28: "2.048", 29: "2.045", 30: "2.042", 40: "2.021", 60: "2.000",
    120: "1.980",
}  # fmt: skip


def t_975(degrees: int) -> Decimal:
    listed = max(d for d in T_975 if d <= degrees)
    return Decimal(T_975[listed])


@dataclass(frozen=True)
class SubmissionAgreement:
    submission: str
    alpha: Figure
    icc: Icc


@dataclass(frozen=True)
class Severity:
    """An expert's mean deviation from the other experts (negative: harsher)."""

    expert: str
    submissions: int
    below: int  # submissions where the expert was below the others
    points: Decimal  # mean deviation in points per submission
    percent: Decimal  # mean deviation in percent of the maxima of the leaves compared
    interval: tuple[Decimal, Decimal] | None  # 95% interval of ``percent``


@dataclass(frozen=True)
class Adjusted:
    ranking: list[str]
    totals: dict[str, Decimal]
    moves: list[tuple[str, int, int]]  # (submission, official rank, adjusted rank)


@dataclass
class PanelQuality:
    overall: Figure
    groups: dict[str, Figure] = field(default_factory=dict)  # first-level code -> alpha
    submissions: list[SubmissionAgreement] = field(default_factory=list)
    concordance: Figure | None = None  # Kendall's W of the experts' totals
    severity: list[Severity] = field(default_factory=list)
    adjusted: Adjusted | None = None


class Shares:
    """Scores as shares of their leaf's maximum, scaled to integers by one common factor.

    Every statistic here is unchanged by a common scale, so integers keep the sums exact
    and fast; distinct (points, maximum) pairs are few and converted once.
    """

    def __init__(self, result: PanelResult) -> None:
        # Distinct points per maximum, gathered by set.update (C speed over 258,000 scores).
        seen: dict[Decimal, set[Decimal]] = {}
        for sub in result.submissions.values():
            for indicator in sub.indicators.values():
                if indicator.maximum > 0:
                    found = seen.get(indicator.maximum)
                    if found is None:
                        found = seen[indicator.maximum] = set()
                    found.update(indicator.scores.values())
        exact = {
            top: {points: Fraction(points) / Fraction(top) for points in values}
            for top, values in seen.items()
        }
        scale = math.lcm(1, *(v.denominator for by in exact.values() for v in by.values()))
        # maximum -> points -> the share as an integer (one dict per maximum: no pair keys)
        self.by_maximum = {
            top: {p: v.numerator * (scale // v.denominator) for p, v in by.items()}
            for top, by in exact.items()
        }

    def of(self, indicator: IndicatorResult) -> dict[str, int]:
        value = self.by_maximum[indicator.maximum]
        return {expert: value[points] for expert, points in indicator.scores.items()}


def panel_quality(scheme: Scheme, result: PanelResult) -> PanelQuality:
    group_of = {leaf.code: leaf.code.split(".")[0] for leaf in scheme.leaves()}
    shares = Shares(result)
    everything: list[UnitSums] = []
    groups: dict[str, list[UnitSums]] = {}
    quality = PanelQuality(overall=Figure("alpha", None, 0))
    for sid, sub in result.submissions.items():
        units: dict[str, dict[str, int]] = {}
        sums: list[UnitSums] = []
        for code, indicator in sub.indicators.items():
            if indicator.maximum <= 0 or not indicator.scores:
                continue
            values = units[code] = shares.of(indicator)
            ints = list(values.values())  # integers: ``unit_sums`` without its type checks
            found = (len(ints), sum(ints), sum([v * v for v in ints]))
            sums.append(found)
            everything.append(found)
            groups.setdefault(group_of.get(code, code), []).append(found)
        quality.submissions.append(
            SubmissionAgreement(sid, alpha_of(sums), icc2(_complete_table(units), integers=True))
        )
    quality.overall = alpha_of(everything)
    quality.groups = {code: alpha_of(units) for code, units in sorted(groups.items())}
    totals = {sid: dict(sub.expert_totals) for sid, sub in result.submissions.items()}
    quality.concordance = kendall_w(totals)
    quality.severity = severities(result)
    quality.adjusted = adjusted_view(result, quality.severity)
    return quality


def _complete_table(units: Mapping[str, Mapping[str, int]]) -> list[list[int]]:
    """The leaves x experts table of the experts who scored every leaf (for ICC)."""
    experts = set.intersection(*(set(v) for v in units.values())) if units else set()
    ordered = sorted(experts)
    return [[values[e] for e in ordered] for values in units.values()] if ordered else []


def severities(result: PanelResult) -> list[Severity]:
    """Per expert and submission: sum over leaves of (k*p - T) / (k - 1), the expert's points
    less the mean of the k - 1 others' (``T`` the leaf's total). Exact: points are counted
    in units of their smallest decimal place, as integers, and divided once at the end.

    Leaves scored by the same experts (in the same order) are summed column by column, so
    the work per leaf is a few list operations, not one dictionary update per expert."""
    distinct: set[Decimal] = set()
    for sub in result.submissions.values():
        for indicator in sub.indicators.values():
            distinct.update(indicator.scores.values())
    # A finite Decimal's exponent is an int (an infinity's or NaN's a letter).
    exponents = [p.as_tuple().exponent for p in distinct]
    places = max((-e for e in exponents if isinstance(e, int)), default=0)
    places = max(places, 0)
    counted = {p: int(p.scaleb(places)) for p in distinct}
    unit = Decimal(1).scaleb(-places)
    deviations: dict[str, list[tuple[Decimal, Decimal]]] = {}  # expert -> (points, maxima)
    for sub in result.submissions.values():
        # experts (in order) -> [column sums of k*p, sum of T, sum of maxima]
        groups: dict[tuple[str, ...], list] = {}
        for indicator in sub.indicators.values():
            scores = indicator.scores
            k = len(scores)
            if k < 2 or indicator.maximum <= 0:
                continue
            values = [counted[p] for p in scores.values()]
            key = tuple(scores)
            group = groups.get(key)
            if group is None:
                groups[key] = [values, sum(values), indicator.maximum]
            else:
                group[0] = [a + b for a, b in zip(group[0], values, strict=True)]
                group[1] += sum(values)
                group[2] += indicator.maximum
        by_expert: dict[str, Fraction] = {}
        maxima: dict[str, Decimal] = {}
        for experts, (columns, totals, top) in groups.items():
            k = len(experts)
            for expert, column in zip(experts, columns, strict=True):
                part = Fraction(k * column - totals, k - 1)
                by_expert[expert] = by_expert.get(expert, Fraction(0)) + part
                maxima[expert] = maxima.get(expert, Decimal(0)) + top
        for expert, deviation in by_expert.items():
            points = Decimal(deviation.numerator) / deviation.denominator * unit
            deviations.setdefault(expert, []).append((points, maxima[expert]))
    return [_severity(e, found) for e, found in sorted(deviations.items())]


def _severity(expert: str, found: list[tuple[Decimal, Decimal]]) -> Severity:
    count = len(found)
    points = sum((p for p, _ in found), Decimal(0)) / count
    percents = [p / m * HUNDRED for p, m in found if m]
    mean = sum(percents, Decimal(0)) / len(percents) if percents else Decimal(0)
    interval = None
    if len(percents) >= 2:
        variance = sum(((x - mean) ** 2 for x in percents), Decimal(0)) / (len(percents) - 1)
        half = t_975(len(percents) - 1) * (variance / len(percents)).sqrt()
        interval = (_round(mean - half), _round(mean + half))
    below = sum(1 for p, _ in found if p < 0)
    return Severity(expert, count, below, _round(points), _round(mean), interval)


def adjusted_view(result: PanelResult, found: list[Severity]) -> Adjusted:
    """Totals less the mean severity of each submission's experts; the ranks that move."""
    by_expert = {s.expert: s.points for s in found}
    totals: dict[str, Decimal] = {}
    for sid, sub in result.submissions.items():
        scored = [by_expert[e] for e in sub.expert_totals if e in by_expert]
        shift = sum(scored, Decimal(0)) / len(scored) if scored else Decimal(0)
        totals[sid] = _round(sub.total - shift)
    ranking = sorted(totals, key=lambda sid: (-totals[sid], result.ranking.index(sid)))
    official = {sid: result.ranking.index(sid) + 1 for sid in result.ranking}
    moves = [
        (sid, official[sid], place)
        for place, sid in enumerate(ranking, start=1)
        if official.get(sid) != place
    ]
    return Adjusted(ranking, totals, moves)


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))
