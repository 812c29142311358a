"""Scoring a whole submission through the widgets, with the keyboard only."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from expertscore.scoring.service import COMPLETE

from .helpers import focused, press, stored_rows, stored_scores, type_keys


def test_score_every_mode_with_the_keyboard(example_window, example_session, qtbot):
    window = example_window
    form = window.form
    assert form.submission_id == "S001"
    assert form.current_code == "1.1"  # the first gap
    form.detail.focus_score()
    assert focused().objectName() in ("pointsSpin", "")  # the spin box's line edit

    # 1.1 points (max 10, step 0.5): type, Enter moves on to 1.2.
    type_keys(qtbot, "7.5")
    press(qtbot, Qt.Key.Key_Return)
    assert form.current_code == "1.2"
    # 1.2 fixed (yes/no, 30 points): digit 1 = yes; Enter moves on to 2.1.
    assert isinstance(focused(), QAbstractButton)
    press(qtbot, Qt.Key.Key_1)
    press(qtbot, Qt.Key.Key_Return)
    assert form.current_code == "2.1"
    # 2.1 bands: reported 1200 -> suggestion 10; Enter on an empty override accepts it.
    assert form.detail.editors["bands"].suggestion == Decimal(10)
    press(qtbot, Qt.Key.Key_Enter)
    assert form.current_code == "2.2"
    # 2.2 ordinal: digit 2 = 良 (0.8 x 40); Enter moves on to 9.1.
    press(qtbot, Qt.Key.Key_2)
    press(qtbot, Qt.Key.Key_Return)
    assert form.current_code == "9.1"
    # 9.1 yes/no bonus (3 points): digit 1 = yes.
    press(qtbot, Qt.Key.Key_1)
    # Ctrl+Up goes back to the previous indicator.
    press(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert form.current_code == "2.2"

    scores = stored_scores(example_session, "S001")
    assert {code: scores[code].points for code in scores} == {
        "1.1": Decimal("7.5"),
        "1.2": Decimal(30),
        "2.1": Decimal(10),
        "2.2": Decimal(32),
        "9.1": Decimal(3),
    }
    assert scores["2.1"].choice == "suggested"
    assert scores["2.2"].choice == "良"
    assert stored_rows(example_session)["S001"].state == COMPLETE
    # The live totals and the list follow.
    assert "82.5" in form.total.text()
    assert window.panes.model.submission(0).state == COMPLETE


def test_override_of_a_band_suggestion(example_window, example_session, qtbot):
    form = example_window.form
    form.select_indicator("2.1", focus=True)
    type_keys(qtbot, "15")
    press(qtbot, Qt.Key.Key_Return)
    record = stored_scores(example_session, "S001")["2.1"]
    assert record.points == Decimal(15)
    assert record.choice is None


def test_out_of_range_entry_is_refused_in_place(example_window, example_session, qtbot):
    form = example_window.form
    form.select_indicator("1.1", focus=True)
    type_keys(qtbot, "12")
    press(qtbot, Qt.Key.Key_Return)
    error = form.detail.error
    assert error.isVisible()
    assert error.text() == "Indicator 1.1: 12 is outside the range 0–10"
    assert form.current_code == "1.1"  # it stays for the expert to correct
    assert "1.1" not in stored_scores(example_session, "S001")
    # Off-step and non-numbers are refused the same way.
    type_keys(qtbot, "\b\b7.3")
    press(qtbot, Qt.Key.Key_Return)
    assert error.text() == "Indicator 1.1: 7.3 is not a multiple of the step 0.5"
    focused().selectAll()
    type_keys(qtbot, "abc")
    press(qtbot, Qt.Key.Key_Return)
    assert error.text() == "Indicator 1.1: “abc” is not a number"
    assert "1.1" not in stored_scores(example_session, "S001")
    # A valid entry clears the message and is written.
    focused().selectAll()
    type_keys(qtbot, "10")
    press(qtbot, Qt.Key.Key_Return)
    assert not error.isVisible()
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal(10)


def test_arrow_keys_step_within_the_range(example_window, example_session, qtbot):
    form = example_window.form
    form.select_indicator("1.1", focus=True)
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Up)
    assert form.detail.editors["points"].spin.text_value() == "1.5"
    press(qtbot, Qt.Key.Key_Return)
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal("1.5")


def test_comment_and_verified_value_are_committed(example_window, example_session, qtbot):
    form = example_window.form
    form.select_indicator("1.1", focus=True)
    detail = form.detail
    assert detail.verified.isVisible()  # 1.1 is objective
    press(qtbot, Qt.Key.Key_Tab)  # score -> verified value
    assert focused() is detail.verified
    type_keys(qtbot, "41.2")
    press(qtbot, Qt.Key.Key_Tab)  # -> comment, the verified value committed
    assert focused() is detail.comment
    detail.comment.insertPlainText("审计报告第3页")  # Chinese arrives by input method, not keys
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    record = stored_scores(example_session, "S001")["1.1"]
    assert record.verified_value == "41.2"
    assert record.comment == "审计报告第3页"
    assert record.points is None  # a comment alone is no score
    assert form.current_code == "1.2"  # Ctrl+Enter saved and moved on
    assert not detail.verified.isVisible()  # 1.2 is subjective
