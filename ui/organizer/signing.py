"""Signing the round: the organizer's keys of this computer, and making one.

Only keys made with the role ``organizer`` are offered, and none that is on the roster
(the core refuses those anyway: a panel member who signed the package could pin any key).
When there is none, the organizer makes one (``ui.new_key``): an id, the name it
signs with and a passphrase.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertscore.identity.keys import KeyInfo
from ui.plaintext import shown

ERROR_STYLE = "color: #b91c1c;"


class SignPanel(QWidget):
    """The key to sign with (organizer keys only) and its passphrase."""

    makeKey = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QComboBox(self)
        self.choice.setObjectName("signingKey")
        self.new_key = QPushButton(self.tr("New organizer key…"), self)
        self.new_key.setObjectName("newOrganizerKey")
        self.new_key.clicked.connect(self.makeKey)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("signingPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("the passphrase of the organizer key"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.choice, 1)
        row.addWidget(self.new_key)
        layout = QVBoxLayout(self)  # the passphrase is the page's next row
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)

    def set_keys(self, keys: list[KeyInfo], preferred: str | None = None) -> None:
        current = preferred or self.choice.currentData()
        self.choice.clear()
        for info in keys:
            self.choice.addItem(
                shown(f"{info.name} ({info.expert_id}, {info.fingerprint})"), info.expert_id
            )
        if not keys:
            self.choice.addItem(self.tr("no organizer key on this computer: make one"), "")
        found = self.choice.findData(current)
        if found >= 0:
            self.choice.setCurrentIndex(found)
        self.passphrase.setEnabled(bool(keys))

    def key_id(self) -> str | None:
        return self.choice.currentData() or None
