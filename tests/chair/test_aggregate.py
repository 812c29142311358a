"""Panel aggregation against hand computations, for every policy."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expertscore.chair.aggregate import Override, PanelInput, Sheet, aggregate
from expertscore.chair.fragility import Fragility
from expertscore.chair.robustness import leave_one_out, naive_leave_one_out
from expertscore.schemes import load_scheme
from expertscore.schemes.model import Aggregation
from expertscore.scoring.totals import is_additive
from tests.factories import EXAMPLE_SCHEME

SCHEME = load_scheme(EXAMPLE_SCHEME)
LEAVES = ["1.1", "1.2", "2.1", "2.2", "9.1"]
# Five experts on one submission; columns follow LEAVES.
TABLE = {
    "E1": ["6", "30", "10", "32", "3"],
    "E2": ["7", "30", "10", "40", "3"],
    "E3": ["7.5", "30", "20", "24", "0"],
    "E4": ["8", "0", "5", "32", "3"],
    "E5": ["10", "30", "10", "32", "3"],
}


def scheme_with(bonus=True, **policy):
    aggregation = Aggregation.model_validate({**SCHEME.aggregation.model_dump(), **policy})
    update = {"aggregation": aggregation}
    if not bonus:  # a total that is a plain sum: leave-one-out takes its shortcut
        update["indicators"] = [node for node in SCHEME.indicators if not node.bonus]
    return SCHEME.model_copy(update=update)


def sheets(table=TABLE, submission="S1"):
    return [
        Sheet(expert, submission, {code: D(v) for code, v in zip(LEAVES, row, strict=True)})
        for expert, row in table.items()
    ]


def run(scheme, table=TABLE, overrides=None):
    inp = PanelInput(scheme, {"S1": "industry"}, sheets(table), overrides or {})
    return aggregate(inp).submissions["S1"]


def test_trimmed_mean_per_indicator():
    result = run(scheme_with(method="trimmed_mean", trim_min_experts=5, trim_scope="indicator"))
    panel = {code: r.panel for code, r in result.indicators.items()}
    assert panel == {
        "1.1": D("7.50"),
        "1.2": D("30.00"),
        "2.1": D("10.00"),
        "2.2": D("32.00"),
        "9.1": D("3.00"),
    }
    assert sorted(result.indicators["1.1"].kept) == ["E2", "E3", "E4"]
    assert result.rollup.base == D("79.50")
    assert result.total == D("82.50")
    assert result.grade == "L2"


def test_trimming_waits_for_enough_experts():
    four = {k: v for k, v in TABLE.items() if k != "E5"}
    result = run(scheme_with(method="trimmed_mean", trim_min_experts=5), four)
    # (6 + 7 + 7.5 + 8) / 4 = 7.125 -> 7.13 (half up)
    assert result.indicators["1.1"].panel == D("7.13")


def test_mean_and_rounding():
    result = run(scheme_with(method="mean"))
    panel = {code: r.panel for code, r in result.indicators.items()}
    assert panel == {
        "1.1": D("7.70"),
        "1.2": D("24.00"),
        "2.1": D("11.00"),
        "2.2": D("32.00"),
        "9.1": D("2.40"),
    }
    assert result.total == D("77.10")
    assert result.grade == "L1"
    three = {k: TABLE[k] for k in ("E1", "E2", "E3")}
    assert run(scheme_with(method="mean"), three).indicators["1.1"].exact == D("20.5") / 3
    assert run(scheme_with(method="mean"), three).indicators["1.1"].panel == D("6.83")
    assert run(scheme_with(method="mean", decimals=1, rounding="down"), three).indicators[
        "1.1"
    ].panel == D("6.8")


def test_half_even_rounding():
    two = {"E1": ["6.25", "30", "10", "32", "3"], "E2": ["6.25", "30", "10", "32", "3"]}
    # 6.25 stays 6.25 at 2 decimals; at 1 decimal half-even gives 6.2, half-up 6.3.
    assert run(scheme_with(method="mean", decimals=1, rounding="half_even"), two).indicators[
        "1.1"
    ].panel == D("6.2")
    assert run(scheme_with(method="mean", decimals=1, rounding="half_up"), two).indicators[
        "1.1"
    ].panel == D("6.3")


def test_median():
    result = run(scheme_with(method="median"))
    assert {code: r.panel for code, r in result.indicators.items()}["1.1"] == D("7.50")
    assert result.total == D("82.50")
    even = {k: TABLE[k] for k in ("E1", "E2", "E3", "E4")}
    assert run(scheme_with(method="median"), even).indicators["1.1"].panel == D("7.25")


def test_trimmed_mean_of_expert_totals():
    result = run(scheme_with(method="trimmed_mean", trim_min_experts=5, trim_scope="expert_total"))
    assert result.expert_totals == {
        "E1": D(81),
        "E2": D(90),
        "E3": D("81.5"),
        "E4": D(48),
        "E5": D(85),
    }
    assert result.kept_experts == ["E1", "E3", "E5"]
    panel = {code: r.panel for code, r in result.indicators.items()}
    assert panel == {
        "1.1": D("7.83"),
        "1.2": D("30.00"),
        "2.1": D("13.33"),
        "2.2": D("29.33"),
        "9.1": D("2.00"),
    }
    assert result.total == D("82.49")  # the sum of the rounded indicator scores


def test_divergence_flags_and_explanations():
    result = run(scheme_with(method="mean", spread_threshold="30%", deviation_limit="30%"))
    flagged = {code for code, r in result.indicators.items() if "spread" in r.flags}
    # spreads: 1.1 4 > 3; 1.2 30 > 9; 2.1 15 > 6; 2.2 16 > 12; 9.1 3 > 0.9
    assert flagged == {"1.1", "1.2", "2.1", "2.2", "9.1"}
    assert {code for code, r in result.indicators.items() if "reverify" in r.flags} == {
        "1.1",
        "2.1",
    }
    # Mean of totals 77.1; E4's 48 is 37.74% away.
    assert result.explanations_needed == {"E4": D("37.74")}
    calm = {k: ["7", "30", "10", "32", "3"] for k in ("E1", "E2", "E3")}
    calm_result = run(scheme_with(method="mean"), calm)
    assert all(r.flags == [] for r in calm_result.indicators.values())
    assert calm_result.explanations_needed == {}


def test_chair_override_replaces_panel_score_with_reason():
    override = Override(D("25"), "专家组讨论后一致认定")
    result = run(scheme_with(method="mean"), overrides={("S1", "1.2"): override})
    assert result.indicators["1.2"].panel == D(25)
    assert result.indicators["1.2"].override == override
    assert result.total == D("78.10")


def test_recused_experts_do_not_count():
    recused = [*sheets({k: TABLE[k] for k in ("E1", "E2", "E3")})]
    recused.append(Sheet("E4", "S1", {}, recused=True))
    inp = PanelInput(scheme_with(method="mean"), {"S1": "industry"}, recused)
    result = aggregate(inp).submissions["S1"]
    assert set(result.expert_totals) == {"E1", "E2", "E3"}


def test_ranks_share_places_on_ties():
    table_a = {"E1": ["10", "30", "20", "40", "3"]}
    table_b = {"E1": ["5", "30", "20", "40", "3"]}
    inp = PanelInput(
        scheme_with(method="mean"),
        {"S1": None, "S2": None, "S3": None},
        [*sheets(table_a, "S1"), *sheets(table_b, "S2"), *sheets(table_a, "S3")],
    )
    result = aggregate(inp)
    assert result.ranking == ["S1", "S3", "S2"]
    assert [result.submissions[s].rank for s in result.ranking] == [1, 1, 3]


points = {
    "1.1": st.integers(0, 20).map(lambda n: D(n) / 2),
    "1.2": st.sampled_from([D(0), D(30)]),
    "2.1": st.integers(0, 40).map(lambda n: D(n) / 2),
    "2.2": st.sampled_from([D(40), D(32), D(24), D(12)]),
    "9.1": st.sampled_from([D(0), D(3)]),
}


@st.composite
def panels(draw):
    experts = draw(st.integers(1, 7))
    submissions = draw(st.integers(1, 4))
    result = []
    for s in range(submissions):
        for e in range(experts):
            chosen = draw(st.fixed_dictionaries({}, optional=points))
            result.append(Sheet(f"E{e}", f"S{s}", chosen, recused=draw(st.booleans()) and e == 0))
    return submissions, result


@pytest.mark.parametrize(
    "policy",
    [
        {"method": "mean"},
        {"method": "median"},
        {"method": "trimmed_mean", "trim_min_experts": 3},
        {"method": "trimmed_mean", "trim_min_experts": 5},
        {"method": "trimmed_mean", "trim_min_experts": 3, "trim_scope": "expert_total"},
        {"method": "winsorised_mean", "trim_min_experts": 3},
        {"method": "winsorised_mean", "trim_min_experts": 5},
    ],
)
@pytest.mark.parametrize("bonus", [True, False], ids=["with-bonus", "additive"])
@settings(max_examples=60, deadline=None)
@given(data=panels())
def test_fast_leave_one_out_matches_full_recomputation(policy, bonus, data):
    assert_fast_leave_one_out_is_exact(scheme_with(bonus, **policy), bonus, *data)


def assert_fast_leave_one_out_is_exact(scheme, bonus, count, all_sheets):
    """The quick leave-one-out finds the same fragile outcomes as aggregating again
    without each expert, for ``count`` submissions scored on ``all_sheets``."""
    assert is_additive(scheme) is not bonus
    inp = PanelInput(scheme, {f"S{i}": "industry" for i in range(count)}, all_sheets)
    fast, slow = aggregate(inp), aggregate(inp)
    leave_one_out(inp, fast)
    naive_leave_one_out(inp, slow)
    assert {s: r.fragile for s, r in fast.submissions.items()} == {
        s: r.fragile for s, r in slow.submissions.items()
    }


def test_fragile_outcome_is_marked():
    # Without E4 (who gave 1.2 nothing), the mean total rises past 80%: grade L1 -> L2.
    inp = PanelInput(scheme_with(method="mean"), {"S1": "industry"}, sheets())
    result = aggregate(inp)
    leave_one_out(inp, result)
    assert result.submissions["S1"].grade == "L1"
    assert Fragility("E4", ("L1", "L2")) in result.submissions["S1"].fragile


@pytest.mark.parametrize(
    "fragility, note",
    [
        (Fragility("E02", ("L1", None), (3, 4)), "without E02: grade L1→-, rank 3→4"),
        (Fragility("E4", ("L1", "L2")), "without E4: grade L1→L2"),
        (Fragility("E10", rank=(1, 2)), "without E10: rank 1→2"),
        (Fragility("E01", (None, "L1")), "without E01: grade -→L1"),
    ],
)
def test_a_fragility_is_worded_and_stored_as_a_record(fragility, note):
    assert fragility.note() == note
    record = json.loads(json.dumps(fragility.record()))
    assert list(record) == ["without", "grade", "rank"]
    grade, rank = record["grade"], record["rank"]
    assert (
        record["without"],
        None if grade is None else (grade["before"], grade["after"]),
        None if rank is None else (rank["before"], rank["after"]),
    ) == (fragility.expert, fragility.grade, fragility.rank)
