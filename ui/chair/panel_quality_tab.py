"""The chair window's panel-quality tab: how far to trust the panel, as advice.

Shows the core's advice (``chair.panel_advice``) as plain text, the same tables the
workbook's sheet and the report's page hold, so the chair reads here what is printed
there. Computed when the tab is first shown for a merge state (a few hundred milliseconds
at most for 200 submissions x 30 experts), not on every reload of a hidden tab.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from expertscore.chair.panel_advice import advice_text
from ui.chair.state import ChairState
from ui.plaintext import plain


class PanelQualityTab(QWidget):
    def __init__(self, tabs: QTabWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = tabs
        self.state: ChairState | None = None
        self.shown_for: ChairState | None = None
        self.notice = plain(QLabel(self))
        self.notice.setWordWrap(True)
        self.notice.setText(
            self.tr(
                "Advice only: the official totals, grades and ranking follow the scheme and"
                " do not change with what is shown here."
            )
        )
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("panelQualityText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.text, 1)
        tabs.addTab(self, self.tr("Panel quality (advice)"))
        tabs.currentChanged.connect(lambda _index: self._refresh())

    def set_state(self, state: ChairState) -> None:
        self.state = state
        self._refresh()

    def _refresh(self) -> None:
        state = self.state
        if state is None or self.shown_for is state or self.tabs.currentWidget() is not self:
            return
        self.shown_for = state
        self.text.setPlainText(advice_text(state.outcome.advice))
