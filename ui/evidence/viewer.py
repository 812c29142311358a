"""The evidence pane: the submission's files (linked to the indicator first) and a viewer.

Files are read from the session (which keeps them as blobs, encrypted when the session is)
into memory, never written to disk for viewing: their type is decided by their content
(``filetypes.sniff``), and they are shown by kind: PDFs page by page (QtPdf reads them
from a memory buffer); images, text and workbooks read on a worker thread within limits
(``loading``), a newer selection cancelling an older one. Until the new file is read the
pane says so: it never shows the previous file under the new title. Only an allowed
document type opens in the system's program, as a marked copy (``external``) written to
the window's private temporary folder, the one place a file lands on disk in clear, and
only when the expert asks for it.
"""

from __future__ import annotations

import threading
from typing import Protocol

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QUrl, Signal
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

from expertscore.errors import ExpertScoreError
from expertscore.filetypes import FileType, sniff
from expertscore.storage.evidence import EvidenceRecord
from ui.app import icon
from ui.evidence.external import cannot_show, open_outside, too_large_text, type_name
from ui.evidence.loading import Loaded, TooLarge, loader, read_evidence
from ui.evidence.models import NAME_LIMIT, EvidenceListModel
from ui.evidence.panes import ImagePane, OtherPane, TablePane, TextPane
from ui.evidence.pdf import PdfPane
from ui.evidence.pdfsource import PdfError
from ui.evidence.tempfolder import EvidenceFolder
from ui.plaintext import plain, shown
from ui.tasks import BackgroundOp

KINDS = ("pdf", "image", "text", "table", "other")
KEPT_BYTES = 256 << 20  # files read recently, kept in memory for going back and forth


class EvidenceBytes(Protocol):
    def evidence_bytes(self, sha256: str) -> bytes: ...


class EvidenceSource(Protocol):
    """Where the viewer's files come from: the expert's session controller
    (``ui.expert.session_controller``) or the chair's batch package (``ui.chair.evidence_pane``).
    """

    @property
    def session(self) -> EvidenceBytes: ...

    def evidence(self, submission: str) -> list[EvidenceRecord]: ...


class EvidenceViewer(QWidget):
    shownChanged = Signal()  # another file or page is shown

    def __init__(self, controller: EvidenceSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.submission: str | None = None
        self.indicator: str | None = None
        self.record: EvidenceRecord | None = None
        self.kind: str | None = None
        self.file_type: FileType | None = None  # the shown file's type, from its content
        self._folder = EvidenceFolder()
        self._contents: dict[str, tuple[bytes, FileType]] = {}
        self._generation = 0
        self._cancel = threading.Event()
        self._loading: BackgroundOp | None = None
        icons = {kind: icon(f"file-{kind}") for kind in KINDS}
        self.model = EvidenceListModel(icons, self)
        self._build()

    def _build(self) -> None:
        self.list = QListView(self)
        self.list.setObjectName("evidenceList")
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.title = plain(QLabel(self))
        self.title.setObjectName("evidenceTitle")
        self.title.setWordWrap(True)
        self.notice = plain(QLabel(self))
        self.notice.setObjectName("evidenceNotice")
        self.notice.setStyleSheet("color: #b45309;")
        self.notice.hide()
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
        top_layout.addWidget(self.notice)
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
            self._cancel.set()
            self._generation += 1
            self.kind = None
            self.notice.hide()
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
        """Show ``record``: a PDF at once, other kinds once read on the worker thread."""
        self.record = record
        self.file_type = None
        self.title.setText(shown(record.title or record.filename, NAME_LIMIT))
        self.open_button.setEnabled(True)
        self._cancel.set()  # the previous load, if any, stops or is ignored
        self._cancel = threading.Event()
        self._generation += 1
        try:
            data, kind = self.content(record)
        except (OSError, ExpertScoreError) as error:
            self._show_problem(self.tr("This file cannot be read ({error}).").format(error=error))
            return
        self.file_type = kind
        if kind.view == "pdf":
            try:
                self.pdf.load(data, page)
            except PdfError as error:
                self._show_problem(cannot_show(error))
                return
            self._show_pane("pdf", self.pdf)
            return
        if kind.view == "other":
            self._show_problem(
                self.tr("This file is {type}; it cannot be shown here.").format(
                    type=type_name(kind)
                )
            )
            return
        self.kind = "loading"
        self.other.show_message(self.tr("Opening the file…"))
        self.stack.setCurrentWidget(self.other)
        generation, cancel = self._generation, self._cancel
        self._loading = (
            BackgroundOp(self, lambda _report: read_evidence(data, kind, cancel), loader())
            .success(lambda loaded: self._loaded(generation, loaded))
            .failure(lambda error: self._failed(generation, error))
            .run()
        )

    def loading(self) -> bool:
        """True while a file is being read for the pane."""
        return self.kind == "loading"

    def _loaded(self, generation: int, loaded: Loaded) -> None:
        if generation != self._generation:
            return  # a newer selection took over
        if loaded.view == "image":
            self.image.show_image(loaded.image)
            self._show_pane("image", self.image)
        elif loaded.view == "text":
            self.text.show_text(loaded.text)
            self._show_pane("text", self.text)
        else:
            self.table.show_sheets(loaded.sheets)
            self._show_pane("table", self.table)
        if loaded.cut or any(sheet.cut for sheet in loaded.sheets):
            self.notice.setText(self.tr("Only the start of this file is shown."))
            self.notice.show()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        if isinstance(error, TooLarge):
            self._show_problem(too_large_text(error))
        elif isinstance(error, Exception):
            # a reader meeting a malformed file may raise anything: the pane says so
            self._show_problem(cannot_show(error))
        else:
            raise error

    def _show_pane(self, kind: str, pane: QWidget) -> None:
        self.kind = kind
        self.notice.hide()
        self.stack.setCurrentWidget(pane)
        self.shownChanged.emit()

    def _show_problem(self, text: str) -> None:
        self.kind = "other"
        self.notice.hide()
        can_open = self.file_type is not None and self.file_type.openable
        self.other.show_message(text, can_open)
        self.stack.setCurrentWidget(self.other)
        self.shownChanged.emit()

    def content(self, record: EvidenceRecord) -> tuple[bytes, FileType]:
        """The file's bytes, read from the session into memory, and its real type.

        Raises ``OSError`` or the storage's ``ExpertScoreError``.
        """
        found = self._contents.get(record.sha256)
        if found is None:
            data = self.controller.session.evidence_bytes(record.sha256)
            found = (data, sniff(data))
            while (
                self._contents
                and sum(len(d) for d, _ in self._contents.values()) + len(data) > KEPT_BYTES
            ):
                self._contents.pop(next(iter(self._contents)))  # the oldest read goes
            self._contents[record.sha256] = found
        return found

    def open_external(self) -> None:
        """Open the shown file in the system's program, if its content is an allowed type.

        The only place evidence is written to disk in clear: a copy the expert asked for,
        in the window's private temporary folder (removed on exit and at next start).
        """
        if self.record is None:
            return
        try:
            data, _kind = self.content(self.record)
        except (OSError, ExpertScoreError) as error:
            self._show_problem(self.tr("This file cannot be read ({error}).").format(error=error))
            return
        opened = open_outside(self, self.record, data, self._folder.path)
        if opened is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(opened)))

    def cleanup(self) -> None:
        """Remove the window's copies (the window is closing); a late load is ignored."""
        self._cancel.set()
        self._generation += 1
        self._contents.clear()
        self._folder.cleanup()

    def current_evidence(self) -> tuple[str, int | None] | None:
        """The shown file's id and, for a PDF, the 1-based page (what a pin records)."""
        if self.record is None:
            return None
        page = self.pdf.page + 1 if self.kind == "pdf" else None
        return self.record.id, page
