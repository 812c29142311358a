"""Flags are open until the panel decides: an agreed score resolves them; objective-item
disagreement is one flag per indicator with the distinct values the experts gave."""

from __future__ import annotations

from decimal import Decimal

from expertscore.chair.decisions import record_override
from expertscore.chair.flag_states import (
    AGREED_SCORE,
    FlagState,
    distinct_values,
    open_flags,
    statuses,
)
from expertscore.chair.outputs import REPORT, export_all
from expertscore.chair.override_causes import OverrideCause
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.run import ChairRun
from tests.chair.chair_case import cli, pdf_text


def reverified(run: ChairRun) -> tuple[str, str]:
    _, result = run.results()
    for sid in result.ranking:
        for code, item in result.submissions[sid].indicators.items():
            if "reverify" in item.flags:
                return sid, code
    raise AssertionError("no objective item was scored differently")


def test_an_agreed_score_resolves_the_flags_of_its_indicator(merged_case):
    run = ChairRun.open(merged_case.package, merged_case.merge)
    sid, code = reverified(run)
    inp, result = run.results()
    sub = result.submissions[sid]
    item = sub.indicators[code]
    assert {s.state for s in statuses(item)} == {FlagState.OPEN}
    assert [s.flag for s in statuses(item)].count("reverify") == 1  # one flag per indicator
    before = open_flags(sub)
    assert before == sum(1 for i in sub.indicators.values() if i.flags)

    values = distinct_values([s for s in inp.sheets if s.submission == sid], item)
    assert len(values) > 1  # the values differ: that is the flag
    experts = sorted(e for _, given in values for e in given)
    assert len(experts) == len(set(experts)) and set(experts) <= set(item.scores)

    points = str(item.panel)
    cause = OverrideCause.OBJECTIVE_INCONSISTENT
    record_override(merged_case.merge, run.package, sid, code, points, "核实后认定", cause)
    run.reload()
    _, after = run.results()
    resolved = statuses(after.submissions[sid].indicators[code])
    assert {(s.state, s.resolved_by, s.cause) for s in resolved} == {
        (FlagState.RESOLVED, AGREED_SCORE, cause)
    }
    assert open_flags(after.submissions[sid]) == before - 1
    done = cli("chair", "results", "--batch", str(merged_case.package),
               "--dir", str(merged_case.merge))  # fmt: skip
    line = next(row for row in done.stdout.splitlines() if f"  {sid}  " in row)
    assert f"({before - 1} open flags" in line
    written = export_all(outcome_of(run), merged_case.merge.parent / "out", None)
    text = "".join(pdf_text(written[REPORT], layout=False).split())
    flags = text[text.index("一、评分分歧与复核标记") : text.index("二、需作出说明的专家")]
    assert f"{code}（已认定）" in flags


def test_distinct_values_prefer_the_verified_values():
    from expertscore.chair.aggregate import IndicatorResult, Sheet

    item = IndicatorResult("1.1", Decimal(5), {"E01": Decimal(3), "E02": Decimal(3)}, [],
                           Decimal(3), Decimal(3), Decimal(0), ["reverify"])  # fmt: skip
    sheets = [
        Sheet("E01", "S001", {"1.1": Decimal(3)}, {"1.1": "12.5"}),
        Sheet("E02", "S001", {"1.1": Decimal(3)}, {"1.1": "12.6"}),
        Sheet("E03", "S001", {}, {"1.1": "99"}, recused=True),
    ]
    assert distinct_values(sheets, item) == [("12.5", ("E01",)), ("12.6", ("E02",))]
    assert distinct_values([], item) == [("3", ("E01", "E02"))]
