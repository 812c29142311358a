"""The reason box of the recusal and unlock dialogs, operable by keyboard alone.

Tab moves on to the next control (a reason never needs a tab character), Enter confirms
the dialog when it may be confirmed (``confirmRequested``), Shift+Enter starts a new line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class ReasonEdit(QPlainTextEdit):
    confirmRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.confirmRequested.emit()
            return
        super().keyPressEvent(event)
