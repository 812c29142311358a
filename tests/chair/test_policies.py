"""Aggregation policies as objects (``schemes.policies``), and the familiarity-weighted mean
against hand computations.

One object per method combines the scores and works out leave-one-out; the weighted mean
takes each expert's familiarity mark with the submission as a weight (熟悉 1, 较熟悉 0.8,
一般 0.6, unmarked 1 unless the scheme declares others).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expertscore.chair.aggregate import PanelInput, Sheet, aggregate
from expertscore.chair.panel_file.model import policy_record
from expertscore.chair.report.text import policy_lines
from expertscore.errors import SchemeInvalid
from expertscore.organizer.assign import needed_experts
from expertscore.schemes import load_scheme_text
from expertscore.schemes.model import Aggregation, AggregationMethod, FamiliarityWeights
from expertscore.schemes.policies import POLICIES, AggregationPolicy, policy_of
from expertscore.schemes.registry import bundled_schemes
from expertscore.scoring.familiarity import LEVELS
from expertscore.wording import EN, ZH
from expertscore.wording.labels import LABELS
from tests.chair.test_aggregate import (
    assert_fast_leave_one_out_is_exact,
    panels,
    scheme_with,
    sheets,
)
from tests.factories import EXAMPLE_SCHEME

WEIGHTED = {"method": "familiarity_weighted"}
# 2.2 (of 40 points): E1 40 familiar, E2 32 fairly, E3 24 moderate
TABLE = {
    "E1": ["6", "30", "10", "40", "3"],
    "E2": ["7", "30", "10", "32", "3"],
    "E3": ["8", "0", "20", "24", "0"],
}
MARKS = {"E1": "familiar", "E2": "fairly", "E3": "moderate"}


def marked(table=TABLE, marks=MARKS, submission="S1"):
    return [replace(s, familiarity=marks.get(s.expert)) for s in sheets(table, submission)]


def run_marked(scheme, table=TABLE, marks=MARKS):
    inp = PanelInput(scheme, {"S1": "industry"}, marked(table, marks))
    return aggregate(inp).submissions["S1"]


def test_every_method_is_one_registered_class_with_a_label():
    assert set(POLICIES) == set(AggregationMethod)
    for method, policy in POLICIES.items():
        assert issubclass(policy, AggregationPolicy) and policy.method == method
        assert set(LABELS[AggregationMethod][method]) and LABELS[AggregationMethod][method].zh


def test_the_weights_are_the_marks_a_result_file_carries():
    assert list(FamiliarityWeights.model_fields) == [*LEVELS, "unmarked"]
    assert FamiliarityWeights() == FamiliarityWeights(
        familiar=D(1), fairly=D("0.8"), moderate=D("0.6"), unmarked=D(1)
    )


def test_the_weighted_mean_by_hand():
    policy = policy_of(scheme_with(**WEIGHTED).aggregation)
    # (80 x 1 + 70 x 0.8 + 60 x 0.6) / (1 + 0.8 + 0.6) = 172 / 2.4
    exact, kept = policy.combine([D(80), D(70), D(60)], [D(1), D("0.8"), D("0.6")])
    assert exact == D(172) / D("2.4") and str(exact)[:12] == "71.666666666"
    assert kept == [0, 1, 2]


def test_the_weighted_mean_of_an_indicator_is_rounded_once_with_the_schemes_rounding():
    result = run_marked(scheme_with(**WEIGHTED))
    item = result.indicators["2.2"]
    # (40 x 1 + 32 x 0.8 + 24 x 0.6) / 2.4 = 80 / 2.4 = 33.33...
    assert item.exact == D(80) / D("2.4")
    assert item.panel == D("33.33")
    assert item.kept == ["E1", "E2", "E3"]
    # 1.2: (30 + 24 + 0) / 2.4 = 22.5 exactly; half up and half even agree, down too
    assert result.indicators["1.2"].panel == D("22.50")
    down = run_marked(scheme_with(**WEIGHTED, decimals=1, rounding="down"))
    assert down.indicators["2.2"].panel == D("33.3")
    # The plain mean would have given (40 + 32 + 24) / 3 = 32.
    assert run_marked(scheme_with(method="mean")).indicators["2.2"].panel == D("32.00")


def test_unmarked_experts_weigh_one_unless_the_scheme_declares_otherwise():
    unmarked = {"E1": "familiar", "E2": "fairly"}  # E3 marked nothing
    # (40 + 25.6 + 24) / 2.8 = 89.6 / 2.8 = 32
    assert run_marked(scheme_with(**WEIGHTED), marks=unmarked).indicators["2.2"].exact == D(32)
    declared = scheme_with(
        **WEIGHTED,
        familiarity_weights={"familiar": "2", "fairly": "1", "moderate": "0.5", "unmarked": "0.5"},
    )
    # (40 x 2 + 32 x 1 + 24 x 0.5) / 3.5 = 124 / 3.5 = 35.428...
    assert run_marked(declared, marks=unmarked).indicators["2.2"].panel == D("35.43")
    # Nobody marked: every weight is "unmarked", the plain mean.
    assert run_marked(scheme_with(**WEIGHTED), marks={}).indicators["2.2"].panel == D("32.00")


def test_recused_experts_carry_no_weight():
    recused = [*marked(), Sheet("E4", "S1", {}, recused=True)]
    inp = PanelInput(scheme_with(**WEIGHTED), {"S1": "industry"}, recused)
    assert aggregate(inp).submissions["S1"].indicators["2.2"].panel == D("33.33")


def test_leave_one_out_of_the_weighted_mean_by_hand():
    policy = policy_of(scheme_with(**WEIGHTED).aggregation)
    rounded = lambda v: v.quantize(D("0.01"))  # noqa: E731
    without = policy.without_each([D(40), D(32), D(24)], [D(1), D("0.8"), D("0.6")], rounded)
    # without E1: (25.6 + 14.4) / 1.4; without E2: (40 + 14.4) / 1.6; without E3: 65.6 / 1.8
    assert without == [D("28.57"), D("34.00"), D("36.44")]
    assert policy.without_each([D(40)], [D(1)], rounded) == [None]


marks = st.sampled_from([*LEVELS, None])


@st.composite
def marked_panels(draw):
    count, drawn = draw(panels())
    return count, [replace(s, familiarity=None if s.recused else draw(marks)) for s in drawn]


@pytest.mark.parametrize(
    "weights",
    [None, {"familiar": "1", "fairly": "0.75", "moderate": "0.3", "unmarked": "0.9"}],
    ids=["default-weights", "declared-weights"],
)
@pytest.mark.parametrize("bonus", [True, False], ids=["with-bonus", "additive"])
@settings(max_examples=60, deadline=None)
@given(data=marked_panels())
def test_fast_weighted_leave_one_out_matches_full_recomputation(weights, bonus, data):
    declared = {} if weights is None else {"familiarity_weights": weights}
    assert_fast_leave_one_out_is_exact(scheme_with(bonus, **WEIGHTED, **declared), bonus, *data)


def test_the_policy_is_described_and_recorded_with_its_weights():
    aggregation = scheme_with(**WEIGHTED).aggregation
    policy = policy_of(aggregation)
    assert policy.describe(ZH) == (
        "各指标取全部评分专家评分按其对该平台熟悉程度的加权平均值"
        "（权重：熟悉 1、较熟悉 0.8、一般 0.6、未标注 1）"
    )
    assert "familiar 1, fairly familiar 0.8, moderately familiar 0.6" in policy.describe(EN)
    assert policy_lines(aggregation)[0] == f"汇总方法：{policy.describe(ZH)}。"
    assert policy.details(ZH) == [("熟悉程度权重", "熟悉 1、较熟悉 0.8、一般 0.6、未标注 1")]
    record = policy_record(scheme_with(**WEIGHTED))
    assert record["method"] == "familiarity_weighted"
    assert record["familiarity_weights"] == {
        "familiar": "1", "fairly": "0.8", "moderate": "0.6", "unmarked": "1"
    }  # fmt: skip
    assert needed_experts(scheme_with(**WEIGHTED, min_experts=2)) == 2


def test_the_bundled_schemes_and_the_default_are_unchanged():
    """Weighting is off by default: no bundled scheme weighs, and their panel files' policy
    has exactly the fields it always had."""
    fields = ["method", "trim_min_experts", "trim_scope", "min_experts", "decimals",
              "rounding", "spread_threshold", "deviation_limit", "rank_within"]  # fmt: skip
    default = Aggregation()
    assert (default.method, default.familiarity_weights) == (AggregationMethod.MEAN, None)
    for bundled in bundled_schemes():
        policy = bundled.scheme.aggregation
        assert policy.method != AggregationMethod.FAMILIARITY_WEIGHTED, bundled.scheme.id
        assert policy.familiarity_weights is None
        assert policy_of(policy).weights(marked()) is None
        assert list(policy_record(bundled.scheme)) == fields


def _scheme_text(aggregation: str) -> str:
    text = EXAMPLE_SCHEME.read_text(encoding="utf-8")
    start = text.index("aggregation:")
    end = text.index("\nindicators:")
    return text[:start] + aggregation + text[end:]


def test_a_scheme_declares_the_weights():
    scheme = load_scheme_text(
        _scheme_text(
            "aggregation:\n  method: familiarity_weighted\n  familiarity_weights:"
            " {familiar: 1, fairly: 0.9, moderate: 0.7, unmarked: 0.8}\n"
        ),
        "x.yaml",
    )
    weights = scheme.aggregation.familiarity_weights
    assert weights == FamiliarityWeights(
        familiar=D(1), fairly=D("0.9"), moderate=D("0.7"), unmarked=D("0.8")
    )


@pytest.mark.parametrize(
    ("aggregation", "says"),
    [
        (
            "aggregation:\n  method: mean\n  familiarity_weights: {fairly: 0.5}\n",
            "familiarity_weights is read only by method familiarity_weighted",
        ),
        (
            "aggregation:\n  method: familiarity_weighted\n  familiarity_weights: {moderate: 0}\n",
            "greater than 0",
        ),
        (
            "aggregation:\n  method: familiarity_weighted\n  familiarity_weights: {expert: 1}\n",
            "expert",
        ),
    ],
    ids=["weights-without-the-method", "zero-weight", "unknown-mark"],
)
def test_a_scheme_with_wrong_weights_is_refused(aggregation, says):
    with pytest.raises(SchemeInvalid) as refused:
        load_scheme_text(_scheme_text(aggregation), "x.yaml")
    assert says in str(refused.value)
