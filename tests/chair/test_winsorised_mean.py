"""The winsorised mean (``schemes.policies.WinsorisedMean``), added as one class, against
hand computations: once ``trim_min_experts`` scored, an indicator's lowest score counts as
the next lowest and its highest as the next highest, then the mean of all, rounded once."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from expertscore.chair.aggregate import PanelInput, Sheet, aggregate
from expertscore.chair.robustness import leave_one_out
from expertscore.errors import SchemeInvalid
from expertscore.organizer.assign import needed_experts
from expertscore.schemes import load_scheme_text
from expertscore.schemes.model import AggregationMethod
from expertscore.schemes.policies import WinsorisedMean, policy_of
from expertscore.schemes.registry import bundled_schemes
from expertscore.wording import EN, ZH
from expertscore.wording.labels import label
from tests.chair.test_aggregate import scheme_with
from tests.factories import EXAMPLE_SCHEME

WINSORISED = {"method": "winsorised_mean"}
# 1.1 (of 10) in expert-id order: sorted 2 6 7 9 10.
SCORES = [D(9), D(2), D(10), D(7), D(6)]


def policy(**rules) -> WinsorisedMean:
    chosen = policy_of(scheme_with(**WINSORISED, **rules).aggregation)
    assert isinstance(chosen, WinsorisedMean)
    return chosen


def test_the_extremes_are_replaced_by_their_neighbours():
    # 2 -> 6 and 10 -> 9: (6 + 6 + 7 + 9 + 9) / 5 = 37 / 5 = 7.4; every expert counts.
    assert policy(trim_min_experts=5).combine(SCORES) == (D("7.4"), [0, 1, 2, 3, 4])
    # The trimmed mean of the same scores drops them instead: (6 + 7 + 9) / 3 = 7.33…
    trimmed = policy_of(scheme_with(method="trimmed_mean").aggregation)
    assert trimmed.combine(SCORES)[0] == D(22) / 3


def test_fewer_experts_than_trim_min_experts_give_the_plain_mean():
    # Four scores under trim_min_experts 5: (9 + 2 + 10 + 7) / 4 = 7.
    assert policy(trim_min_experts=5).combine(SCORES[:4]) == (D(7), [0, 1, 2, 3])


def test_ties_at_the_ends():
    # Sorted 3 3 5 8 8: the ends are replaced by equal neighbours: (3+3+5+8+8) / 5 = 5.4.
    exact, _kept = policy(trim_min_experts=3).combine([D(8), D(3), D(5), D(3), D(8)])
    assert exact == D("5.4")


def test_the_panel_score_is_rounded_once_by_the_schemes_rule():
    sheets = [
        Sheet(f"E{n}", "S1", {"1.1": D(v)})
        for n, v in enumerate(["0", "1", "1", "1", "2", "9"], start=1)
    ]
    # Sorted 0 1 1 1 2 9 -> 1 1 1 1 2 2: 8 / 6 = 1.333…
    half_up = aggregate(PanelInput(scheme_with(**WINSORISED), {"S1": "industry"}, sheets))
    item = half_up.submissions["S1"].indicators["1.1"]
    assert (item.exact, item.panel) == (D(8) / 6, D("1.33"))
    assert sorted(item.kept) == [f"E{n}" for n in range(1, 7)]
    down = scheme_with(**WINSORISED, decimals=1, rounding="down")
    item = aggregate(PanelInput(down, {"S1": "industry"}, sheets)).submissions["S1"]
    assert item.indicators["1.1"].panel == D("1.3")


def test_leave_one_out_by_hand():
    rounded = lambda v: v.quantize(D("0.01"))  # noqa: E731
    # trim_min_experts 3, four scores left each time:
    # without 9: 2 6 7 10 -> 6 6 7 7 = 6.5; without 2: 6 7 9 10 -> 7 7 9 9 = 8;
    # without 10: 2 6 7 9 -> 6.5; without 7: 2 6 9 10 -> 6 6 9 9 = 7.5; without 6: 8.
    without = policy(trim_min_experts=3).without_each(SCORES, None, rounded)
    assert without == [D("6.50"), D("8.00"), D("6.50"), D("7.50"), D("8.00")]
    # Under trim_min_experts 5 four scores are a plain mean: without 9 -> 25 / 4.
    plain = policy(trim_min_experts=5).without_each(SCORES, None, rounded)
    assert plain == [D("6.25"), D("8.00"), D("6.00"), D("6.75"), D("7.00")]
    assert policy().without_each([D(3)], None, rounded) == [None]


def test_leave_one_out_of_a_panel_names_the_experts_who_tip_the_grade():
    # Five experts on the example scheme (grades: L1 from 60%, L2 from 80% of 100).
    table = {
        "E1": ["9", "30", "10", "32", "3"],
        "E2": ["2", "30", "10", "40", "3"],
        "E3": ["10", "30", "20", "24", "0"],
        "E4": ["7", "0", "5", "32", "3"],
        "E5": ["6", "30", "10", "32", "3"],
    }
    leaves = ["1.1", "1.2", "2.1", "2.2", "9.1"]
    sheets = [
        Sheet(e, "S1", {c: D(v) for c, v in zip(leaves, row, strict=True)})
        for e, row in table.items()
    ]
    inp = PanelInput(scheme_with(**WINSORISED, trim_min_experts=5), {"S1": "industry"}, sheets)
    result = aggregate(inp)
    panel = {code: item.panel for code, item in result.submissions["S1"].indicators.items()}
    # 1.1: 7.4 (above); 1.2: 0 30 30 30 30 -> all 30; 2.1: 5 10 10 10 20 -> all 10;
    # 2.2: 24 32 32 32 40 -> all 32; 9.1: 0 3 3 3 3 -> all 3.
    assert panel == {
        "1.1": D("7.40"), "1.2": D("30.00"), "2.1": D("10.00"), "2.2": D("32.00"),
        "9.1": D("3.00"),
    }  # fmt: skip
    assert (result.submissions["S1"].total, result.submissions["S1"].grade) == (D("82.40"), "L2")
    # Four experts left are under trim_min_experts: plain means. E4's 0 for 1.2 was
    # replaced by 30; without anyone but E4 it counts: without E1 the total is
    # 6.25 + 22.5 + 11.25 + 32 + 2.25 = 74.25 (L1); without E4 it is
    # 6.75 + 30 + 12.5 + 32 + 2.25 = 83.5 (still L2).
    leave_one_out(inp, result)
    fragile = result.submissions["S1"].fragile
    assert sorted((f.expert, f.grade) for f in fragile) == [
        (e, ("L2", "L1")) for e in ("E1", "E2", "E3", "E5")
    ]


def test_described_labelled_and_recorded():
    chosen = policy(trim_min_experts=5)
    assert chosen.describe(ZH) == (
        "各指标将一个最高分替换为次高分、一个最低分替换为次低分（评分专家达到 5 人时）后取算术平均值"
    )
    assert chosen.describe(EN).startswith("each indicator: the mean with the highest score")
    assert chosen.details(ZH) == [
        ("缩尾（极值替代）", "按指标；至少 5 位专家评分时才以相邻分数替代最高分和最低分")
    ]
    assert label(AggregationMethod, AggregationMethod.WINSORISED_MEAN, ZH) == (
        "最高分和最低分以相邻分数替代后取平均（缩尾平均）"
    )
    assert needed_experts(scheme_with(**WINSORISED, min_experts=3, trim_min_experts=5)) == 5
    assert chosen.record() == {}  # the common policy fields say it all


def _scheme_text(aggregation: str) -> str:
    text = EXAMPLE_SCHEME.read_text(encoding="utf-8")
    return text[: text.index("aggregation:")] + aggregation + text[text.index("\nindicators:") :]


def test_a_scheme_chooses_it_and_its_rules_are_checked():
    scheme = load_scheme_text(
        _scheme_text("aggregation:\n  method: winsorised_mean\n  trim_min_experts: 4\n"), "x.yaml"
    )
    assert scheme.aggregation.method == AggregationMethod.WINSORISED_MEAN
    for rules, says in [
        ("trim_min_experts: 2", "a winsorised mean replaces two scores by others"),
        ("trim_scope: expert_total", "a winsorised mean replaces scores per indicator only"),
    ]:
        text = _scheme_text(f"aggregation:\n  method: winsorised_mean\n  {rules}\n")
        with pytest.raises(SchemeInvalid) as refused:
            load_scheme_text(text, "x.yaml")
        assert says in str(refused.value)


def test_off_by_default_and_in_no_bundled_scheme():
    assert scheme_with().aggregation.method != AggregationMethod.WINSORISED_MEAN
    for bundled in bundled_schemes():
        assert bundled.scheme.aggregation.method != AggregationMethod.WINSORISED_MEAN
