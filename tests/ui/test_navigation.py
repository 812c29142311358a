"""Moving around: next and previous submission, search and filter, the missing list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from expertscore.scoring.edits import Edit
from expertscore.scoring.service import COMPLETE, NOT_STARTED
from expertscore.vocabulary import EditKind
from ui.expert.models.gaps import GAP_ROLE

from .helpers import focused, press, stored_scores, type_keys


def test_ctrl_page_down_and_up_switch_submissions(demo_window, qtbot):
    window = demo_window
    assert window.form.submission_id == "S001"
    window.form.detail.focus_score()
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.form.submission_id == "S002"
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.form.submission_id == "S003"
    press(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.form.submission_id == "S002"
    assert window.viewer.submission == "S002"
    # The first submission has no previous one: Ctrl+PageUp stays.
    window.panes.select("S001")
    press(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.form.submission_id == "S001"


def test_search_and_state_filter(demo_window, qtbot):
    panes = demo_window.panes
    platform = panes.model.submission(2).platform
    press_find = demo_window.actions.find_submission
    press_find.trigger()
    assert focused() is panes.search
    type_keys(qtbot, "S003")
    assert panes.proxy.rowCount() == 1
    panes.search.clear()
    panes.search.setText(platform[:4])
    assert panes.proxy.rowCount() >= 1
    assert all(
        platform[:4] in panes.proxy.index(row, 1).data() for row in range(panes.proxy.rowCount())
    )
    panes.search.clear()
    panes.state_filter.setCurrentIndex(panes.state_filter.findData("recused"))
    recused = [panes.proxy.index(row, 0).data() for row in range(panes.proxy.rowCount())]
    assert recused and all(demo_window.rows[sid].state == "recused" for sid in recused)
    panes.state_filter.setCurrentIndex(panes.state_filter.findData(NOT_STARTED))
    assert panes.proxy.rowCount() == sum(
        1 for row in demo_window.rows.values() if row.state == NOT_STARTED
    )


def test_missing_view_jumps_to_each_gap(example_window, example_session, qtbot):
    window = example_window
    window.actions.missing.trigger()
    dialog = window.missing_dialog
    assert dialog.isVisible()
    table = dialog.table
    first = dialog.model.rowCount()
    assert first == 10  # two submissions, five leaves each, nothing scored
    gap = dialog.model.index(8, 0).data(GAP_ROLE)
    assert (gap.submission, gap.indicator) == ("S002", "2.2")
    table.setCurrentIndex(dialog.model.index(8, 0))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.form.submission_id == "S002"
    assert window.form.current_code == "2.2"
    # Scoring the gap removes it from the list, which stays open.
    press(qtbot, Qt.Key.Key_1)
    assert stored_scores(example_session, "S002")["2.2"].choice == "优"
    assert dialog.model.rowCount() == first - 1


def test_every_gap_scored_makes_the_submission_complete(example_window, qtbot):
    window = example_window
    window.form.detail.focus_score()
    for keys in ("5", "1", "", "1", "2"):
        if keys:
            type_keys(qtbot, keys)
        press(qtbot, Qt.Key.Key_Return)
    assert window.rows["S001"].state == COMPLETE
    window.actions.missing.trigger()
    assert all(
        window.missing_dialog.model.gap(row).submission == "S002"
        for row in range(window.missing_dialog.model.rowCount())
    )


def test_switching_keeps_the_indicator_and_shows_the_new_values(example_window):
    window = example_window
    from decimal import Decimal

    from expertscore.scoring.modes import Entry

    window.controller.edit(Edit(EditKind.SCORE, "S002", "1.1", Entry(points=Decimal(3))))
    window.form.select_indicator("1.1", focus=False)
    window.jump_to("S002", "1.1")
    assert window.form.submission_id == "S002"
    assert window.form.current_code == "1.1"
    assert window.form.detail.editors["points"].spin.text_value() == "3"
    assert window.form.detail.reported.text().startswith("42.5 %")
    window.jump_to("S001", "1.1")
    assert window.form.detail.editors["points"].spin.text_value() == ""
    assert window.form.detail.reported.text().startswith("41.5 %")
