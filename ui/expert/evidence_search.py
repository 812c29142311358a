"""The expert's window's "Search all evidence" (Ctrl+Shift+E): the box over the session's
index, and a match shown in the window's viewer on its submission."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from expertscore.evidence.search import Hit
from ui.evidence.hit_view import HitView
from ui.evidence.search_box import EvidenceSearchBox

if TYPE_CHECKING:
    from expertscore.storage.session import SessionFile
    from ui.expert.window import MainWindow

SHORTCUT = "Ctrl+Shift+E"


def session_searcher(session: SessionFile):
    def search(text: str, submission: str | None):
        from expertscore.evidence.index import files_left
        from expertscore.evidence.search import search_text

        return search_text(session, text, submission), files_left(session)

    return search


class ExpertEvidenceSearch(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.box: EvidenceSearchBox | None = None
        self._session: SessionFile | None = None
        self._hits: HitView | None = None
        self.action = QAction(
            QCoreApplication.translate("Actions", "Search &all evidence…"), window
        )
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.triggered.connect(self.open)
        window.addAction(self.action)
        # beside "Find in evidence" in the Edit menu
        for menu in window.actions.find_evidence.associatedObjects():
            if isinstance(menu, QMenu):
                menu.addAction(self.action)

    def open(self) -> None:
        window = self.window
        if window.controller is None or window.form is None:
            return
        session = window.controller.session
        if self.box is None or self._session is not session:
            if self.box is not None:
                self.box.deleteLater()
            self.box = EvidenceSearchBox(session_searcher(session), window)
            self.box.chosen.connect(self.show)
            self._session = session
        self.box.start(window.form.submission_id)

    def show(self, hit: Hit) -> None:
        window = self.window
        if window.form is None or window.panes is None or window.viewer is None:
            return
        if window.form.submission_id != hit.submission_id:
            window.panes.select(hit.submission_id)
        self.show_in_viewer((hit.evidence_id, hit.page), hit)
        window.activateWindow()
        window.focus_score()

    def show_in_viewer(self, page: tuple[str, int], hit: Hit | None) -> None:
        """``page`` in the window's viewer, ``hit`` marked on it (Ctrl+L, the box)."""
        viewer = self.window.viewer
        if viewer is None:
            return
        if hit is None:
            viewer.show_evidence(*page)
            return
        if self._hits is None or self._hits.viewer is not viewer:
            self._hits = HitView(viewer)
        self._hits.show(hit)
