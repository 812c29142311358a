"""Whether the chair's workbook or report is written encrypted to the authority.

Asked after the file is chosen, with the choice the panel-file export remembers (the same
authority, ``ui.encrypt_to.AUTHORITY``): "Write" writes it plain or encrypted as shown, and
the choice is kept for the next export. ``recipients()`` is what the export encrypts to.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ui.encrypt_to import AUTHORITY, EncryptToField


class EncryptOutputDialog(QDialog):
    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("encryptOutputDialog")
        self.setWindowTitle(title)
        self.encrypt_to = EncryptToField(AUTHORITY, text, self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Write"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.encrypt_to.changed.connect(self._ready)
        layout = QVBoxLayout(self)
        layout.addWidget(self.encrypt_to)
        layout.addWidget(self.buttons)
        self.resize(560, 0)
        self._ready()

    def _ready(self) -> None:
        self.ok.setEnabled(self.encrypt_to.ready())

    def recipients(self) -> list[str]:
        return self.encrypt_to.recipients()

    def accept(self) -> None:
        if not self.encrypt_to.ready():  # said below the check box already
            return
        self.encrypt_to.remember()
        super().accept()
