"""Agreement statistics against published worked examples, and Kendall's W against scipy."""

from __future__ import annotations

import warnings
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import friedmanchisquare

from expertscore.chair.agreement import icc2, interval_alpha, kendall_w, mid_ranks, reading

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
# observers, twelve units, missing values; published: interval alpha = 0.849.
RELIABILITY_DATA = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}

# Shrout & Fleiss (1979), Table 2: six targets, four judges; published (Table 4):
# ICC(2,1) = .29, ICC(2,4) = .62.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


def by_unit(data: dict[str, list[int | None]]) -> dict[int, dict[str, int]]:
    units: dict[int, dict[str, int]] = {}
    for observer, values in data.items():
        for unit, value in enumerate(values):
            if value is not None:
                units.setdefault(unit, {})[observer] = value
    return units


def test_krippendorffs_reliability_data_give_the_published_interval_alpha():
    figure = interval_alpha(by_unit(RELIABILITY_DATA))
    assert figure.rounded(3) == Decimal("0.849")
    # Unit 12 has one value and is not pairable: 40 of the 41 values count.
    assert figure.ratings == 40
    assert figure.reading == "高"


def test_shrout_and_fleiss_table_gives_the_published_icc2():
    icc = icc2(SHROUT_FLEISS)
    assert icc.single.rounded(2) == Decimal("0.29")
    assert icc.average.rounded(2) == Decimal("0.62")
    assert (icc.single.reading, icc.average.reading) == ("低", "中")
    assert icc.single.ratings == 24


def test_alpha_is_one_for_perfect_agreement_and_none_without_pairs():
    assert interval_alpha({1: {"a": 2, "b": 2}, 2: {"a": 5, "b": 5}}).value == 1
    assert interval_alpha({1: {"a": 2}, 2: {"a": 5, "b": 5}}).value is None  # one pairable unit
    assert interval_alpha({1: {"a": 2, "b": 2}, 2: {"a": 2, "b": 2}}).value is None  # no spread


def test_icc_needs_a_complete_table():
    assert icc2([[1, 2], [3]]).single.value is None
    assert icc2([[1, 2, 3]]).average.value is None


def test_mid_ranks_share_ties_and_count_them():
    ranks, ties = mid_ranks([Fraction(5), Fraction(7), Fraction(5), Fraction(1)])
    assert ranks == [Fraction(5, 2), 1, Fraction(5, 2), 4]
    assert ties == 2**3 - 2


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=2, max_value=6).flatmap(
        lambda raters: st.lists(
            st.lists(st.integers(min_value=0, max_value=6), min_size=raters, max_size=raters),
            min_size=3,
            max_size=9,
        )
    )
)
def test_kendalls_w_is_friedmans_statistic_scaled(table):
    """W = chi2_Friedman / (m (n - 1)), scipy's Friedman test with its tie correction."""
    m, n = len(table[0]), len(table)
    ratings = {unit: dict(enumerate(row)) for unit, row in enumerate(table)}
    figure = kendall_w(ratings)
    columns = [[row[rater] for row in table] for rater in range(m)]  # one per rater
    if all(len(set(column)) == 1 for column in columns):
        assert figure.value is None  # every rater ties every unit
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # scipy warns about small samples
        chi2 = friedmanchisquare(*table).statistic  # one sample per unit, blocks = raters
    assert float(figure.value) == pytest.approx(chi2 / (m * (n - 1)), abs=1e-9)


def test_readings_follow_the_documented_thresholds():
    assert [reading("alpha", Fraction(x, 1000)) for x in (800, 799, 667, 666)] == [
        "高",
        "中",
        "中",
        "低",
    ]
    assert reading("w", None) is None
