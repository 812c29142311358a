"""The rules docs/formats.md states for the panel file's numbers, each checked here.

Who is kept by a median and by trimming (ties included), what ``scores`` holds under
expert-total trimming, the one order of ``flags``, and how each number is written.
"""

from __future__ import annotations

from decimal import Decimal as D

from expertscore.chair.aggregate import FLAGS, PanelInput, aggregate
from expertscore.chair.panel_file.model import fixed, limited
from tests.chair.test_aggregate import TABLE, run, scheme_with, sheets

TRIMMED = {"method": "trimmed_mean", "trim_min_experts": 5}


def test_expert_total_trimming_lists_every_experts_score_and_keeps_some():
    result = run(scheme_with(**TRIMMED, trim_scope="expert_total"))
    assert result.kept_experts == ["E1", "E3", "E5"]
    for code, item in result.indicators.items():
        assert list(item.scores) == ["E1", "E2", "E3", "E4", "E5"], code
        assert sorted(item.kept) == ["E1", "E3", "E5"], code
        assert item.spread == max(item.scores.values()) - min(item.scores.values())
    assert result.indicators["1.1"].scores["E2"] == D(7)  # dropped, still listed


def test_median_keeps_the_middle_expert_or_the_two_middle_ones():
    median = scheme_with(method="median")
    # 1.1: E1 6, E2 7, E3 7.5, E4 8, E5 10 -> E3
    assert run(median).indicators["1.1"].kept == ["E3"]
    four = {k: TABLE[k] for k in ("E1", "E2", "E3", "E4")}
    assert sorted(run(median, four).indicators["1.1"].kept) == ["E2", "E3"]
    # 1.2: E4 0, then E1, E2, E3, E5 all 30: sorted stably in expert order, the third is E2
    assert run(median).indicators["1.2"].kept == ["E2"]


def test_trimming_drops_the_first_lowest_and_the_last_highest_in_expert_order():
    tied = {
        "E1": ["6", "30", "10", "32", "3"],
        "E2": ["6", "30", "10", "32", "3"],
        "E3": ["8", "30", "10", "32", "0"],
        "E4": ["8", "0", "10", "32", "3"],
        "E5": ["7", "30", "10", "32", "3"],
    }
    result = run(scheme_with(**TRIMMED, trim_scope="indicator"), tied)
    assert sorted(result.indicators["1.1"].kept) == ["E2", "E3", "E5"]  # E1 and E4 dropped
    assert sorted(result.indicators["1.2"].kept) == ["E1", "E2", "E3"]  # E4 and E5 dropped
    assert sorted(result.indicators["9.1"].kept) == ["E1", "E2", "E4"]  # E3 and E5 dropped
    totals = scheme_with(**TRIMMED, trim_scope="expert_total")
    equal = {e: ["7", "30", "10", "32", "3"] for e in ("E1", "E2", "E3", "E4", "E5")}
    assert run(totals, equal).kept_experts == ["E2", "E3", "E4"]


def test_flags_are_always_in_the_documented_order():
    assert FLAGS == ("spread", "reverify", "too_few_experts", "no scores")
    seen = set()
    for policy in (
        {"method": "mean"},
        {"method": "median"},
        {**TRIMMED, "trim_scope": "indicator"},
        {**TRIMMED, "trim_scope": "expert_total"},
        {**TRIMMED, "trim_scope": "expert_total", "min_experts": 5},
    ):
        result = run(scheme_with(**policy))
        for item in result.indicators.values():
            assert item.flags == [f for f in FLAGS if f in item.flags]
            seen.add(tuple(item.flags))
    assert ("spread", "reverify") in seen  # 1.1 under expert-total trimming, too
    assert ("spread", "reverify", "too_few_experts") in seen


def test_numbers_are_written_as_documented():
    assert fixed(D("5"), 2) == "5.00"
    assert fixed(D("82.5"), 2) == "82.50"
    assert fixed(D("7.125"), 2) == "7.125"  # never rounded
    assert fixed(D("0"), 0) == "0"
    assert limited(D(2) / 3) == "0.6666666667"
    assert limited(D("82.50")) == "82.5"
    assert limited(D(100)) == "100"
    assert limited(D(0)) == "0"
    result = aggregate(
        PanelInput(scheme_with(method="mean", deviation_limit="10%"), {"S1": "industry"}, sheets())
    ).submissions["S1"]
    assert result.explanations_needed  # E4's total is far from the mean
    for deviation in result.explanations_needed.values():
        assert -deviation.as_tuple().exponent == 2  # the policy's decimals
