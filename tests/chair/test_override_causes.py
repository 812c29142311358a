"""Agreed panel scores carry one of 87号令 art. 64's four causes: recorded from the command
line, held to the same rule on replay, signed into the panel file, and listed with the
score before and after under 结果修正 in the report and the workbook."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest

from expertscore.chair.decisions import AuditRefused, replay
from expertscore.chair.merge import append_audit
from expertscore.chair.outputs import PANEL_FILE, REPORT, WORKBOOK, export_all
from expertscore.chair.override_causes import OverrideCause
from expertscore.chair.panel_file import recheck_panel_file
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.run import ChairRun
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.schemes.rules import fmt
from tests.chair.chair_case import Case, cells, cli, pdf_text

AT = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


@pytest.fixture
def case(merged_case: Case) -> Case:
    return merged_case


def override(case: Case, *extra: str) -> tuple[int, str]:
    done = cli("chair", "override", "--batch", str(case.package), "--dir", str(case.merge),
               "--submission", "S001", "--indicator", "1.1.1", "--points", "0.5", *extra)  # fmt: skip
    return done.returncode, done.stdout + done.stderr


def test_the_override_command_records_the_cause(case):
    code, said = override(case, "--cause", "summing-error", "--reason", "复核汇总")
    assert code == 0, said
    assert said.strip() == "agreed panel score 0.5 recorded for S001 1.1.1 (summing error)"
    line = json.loads((case.merge / "audit.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert (line["cause"], line["reason"], line["points"]) == ("summing-error", "复核汇总", "0.50")
    package = ChairRun.open(case.package, case.merge).package
    agreed = replay(case.merge, package).overrides[("S001", "1.1.1")]
    assert agreed.cause is OverrideCause.SUMMING_ERROR


def test_the_override_command_needs_a_known_cause(case):
    before = (case.merge / "audit.jsonl").read_bytes()
    code, said = override(case, "--reason", "复核")
    assert code == 2 and "--cause" in said
    code, said = override(case, "--cause", "taste", "--reason", "复核")
    assert code == 2 and "taste" in said
    assert (case.merge / "audit.jsonl").read_bytes() == before


def test_replay_refuses_an_unknown_cause_and_reads_a_line_without_one(case):
    package = ChairRun.open(case.package, case.merge).package
    line = {"action": "override", "submission": "S001", "indicator": "1.1.1", "points": "0.50"}
    append_audit(case.merge, {**line, "reason": "早期记录"})
    assert replay(case.merge, package).overrides[("S001", "1.1.1")].cause is None
    append_audit(case.merge, {**line, "cause": "taste", "reason": "手工添加"})
    with pytest.raises(AuditRefused) as refused:
        replay(case.merge, package)
    assert refused.value.rule == "cause" and refused.value.indicator == "1.1.1"


def test_every_output_lists_the_correction_with_its_cause_and_the_score_before(case, tmp_path):
    before = outcome_of(ChairRun.open(case.package, case.merge)).result.submissions["S001"]
    computed = before.indicators["1.1.1"].panel
    assert computed != 0  # so that 0 is a change
    code, said = override(case, "--points", "0", "--cause", "extreme-score", "--reason", "畸高")
    assert code == 0, said
    chair = create_key(
        "CHAIR", "王组长", "chair passphrase 2026", cost=ScryptCost(n=2**12), role="chair"
    )
    snap = outcome_of(ChairRun.open(case.package, case.merge))
    written = export_all(snap, tmp_path / "out", chair, at=AT)
    after = snap.result.submissions["S001"]
    assert after.total == before.total - computed

    text = "".join(pdf_text(written[REPORT], layout=False).split())
    section = text[text.index("三、结果修正（《政府采购货物和服务招标投标管理办法》第六十四条）") :]
    section = section[: section.index("四、第二轮评分要求")]
    # poppler reads the row's cells in this order: indicator, cause, before; then after, reason
    assert f"1.1.1资产负债率经专家组认定评分畸高、畸低{fmt(computed)}" in section
    assert "修正后理由0畸高" in section
    totals = section[section.index("修正前总分") :]
    assert totals.index(fmt(before.total)) < totals.index(fmt(after.total))

    rows = cells(written[WORKBOOK])["分歧"]
    row = next(r for r in rows if r[0] == "结果修正")
    assert row[1] == "S001" and row[3] == "1.1.1" and row[6] == 0 and row[8] == "畸高"
    assert row[7] == f"修正原因：经专家组认定评分畸高、畸低；修正前 {fmt(computed)}"

    envelope = json.loads(written[PANEL_FILE].read_bytes())
    payload = json.loads(base64.b64decode(envelope["payload"]))
    assert payload["format"] == "expertscore-panel-payload/5"
    [listed] = payload["decisions"]["overrides"]
    assert listed["cause"] == "extreme-score" and listed["reason"] == "畸高"
    s001 = next(s for s in payload["submissions"] if s["id"] == "S001")
    item = next(i for i in s001["indicators"] if i["code"] == "1.1.1")
    assert item["override"] == {"points": "0.00", "cause": "extreme-score", "reason": "畸高"}
    assert recheck_panel_file(written[PANEL_FILE], snap.package, case.merge / "results") == []


def test_the_payload_spells_the_causes_as_the_core_does():
    from typing import get_args

    from expertscore.chair.panel_file.model import CauseValue

    assert set(get_args(CauseValue)) == {cause.value for cause in OverrideCause}
