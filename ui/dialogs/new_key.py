"""Making a signing key of a role that is never on a roster: the organizer's or the chair's.

The organizer signs the batch package, the chair the panel's results. Neither may sign with
an expert's key (the core refuses it), so a machine without one gets it made here: an id,
the name it signs with and a passphrase typed twice; scrypt runs on the worker thread. The
expert's own key is made by ``ui.dialogs.passphrase.CreateKeyDialog`` at first submission.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from expertscore.crypto.dsse import ED25519
from expertscore.identity.keys import CHAIR, MIN_PASSPHRASE, ORGANIZER, ExpertKey, create_key
from ui.chair.texts import failure_text
from ui.tasks import BackgroundOp

ERROR_STYLE = "color: #b91c1c;"
DEFAULT_ID = {ORGANIZER: "ORG", CHAIR: "CHAIR"}


class NewRoleKeyDialog(QDialog):
    """Make an organizer's or a chair's key: its id, its name, the passphrase twice."""

    made = Signal(object)  # ExpertKey

    def __init__(
        self, role: str, name: str, parent: QWidget | None = None, algorithm: str = ED25519
    ) -> None:
        super().__init__(parent)
        if role not in DEFAULT_ID:
            raise ValueError(f"no key of role {role!r} is made here")
        self.role = role
        self.algorithm = algorithm  # the batch's: the key signs its files
        self.setObjectName("newRoleKeyDialog")
        self.key: ExpertKey | None = None
        self.key_id = QLineEdit(DEFAULT_ID[role], self)
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
        if role == ORGANIZER:
            self.setWindowTitle(self.tr("New organizer key"))
            about = self.tr(
                "The batch package is signed with this key. It is an organizer key: it can"
                " never be on a panel's roster. Keep the passphrase safe; it cannot be"
                " recovered."
            )
        else:
            self.setWindowTitle(self.tr("New chair key"))
            about = self.tr(
                "The panel's results are signed with this key, and files encrypted to the"
                " chair are opened with it. It is a chair key: it can never sign an expert's"
                " scores. Keep the passphrase safe; it cannot be recovered."
            )
        intro = QLabel(about, self)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Key &id:"), self.key_id)
        form.addRow(self.tr("&Signs as:"), self.name)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("Passphrase &again:"), self.again)
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
        (self.name if not name else self.passphrase).setFocus()

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
        role, algorithm = self.role, self.algorithm
        self.ok.setEnabled(False)

        def work(_report) -> ExpertKey:
            return create_key(key_id, name, passphrase, role=role, algorithm=algorithm)

        BackgroundOp(self, work).success(self._made).failure(self._failed).run()

    def _made(self, key: ExpertKey) -> None:
        self.key = key
        self.made.emit(key)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(failure_text(error))
