"""The expert's keyboard flow, key by key as an expert types (``docs/keyboard.md``).

Every sequence starts where the window puts the cursor and goes on by keys to whatever
has the focus; what counts is what the session file holds afterwards.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox

from expertscore.scoring.edits import Edit
from expertscore.scoring.modes import Entry
from expertscore.vocabulary import EditKind

from .conftest import open_window
from .helpers import focused, press, stored_rows, stored_scores, type_keys

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def in_score(window) -> bool:
    """The focus is in the current indicator's score editor."""
    widget = focused()
    editor = window.form.detail.editor()
    return widget is editor or editor.isAncestorOf(widget)


def shown_score(window) -> str:
    return window.form.detail.editors["points"].spin.text_value()


def selected_text(window) -> str:
    return window.form.detail.editors["points"].spin.lineEdit().selectedText()


def test_the_window_opens_in_the_score_and_typing_scores(example_window, example_session, qtbot):
    window = example_window
    assert in_score(window)
    assert window.form.current_code == "1.1"
    type_keys(qtbot, "7.5")  # not into the search box
    press(qtbot, Qt.Key.Key_Return)
    assert window.panes.search.text() == ""
    assert window.panes.proxy.rowCount() == 2
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal("7.5")
    assert window.form.current_code == "1.2" and in_score(window)


def test_reopening_lands_in_the_score_again(configured_app, example_session, qtbot):
    window = open_window(qtbot, example_session)
    type_keys(qtbot, "6")
    press(qtbot, Qt.Key.Key_Return)
    window.close()
    again = open_window(qtbot, example_session)
    assert in_score(again)
    assert again.form.current_code == "1.2"
    again.close()


def test_after_a_switch_typing_replaces_the_value(example_window, example_session, qtbot):
    window = example_window
    window.controller.edit(Edit(EditKind.SCORE, "S002", "1.1", Entry(points=Decimal("0.5"))))
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert window.form.submission_id == "S002"
    while window.form.current_code != "1.1":
        press(qtbot, Qt.Key.Key_Up, CTRL)
    assert in_score(window)
    assert selected_text(window) == "0.5"
    type_keys(qtbot, "8")
    press(qtbot, Qt.Key.Key_Return)
    assert stored_scores(example_session, "S002")["1.1"].points == Decimal(8)


def test_after_a_refusal_the_refused_text_is_selected(example_window, example_session, qtbot):
    window = example_window
    type_keys(qtbot, "12")
    press(qtbot, Qt.Key.Key_Return)
    assert window.form.detail.error.isVisible()
    assert selected_text(window) == "12"
    type_keys(qtbot, "abc")
    press(qtbot, Qt.Key.Key_Return)
    assert window.form.detail.error.text() == "Indicator 1.1: “abc” is not a number"
    assert selected_text(window) == "abc"
    type_keys(qtbot, "9.5")
    press(qtbot, Qt.Key.Key_Return)
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal("9.5")


def test_ctrl_z_in_the_next_score_undoes_the_last_edit(example_window, example_session, qtbot):
    window = example_window
    type_keys(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)  # 1.1 = 7, on to 1.2
    press(qtbot, Qt.Key.Key_1)  # 1.2 = yes
    press(qtbot, Qt.Key.Key_Return)  # on to 2.1, a text field
    assert window.form.current_code == "2.1"
    assert isinstance(focused().parentWidget(), QAbstractSpinBox) or isinstance(
        focused(), QAbstractSpinBox
    )
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert stored_scores(example_session, "S001")["1.2"].points is None
    assert window.form.current_code == "1.2" and in_score(window)  # it shows what it undid
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert stored_scores(example_session, "S001")["1.1"].points is None
    assert window.form.current_code == "1.1" and in_score(window)
    press(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal(7)
    assert shown_score(window) == "7"


def test_ctrl_z_first_reverts_typed_text(example_window, example_session, qtbot):
    window = example_window
    type_keys(qtbot, "7")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Up, CTRL)  # back to 1.1, its 7 selected
    type_keys(qtbot, "9")  # typed, not committed
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert shown_score(window) == "7"
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal(7)
    press(qtbot, Qt.Key.Key_Z, CTRL)  # now the committed 7
    assert stored_scores(example_session, "S001")["1.1"].points is None
    assert shown_score(window) == ""


def test_comment_by_keyboard_and_its_undo(example_window, example_session, qtbot):
    window = example_window
    detail = window.form.detail
    type_keys(qtbot, "7")
    press(qtbot, Qt.Key.Key_Tab)  # score committed, on to the verified value
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal(7)
    assert focused() is detail.verified
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is detail.comment
    type_keys(qtbot, "ok")
    press(qtbot, Qt.Key.Key_Return, CTRL)  # saved, on to the next indicator's score
    assert stored_scores(example_session, "S001")["1.1"].comment == "ok"
    assert window.form.current_code == "1.2" and in_score(window)
    # Back in the comment: typing more and Ctrl+Z puts back the saved comment; leaving the
    # box saves nothing.
    press(qtbot, Qt.Key.Key_Up, CTRL)
    press(qtbot, Qt.Key.Key_Backtab)  # score -> last field backwards... round to the pins
    while focused() is not detail.comment:
        press(qtbot, Qt.Key.Key_Backtab)
    type_keys(qtbot, " more")
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert detail.comment.toPlainText() == "ok"
    press(qtbot, Qt.Key.Key_Tab)
    assert stored_scores(example_session, "S001")["1.1"].comment == "ok"
    # Ctrl+Z again undoes the saved comment; it is never replaced by an empty one typed.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert stored_scores(example_session, "S001")["1.1"].comment == ""
    press(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    assert stored_scores(example_session, "S001")["1.1"].comment == "ok"
    press(qtbot, Qt.Key.Key_Tab)
    assert stored_scores(example_session, "S001")["1.1"].comment == "ok"


def test_tab_goes_round_the_fields_of_one_indicator(example_window, qtbot):
    window = example_window
    detail = window.form.detail
    seen = []
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focused())
    assert seen[:3] == [detail.verified, detail.comment, detail.pins]
    assert in_score(window) or seen[-1] in detail.fields()
    assert window.form.current_code == "1.1"  # Tab never leaves the indicator
    press(qtbot, Qt.Key.Key_Backtab)
    assert window.form.current_code == "1.1"


def test_the_overall_opinion_is_undone_by_ctrl_z(example_window, example_session, qtbot):
    window = example_window
    note = window.form.note
    window.form.tabs.setCurrentIndex(1)
    note.comment.setFocus()
    type_keys(qtbot, "good")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    with_note = window.controller.scoring.note("S001")
    assert with_note.comment == "good"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert window.controller.scoring.note("S001").comment == ""
    assert focused() is note.comment and note.comment.toPlainText() == ""
    press(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)
    assert window.controller.scoring.note("S001").comment == "good"


def test_typing_on_a_recused_submission_is_refused_out_loud(example_window, example_session, qtbot):
    window = example_window
    window.controller.recuse("S002", "consulted for the operator")
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert window.form.submission_id == "S002" and in_score(window)
    type_keys(qtbot, "5")
    error = window.form.detail.error
    assert error.isVisible()
    assert "Recused" in error.text()
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_1)  # a yes/no answer is refused the same way
    assert error.isVisible() and "Recused" in error.text()
    assert stored_scores(example_session, "S002") == {} or all(
        record.points is None for record in stored_scores(example_session, "S002").values()
    )


def test_search_takes_keys_only_after_ctrl_f(example_window, qtbot):
    window = example_window
    panes = window.panes
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is panes.search
    type_keys(qtbot, "zzz")
    assert panes.proxy.rowCount() == 0
    assert panes.no_match.isVisible()
    assert "zzz" in panes.no_match.text()
    press(qtbot, Qt.Key.Key_Escape)
    assert panes.search.text() == ""
    assert not panes.no_match.isVisible()
    assert window.form.submission_id == "S001" and in_score(window)
    press(qtbot, Qt.Key.Key_F, CTRL)
    type_keys(qtbot, "S002")
    press(qtbot, Qt.Key.Key_Return)
    assert window.form.submission_id == "S002" and in_score(window)


def test_ctrl_page_down_follows_the_filtered_order(demo_window, qtbot):
    window = demo_window
    panes = window.panes
    order = [row.id for row in panes.model._rows]
    recused = [sid for sid in order if window.rows[sid].state == "recused"]
    assert recused
    panes.state_filter.setCurrentIndex(panes.state_filter.findData("recused"))
    # The one on screen (S001) is hidden now: the next is the first recused after it.
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert window.form.submission_id == recused[0]
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert window.form.submission_id == (recused[1] if len(recused) > 1 else recused[0])
    assert all(window.rows[sid].state == "recused" for sid in [window.form.submission_id])


def test_rows_are_what_the_file_holds(example_window, example_session, qtbot):
    type_keys(qtbot, "10")
    press(qtbot, Qt.Key.Key_Return)
    assert stored_rows(example_session)["S001"].scored == 1
    assert isinstance(focused(), QAbstractButton)  # 1.2 is a yes/no: its buttons
