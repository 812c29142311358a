"""Going through the organizer's steps: Back and Next, and what the current step still needs.

The steps are the window's tabs, in order; another tab added later (a read-only view) is
one more step with nothing to need. Next moves to the next enabled tab; the line between
the buttons says what the current step still needs, or that it is done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QWidget

from ui.plaintext import plain_label

Needs = Callable[[], str | None]  # what the step still needs, or None when it is done


class StepBar(QWidget):
    def __init__(self, tabs: QTabWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = tabs
        self.needs: dict[QWidget, Needs] = {}
        self.back = QPushButton(self.tr("< &Back"), self)
        self.back.setObjectName("backButton")
        self.next = QPushButton(self.tr("&Next >"), self)
        self.next.setObjectName("nextButton")
        self.status = plain_label("", self)
        self.status.setObjectName("stepNeeds")
        self.status.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 4)
        layout.addWidget(self.back)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.next)
        self.back.clicked.connect(lambda: self.go(-1))
        self.next.clicked.connect(lambda: self.go(+1))
        tabs.currentChanged.connect(lambda _index: self.refresh())

    def add_step(self, page: QWidget, title: str, needs: Needs | None = None) -> int:
        index = self.tabs.addTab(page, title)
        if needs is not None:
            self.needs[page] = needs
        return index

    def go(self, step: int) -> None:
        index = self.tabs.currentIndex() + step
        while 0 <= index < self.tabs.count() and not self.tabs.isTabEnabled(index):
            index += step
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)
            first_field(self.tabs.currentWidget()).setFocus(Qt.FocusReason.TabFocusReason)

    def refresh(self) -> None:
        index = self.tabs.currentIndex()
        later = [i for i in range(index + 1, self.tabs.count()) if self.tabs.isTabEnabled(i)]
        self.back.setEnabled(index > 0)
        self.next.setEnabled(bool(later))
        needs = self.needs.get(self.tabs.currentWidget())
        missing = needs() if needs is not None else None
        step = self.tabs.tabText(index)
        self.status.setText(
            self.tr("{step} still needs: {missing}").format(step=step, missing=missing)
            if missing
            else self.tr("{step}: done.").format(step=step)
        )
        self.status.setStyleSheet("color: #b45309;" if missing else "")


def first_field(page: QWidget) -> QWidget:
    """The first widget of ``page`` that Tab would reach (the page itself if none)."""
    widget = page.nextInFocusChain()
    while widget is not page and widget is not None:
        focusable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if page.isAncestorOf(widget) and focusable and widget.isEnabled() and widget.isVisible():
            return widget
        widget = widget.nextInFocusChain()
        if widget is page.nextInFocusChain():
            break
    return page
