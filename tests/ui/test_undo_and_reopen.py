"""Undo and redo through the window's actions; closing and reopening finds everything."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from expertscore.scoring.edits import Edit
from expertscore.scoring.service import Note, Pin
from expertscore.vocabulary import EditKind

from .conftest import open_window
from .helpers import press, stored_scores, type_keys


def test_undo_and_redo_scores_and_comments(example_window, example_session, qtbot):
    window = example_window
    form = window.form
    form.select_indicator("1.1", focus=True)
    type_keys(qtbot, "4")
    press(qtbot, Qt.Key.Key_Return)
    form.select_indicator("1.1", focus=True)
    type_keys(qtbot, "6")
    press(qtbot, Qt.Key.Key_Return)
    form.select_indicator("2.2", focus=False)
    form.detail.comment.setFocus()
    form.detail.comment.insertPlainText("方案完整")
    form.detail.comment.commit()
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal(6)
    assert window.actions.undo.isEnabled()

    window.actions.undo.trigger()  # the comment
    assert stored_scores(example_session, "S001")["2.2"].comment == ""
    assert form.current_code == "2.2"
    window.actions.undo.trigger()  # 6 -> 4
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal(4)
    assert form.current_code == "1.1"  # undo shows what it changed
    assert form.detail.editors["points"].spin.text_value() == "4"
    window.actions.undo.trigger()  # 4 -> nothing
    assert stored_scores(example_session, "S001")["1.1"].points is None
    assert not window.actions.undo.isEnabled()

    window.actions.redo.trigger()
    window.actions.redo.trigger()
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal(6)
    window.actions.redo.trigger()
    assert stored_scores(example_session, "S001")["2.2"].comment == "方案完整"
    assert not window.actions.redo.isEnabled()


def test_undo_of_another_submission_goes_there(example_window, example_session, qtbot):
    window = example_window
    window.form.select_indicator("2.2", focus=True)
    press(qtbot, Qt.Key.Key_3)  # 中
    window.panes.select("S002")
    assert window.form.submission_id == "S002"
    window.actions.undo.trigger()
    assert window.form.submission_id == "S001"
    assert window.form.current_code == "2.2"
    assert window.rows["S001"].state == "not_started"
    assert window.panes.model.submission(0).state == "not_started"
    assert window.form.state.text().startswith("Not started")
    assert "2.2" not in stored_scores(example_session, "S001") or (
        stored_scores(example_session, "S001")["2.2"].points is None
    )


def test_reopen_finds_every_value_and_the_place(configured_app, example_session, qtbot):
    window = open_window(qtbot, example_session)
    controller = window.controller
    controller.edit(Edit(EditKind.SCORE, "S002", "1.1", _entry("8.5")))
    controller.edit(Edit(EditKind.COMMENT, "S002", "1.1", "核实一致"))
    controller.edit(Edit(EditKind.VERIFIED_VALUE, "S002", "1.1", "42.5"))
    evidence = controller.evidence("S002")[0].id
    controller.edit(Edit(EditKind.PINS, "S002", "1.1", [Pin(evidence, 1)]))
    controller.edit(Edit(EditKind.NOTE, "S002", None, Note(comment="整体较好", level="L1")))
    window.panes.select("S002")
    window.form.select_indicator("2.1", focus=False)
    window.resize(790, 760)  # within the offscreen screen (800 x 800)
    qtbot.waitUntil(lambda: window.splitter.width() > 700)
    window.splitter.setSizes([200, 330, 252])
    sizes = window.splitter.sizes()
    window.close()

    again = open_window(qtbot, example_session)
    form = again.form
    assert form.submission_id == "S002"
    assert form.current_code == "2.1"
    assert again.splitter.sizes() == sizes
    assert (again.width(), again.height()) == (790, 760)
    form.select_indicator("1.1", focus=False)
    detail = form.detail
    assert detail.editors["points"].spin.text_value() == "8.5"
    assert detail.comment.toPlainText() == "核实一致"
    assert detail.verified.text() == "42.5"
    assert detail.current_pins() == [Pin(evidence, 1)]
    assert form.note.comment.toPlainText() == "整体较好"
    assert form.note.level.currentData() == "L1"
    again.close()


def _entry(points: str):
    from expertscore.scoring.modes import Entry

    return Entry(points=Decimal(points))
