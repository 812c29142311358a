"""Showing a search match: its file at its page in the evidence viewer, the match marked.

A PDF's match is marked by the viewer's own search (the same yellow boxes as Ctrl+Shift+F),
run for the matched text; of its results the first on the match's page is the current one,
so the viewer stays on that page rather than going to the document's first occurrence.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject

from expertscore.evidence.search import Hit
from ui.evidence.viewer import EvidenceViewer


class HitView(QObject):
    def __init__(self, viewer: EvidenceViewer) -> None:
        super().__init__(viewer)
        self.viewer = viewer
        self.page: int | None = None  # 0-based page whose match becomes current
        viewer.pdf.source.searched.connect(self._searched)

    def show(self, hit: Hit) -> None:
        self.viewer.show_evidence(hit.evidence_id, hit.page)
        if self.viewer.kind != "pdf" or not hit.found.strip():
            self.page = None
            return
        self.page = hit.page - 1
        self.viewer.pdf.search(hit.found)

    def _searched(self, results) -> None:
        """After the pane took its results: the current one is on the match's page."""
        if self.page is None:
            return
        pdf = self.viewer.pdf
        index = next((n for n, (page, _rects) in enumerate(results) if page == self.page), None)
        if index is None:
            return
        self.page = None
        pdf.result_index = index
        pdf.result_label.setText(
            QCoreApplication.translate("PdfPane", "match {n} of {count}").format(
                n=index + 1, count=len(results)
            )
        )
        pdf.go_to(results[index][0], force=True)
