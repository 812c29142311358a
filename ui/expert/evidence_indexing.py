"""Indexing the session's evidence in the background, so the scoring form can say where
each reported value is proven.

The build runs on its own worker, never on the window's shared one: a
long index must not hold back opening a file or signing a result. It has its own
connection to the session file (the window's stays on the UI thread); typing goes on while
it runs, the status bar counts the files, ``fileIndexed`` is emitted as each file is in
(the line under a reported value is asked again), and ``finished`` when it is complete.
Closing the session or quitting cancels it after the current batch of pages; the next
opening goes on from there.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from expertscore.storage.session import SessionFile
from ui.messages import error_text
from ui.plaintext import plain
from ui.tasks import BackgroundOp, own_worker

if TYPE_CHECKING:
    from expertscore.evidence.index import IndexReport
    from ui.expert.scoring.found import FoundLine


class EvidenceIndexing(QObject):
    finished = Signal()  # the index is complete: the locator's answers are final
    fileIndexed = Signal()  # one more file is in the index: a value may be found now

    def __init__(self, window: QMainWindow, session: SessionFile) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.building = False
        self._cancel = threading.Event()
        self.label = plain(QLabel(window))
        self.label.setObjectName("indexStatus")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)

    def start(self) -> None:
        """Index what is not indexed yet (nothing happens when the index is complete)."""
        # The extractors (pdfium, workbooks) load with the first session, not the window.
        from expertscore.evidence.index import build_index, files_left

        if files_left(self.session) == 0:
            return
        path, cancel = self.session.path, self._cancel
        self.building = True
        self._progressed(0, 0)
        BackgroundOp(
            self.window,
            lambda report: build_index(path, report, cancel.is_set),
            own_worker("index"),  # one build at a time in the process
        ).on_progress(self._progressed).success(self._done).failure(self._failed).run()

    def keep_current(self, line: FoundLine) -> None:
        """Ask ``line`` again each time a file of its submission is in the index: not for
        every file (each asking takes the window's thread, shared with the build's)."""
        self._line = line
        self._last: tuple[str, int] | None = None
        self.fileIndexed.connect(self._file_indexed)

    def _file_indexed(self) -> None:
        from expertscore.evidence.index import files_left

        line = self._line
        if line.submission is None:
            return
        now = (line.submission, files_left(self.session, line.submission))
        if now != self._last:
            self._last = now
            line.refresh()

    def stop(self) -> None:
        """Cancel the build (the session closes); a late result is ignored."""
        self._cancel.set()
        self.building = False
        self.window.statusBar().removeWidget(self.label)
        self.label.deleteLater()

    def _progressed(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            return
        text = self.tr("Indexing the evidence: {done} of {total} files").format(
            done=done, total=total
        )
        self.label.setText(text if total else self.tr("Indexing the evidence…"))
        self.label.show()
        if done:
            self.fileIndexed.emit()

    def _done(self, _report: IndexReport) -> None:
        if self._cancel.is_set():
            return
        self.building = False
        self.label.hide()
        self.finished.emit()

    def _failed(self, error: BaseException) -> None:
        if self._cancel.is_set():
            return
        if not isinstance(error, Exception):
            raise error
        self.building = False
        self.label.setText(
            self.tr("The evidence could not be indexed: {error}").format(error=error_text(error))
        )
        self.finished.emit()  # what was indexed is still searched
