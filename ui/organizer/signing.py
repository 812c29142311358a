"""Signing the round: the organizer's keys of this computer, and making one.

Only keys made with the role ``organizer`` are offered, and none that is on the roster
(the core refuses those anyway: a panel member who signed the package could pin any key).
When there is none, the organizer makes one here: an id, the name it signs with and a
passphrase; scrypt runs on the worker thread.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertscore.crypto.dsse import ED25519
from expertscore.identity.keys import MIN_PASSPHRASE, ORGANIZER, ExpertKey, KeyInfo, create_key
from ui.chair.texts import failure_text
from ui.plaintext import shown
from ui.tasks import BackgroundOp

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


class NewOrganizerKeyDialog(QDialog):
    """Make an organizer key: its id, the name it signs with, the passphrase twice."""

    made = Signal(object)  # ExpertKey

    def __init__(self, name: str, parent: QWidget | None = None, algorithm: str = ED25519) -> None:
        super().__init__(parent)
        self.algorithm = algorithm  # the round's: the key signs its package
        self.setObjectName("newOrganizerKeyDialog")
        self.setWindowTitle(self.tr("New organizer key"))
        self.key: ExpertKey | None = None
        self.key_id = QLineEdit("ORG", self)
        self.key_id.setObjectName("newKeyId")
        self.name = QLineEdit(name, self)
        self.name.setObjectName("newKeyName")
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("newKeyPassphrase")
        self.again = QLineEdit(self)
        self.again.setObjectName("newKeyAgain")
        for field in (self.passphrase, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("newKeyMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        intro = QLabel(
            self.tr(
                "The batch package is signed with this key. It is an organizer key: it can"
                " never be on a panel's roster. Keep the passphrase safe; it cannot be"
                " recovered."
            ),
            self,
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Key id:"), self.key_id)
        form.addRow(self.tr("Signs as:"), self.name)
        form.addRow(self.tr("Passphrase:"), self.passphrase)
        form.addRow(self.tr("Passphrase again:"), self.again)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Make the key"))
        buttons.accepted.connect(self.make)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def make(self) -> None:
        passphrase = self.passphrase.text()
        if len(passphrase) < MIN_PASSPHRASE:
            self.message.setText(
                self.tr("A passphrase needs at least {count} characters.").format(
                    count=MIN_PASSPHRASE
                )
            )
            return
        if passphrase != self.again.text():
            self.message.setText(self.tr("The two passphrases differ."))
            return
        key_id, name = self.key_id.text().strip(), self.name.text().strip()
        algorithm = self.algorithm
        self.ok.setEnabled(False)

        def work(_report) -> ExpertKey:
            return create_key(key_id, name, passphrase, role=ORGANIZER, algorithm=algorithm)

        BackgroundOp(self, work).success(self._made).failure(self._failed).run()

    def _made(self, key: ExpertKey) -> None:
        self.key = key
        self.made.emit(key)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(failure_text(error))
