"""Small editors of the scoring form that commit on leaving: comments and verified values."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget


class CommentEdit(QPlainTextEdit):
    """A comment committed when focus leaves it or on Ctrl+Enter (then ``finished``).

    Tab moves on to the next field; Enter is a new line, as in any text box.
    """

    committed = Signal(str)
    finished = Signal()  # Ctrl+Enter: committed, the expert is done here

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._stored = ""

    def load(self, text: str) -> None:
        self._stored = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def saved(self) -> None:
        self._stored = self.toPlainText()

    def has_pending(self) -> bool:
        return self.toPlainText() != self._stored

    def revert(self) -> None:
        self.setPlainText(self._stored)

    def commit(self) -> None:
        text = self.toPlainText()
        if text != self._stored:
            self.committed.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.commit()
            if not self.has_pending():
                self.finished.emit()
            return
        super().keyPressEvent(event)


class CommitLineEdit(QLineEdit):
    """A one-line value committed on Enter or when focus leaves it."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stored = ""
        self.editingFinished.connect(self.commit)

    def load(self, text: str) -> None:
        self._stored = text
        self.setText(text)

    def saved(self) -> None:
        self._stored = self.text()

    def has_pending(self) -> bool:
        return self.text() != self._stored

    def revert(self) -> None:
        self.setText(self._stored)

    def commit(self) -> None:
        if self.text() != self._stored:
            self.committed.emit(self.text())
