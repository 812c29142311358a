"""The line under an indicator's reported value: where the evidence shows that value.

The locator (``expertscore.evidence.locate``) is asked on the UI thread, which owns the
session file; it only reads the index the background build writes. A value found is shown
at once, even while other files are still being indexed; "not found" is said only once
every file is indexed, since the missing page may be in a file not read yet; evidence
without any text (no files, or scans) is said to be so, not "not found".
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from expertscore.evidence.search import Hit
from ui.expert.session_controller import SessionController
from ui.plaintext import plain, shown

SHOWN_PAGES = 3  # pages named on the line; more are left to the viewer's search
TITLE_CHARS = 40


class FoundLine(QLabel):
    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        plain(self)
        self.setObjectName("foundLine")
        self.setWordWrap(True)
        self.setStyleSheet("color: palette(placeholder-text);")
        self.controller = controller
        self.submission: str | None = None
        self.code: str | None = None
        self.pages: list[tuple[str, int]] = []  # (evidence id, page), best first
        self.hits: dict[tuple[str, int], Hit] = {}  # the first match on each of those pages
        self._next = 0  # the page the next jump shows: each one goes on to the next

    def show_for(self, submission: str, code: str) -> None:
        self.submission, self.code = submission, code
        self.refresh()

    def refresh(self) -> None:
        """Ask the locator again (the index has grown)."""
        from expertscore.evidence.index import files_left  # with the first session, not before
        from expertscore.evidence.locate import locate_value

        self.pages, self._next = [], 0
        session = self.controller.session
        if self.submission is None or self.code is None:
            self.hide()
            return
        located = locate_value(session, self.submission, self.code)
        if located is None or located.state == "words-only":
            self.hide()  # nothing reported, or nothing a page could show (yes/no, empty)
            return
        pages = located.pages() if located.state == "found" else []
        if pages:
            self.pages = [(evidence, page) for evidence, _title, page in pages]
            # the first match on each page: what the viewer marks there
            self.hits = {}
            for match in located.matches:
                self.hits.setdefault((match.hit.evidence_id, match.hit.page), match.hit)
            self.setText(self._found_text(pages))
        elif files_left(session, self.submission) > 0:  # its own files: a cheap question
            self.setText(self.tr("The evidence is still being indexed…"))
        elif located.state == "not-indexed":  # no files, or scans without a text layer
            self.setText(self.tr("The evidence has no text to search"))
        else:
            self.setText(self.tr("Not found in any evidence"))
        self.show()

    def hit_on(self, page: tuple[str, int]) -> Hit | None:
        """The match the viewer marks on ``page`` (one of ``pages``)."""
        return self.hits.get(page)

    def next_page(self) -> tuple[str, int] | None:
        """The page to show now: the best first, then the others in turn, round again."""
        if not self.pages:
            return None
        page = self.pages[self._next % len(self.pages)]
        self._next += 1
        return page

    def _found_text(self, pages: list[tuple[str, str, int]]) -> str:
        named = [
            self.tr("{title} p.{page}").format(title=shown(title, TITLE_CHARS), page=page)
            for _evidence, title, page in pages[:SHOWN_PAGES]
        ]
        more = "…" if len(pages) > SHOWN_PAGES else ""
        return self.tr("Found in the evidence: {pages}").format(
            pages=self.tr(", ").join(named) + more
        )
