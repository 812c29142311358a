"""The open session as the window sees it: the core's services plus the undo stack.

Every edit goes through ``edit()``: the core validates and commits it at once (an SQLite
transaction in WAL mode, well under 10 ms), then an ``EditCommand`` holding the old and
the new value is pushed so that Ctrl+Z can set the old one again. ``changed`` is emitted
after every committed change (an edit, its undo or redo, a recusal) with the core's
``Change`` record, and the views refresh only what it names.

Runs on the UI thread, like the ``SessionFile`` it owns (quick edits only; long work goes
through ``ui.tasks``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from expertscore.scoring.edits import Edit, apply
from expertscore.scoring.service import (
    Change,
    ScoreRecord,
    ScoringService,
)
from expertscore.scoring.totals import Rollup, rollup
from expertscore.storage.evidence import EvidenceRecord, evidence_of
from expertscore.storage.session import SessionFile
from expertscore.storage.uistate import all_ui_state, set_ui_state
from ui.expert.undo import EditCommand
from ui.messages import error_text


class SessionController(QObject):
    changed = Signal(object)  # expertscore.scoring.service.Change
    errorReported = Signal(str)

    def __init__(self, session: SessionFile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.scoring = ScoringService(session)
        self.scheme = session.scheme
        self.undo_stack = QUndoStack(self)
        self.replaying = False  # True while an undo or redo sets a value
        self._evidence: dict[str, list[EvidenceRecord]] = {}
        self._reported: dict[str, dict[str, Any]] = {}

    # --- reading ---------------------------------------------------------------------

    @property
    def expert_id(self) -> str:
        return self.session.info.expert_id

    def evidence(self, submission_id: str) -> list[EvidenceRecord]:
        """The submission's evidence in batch order (read once: evidence never changes)."""
        records = self._evidence.get(submission_id)
        if records is None:
            records = evidence_of(self.session, submission_id)
            self._evidence[submission_id] = records
        return records

    def reported(self, submission_id: str) -> dict[str, Any]:
        """The operator's reported values by leaf code (read once: they never change)."""
        values = self._reported.get(submission_id)
        if values is None:
            values = self.scoring.reported_values(submission_id)
            self._reported[submission_id] = values
        return values

    def scores_and_rollup(self, submission_id: str) -> tuple[dict[str, ScoreRecord], Rollup]:
        """The expert's scores and their roll-up, from one read of the session.

        ``ScoringService.rollup`` would read the scores a second time; on every edit that is the
        difference between meeting the 10 ms budget and not.
        """
        scores = self.scoring.scores(submission_id)
        points = {code: r.points for code, r in scores.items() if r.points is not None}
        applicable = [leaf.code for leaf in self.scoring.assigned_leaves(submission_id)]
        return scores, rollup(self.scheme, points, applicable)

    def ui_state(self) -> dict[str, str]:
        return all_ui_state(self.session)

    def save_ui_state(self, values: dict[str, str | None]) -> None:
        set_ui_state(self.session, values)

    # --- editing ---------------------------------------------------------------------

    def apply(self, edit: Edit) -> Change:
        """Set what ``edit`` says through the core (committed on return) and announce it."""
        change = apply(self.scoring, edit)
        self.changed.emit(change)
        return change

    def edit(self, edit: Edit) -> Change:
        """Apply an edit and make it undoable. Raises the core's error if it is refused."""
        change = self.apply(edit)
        if change.old != change.new:
            self.undo_stack.push(EditCommand(self, change))
        return change

    def recuse(self, submission: str, reason: str) -> Change:
        """Declare a conflict of interest: final, so it never enters the undo stack."""
        change = self.scoring.recuse(submission, reason)
        self.changed.emit(change)
        return change

    def report_error(self, error: BaseException) -> None:
        self.errorReported.emit(error_text(error))

    def close(self) -> None:
        self.undo_stack.clear()
        self.session.close()
