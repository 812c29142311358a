"""Small helpers of the window tests: typing into whatever has the focus, reading back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from expertscore.scoring.service import ScoringService
from expertscore.storage.session import SessionFile


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_keys(qtbot, text: str) -> None:
    """Type into the focused widget, as the expert would."""
    qtbot.keyClicks(focused(), text)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)
    QApplication.processEvents()  # the focus moves on the next turn of the event loop


def stored_scores(path: Path, submission: str) -> dict:
    """What the session file holds, read by a fresh connection (not the window's)."""
    with SessionFile(path) as session:
        return ScoringService(session).scores(submission)


def stored_rows(path: Path) -> dict:
    with SessionFile(path) as session:
        return {row.id: row for row in ScoringService(session).submissions()}


def when_modal(then) -> dict:
    """Run ``then(dialog)`` once the next modal dialog is up (and, as on a desktop, has the
    keyboard; offscreen the activation is asked for and may not come: after some tries the
    dialog is handed over anyway, ``state["active"]`` then False).

    Says ``{"seen": dialog}`` once it ran; setting ``"stop"`` ends the waiting.
    """
    from PySide6.QtCore import QTimer

    state: dict = {"tries": 0}

    def check() -> None:
        if state.get("stop"):
            return
        box = QApplication.activeModalWidget()
        if box is not None and not box.isActiveWindow():
            box.activateWindow()
        state["tries"] += 1
        waiting = box is None or (not box.isActiveWindow() and state["tries"] < 50)
        if waiting:
            QTimer.singleShot(10, check)
            return
        state["seen"] = box
        state["active"] = box.isActiveWindow()
        then(box)

    QTimer.singleShot(0, check)
    return state


def answer_next_box(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> dict:
    """Press ``key`` in the next modal box, once it is up; says what the box said.

    Alt+letter presses the button with that mnemonic; when the box never got the
    keyboard (offscreen), that button is pressed with Space, as Tab to it would.
    """
    from PySide6.QtWidgets import QAbstractButton, QMessageBox

    seen: dict = {}

    def answer(box: QWidget) -> None:
        if isinstance(box, QMessageBox):
            seen["text"], seen["detail"] = box.text(), box.informativeText()
        target = QApplication.focusWidget()
        if target is None or target.window() is not box:
            target = box.focusWidget() or box
        if modifier == Qt.KeyboardModifier.AltModifier and not state.get("active"):
            letter = QKeySequence(key).toString().lower()
            for button in box.findChildren(QAbstractButton):
                if f"&{letter}" in button.text().lower():
                    qtbot.keyClick(button, Qt.Key.Key_Space)
                    return
        qtbot.keyClick(target, key, modifier)

    state = when_modal(answer)
    return seen
