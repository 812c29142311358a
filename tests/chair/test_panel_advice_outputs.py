"""The chair's advice on the panel in every output: the workbook's sheet, the report's page
and the signed panel file, all from ``outputs.export_all`` on a real merge folder, with the
same figures as ``panel_quality`` computes and the experts' familiarity marks."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from expertscore.chair.outputs import PANEL_FILE, REPORT, WORKBOOK, export_all
from expertscore.chair.panel_advice import advice_tables
from expertscore.chair.panel_file import read_panel_file, recheck_panel_file
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.run import ChairRun
from expertscore.chair.workbook.advice import ADVICE_SHEET
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.scoring.familiarity import NAMES
from tests.chair.chair_case import Case, cells, pdf_text

AT = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


@pytest.fixture
def exported(merged_case: Case, tmp_path):
    chair = create_key(
        "CHAIR", "王组长", "chair passphrase 2026", cost=ScryptCost(n=2**12), role="chair"
    )
    snap = outcome_of(ChairRun.open(merged_case.package, merged_case.merge))
    return merged_case, snap, export_all(snap, tmp_path / "out", chair, at=AT)


def test_the_workbook_sheet_holds_the_advice_figures(exported):
    _case, snap, written = exported
    quality = snap.advice.quality
    rows = cells(written[WORKBOOK])[ADVICE_SHEET]
    assert rows[0][0] == "专家组一致性与评分宽严（供参考）"
    assert "不改变正式结果" in rows[1][0]
    overall = next(row for row in rows if row[0] == "全部指标")
    # Number cells hold the figure's digits (openpyxl reads them back as floats).
    assert Decimal(str(overall[2])) == quality.overall.rounded()
    assert (overall[1], overall[3], overall[4]) == (
        "α",
        quality.overall.reading,
        quality.overall.ratings,
    )
    by_expert = {row[0]: row for row in rows if row[0] in {s.expert for s in quality.severity}}
    for found in quality.severity:
        row = by_expert[found.expert]
        assert Decimal(str(row[1])) == found.points  # a number cell: its digits
        assert row[2] == f"{found.percent:+}%"
        assert row[4] == f"{found.below} / {found.submissions}"
    # Every submission's line, with the official and the adjusted rank and the marks.
    marks = snap.advice.familiarity
    assert marks, "the simulated experts mark their familiarity"
    for sub in quality.submissions:
        row = next(r for r in rows if r[0] == sub.submission)
        expected = "，".join(f"{e} {NAMES[level]}" for e, level in marks[sub.submission].items())
        assert row[8] == expected
        assert row[5] == snap.result.ranking.index(sub.submission) + 1
    # The sheet sits after 分歧, the official sheets keep their places.
    assert list(cells(written[WORKBOOK]))[:3] == ["排名汇总", "分歧", ADVICE_SHEET]


def test_the_report_page_shows_the_same_tables(exported):
    _case, snap, written = exported
    text = "".join(pdf_text(written[REPORT], layout=False).split())
    page = text[text.index("专家组一致性与评分宽严（供参考）") :]
    assert "不改变正式结果" in page
    for table in advice_tables(snap.advice):
        assert "".join(table.title.split()) in page
    harsh = min(snap.advice.quality.severity, key=lambda s: s.percent)
    assert f"{harsh.expert}平均比其他专家低{abs(harsh.percent)}%" in page
    assert f"全部指标α{snap.advice.quality.overall.rounded()}" in page


def test_the_panel_file_carries_the_advice_and_its_recheck_agrees(exported):
    case, snap, written = exported
    envelope = json.loads(written[PANEL_FILE].read_bytes())
    advice = json.loads(base64.b64decode(envelope["payload"]))["advice"]
    quality = snap.advice.quality
    assert Decimal(advice["alpha"]["value"]).quantize(Decimal("0.001")) == quality.overall.rounded()
    assert advice["alpha"]["reading"] == quality.overall.reading
    assert {s["expert"]: s["points"] for s in advice["severity"]} == {
        s.expert: str(s.points) for s in quality.severity
    }
    assert {s["id"]: s["familiarity"] for s in advice["submissions"]} == {
        sub.submission: snap.advice.familiarity.get(sub.submission, {})
        for sub in quality.submissions
    }
    payload, _signer = read_panel_file(written[PANEL_FILE])
    assert payload.advice.kendall_w.ratings == quality.concordance.ratings
    assert recheck_panel_file(written[PANEL_FILE], snap.package, case.sim) == []
