"""What the expert's window shows with no session open: how to open one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    def __init__(self, choose_file: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        text = QLabel(
            self.tr("Open the batch package from the organizer, or your session file."), self
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button = QPushButton(self.tr("Open package or session…"), self)
        button.clicked.connect(choose_file)
        drop = QLabel(self.tr("You can also drop the file on this window."), self)
        drop.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(drop)
        layout.addStretch(1)
