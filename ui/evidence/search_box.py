"""One box to search all the evidence: a submission's, or the whole batch's.

The box asks the evidence index (``expertscore.evidence.search``) on the window's thread (a
search takes milliseconds) and lists each match as its file, page and a snippet, in plain
text (a file title is the operator's text, never markup). Keyboard only: type, Enter
searches, Down goes into the list, Enter there opens the page in the viewer with the match
found on it, Esc closes; Alt+A switches between this submission and all of them.

The box is the same in the expert's and the chair's windows; each gives it a ``Searcher``
(what to search) and takes ``chosen`` (what to show).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from expertscore.evidence.search import MAX_HITS, Hit
from ui.plaintext import plain, shown

# (text, submission or None for all) -> the matches, and how many files are not indexed yet
Searcher = Callable[[str, str | None], tuple[list[Hit], int]]
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
TITLE_CHARS = 40


class _Results(QListWidget):
    """The list; Enter opens the current match, Up on the first row goes back to the box."""

    opened = Signal()
    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.opened.emit()
            return
        if event.key() == Qt.Key.Key_Up and self.currentRow() <= 0:
            self.left.emit()
            return
        super().keyPressEvent(event)


class EvidenceSearchBox(QDialog):
    chosen = Signal(object)  # the Hit to show

    def __init__(self, searcher: Searcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceSearchBox")
        self.setWindowTitle(self.tr("Search all evidence"))
        self.searcher = searcher
        self.submission: str | None = None
        self.hits: list[Hit] = []
        self.edit = QLineEdit(self)
        self.edit.setObjectName("evidenceSearchText")
        self.edit.setPlaceholderText(self.tr("Text to find in the evidence"))
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.search)
        self.edit.installEventFilter(self)
        self.everywhere = QCheckBox(self.tr("In all submissions (Alt+A)"), self)
        self.everywhere.setObjectName("evidenceSearchAll")
        self.everywhere.toggled.connect(lambda _on: self.edit.text().strip() and self.search())
        # a shortcut, not a mnemonic: it works from the box and from the list alike
        QShortcut(QKeySequence("Alt+A"), self, self._toggle_everywhere)
        self.status = plain(QLabel(self))
        self.status.setObjectName("evidenceSearchStatus")
        self.results = _Results(self)
        self.results.setObjectName("evidenceSearchResults")
        self.results.opened.connect(self.open_current)
        self.results.left.connect(lambda: self.edit.setFocus(Qt.FocusReason.OtherFocusReason))
        self.results.itemActivated.connect(lambda _item: self.open_current())
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.everywhere)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.resize(640, 420)

    def start(self, submission: str | None) -> None:
        """Show the box over ``submission``'s evidence (all, when None), the cursor in it."""
        self.submission = submission
        self.everywhere.setEnabled(submission is not None)
        if submission is None:
            self.everywhere.setChecked(True)
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    def eventFilter(self, watched, event) -> bool:
        down = (
            isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        )
        if watched is self.edit and down and self.results.count():
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.results.currentRow() < 0:
                self.results.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    def _toggle_everywhere(self) -> None:
        if self.everywhere.isEnabled():
            self.everywhere.toggle()

    def search(self) -> None:
        text = self.edit.text()
        where = None if self.everywhere.isChecked() else self.submission
        self.hits, left = self.searcher(text, where) if text.strip() else ([], 0)
        self.results.clear()
        for hit in self.hits:
            item = QListWidgetItem(self._line(hit, where is None), self.results)
            item.setData(HIT_ROLE, hit)
        if not text.strip():
            self.status.clear()
        elif len(self.hits) >= MAX_HITS:
            self.status.setText(self.tr("The first {count} matches").format(count=len(self.hits)))
        elif self.hits:
            self.status.setText(self.tr("{count} matches").format(count=len(self.hits)))
        else:
            self.status.setText(self.tr("Not found in any evidence"))
        if left:
            self.status.setText(
                self.status.text()
                + self.tr(" ({left} files are still being indexed)").format(left=left)
            )
        if self.hits:
            self.results.setCurrentRow(0)

    def _line(self, hit: Hit, with_submission: bool) -> str:
        where = (
            self.tr("sheet {sheet}").format(sheet=shown(hit.label, TITLE_CHARS))
            if hit.label is not None
            else self.tr("p.{page}").format(page=hit.page)
        )
        head = f"{hit.submission_id}  " if with_submission else ""
        # the snippet is the page's text, as much the operator's as the title: shown()
        return f"{head}{shown(hit.title, TITLE_CHARS)} {where}: {shown(hit.snippet)}"

    def open_current(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.chosen.emit(item.data(HIT_ROLE))
        self.hide()
