"""How far the panel agrees: Krippendorff's alpha, ICC(2,1) and ICC(2,k), Kendall's W.

Written from the formulas, in exact fractions (scores are decimals; nothing is lost before
the one division at the end), for the chair's advice; the official result never depends
on them.

* ``interval_alpha``: Krippendorff's alpha with the interval metric, for any pattern of
  missing ratings (recusals, group splits): units with fewer than two ratings are not
  pairable and count for nothing. With ``n`` pairable values, a unit's ``m_u`` values
  summing to ``S1_u`` with squares ``S2_u``, and the totals ``S1``, ``S2``:
  alpha = 1 - (n - 1) * sum_u (m_u*S2_u - S1_u^2) / (m_u - 1) / (n*S2 - S1^2)
  (the observed and expected disagreements of Krippendorff 2011, section C, with
  sum_{i != j} (v_i - v_j)^2 = 2 * (m * S2 - S1^2)).
* ``icc2``: Shrout & Fleiss (1979) case 2, two-way random effects, absolute agreement, for
  a complete table (every target rated by every rater): ICC(2,1) and ICC(2,k).
* ``kendall_w``: Kendall's coefficient of concordance of the raters' rankings of the
  targets, mid-ranks for ties and the tie correction, on the targets every rater rated.

``reading`` puts a figure into words (高 / 中 / 低) by the usual thresholds, kept in
``THRESHOLDS`` so that the docs and the outputs say the same.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar, cast

Unit = TypeVar("Unit", bound=Hashable)
Rater = TypeVar("Rater", bound=Hashable)
Ratings = Mapping[Unit, Mapping[Rater, Decimal | Fraction | int]]

HIGH, MEDIUM, LOW = "高", "中", "低"
# (statistic, the lowest value read as high, the lowest read as medium):
# alpha: Krippendorff's 0.800 (reliable) and 0.667 (tentative conclusions);
# ICC: Koo & Li (2016) good (0.75) and moderate (0.5); W: Schmidt (1997) strong / moderate.
THRESHOLDS: dict[str, tuple[Fraction, Fraction]] = {
    "alpha": (Fraction(4, 5), Fraction(667, 1000)),
    "icc": (Fraction(3, 4), Fraction(1, 2)),
    "w": (Fraction(7, 10), Fraction(1, 2)),
}


@dataclass(frozen=True)
class Figure:
    """One agreement statistic: its value (``None`` when the data cannot give one), the
    number of ratings behind it, and its reading in words."""

    statistic: str  # "alpha", "icc" or "w"
    value: Fraction | None
    ratings: int

    @property
    def reading(self) -> str | None:
        return reading(self.statistic, self.value)

    def rounded(self, places: int = 3) -> Decimal | None:
        if self.value is None:
            return None
        exact = Decimal(self.value.numerator) / Decimal(self.value.denominator)
        return exact.quantize(Decimal(1).scaleb(-places))


def reading(statistic: str, value: Fraction | None) -> str | None:
    if value is None:
        return None
    high, medium = THRESHOLDS[statistic]
    return HIGH if value >= high else MEDIUM if value >= medium else LOW


def _exact(value: Decimal | Fraction | int) -> Fraction | int:
    return Fraction(value) if isinstance(value, Decimal) else value


UnitSums = tuple[int, Fraction | int, Fraction | int]  # m, S1, S2 of one unit's values


def unit_sums(values: Iterable[Decimal | Fraction | int]) -> UnitSums:
    """A unit's count, sum and sum of squares: all alpha needs of it."""
    given = list(values)
    if any(isinstance(v, Decimal) for v in given):
        found = [_exact(v) for v in given]
    else:  # no Decimal among them: ints and fractions as they are
        found = cast(list[Fraction | int], given)
    return len(found), sum(found), sum(v * v for v in found)


def alpha_of(units: Iterable[UnitSums]) -> Figure:
    """Krippendorff's alpha (interval) from each unit's ``unit_sums``.

    Units with fewer than two values are not pairable. ``None`` when fewer than two units
    are pairable or the pairable values do not vary. Integer values keep every sum an
    integer (a caller may scale its values to integers: alpha does not change with scale).
    """
    count = 0
    total: Fraction | int = 0
    squares: Fraction | int = 0
    within: dict[int, Fraction | int] = {}  # m -> sum over units of m*S2_u - S1_u^2
    pairable_units = 0
    for m, s1, s2 in units:
        if m < 2:
            continue
        pairable_units += 1
        within[m] = within.get(m, 0) + m * s2 - s1 * s1
        count, total, squares = count + m, total + s1, squares + s2
    spread = count * squares - total * total
    if pairable_units < 2 or spread == 0:
        return Figure("alpha", None, count)
    observed = sum((Fraction(part) / (m - 1) for m, part in within.items()), Fraction(0))
    return Figure("alpha", 1 - (count - 1) * observed / spread, count)


def interval_alpha(ratings: Ratings) -> Figure:
    """Krippendorff's alpha (interval) of ``unit -> rater -> value``; missing ratings allowed."""
    return alpha_of(unit_sums(by_rater.values()) for by_rater in ratings.values())


@dataclass(frozen=True)
class Icc:
    single: Figure  # ICC(2,1): one rater's reliability
    average: Figure  # ICC(2,k): the mean of the k raters'


def icc2(table: Sequence[Sequence[Decimal | Fraction | int]], integers: bool = False) -> Icc:
    """ICC(2,1) and ICC(2,k) of a complete ``targets x raters`` table (Shrout & Fleiss 1979).

    ``None`` values when there are fewer than two targets or raters, or no variance.
    ``integers``: the caller's table holds only ints (no need to look for decimals).
    """
    n = len(table)
    k = len(table[0]) if n else 0
    ratings = n * k
    if n < 2 or k < 2 or any(len(row) != k for row in table):
        return Icc(Figure("icc", None, ratings), Figure("icc", None, ratings))
    rows: Sequence[Sequence[Fraction | int]]
    if not integers and any(isinstance(v, Decimal) for row in table for v in row):
        rows = [[_exact(v) for v in row] for row in table]
    else:  # no Decimal in the table: ints and fractions as they are
        rows = cast(Sequence[Sequence[Fraction | int]], table)
    # Sums of squares from raw sums (exact for integers and fractions alike).
    row_sums = [sum(row) for row in rows]
    col_sums = [sum(row[j] for row in rows) for j in range(k)]
    grand = sum(row_sums)
    correction = Fraction(grand * grand, 1) / (n * k)
    ss_total = sum(v * v for row in rows for v in row) - correction
    ss_rows = Fraction(sum(r * r for r in row_sums), 1) / k - correction
    ss_cols = Fraction(sum(c * c for c in col_sums), 1) / n - correction
    ms_rows = ss_rows / (n - 1)
    ms_cols = ss_cols / (k - 1)
    ms_error = (ss_total - ss_rows - ss_cols) / ((n - 1) * (k - 1))
    single_den = ms_rows + (k - 1) * ms_error + k * (ms_cols - ms_error) / n
    average_den = ms_rows + (ms_cols - ms_error) / n
    single = (ms_rows - ms_error) / single_den if single_den else None
    average = (ms_rows - ms_error) / average_den if average_den else None
    return Icc(Figure("icc", single, ratings), Figure("icc", average, ratings))


def mid_ranks(values: Sequence[Decimal | Fraction | int]) -> tuple[list[Fraction], int]:
    """Ranks 1..n (highest value first, ties sharing their mean rank) and sum(t^3 - t)."""
    order = sorted(range(len(values)), key=lambda i: values[i], reverse=True)
    ranks = [Fraction(0)] * len(values)
    ties = 0
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = Fraction(start + end + 2, 2)
        for position in range(start, end + 1):
            ranks[order[position]] = shared
        size = end - start + 1
        ties += size**3 - size
        start = end + 1
    return ranks, ties


def kendall_w(ratings: Ratings) -> Figure:
    """Kendall's W of the raters' rankings of the units each of them rated (tie-corrected).

    Only units rated by every rater who rated any unit count; ``None`` with fewer than two
    such units or raters, or when every rater ties every unit.
    """
    raters = sorted({r for by_rater in ratings.values() for r in by_rater}, key=str)
    units = [u for u, by_rater in ratings.items() if all(r in by_rater for r in raters)]
    m, n = len(raters), len(units)
    if m < 2 or n < 2:
        return Figure("w", None, m * n)
    sums = [Fraction(0)] * n
    tie_total = 0
    for rater in raters:
        # Decimals and ints compare exactly as they are: no Fraction per value to sort.
        ranks, ties = mid_ranks([ratings[u][rater] for u in units])
        tie_total += ties
        sums = [s + r for s, r in zip(sums, ranks, strict=True)]
    mean = Fraction(m * (n + 1), 2)
    s = sum(((total - mean) ** 2 for total in sums), Fraction(0))
    denominator = Fraction(m * m * (n**3 - n), 1) - m * tie_total
    if denominator == 0:
        return Figure("w", None, m * n)
    return Figure("w", 12 * s / denominator, m * n)
