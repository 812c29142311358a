"""Undoable edits: each holds the old and the new value and calls the core to set either.

An edit is applied (and committed) before its command is pushed, so a refused entry never
reaches the stack; the first ``redo()`` that ``QUndoStack.push`` makes is therefore skipped.
Undoing is applying ``Edit.undoing(change)``: the old value set again through the same
core setter, which writes its own edit-log entry of the same ``EditKind``: the session's
history keeps both the edit and its undoing.

Recusal, aggregation and signing are not undoable and never become commands.

There is one undo stack for the window (``WindowUndoKeys`` gives it the keys in every field).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoCommand

from expertscore.errors import ExpertScoreError
from expertscore.scoring.edits import Edit
from expertscore.scoring.service import Change
from expertscore.vocabulary import EditKind
from expertscore.wording.labels import label

if TYPE_CHECKING:
    from ui.expert.session_controller import SessionController


def command_text(kind: EditKind, submission: str, indicator: str | None) -> str:
    """The edit's kind by its one label (the core's) and where it was: 评分 S001 1.1."""
    where = f"{submission} {indicator}" if indicator else submission
    return f"{label(EditKind, kind)} {where}"


class EditCommand(QUndoCommand):
    """One committed edit of a score field or a submission note: its core ``Change``."""

    def __init__(self, controller: SessionController, change: Change) -> None:
        super().__init__(command_text(change.kind, change.submission, change.indicator))
        self.controller = controller
        self.change = change
        self._applied = True  # the edit is already in the session when pushed

    def _set(self, edit: Edit) -> None:
        self.controller.replaying = True
        try:
            self.controller.apply(edit)
        except ExpertScoreError as error:
            # The session refused (recused or locked since): drop this step from history.
            self.setObsolete(True)
            self.controller.report_error(error)
        finally:
            self.controller.replaying = False

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._set(Edit.redoing(self.change))

    def undo(self) -> None:
        self._set(Edit.undoing(self.change))


REDO_KEYS = (QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y"))


def undo_or_redo(event: QKeyEvent) -> str | None:
    """``"undo"``, ``"redo"`` or ``None``: what the key means to the window."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    combination = QKeySequence(event.keyCombination())
    if event.matches(QKeySequence.StandardKey.Redo) or combination in REDO_KEYS:
        return "redo"
    return None


class WindowUndoKeys(QObject):
    """Ctrl+Z and Ctrl+Shift+Z in a text field are the window's undo and redo.

    A text field has an undo of its own, which would take the keys before the window's
    shortcut sees them and undo typing the window knows nothing of (and leaving the field
    then saved what the local undo left). Installed on every text field of the window, this
    claims the keys from the field and triggers the window's actions instead.
    """

    def __init__(
        self,
        actions: dict[str, QAction],
        handlers: dict[str, Callable[[], None]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.actions = actions
        # A disabled Undo (nothing committed yet) still reverts typed text: then the
        # window's method is called directly.
        self.handlers = handlers

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            which = undo_or_redo(event)
            if which is not None:
                event.accept()  # an override keeps the key from every shortcut
                if kind == QEvent.Type.KeyPress:
                    action = self.actions[which]
                    if action.isEnabled():
                        action.trigger()
                    else:
                        self.handlers[which]()
                return True
        return super().eventFilter(watched, event)
