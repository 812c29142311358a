""" "Encrypt to …": a result file to the chair, a panel file to the authority, from the windows.

A check box, the key card or ``age`` recipients file, and whose it is (or why it cannot be
used), read by the core's ``read_recipients``, the reader of the command line's
``--encrypt-to``: the windows encrypt with the same recipients the command would. The
choice is remembered in the settings for its purpose, so the next file goes the same way.
``EncryptToDialog`` asks the same alone, after a file's path was chosen: a result file
written again, the chair's workbook or report.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertscore.errors import ExpertScoreError
from expertscore.identity.recipients import RecipientFile, read_recipients
from ui.messages import error_text
from ui.plaintext import plain, shown
from ui.settings import Settings

CHAIR = "chair"  # result files, the expert's
AUTHORITY = "authority"  # panel files, the chair's


class EncryptToField(QWidget):
    """Whether to encrypt, and to whom; ``changed`` whenever either changes."""

    changed = Signal()

    def __init__(self, purpose: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.purpose = purpose
        self.settings = Settings()
        self.chosen: RecipientFile | None = None
        self.problem: str | None = None
        self.encrypt = QCheckBox(text, self)
        self.encrypt.setObjectName("encryptTo")
        self.path = QLineEdit(self)
        self.path.setObjectName("encryptToPath")
        self.path.setPlaceholderText(self.tr("Key card (.eskeycard) or age recipients file"))
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.browse.setObjectName("encryptToChoose")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self._browse)
        self.whom = plain(QLabel(self))  # a card's owner name is the card's text: plain
        self.whom.setObjectName("encryptToWhom")
        self.whom.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.encrypt)
        layout.addLayout(row)
        layout.addWidget(self.whom)
        on, remembered = self.settings.encrypt_to(purpose)
        self.path.setText(remembered)
        self.encrypt.setChecked(on)
        self.encrypt.toggled.connect(self._update)
        self.path.textChanged.connect(self._update)
        self._update()

    def ready(self) -> bool:
        """Off, or on with a file that gives recipients."""
        return not self.encrypt.isChecked() or self.chosen is not None

    def recipients(self) -> list[str]:
        """The recipients to encrypt to; none when off."""
        if not self.encrypt.isChecked() or self.chosen is None:
            return []
        return list(self.chosen.recipients)

    def remember(self) -> None:
        """Keep the choice for the next file of this purpose (after a file was written)."""
        self.settings.set_encrypt_to(self.purpose, self.encrypt.isChecked(), self.path.text())

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Encrypt to"),
            self.path.text(),
            self.tr("Key cards (*.eskeycard);;All files (*)"),
        )
        if chosen:
            self.path.setText(chosen)

    def _update(self) -> None:
        on = self.encrypt.isChecked()
        self.path.setEnabled(on)
        self.browse.setEnabled(on)
        self.chosen, self.problem = None, None
        typed = self.path.text().strip()
        if on and typed:
            try:
                self.chosen = read_recipients(Path(typed))
            except (ExpertScoreError, OSError) as error:
                self.problem = error_text(error)
        if not on:
            self.whom.setText(self.tr("Not encrypted: whoever has the file can read it."))
        elif self.chosen is not None:
            owner = self.chosen.owner
            self.whom.setText(
                self.tr("Encrypted to {owner}.").format(owner=shown(owner))
                if owner
                else self.tr("Encrypted to {count} age recipients.").format(
                    count=len(self.chosen.recipients)
                )
            )
        else:
            self.whom.setText(self.problem or self.tr("Choose the key card to encrypt to."))
        self.changed.emit()


class EncryptToDialog(QDialog):
    """Write a file plain or encrypted, as the remembered choice for ``purpose`` says
    until changed here; "Write" keeps the choice, ``recipients()`` is whom to encrypt to."""

    def __init__(self, purpose: str, text: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("encryptToDialog")
        self.setWindowTitle(title)
        self.encrypt_to = EncryptToField(purpose, text, self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Write"))
        self.ok.setDefault(True)
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
