"""The evidence pane: the submission's files (linked to the indicator first) and a viewer.

Files are exported once from the session into a private temporary folder (the session
keeps them as blobs) and shown by kind: PDFs page by page, images, text, workbooks as
tables; anything else opens in the system's program. The folder goes when the window
closes.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTemporaryDir, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from expertscore.storage.evidence import EvidenceRecord
from ui.app import icon
from ui.evidence.panes import ImagePane, OtherPane, TablePane, TextPane
from ui.evidence.pdf import PdfPane
from ui.evidence.pdfsource import PdfError
from ui.models.evidence import EvidenceListModel, kind_of
from ui.session_controller import SessionController

KINDS = ("pdf", "image", "text", "table", "other")


def safe_name(filename: str) -> str:
    name = Path(filename.replace("\\", "/")).name
    name = re.sub(r'[<>:"/|?*\x00-\x1f]', "_", name).strip(" .")
    return name or "evidence"


class EvidenceViewer(QWidget):
    shownChanged = Signal()  # another file or page is shown

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.submission: str | None = None
        self.indicator: str | None = None
        self.record: EvidenceRecord | None = None
        self.kind: str | None = None
        self._temp = QTemporaryDir()
        self._exported: dict[str, Path] = {}
        icons = {kind: icon(f"file-{kind}") for kind in KINDS}
        self.model = EvidenceListModel(icons, self)
        self._build()

    def _build(self) -> None:
        self.list = QListView(self)
        self.list.setObjectName("evidenceList")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.open_button = QPushButton(icon("external"), self.tr("Open externally"), self)
        self.open_button.setToolTip(self.tr("Open the file in the system's program"))
        self.open_button.clicked.connect(self.open_external)
        self.pdf = PdfPane(self)
        self.pdf.pageChanged.connect(lambda _page: self.shownChanged.emit())
        self.image = ImagePane(self)
        self.text = TextPane(self)
        self.table = TablePane(self)
        self.other = OtherPane(self)
        self.other.openRequested.connect(self.open_external)
        self.empty = QLabel(self.tr("No evidence for this submission."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        for widget in (self.pdf, self.image, self.text, self.table, self.other, self.empty):
            self.stack.addWidget(widget)
        self.stack.setCurrentWidget(self.empty)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.open_button)
        top_layout.addLayout(row)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("evidenceSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        # At least six files in view without scrolling the list.
        small_icon = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        row = max(self.fontMetrics().height(), small_icon) + 10
        self.list.setMinimumHeight(row * 6 + 2 * self.list.frameWidth())
        top_height = row * 6 + 2 * self.list.frameWidth() + self.open_button.sizeHint().height() + 6
        self.splitter.setSizes([top_height, 600])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    # --- what is shown -------------------------------------------------------------------

    def set_submission(self, submission: str, indicator: str | None) -> None:
        """Show the submission's files, those linked to ``indicator`` first, and the first."""
        self.submission = submission
        self.indicator = indicator
        self.record = None
        self.model.set_records(self.controller.evidence(submission), indicator)
        if self.model.rowCount():
            self.show_row(0)
        else:
            self.kind = None
            self.title.clear()
            self.open_button.setEnabled(False)
            self.stack.setCurrentWidget(self.empty)
            self.shownChanged.emit()

    def set_indicator(self, indicator: str | None) -> None:
        """Reorder for ``indicator``; show its first file unless the shown one supports it."""
        if self.submission is None or indicator == self.indicator:
            return
        self.indicator = indicator
        self.model.set_records(self.controller.evidence(self.submission), indicator)
        current = self.record
        if current is not None and current.supports(indicator):
            self._select_row(self.model.row_of(current.id))
            return
        if self.model.rowCount() and self.model.record(0).supports(indicator):
            self.show_row(0)
        elif current is not None:
            self._select_row(self.model.row_of(current.id))

    def show_evidence(self, evidence_id: str, page: int | None = None) -> None:
        """Show a file by id, at ``page`` (1-based) for a PDF."""
        row = self.model.row_of(evidence_id)
        if row >= 0:
            self.show_row(row, page)

    def show_row(self, row: int, page: int | None = None) -> None:
        record = self.model.record(row)
        self._select_row(row)
        if self.record is None or record.id != self.record.id:
            self._open(record, (page or 1) - 1)
        elif page is not None and self.kind == "pdf":
            self.pdf.go_to(page - 1)
        self.shownChanged.emit()

    def _select_row(self, row: int) -> None:
        if row < 0:
            return
        selection = self.list.selectionModel()
        selection.blockSignals(True)
        selection.setCurrentIndex(
            self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        selection.blockSignals(False)
        self.list.viewport().update()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_row(current.row())

    def _open(self, record: EvidenceRecord, page: int) -> None:
        self.record = record
        self.kind = kind_of(record.media_type)
        self.title.setText(record.title or record.filename)
        self.open_button.setEnabled(True)
        path = self.export(record)
        try:
            if self.kind == "pdf":
                self.pdf.load(path, page)
                self.stack.setCurrentWidget(self.pdf)
                return
            if self.kind == "image" and self.image.load(path):
                self.stack.setCurrentWidget(self.image)
                return
            if self.kind == "text":
                self.text.load(path)
                self.stack.setCurrentWidget(self.text)
                return
            if self.kind == "table":
                self.table.load(path)
                self.stack.setCurrentWidget(self.table)
                return
        except (PdfError, OSError, ValueError, KeyError) as error:
            self.other.show_message(
                self.tr("This file cannot be shown here ({error}).").format(error=error)
            )
        else:
            self.other.show_message(
                self.tr("Files of type {type} cannot be shown here.").format(type=record.media_type)
            )
        self.kind = "other"
        self.stack.setCurrentWidget(self.other)

    def export(self, record: EvidenceRecord) -> Path:
        """The file on disk (exported from the session once per content)."""
        path = self._exported.get(record.sha256)
        if path is None:
            folder = Path(self._temp.path()) / record.sha256[:16]
            folder.mkdir(parents=True, exist_ok=True)
            path = self.controller.session.export_evidence(
                record.sha256, folder / safe_name(record.filename)
            )
            self._exported[record.sha256] = path
        return path

    def open_external(self) -> None:
        if self.record is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.export(self.record))))

    def current_evidence(self) -> tuple[str, int | None] | None:
        """The shown file's id and, for a PDF, the 1-based page (what a pin records)."""
        if self.record is None:
            return None
        page = self.pdf.page + 1 if self.kind == "pdf" else None
        return self.record.id, page
