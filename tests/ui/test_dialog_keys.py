"""Every dialog of the expert's window by keyboard alone: Tab moves, Space ticks, Enter
confirms, Esc cancels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog

from expertscore.scoring.service import RECUSED

from .helpers import focused, press, stored_rows, when_modal

ALT = Qt.KeyboardModifier.AltModifier


def back_to(qtbot, window) -> None:
    """A desktop gives the keyboard back to the window when a dialog closes; offscreen
    it has to be asked."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def open_recusal_by_menu(qtbot, window) -> None:
    """Alt+S opens the Submission menu; Enter takes its first entry (the recusal)."""
    back_to(qtbot, window)
    press(qtbot, Qt.Key.Key_S, ALT)
    menu = QApplication.activePopupWidget()
    assert menu is not None, "Alt+S did not open the Submission menu"
    qtbot.keyClick(menu, Qt.Key.Key_Return)


def test_recusal_dialog_by_keyboard(example_window, example_session, qtbot):
    seen: dict = {}

    def cancel(dialog: QDialog) -> None:
        seen["cancel_title"] = dialog.objectName()
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)

    when_modal(cancel)
    open_recusal_by_menu(qtbot, example_window)
    assert seen["cancel_title"] == "recusalDialog"
    assert stored_rows(example_session)["S001"].state != RECUSED

    def fill(dialog: QDialog) -> None:
        assert focused() is dialog.reason  # the reason first
        qtbot.keyClicks(focused(), "consultant")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)  # not yet: the box is not ticked
        seen["after_enter"] = dialog.isVisible()
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # Tab moves on, inserts nothing
        seen["reason"] = dialog.reason.toPlainText()
        seen["tabbed_to"] = focused()
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
        seen["ticked"] = dialog.confirm.isChecked()
        qtbot.keyClick(focused(), Qt.Key.Key_Return)

    when_modal(fill)
    open_recusal_by_menu(qtbot, example_window)
    assert seen["after_enter"]
    assert seen["reason"] == "consultant"
    assert isinstance(seen["tabbed_to"], QCheckBox)
    assert seen["ticked"]
    row = stored_rows(example_session)["S001"]
    assert row.state == RECUSED and row.recusal_reason == "consultant"


def test_help_and_missing_close_with_esc(example_window, qtbot):
    window = example_window
    seen: dict = {}

    def close_help(dialog: QDialog) -> None:
        seen["help"] = dialog.objectName()
        qtbot.keyClick(focused(), Qt.Key.Key_Escape)

    when_modal(close_help)
    press(qtbot, Qt.Key.Key_F1)
    assert seen["help"] == "shortcutsDialog"
    back_to(qtbot, window)
    press(qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = window.missing_dialog
    assert dialog.isVisible() and focused() is dialog.table
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_unlock_dialog_by_keyboard(configured_app, example_session, qtbot, tmp_path):
    from expertscore.results.submit import submit
    from expertscore.scoring.service import ScoringService
    from expertscore.storage.session import SessionFile
    from tests.results.helpers import fixed_key, score_everything

    from .conftest import open_window

    with SessionFile(example_session) as session:
        score_everything(ScoringService(session))
        submit(session, fixed_key("E01"), tmp_path / "r1.esresult")
    window = open_window(qtbot, example_session)
    seen: dict = {}

    def fill(dialog: QDialog) -> None:
        seen["name"] = dialog.objectName()
        qtbot.keyClicks(focused(), "recheck")
        qtbot.keyClick(focused(), Qt.Key.Key_Return)

    when_modal(fill)
    window.actions.unlock.trigger()  # the Submission menu's Unlock…
    assert seen["name"] == "unlockDialog"
    with SessionFile(example_session) as session:
        record = ScoringService(session).unlocked_since()
    assert record is not None and record.unlock_reason == "recheck"
    window.close_session()  # unlocked: closing the window would ask first
    window.close()
