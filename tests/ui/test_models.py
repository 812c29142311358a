"""The item models, without views, and checked by pytest-qt's model tester."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt

from expertscore.scoring.modes import Entry
from expertscore.scoring.service import Gap, ScoringService
from expertscore.storage.evidence import evidence_for
from expertscore.storage.session import SessionFile
from ui.evidence import models as em
from ui.expert.models import indicators as im
from ui.expert.models import submissions as sm
from ui.expert.models.gaps import GAP_ROLE, GapsModel


def test_submission_model_and_filter(configured_app, demo_session, qtmodeltester):
    with SessionFile(demo_session) as session:
        scoring = ScoringService(session)
        rows = scoring.submissions()
        model = sm.SubmissionListModel()
        model.set_rows(rows)
        qtmodeltester.check(model)
        assert model.rowCount() == len(rows) == 5
        assert (
            model.headerData(sm.PLATFORM, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            == "Platform"
        )
        first = model.index(0, sm.PROGRESS)
        assert first.data() == f"0/{rows[0].total}"
        assert first.data(sm.PROGRESS_ROLE) == 0.0
        assert model.index(0, sm.STATE).data() == "Not started"

        leaf = scoring.assigned_leaves("S001")[0]
        scoring.set_entry("S001", leaf.code, Entry(points=Decimal("0.5")))
        changed = []
        model.dataChanged.connect(lambda top, bottom: changed.append((top.row(), bottom.row())))
        model.update_row(next(r for r in scoring.submissions() if r.id == "S001"))
        assert changed == [(0, 0)]
        assert model.index(0, sm.STATE).data() == "In progress"
        assert 0 < model.index(0, 0).data(sm.PROGRESS_ROLE) < 1

        proxy = sm.SubmissionFilterProxy()
        proxy.setSourceModel(model)
        qtmodeltester.check(proxy)
        proxy.set_state_filter("in_progress")
        assert [proxy.index(r, 0).data(sm.ID_ROLE) for r in range(proxy.rowCount())] == ["S001"]
        proxy.set_state_filter(None)
        proxy.set_search_text(rows[3].operator[:4])
        assert "S004" in [proxy.index(r, 0).data(sm.ID_ROLE) for r in range(proxy.rowCount())]
        proxy.set_search_text("no such platform")
        assert proxy.rowCount() == 0


def test_indicator_tree_model(configured_app, example_session, qtmodeltester):
    with SessionFile(example_session) as session:
        scoring = ScoringService(session)
        model = im.IndicatorTreeModel(session.scheme)
        model.load(
            scoring.assigned_leaves("S001"),
            scoring.reported_values("S001"),
            scoring.scores("S001"),
            scoring.rollup("S001"),
        )
        qtmodeltester.check(model)
        assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["1", "2", "9"]
        group = model.index(0, 0)
        assert model.rowCount(group) == 2
        leaf = model.index(0, im.NAME, group)
        assert leaf.data() == "资产负债率"
        assert leaf.data(im.LEAF_ROLE) is True
        assert leaf.data(im.MISSING_ROLE) is True
        assert model.index(0, im.REPORTED, group).data() == "41.5 %"
        assert model.index(1, im.REPORTED, group).data() == "yes"
        assert model.index(0, im.MAXIMUM, group).data() == "10%"
        assert model.parent(leaf) == group.siblingAtColumn(0)
        assert model.index_of("2.1").data(im.CODE_ROLE) == "2.1"
        assert not model.index_of("nope").isValid()

        scoring.set_entry("S001", "1.1", Entry(points=Decimal(8)))
        seen = []
        model.dataChanged.connect(
            lambda top, bottom: seen.append((top.data(im.CODE_ROLE), top.column(), top == bottom))
        )
        model.set_scores(scoring.scores("S001"), scoring.rollup("S001"))
        # Only the changed leaf and the groups above it.
        assert sorted(seen) == [("1", im.SCORE, True), ("1.1", im.SCORE, True)]
        assert model.index(0, im.SCORE, group).data() == "8"
        assert model.index(0, im.SCORE, group).data(im.MISSING_ROLE) is False
        assert group.siblingAtColumn(im.SCORE).data() == "8 / 40"
        assert group.siblingAtColumn(im.SCORE).data(im.POINTS_ROLE) == Decimal(8)
        qtmodeltester.check(model)


def test_evidence_model_orders_linked_first(configured_app, example_session, qtmodeltester):
    with SessionFile(example_session) as session:
        records = evidence_for(session, "S001")
    model = em.EvidenceListModel()
    model.set_records(records, "1.1")
    qtmodeltester.check(model)
    assert [model.index(r).data(em.LINKED_ROLE) for r in range(2)] == [True, False]
    assert model.index(0).data(em.RECORD_ROLE).filename == "audit.pdf"
    model.set_records(records, "2.2")
    assert model.index(0).data(em.RECORD_ROLE).filename == "screen.png"
    assert model.index(0).data(Qt.ItemDataRole.FontRole).bold()
    assert "2.1, 2.2" in model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.row_of(records[0].id) == 1
    assert em.kind_of("application/pdf") == "pdf"
    assert em.kind_of("image/jpeg") == "image"
    assert em.kind_of("application/zip") == "other"


def test_gaps_model(configured_app, qtmodeltester):
    model = GapsModel()
    gaps = [Gap("S001", "1.1", "资产负债率"), Gap("S002", "2.2", "解决方案描述")]
    model.set_gaps(gaps, {"S001": "平台一"})
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == "S001 平台一"
    assert model.index(1, 0).data() == "S002"
    assert model.index(1, 2).data(GAP_ROLE) == gaps[1]
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.index(0, 0).parent() == QModelIndex()
