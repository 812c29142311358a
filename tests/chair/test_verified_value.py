"""The panel's verified value: where the experts verified different values for an objective
indicator (re-verify), the chair records the value the panel agreed, with who and why. It
closes the re-verify flag only, leaves the scores alone, is replayed under the recording
rules, and every output shows it."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest

from expertscore.chair.aggregate import REVERIFY
from expertscore.chair.decisions import AuditRefused, replay
from expertscore.chair.flag_states import VERIFIED_VALUE, FlagState, open_flags, statuses
from expertscore.chair.merge import append_audit
from expertscore.chair.outputs import PANEL_FILE, REPORT, WORKBOOK, export_all
from expertscore.chair.panel_file import recheck_panel_file
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.run import ChairRun
from expertscore.identity.keys import ScryptCost, create_key
from tests.chair.chair_case import Case, cells, cli, pdf_text

AT = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def reverify_target(case: Case) -> tuple[str, str]:
    """A submission and objective indicator whose only flag is re-verify."""
    result = outcome_of(ChairRun.open(case.package, case.merge)).result
    for sid in result.ranking:
        for code, item in result.submissions[sid].indicators.items():
            if item.flags == [REVERIFY]:
                return sid, code
    raise AssertionError("the demo panel has an objective item verified differently")


def record(case: Case, *args: str) -> tuple[int, str]:
    done = cli("chair", "verified-value", "--batch", str(case.package), "--dir",
               str(case.merge), *args)  # fmt: skip
    return done.returncode, done.stdout + done.stderr


def test_the_verified_value_closes_the_reverify_flag_and_every_output_shows_it(
    merged_case, tmp_path
):
    case = merged_case
    sid, code = reverify_target(case)
    before = outcome_of(ChairRun.open(case.package, case.merge)).result.submissions[sid]
    status, said = record(case, "--submission", sid, "--indicator", code, "--value",
                          "资产负债率 58.3%", "--by", "王组长", "--reason", "核对审计报告原件")  # fmt: skip
    assert status == 0, said
    assert said.strip() == f"verified value 资产负债率 58.3% recorded for {sid} {code}"
    package = ChairRun.open(case.package, case.merge).package
    agreed = replay(case.merge, package).verified_values[(sid, code)]
    assert (agreed.value, agreed.decided_by, agreed.reason) == (
        "资产负债率 58.3%", "王组长", "核对审计报告原件",
    )  # fmt: skip

    chair = create_key(
        "CHAIR", "王组长", "chair passphrase 2026", cost=ScryptCost(n=2**12), role="chair"
    )
    snap = outcome_of(ChairRun.open(case.package, case.merge))
    after = snap.result.submissions[sid]
    item = after.indicators[code]
    assert item.agreed_value == agreed
    assert [(s.state, s.resolved_by) for s in statuses(item)] == [
        (FlagState.RESOLVED, VERIFIED_VALUE)
    ]
    assert open_flags(after) == open_flags(before) - 1
    assert after.total == before.total and item.panel == before.indicators[code].panel
    done = cli("chair", "results", "--batch", str(case.package), "--dir", str(case.merge))
    assert f"{open_flags(after)} open flags" in done.stdout or open_flags(after) == 0

    written = export_all(snap, tmp_path / "out", chair, at=AT)
    rows = cells(written[WORKBOOK])["分歧"]
    row = next(r for r in rows if r[0] == "核实值议定")
    assert (row[1], row[3], row[8]) == (sid, code, "核对审计报告原件")
    assert row[7] == "专家组议定核实值：资产负债率 58.3%（记录人 王组长），需复核提示已解决"
    text = "".join(pdf_text(written[REPORT], layout=False).split())
    assert f"{code}（已核实）" in text
    assert "资产负债率58.3%王组长核对审计报告原件" in text

    envelope = json.loads(written[PANEL_FILE].read_bytes())
    payload = json.loads(base64.b64decode(envelope["payload"]))
    assert payload["format"] == "expertscore-panel-payload/5"
    assert payload["decisions"]["verified_values"] == [
        {"submission": sid, "indicator": code, "value": "资产负债率 58.3%",
         "decided_by": "王组长", "reason": "核对审计报告原件"}
    ]  # fmt: skip
    listed = next(s for s in payload["submissions"] if s["id"] == sid)
    entry = next(i for i in listed["indicators"] if i["code"] == code)
    assert entry["verified_value"] == {
        "value": "资产负债率 58.3%", "decided_by": "王组长", "reason": "核对审计报告原件"
    }  # fmt: skip
    assert recheck_panel_file(written[PANEL_FILE], snap.package, case.merge / "results") == []


def test_a_verified_value_needs_an_objective_indicator_who_and_why(merged_case):
    case = merged_case
    sid, code = reverify_target(case)
    before = (case.merge / "audit.jsonl").read_bytes()
    status, said = record(case, "--submission", sid, "--indicator", code, "--value", "58.3%",
                          "--by", " ", "--reason", "核对")  # fmt: skip
    assert status == 2 and "names who recorded" in said
    status, said = record(case, "--submission", sid, "--indicator", code, "--value", "58.3%",
                          "--by", "王组长", "--reason", " ")  # fmt: skip
    assert status == 2 and "needs the panel's reason" in said
    package = ChairRun.open(case.package, case.merge).package
    subjective = next(
        leaf.code for leaf in package.scheme.leaves()
        if leaf.nature is not None and leaf.nature.value != "objective"
    )  # fmt: skip
    status, said = record(case, "--submission", sid, "--indicator", subjective, "--value", "x",
                          "--by", "王组长", "--reason", "核对")  # fmt: skip
    assert status == 2 and "is not an objective indicator" in said
    assert (case.merge / "audit.jsonl").read_bytes() == before


def test_replay_refuses_a_hand_written_verified_value_without_its_value(merged_case):
    case = merged_case
    sid, code = reverify_target(case)
    package = ChairRun.open(case.package, case.merge).package
    append_audit(case.merge, {"action": "verified-value", "submission": sid, "indicator": code,
                              "value": "", "decided_by": "王组长", "reason": "手工"})  # fmt: skip
    with pytest.raises(AuditRefused) as refused:
        replay(case.merge, package)
    assert refused.value.rule == "value" and refused.value.indicator == code
