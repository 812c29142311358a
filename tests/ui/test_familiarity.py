"""The expert marks their familiarity with a platform by keys in the submission opinion:
stored in the session at once, undone and redone like any edit, kept on reopening."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from expertscore.scoring.familiarity import FAIRLY, FAMILIAR, familiarity
from expertscore.scoring.service import ScoringService
from expertscore.storage.session import SessionFile

from .conftest import open_window
from .helpers import focused, press


def stored(path: Path, submission: str) -> str | None:
    with SessionFile(path) as session:
        return familiarity(ScoringService(session), submission)


def test_familiarity_by_keys_is_stored_undone_and_kept(
    configured_app, example_window, example_session, qtbot
):
    window = example_window
    form = window.form
    box = form.note.familiarity
    form.detail.focus_score()
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # the submission opinion
    assert form.tabs.currentIndex() == 1 and focused() is form.note.comment
    press(qtbot, Qt.Key.Key_Tab)  # from the overall comment to the familiarity
    assert focused() is box and box.currentText() == "(not marked)"
    press(qtbot, Qt.Key.Key_Down)  # 熟悉
    assert stored(example_session, "S001") == FAMILIAR
    press(qtbot, Qt.Key.Key_Down)  # 较熟悉
    assert stored(example_session, "S001") == FAIRLY
    assert window.controller.undo_stack.undoText() == "Familiarity S001"
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # back to the indicator
    assert form.tabs.currentIndex() == 0 and form.detail.isAncestorOf(focused())
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is box

    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo, in the list
    assert stored(example_session, "S001") == FAMILIAR
    assert box.currentData() == FAMILIAR
    window.panes.select("S002")  # an undo from another submission goes back to S001
    assert box.currentData() is None
    window.actions.undo.trigger()
    assert stored(example_session, "S001") is None
    assert window.form.submission_id == "S001" and box.currentData() is None
    assert focused() is box  # the cursor lands where the value changed
    window.actions.redo.trigger()
    window.actions.redo.trigger()
    assert stored(example_session, "S001") == FAIRLY and box.currentData() == FAIRLY
    window.close()

    again = open_window(qtbot, example_session)
    again.form.tabs.setCurrentIndex(1)
    assert again.form.note.familiarity.currentData() == FAIRLY
    assert again.form.note.familiarity.currentText() == "Fairly familiar"
    again.close()
