"""Going through the organizer's steps: Back and Next, and what the current step still needs.

The steps are some of the window's tabs, in order; a tab added with ``add_view`` (the
read-only registry) is not a step: Back and Next never land on it, and from it Back returns
to the last step. Next moves to the next enabled step; the line between the buttons says
what the current step still needs, or that it is done.
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
        self.pages: list[QWidget] = []  # the steps, in order (views are not steps)
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
        self.pages.append(page)
        if needs is not None:
            self.needs[page] = needs
        return index

    def add_view(self, page: QWidget, title: str) -> int:
        """A tab that is not a step: shown, never stepped onto by Back or Next."""
        return self.tabs.addTab(page, title)

    def _step_indexes(self) -> list[int]:
        """The tab indexes of the enabled steps, in order."""
        indexes = (self.tabs.indexOf(page) for page in self.pages)
        return [i for i in indexes if i >= 0 and self.tabs.isTabEnabled(i)]

    def _target(self, step: int) -> int | None:
        """The enabled step before (``step`` -1) or after (+1) the current tab, if any."""
        index = self.tabs.currentIndex()
        steps = self._step_indexes()
        found = [i for i in steps if i > index] if step > 0 else [i for i in steps if i < index]
        if not found:
            return None
        return found[0] if step > 0 else found[-1]

    def go(self, step: int) -> None:
        index = self._target(step)
        if index is not None:
            self.tabs.setCurrentIndex(index)
            first_field(self.tabs.currentWidget()).setFocus(Qt.FocusReason.TabFocusReason)

    def refresh(self) -> None:
        index = self.tabs.currentIndex()
        self.back.setEnabled(self._target(-1) is not None)
        self.next.setEnabled(self._target(+1) is not None)
        step = self.tabs.tabText(index)
        if self.tabs.currentWidget() not in self.pages:
            self.status.setText(
                self.tr("{view}: read only, not a step of the round.").format(view=step)
            )
            self.status.setStyleSheet("")
            return
        needs = self.needs.get(self.tabs.currentWidget())
        missing = needs() if needs is not None else None
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
