"""The banner across the top of the window while the scores are submitted and locked."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.app import icon

STYLE = (
    "#lockBanner { background: #ecfdf5; border: 1px solid #16a34a; border-radius: 4px; }"
    " #lockBanner QLabel { color: #14532d; }"
)


def shown_time(text: str) -> str:
    """A stored ISO time as the expert reads it: ``2025-06-01 10:00``."""
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text


class LockBanner(QFrame):
    printRequested = Signal()
    unlockRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockBanner")
        self.setStyleSheet(STYLE)
        self.text = QLabel(self)
        self.text.setObjectName("lockText")
        self.text.setWordWrap(True)
        print_button = QPushButton(icon("print"), self.tr("Print filled sheet…"), self)
        print_button.setAutoDefault(False)
        print_button.clicked.connect(self.printRequested.emit)
        self.unlock_button = QPushButton(icon("unlock"), self.tr("Unlock…"), self)
        self.unlock_button.setObjectName("bannerUnlock")
        self.unlock_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self.unlockRequested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(print_button)
        layout.addWidget(self.unlock_button)
        self.hide()

    def show_locked(self, sequence: int, submitted_at: str, digest: str) -> None:
        headline = self.tr("Submitted, locked")
        detail = self.tr(
            "Result {sequence} submitted {at} · SHA-256 {digest}… · Nothing can be changed"
            " until you unlock the scores with a reason."
        ).format(sequence=sequence, at=shown_time(submitted_at), digest=digest[:16])
        self.text.setText(f"<b style='font-size:12pt'>{headline}</b>&nbsp;&nbsp;{detail}")
        self.show()
