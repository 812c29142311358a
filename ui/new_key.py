"""Making a signing key of a role that is never on a roster: the organizer's or the chair's.

The organizer signs the batch package, the chair the panel's results. Neither may sign with
an expert's key (the core refuses it), so a machine without one gets it made here: an id,
the name it signs with and a passphrase typed twice; scrypt runs on the worker thread. The
chair's key card is saved at once (the organizer encrypts the package to it, the experts
their result files). The expert's own key is made at first submission
(``ui.expert.dialogs.passphrase.CreateKeyDialog``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
from expertscore.identity.keycard import CARD_SUFFIX, make_card, write_card
from expertscore.identity.keys import CHAIR, MIN_PASSPHRASE, ORGANIZER, ExpertKey, create_key
from ui.chair.texts import failure_text
from ui.tasks import BackgroundOp

ERROR_STYLE = "color: #b91c1c;"
DEFAULT_ID = {ORGANIZER: "ORG", CHAIR: "CHAIR"}


@dataclass(frozen=True)
class MadeKey:
    key: ExpertKey
    card: Path | None  # the key card saved, for a chair's key


def card_beside_home(key_id: str) -> Path:
    return Path.home() / f"{key_id}{CARD_SUFFIX}"


class NewRoleKeyDialog(QDialog):
    """Make an organizer's or a chair's key: its id, its name, the passphrase twice."""

    made = Signal(object)  # MadeKey

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
        self.card: QLineEdit | None = None
        if role == CHAIR:  # its card goes to the organizer and the experts
            self.card = QLineEdit(str(card_beside_home(self.key_id.text())), self)
            self.card.setObjectName("newKeyCard")
            self.key_id.textEdited.connect(self._follow_id)
            form.addRow(self.tr("Key &card to:"), self.card)
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
        self.resize(480, 0)

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
        card = Path(self.card.text().strip()) if self.card is not None else None
        if card is not None and not card.name:
            self.message.setText(self.tr("Say where the key card goes."))
            return
        self.ok.setEnabled(False)

        def work(_report) -> MadeKey:
            key = create_key(key_id, name, passphrase, role=role, algorithm=algorithm)
            return MadeKey(key, None if card is None else write_card(make_card(key), card))

        BackgroundOp(self, work).success(self._made).failure(self._failed).run()

    def _follow_id(self, key_id: str) -> None:
        """The card's file name follows the id until the path is edited by hand."""
        if self.card is not None and not self.card.isModified():
            self.card.setText(str(card_beside_home(key_id.strip() or DEFAULT_ID[self.role])))

    def _made(self, made: MadeKey) -> None:
        self.key = made.key
        self.made.emit(made)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.setText(failure_text(error))
