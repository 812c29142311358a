"""The expert's familiarity with the shown submission (熟悉程度), in the submission opinion.

One combo box: not marked, 熟悉, 较熟悉, 一般. A choice is committed at once as one
undoable edit (``scoring.familiarity``); an undo or redo elsewhere is shown when it names
the submission on screen. The chair sees the marks beside the panel's agreement.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox, QWidget

from expertscore.errors import ExpertScoreError
from expertscore.scoring.edits import Edit
from expertscore.scoring.familiarity import FAIRLY, FAMILIAR, MODERATE, familiarity
from expertscore.scoring.service import Change
from expertscore.vocabulary import EditKind
from ui.expert.session_controller import SessionController


class FamiliarityBox(QComboBox):
    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.submission: str | None = None
        self.setObjectName("familiarity")
        self.addItem(self.tr("(not marked)"), None)
        self.addItem(self.tr("Familiar"), FAMILIAR)
        self.addItem(self.tr("Fairly familiar"), FAIRLY)
        self.addItem(self.tr("Moderately familiar"), MODERATE)
        self.setToolTip(self.tr("How familiar you are with this platform; the chair sees it"))
        self.currentIndexChanged.connect(lambda _row: self._commit())
        controller.changed.connect(self._changed)

    def load(self, submission: str, read_only: bool) -> None:
        self.submission = submission
        self._show(familiarity(self.controller.scoring, submission))
        self.setEnabled(not read_only)

    def _show(self, level: str | None) -> None:
        blocker = QSignalBlocker(self)
        self.setCurrentIndex(max(0, self.findData(level)))
        del blocker

    def _commit(self) -> None:
        if self.submission is None:
            return
        try:
            self.controller.edit(
                Edit(EditKind.FAMILIARITY, self.submission, None, self.currentData())
            )
        except ExpertScoreError as error:
            self.controller.report_error(error)
            self._show(familiarity(self.controller.scoring, self.submission))

    def _changed(self, change: Change) -> None:
        if change.kind == EditKind.FAMILIARITY and change.submission == self.submission:
            self._show(change.new)
