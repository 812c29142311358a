"""The chair's models without views: matrix values and flag colours, ranking, gaps, audit."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from expertscore.batch.package import open_package
from expertscore.chair.run import ChairRun
from ui.chair import matrix as mx
from ui.chair.models import (
    FLAGGED,
    GAP_DETAIL,
    GAP_EXPERT,
    GAP_SUBMISSION,
    GRADE,
    NOTES,
    PLATFORM,
    RANK,
    SUBMISSION_ROLE,
    TOTAL,
    AuditModel,
    ChairGapsModel,
    RankingModel,
)
from ui.chair.state import load_state

BG = Qt.ItemDataRole.BackgroundRole
FG = Qt.ItemDataRole.ForegroundRole
TIP = Qt.ItemDataRole.ToolTipRole


def state_of(panel, folder):
    return load_state(open_package(panel.package), folder, panel.cards)


def test_matrix_shows_every_score_with_divergence_coloured(
    configured_app, qtmodeltester, panel, merged
):
    state = state_of(panel, merged)
    model = mx.MatrixModel()
    model.set_submission(state, "S001")
    qtmodeltester.check(model)
    sub = state.result.submissions["S001"]
    assert model.rowCount() == len(sub.indicators) == 43
    assert model.experts == ["E01", "E02", "E03", "E04", "E05"]
    assert model.columnCount() == 2 + 5 + 3
    assert model.headerData(model.panel_column(), Qt.Orientation.Horizontal) == "Panel"
    assert model.headerData(2, Qt.Orientation.Horizontal).startswith("E01\n")

    for row, result in enumerate(sub.indicators.values()):
        assert model.index(row, mx.INDICATOR).data(mx.CODE_ROLE) == result.code
        assert model.index(row, model.panel_column()).data(mx.POINTS_ROLE) == result.panel
        assert model.index(row, model.panel_column()).data() == f"{result.panel:.2f}"
        for expert in model.experts:
            cell = model.index(row, model.expert_column(expert))
            assert cell.data(mx.POINTS_ROLE) == result.scores[expert]
            assert cell.data(mx.EXPERT_ROLE) == expert
            trimmed = expert not in result.kept
            assert (cell.data(FG) == mx.TRIMMED_COLOR) is trimmed

    # 3.3.9 of S001: scores 0.6 0.8 0.9 0.5 0.8 (spread 0.4 of 1 point, over 30%).
    row = model.row_of("3.3.9")
    result = model.result_at(row)
    assert "spread" in result.flags
    highest = max(result.scores, key=result.scores.get)
    lowest = min(result.scores, key=result.scores.get)
    middle = next(e for e in model.experts if e not in (highest, lowest))
    assert model.index(row, model.expert_column(highest)).data(BG) == mx.EXTREME_COLOR
    assert model.index(row, model.expert_column(lowest)).data(BG) == mx.EXTREME_COLOR
    assert model.index(row, model.expert_column(middle)).data(BG) == mx.SPREAD_COLOR
    assert model.index(row, model.flags_column()).data(BG) == mx.EXTREME_COLOR
    assert "far apart" in model.index(row, model.flags_column()).data()
    assert model.index(row, model.spread_column()).data() == "0.4"
    # A calm row has no colour on its scores.
    calm = next(r for r, res in enumerate(sub.indicators.values()) if not res.flags)
    assert model.index(calm, model.expert_column("E01")).data(BG) is None
    assert model.index(calm, model.flags_column()).data() == ""
    # Objective data verified differently: violet flags cell.
    reverify = next(r for r, res in enumerate(sub.indicators.values()) if res.flags == ["reverify"])
    assert model.index(reverify, model.flags_column()).data(BG) == mx.REVERIFY_COLOR


def test_matrix_drill_down_carries_the_experts_comment(configured_app, panel, merged):
    state = state_of(panel, merged)
    model = mx.MatrixModel()
    model.set_submission(state, "S002")
    payloads = {e: c.payload for e, c in state.run.folder.accepted.items()}
    commented = [
        (expert, item)
        for expert, payload in payloads.items()
        for sub in payload.submissions
        if sub.id == "S002"
        for item in sub.scores
        if item.comment
    ]
    assert commented, "the simulated experts wrote comments"
    for expert, item in commented:
        cell = model.index(model.row_of(item.indicator), model.expert_column(expert))
        assert cell.data(mx.COMMENT_ROLE) == item.comment
        assert cell.data(mx.VERIFIED_ROLE) == item.verified_value
        assert f"Comment: {item.comment}" in cell.data(TIP)
    # E01 declared a conflict with S002: every cell says so, greyed.
    recused = model.index(0, model.expert_column("E01"))
    assert recused.data() == "recused"
    assert recused.data(BG) == mx.RECUSED_COLOR
    assert "conflict of interest" in recused.data(TIP)
    assert recused.data(mx.POINTS_ROLE) is None


def test_ranking_notes_word_each_leave_one_out_finding(configured_app, panel, merged):
    state = state_of(panel, merged)
    ranking = RankingModel()
    ranking.set_state(state)
    findings = 0
    for row, sid in enumerate(state.result.ranking):
        notes = ranking.index(row, NOTES).data() or ""
        for found in state.result.submissions[sid].fragile:
            findings += 1
            assert f"without {found.expert}: " in notes
            if found.rank is not None:
                assert f"rank {found.rank[0]}→{found.rank[1]}" in notes
    assert findings, "no leave-one-out finding to show"


def test_ranking_gaps_and_audit_models(configured_app, qtmodeltester, panel, tmp_path):
    folder = tmp_path / "merge"
    run = ChairRun.open(panel.package, folder, panel.cards)
    run.apply(run.plan(panel.results[:3]))  # E04 and E05 have not sent theirs
    state = state_of(panel, folder)
    ranking = RankingModel()
    ranking.set_state(state)
    qtmodeltester.check(ranking)
    assert [ranking.index(r, 0).data(SUBMISSION_ROLE) for r in range(4)] == state.result.ranking
    first = state.result.submissions[state.result.ranking[0]]
    assert ranking.index(0, RANK).data() == "1"
    assert ranking.index(0, TOTAL).data() == f"{first.total:.2f}"
    assert ranking.index(0, PLATFORM).data() == state.submission_label(first.id)
    scale = state.scheme.grade_scale(first.category)
    assert ranking.index(0, GRADE).data() in {level.name for level in scale.levels} | {"—"}
    flagged = sum(1 for r in first.indicators.values() if r.flags and r.override is None)
    assert ranking.index(0, FLAGGED).data() == str(flagged)
    assert ranking.headerData(NOTES, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)

    gaps = ChairGapsModel()
    gaps.set_state(state)
    qtmodeltester.check(gaps)
    assert gaps.rowCount() == 2
    assert sorted(gaps.index(r, GAP_EXPERT).data()[:3] for r in range(2)) == ["E04", "E05"]
    assert gaps.index(0, GAP_SUBMISSION).data() == "all assigned"
    assert gaps.index(0, GAP_DETAIL).data() == "no result file accepted yet"

    audit = AuditModel()
    audit.set_state(state)
    qtmodeltester.check(audit)
    assert audit.rowCount() == 3
    assert audit.index(0, 1).data() == "merge: Accepted"
    assert audit.index(0, 2).data().startswith("E01.esresult: E01 #1 new; key ")
    assert audit.index(0, 2).data().endswith(" from the expert's key card")


def test_state_is_computed_from_the_folder_as_the_command_line_does(panel, merged, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(merged, copy)
    state = state_of(panel, copy)
    _, reference = ChairRun.open(panel.package, copy, panel.cards).results()
    assert state.result.ranking == reference.ranking
    assert {s: r.total for s, r in state.result.submissions.items()} == {
        s: r.total for s, r in reference.submissions.items()
    }
    assert state.experts_of("S004") == ["E01", "E02", "E03", "E04", "E05"]
    assert state.recusal("E01", "S004")
