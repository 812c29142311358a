"""What is missing: the unscored indicators of every submission; choosing one jumps to it.

The dialog stays open beside the window (it is not modal) so the expert can work through
the list; it refreshes after every change.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from expertscore.scoring.service import Gap
from ui.expert.models.gaps import GAP_ROLE, NAME, GapsModel
from ui.plaintext import plain, shown


class MissingDialog(QDialog):
    jumpRequested = Signal(str, str)  # submission id, indicator code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("missingDialog")
        self.setWindowTitle(self.tr("What is missing"))
        self.model = GapsModel(self)
        self.notice = plain(QLabel(self))  # why the list was shown, e.g. a refused submission
        self.notice.setObjectName("missingNotice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #b91c1c; font-weight: bold;")
        self.notice.hide()
        self.summary = plain(QLabel(self))
        self.table = QTableView(self)
        self.table.setObjectName("gapTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        hint = QLabel(self.tr("Enter or double-click jumps to the indicator."), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        # Enter in the list jumps to a gap; it must not also press Close.
        for button in buttons.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def set_gaps(self, gaps: list[Gap], platforms: dict[str, str]) -> None:
        self.model.set_gaps(gaps, platforms)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        if gaps:
            submissions = len({gap.submission for gap in gaps})
            self.summary.setText(
                self.tr("{count} indicators in {submissions} submissions have no score.").format(
                    count=len(gaps), submissions=submissions
                )
            )
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.summary.setText(self.tr("Every assigned indicator has a score."))

    def set_notice(self, text: str) -> None:
        """Say above the list why it is shown (until the dialog is closed)."""
        self.notice.setText(shown(text))
        self.notice.setVisible(bool(text))

    def hideEvent(self, event: QHideEvent) -> None:
        self.set_notice("")
        super().hideEvent(event)

    def _activated(self, index: QModelIndex) -> None:
        gap = index.siblingAtColumn(0).data(GAP_ROLE)
        if isinstance(gap, Gap):
            self.jumpRequested.emit(gap.submission, gap.indicator)
