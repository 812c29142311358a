"""Small helpers of the window tests: typing into whatever has the focus, reading back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from expertscore.scoring.service import Scoring
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
        return Scoring(session).scores(submission)


def stored_rows(path: Path) -> dict:
    with SessionFile(path) as session:
        return {row.id: row for row in Scoring(session).submissions()}


def when_modal(then) -> dict:
    """Run ``then(dialog)`` once the next modal dialog is up and has the keyboard.

    Says ``{"seen": dialog}`` once it ran; setting ``"stop"`` ends the waiting.
    """
    from PySide6.QtCore import QTimer

    state: dict = {}

    def check() -> None:
        if state.get("stop"):
            return
        box = QApplication.activeModalWidget()
        if box is not None and not box.isActiveWindow():
            box.activateWindow()  # as a desktop does; offscreen it has to be asked
        if box is None or not box.isActiveWindow():
            QTimer.singleShot(10, check)
            return
        state["seen"] = box
        then(box)

    QTimer.singleShot(0, check)
    return state


def answer_next_box(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> dict:
    """Press ``key`` in the next modal box, once it is up; says what the box said."""
    from PySide6.QtWidgets import QMessageBox

    seen: dict = {}

    def answer(box: QWidget) -> None:
        if isinstance(box, QMessageBox):
            seen["text"], seen["detail"] = box.text(), box.informativeText()
        qtbot.keyClick(QApplication.focusWidget() or box, key, modifier)

    when_modal(answer)
    return seen
