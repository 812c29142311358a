"""Conflicts of interest: declared once with a reason, final, and applied from the roster."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from expertscore.scoring.service import RECUSED
from expertscore.storage.importer import create_session
from ui.expert.dialogs.recusal import RecusalDialog

from .conftest import open_window
from .helpers import press, stored_rows, stored_scores, type_keys


def _confirming(qtbot, reason: str):
    """Replace the modal loop: fill the real dialog and press its OK button."""

    def run(dialog: RecusalDialog) -> int:
        assert not dialog.ok.isEnabled()
        dialog.reason.setPlainText(reason)
        assert not dialog.ok.isEnabled()  # the reason alone is not enough
        dialog.confirm.setChecked(True)
        assert dialog.ok.isEnabled()
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    return run


def test_recusal_is_confirmed_final_and_read_only(
    example_window, example_session, qtbot, monkeypatch
):
    window = example_window
    form = window.form
    form.select_indicator("1.1", focus=True)
    type_keys(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    monkeypatch.setattr(RecusalDialog, "exec", _confirming(qtbot, "曾任该公司顾问"))
    qtbot.mouseClick(form.recuse_button, Qt.MouseButton.LeftButton)

    row = stored_rows(example_session)["S001"]
    assert row.state == RECUSED
    assert row.recusal_reason == "曾任该公司顾问"
    assert window.panes.model.submission(0).state == RECUSED
    assert "曾任该公司顾问" in form.state.text()
    assert not form.recuse_button.isEnabled()
    assert form.detail.read_only
    assert form.detail.editors["points"].spin.isReadOnly()
    assert form.detail.comment.isReadOnly()
    assert not form.note.comment.isEnabled()

    # Undo does not undo a recusal (it undoes the score before it, which is refused now).
    window.actions.undo.trigger()
    assert stored_rows(example_session)["S001"].state == RECUSED
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal(5)
    # Typing into the read-only form writes nothing.
    form.select_indicator("1.2", focus=True)
    press(qtbot, Qt.Key.Key_1)
    assert "1.2" not in stored_scores(example_session, "S001")


def test_cancelled_recusal_changes_nothing(example_window, example_session, monkeypatch):
    monkeypatch.setattr(RecusalDialog, "exec", lambda _dialog: QDialog.DialogCode.Rejected)
    example_window.actions.recuse.trigger()
    assert stored_rows(example_session)["S001"].state != RECUSED
    assert example_window.form.recuse_button.isEnabled()


def test_roster_conflicts_are_applied_on_open(configured_app, example_package, tmp_path, qtbot):
    # The example roster records a conflict of E02 with S001.
    session = create_session(example_package, "E02", tmp_path / "E02.esession")
    window = open_window(qtbot, session)
    window.panes.select("S001")
    assert window.form.read_only
    assert "曾任该公司顾问" in window.form.state.text()
    window.form.select_indicator("1.1", focus=True)
    type_keys(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    assert "1.1" not in stored_scores(session, "S001")
    window.close()
