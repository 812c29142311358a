"""The chair's evidence locator: where the package's evidence shows a submission's reported
value, and the same "Search all evidence" box as the expert's window.

The chair has no session; the index is a file of its own per package in the data folder
(``expertscore.evidence.indexfile``, owner-only), built on its own worker after a merge
opens (from the package's page texts when it carries them), going on where it stopped.
Under the evidence pane one plain-text line says where the chosen indicator's reported
value is found; Ctrl+L shows those pages in turn, Ctrl+Shift+E opens the search box.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel

from expertscore.batch.package import OpenedPackage
from expertscore.errors import PackageError
from expertscore.evidence.search import Hit
from ui.evidence.hit_view import HitView
from ui.evidence.search_box import EvidenceSearchBox
from ui.messages import error_text
from ui.plaintext import plain, shown
from ui.tasks import BackgroundOp, own_worker

if TYPE_CHECKING:
    from ui.chair.state import ChairState
    from ui.chair.window import ChairWindow

SHOWN_PAGES = 3
TITLE_CHARS = 40


def index_folder() -> Path:
    from expertscore.identity.keys import data_dir

    return data_dir() / "evidence-index"


class ChairLocator(QObject):
    def __init__(self, window: ChairWindow) -> None:
        super().__init__(window)
        self.window = window
        self.package: OpenedPackage | None = None
        self.building = False
        self.unusable = False  # the index file could not be made: the line says why
        self.cell: tuple[str, str] | None = None  # (submission, indicator)
        self._last: tuple[str, int] | None = None  # (submission, its files not indexed)
        self.pages: list[tuple[str, str, int]] = []  # (submission, evidence id, page)
        self.hits: dict[tuple[str, int], Hit] = {}  # the first match on each of those pages
        self._next = 0
        self._cancel = threading.Event()
        self.box: EvidenceSearchBox | None = None
        self._hits: HitView | None = None
        self.line = plain(QLabel(window.evidence))
        self.line.setObjectName("chairFoundLine")
        self.line.setWordWrap(True)
        self.line.hide()
        window.evidence.layout().insertWidget(1, self.line)
        # The window deletes itself on closing: the build stops and a late report is ignored
        # (the event is looked up when the line goes, not bound now: a new package has its own).
        self.line.destroyed.connect(lambda: self._cancel.set())
        self.locate_action = self._action(
            QCoreApplication.translate("ChairActions", "Show the reported value in the evidence"),
            "Ctrl+L",
            self.show_next,
        )
        self.search_action = self._action(
            QCoreApplication.translate("ChairActions", "Search all evidence…"),
            "Ctrl+Shift+E",
            self.open_search,
        )

    def _action(self, text: str, keys: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    # --- the index --------------------------------------------------------------------------

    def set_package(self, package: OpenedPackage) -> None:
        """Index the package's evidence (nothing to do when its index is complete)."""
        if self.package is not None and package.manifest_sha256 == self.package.manifest_sha256:
            return
        self._cancel.set()
        self._cancel = threading.Event()
        self.package, self.building, self.unusable = package, True, False
        if self.box is not None:
            self.box.deleteLater()
            self.box = None
        from expertscore.evidence.indexfile import build_package_index, open_index

        folder, cancel = index_folder(), self._cancel
        try:  # made here, before the worker and the line read it
            with open_index(folder, package):
                pass
        except (OSError, sqlite3.Error, PackageError) as error:
            self.building, self.unusable = False, True
            self.line.setText(
                self.tr("The evidence could not be indexed: {error}").format(
                    error=error_text(error)
                )
            )
            self.line.show()
            return
        BackgroundOp(
            self.window,
            lambda report: build_package_index(folder, package, report, cancel.is_set),
            own_worker("index"),
        ).on_progress(lambda done, _total: self._progressed(done, cancel)).success(
            lambda _report: self._built(cancel)
        ).failure(lambda _error: self._built(cancel)).run()

    def _progressed(self, done: int, cancel: threading.Event) -> None:
        if done and not cancel.is_set():
            self._file_indexed()

    def _built(self, cancel: threading.Event) -> None:
        if cancel.is_set():
            return
        self.building = False
        self.refresh()

    def stop(self) -> None:
        self._cancel.set()

    def _file_indexed(self) -> None:
        """Ask the line again when a file of its submission is in (not for every file)."""
        if self.cell is None or self.package is None or self.unusable:
            return
        from expertscore.evidence.indexfile import package_files_left

        submission = self.cell[0]
        now = (submission, package_files_left(index_folder(), self.package, submission))
        if now != self._last:
            self._last = now
            self.refresh()

    def _files_left(self) -> int:
        from expertscore.evidence.indexfile import package_files_left

        assert self.package is not None
        return package_files_left(index_folder(), self.package)

    # --- the line under the evidence --------------------------------------------------------

    def show_cell(self, state: ChairState, submission: str, code: str) -> None:
        self.set_package(state.package)
        self.cell = (submission, code)
        self.refresh()

    def refresh(self) -> None:
        from expertscore.evidence.indexfile import open_index
        from expertscore.evidence.locate import locate_raw

        self.pages, self._next = [], 0
        if self.unusable:
            return
        if self.package is None or self.cell is None:
            self.line.hide()
            return
        submission, code = self.cell
        sub = next((s for s in self.package.manifest.submissions if s.id == submission), None)
        values = {c: (v.value, v.unit) for c, v in sub.values.items()} if sub else {}
        with open_index(index_folder(), self.package) as raw:
            located = locate_raw(raw, self.package.scheme.leaves(), submission, values, [code])
        if not located or located[0].state == "words-only":
            self.line.hide()
            return
        found = located[0].pages() if located[0].state == "found" else []
        if found:
            self.pages = [(submission, evidence, page) for evidence, _title, page in found]
            self.hits = {}
            for match in located[0].matches:
                self.hits.setdefault((match.hit.evidence_id, match.hit.page), match.hit)
            named = [
                self.tr("{title} p.{page}").format(title=shown(title, TITLE_CHARS), page=page)
                for _evidence, title, page in found[:SHOWN_PAGES]
            ]
            more = "…" if len(found) > SHOWN_PAGES else ""
            self.line.setText(
                self.tr("Found in the evidence: {pages}").format(
                    pages=self.tr(", ").join(named) + more
                )
            )
        elif self.building or self._files_left() > 0:
            self.line.setText(self.tr("The evidence is still being indexed…"))
        elif located[0].state == "not-indexed":
            self.line.setText(self.tr("The evidence has no text to search"))
        else:
            self.line.setText(self.tr("Not found in any evidence"))
        self.line.show()

    def show_next(self) -> None:
        """The next page where the value is found, in the evidence pane's viewer."""
        viewer = self.window.evidence.viewer
        if not self.pages or viewer is None:
            self.window.statusBar().showMessage(self.tr("No evidence page shows this value"), 5000)
            return
        _submission, evidence, page = self.pages[self._next % len(self.pages)]
        self._next += 1
        hit = self.hits.get((evidence, page))
        if hit is None:
            viewer.show_evidence(evidence, page)
            return
        if self._hits is None or self._hits.viewer is not viewer:
            self._hits = HitView(viewer)
        self._hits.show(hit)  # the value marked on the page

    # --- the search box ---------------------------------------------------------------------

    def _search(self, text: str, submission: str | None) -> tuple[list[Hit], int]:
        from expertscore.evidence.indexfile import open_index
        from expertscore.evidence.search import search_raw

        if self.package is None or self.unusable:
            return [], 0
        with open_index(index_folder(), self.package) as raw:
            hits = search_raw(raw, text, submission)
        return hits, self._files_left()

    def open_search(self) -> None:
        state = self.window.state
        if state is None:
            return
        self.set_package(state.package)
        if self.box is None:
            self.box = EvidenceSearchBox(self._search, self.window)
            self.box.chosen.connect(self.show_hit)
        self.box.start(self.window.current_submission())

    def show_hit(self, hit: Hit) -> None:
        window = self.window
        if window.current_submission() != hit.submission_id:
            window.select_submission(hit.submission_id)
            # after the matrix has chosen its cell there (which shows that cell's evidence)
            QTimer.singleShot(0, lambda: self._show_hit(hit))
            return
        self._show_hit(hit)

    def _show_hit(self, hit: Hit) -> None:
        window = self.window
        viewer = window.evidence.viewer
        state = window.state
        if viewer is None and state is not None:
            viewer = window.evidence._viewer_for(state.package)
        if viewer is None:
            return
        if viewer.submission != hit.submission_id:
            viewer.set_submission(hit.submission_id, None)
        if self._hits is None or self._hits.viewer is not viewer:
            self._hits = HitView(viewer)
        self._hits.show(hit)
        window.activateWindow()
