"""Roll-ups add up exactly, and the fast total agrees with the full roll-up."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from expertscore.schemes.registry import resolve_scheme
from expertscore.schemes.rules import max_points
from expertscore.scoring.totals import rollup, total_of

PROVINCIAL = resolve_scheme("provincial-monitoring-2025").scheme
LIAONING = resolve_scheme("liaoning-2025-grading").scheme


def scores_for(scheme):
    leaves = scheme.leaves()
    return st.fixed_dictionaries(
        {},
        optional={
            leaf.code: st.integers(0, int(max_points(scheme, leaf) * 2)).map(
                lambda n: Decimal(n) / 2
            )
            for leaf in leaves
        },
    )


@settings(max_examples=150, deadline=None)
@given(scores_for(PROVINCIAL), st.booleans())
def test_fast_total_equals_rollup_with_bonus_caps(points, only_some):
    leaves = [leaf.code for leaf in PROVINCIAL.leaves()]
    applicable = set(leaves[::2]) if only_some else set(leaves)
    full = rollup(PROVINCIAL, points, applicable)
    assert total_of(PROVINCIAL, points, applicable) == full.total
    assert full.bonus <= PROVINCIAL.find("4").cap.value


@settings(max_examples=100, deadline=None)
@given(scores_for(LIAONING))
def test_subtotals_add_up_exactly(points):
    result = rollup(LIAONING, points, {leaf.code for leaf in LIAONING.leaves()})
    for node in LIAONING.walk():
        if node.children:
            assert result.points[node.code] == sum(result.points[c.code] for c in node.children)
    assert result.total == sum(result.points[n.code] for n in LIAONING.indicators)
    assert result.base_max == Decimal(100)


def test_bonus_cap_applies_to_points_and_maximum():
    points = {"4.9.31": Decimal(3), "4.9.32": Decimal(2)}
    result = rollup(PROVINCIAL, points, {leaf.code for leaf in PROVINCIAL.leaves()})
    cap = PROVINCIAL.find("4").cap.value
    assert result.bonus == min(Decimal(5), cap)
    assert result.maxima["4"] == min(Decimal(5), cap)
