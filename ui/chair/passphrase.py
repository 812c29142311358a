"""Unlocking a signing key of this computer with its passphrase (the chair's, the organizer's).

The keys in the data folder are listed with their owner and fingerprint (only those of the
role that signs the file, when one is given: the core refuses the others); the passphrase
opens the chosen one on the worker thread (scrypt takes a moment on purpose). A wrong
passphrase is said in the dialog, which stays open. ``key`` holds the unlocked key after
the dialog is accepted; it lives only in memory.
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

from expertscore.identity.keys import (
    CHAIR,
    ExpertKey,
    KeyInfo,
    WrongPassphrase,
    list_keys,
    open_key,
)
from ui.chair.texts import failure_text
from ui.new_key import MadeKey, NewRoleKeyDialog
from ui.plaintext import shown
from ui.tasks import BackgroundOp


class PassphraseDialog(QDialog):
    unlocked = Signal(object)  # ExpertKey

    def __init__(
        self,
        purpose: str,
        parent: QWidget | None = None,
        preferred: str | None = None,
        allow_unsigned: bool = False,
        role: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle(self.tr("Sign with your key"))
        self.key: ExpertKey | None = None
        self.unsigned = False
        listing = list_keys()
        self.keys: list[KeyInfo] = [k for k in listing.keys if role is None or k.role == role]
        intro = QLabel(purpose, self)
        intro.setWordWrap(True)
        self.choice = QComboBox(self)
        self.choice.setObjectName("keyChoice")
        for info in self.keys:
            self.choice.addItem(
                f"{info.expert_id}  {info.name}  ({info.fingerprint})", info.expert_id
            )
        if allow_unsigned:
            self.choice.addItem(self.tr("Do not sign"), "")
        if preferred is not None:
            found = self.choice.findData(preferred)
            if found >= 0:
                self.choice.setCurrentIndex(found)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("passphraseMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.maker: NewRoleKeyDialog | None = None  # the new-key dialog while open
        self.new_key: QPushButton | None = None
        if role == CHAIR:  # a chair on a new computer makes the key here, not by command
            self.new_key = QPushButton(self.tr("&New chair key…"), self)
            self.new_key.setObjectName("newChairKey")
            self.new_key.setAutoDefault(False)
            self.new_key.clicked.connect(self._make_chair_key)
        if not self.keys and role == CHAIR:
            self.message.setText(
                self.tr(
                    "There is no chair's key on this computer yet: make one with New chair key."
                )
            )
        elif not self.keys:
            self.message.setText(
                self.tr(
                    "There is no key on this computer. Make one with"
                    " “expertscore key new --expert ID --name NAME”."
                )
            )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Unlock and sign"))
        self.ok.setEnabled(self.choice.count() > 0)
        self.buttons.accepted.connect(self.unlock)
        self.buttons.rejected.connect(self.reject)
        self.choice.currentIndexChanged.connect(self._choice_changed)
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.choice, 1)
        if self.new_key is not None:
            row.addWidget(self.new_key)
        key_label = QLabel(self.tr("&Key:"), self)
        key_label.setBuddy(self.choice)  # a row of two widgets gets no buddy of its own
        form.addRow(key_label, row)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._choice_changed()
        (self.passphrase if self.keys else self.new_key or self.choice).setFocus()
        self.resize(520, 220)

    def _make_chair_key(self) -> None:
        dialog = NewRoleKeyDialog(CHAIR, "", self)
        dialog.made.connect(self._chair_key_made)
        dialog.finished.connect(self._back_from_maker)
        self.maker = dialog
        dialog.open()

    def _chair_key_made(self, made: MadeKey) -> None:
        info = made.key.info
        self.keys.append(info)
        self.choice.addItem(f"{info.expert_id}  {info.name}  ({info.fingerprint})", info.expert_id)
        self.choice.setCurrentIndex(self.choice.findData(info.expert_id))
        self.ok.setEnabled(True)
        self.message.setText(
            self.tr(
                "Key made; its key card is in {card}: give it to the organizer and the"
                " experts. Type the key's passphrase to sign."
            ).format(card=shown(str(made.card)))
        )

    def _back_from_maker(self) -> None:
        # The focus goes back where it was when the maker closes: move it on from there.
        self.activateWindow()
        (self.passphrase if self.keys else self.new_key or self.choice).setFocus()

    def _choice_changed(self) -> None:
        self.passphrase.setEnabled(bool(self.choice.currentData()))

    def unlock(self) -> None:
        expert_id = self.choice.currentData()
        if expert_id == "":
            self.unsigned = True
            self.accept()
            return
        if not expert_id:
            return
        passphrase = self.passphrase.text()
        self.ok.setEnabled(False)
        self.message.setText(self.tr("Unlocking…"))
        BackgroundOp(self, lambda _report: open_key(expert_id, passphrase)).success(
            self._unlocked
        ).failure(self._failed).run()

    def _unlocked(self, key: ExpertKey) -> None:
        self.key = key
        self.message.clear()
        self.unlocked.emit(key)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        if isinstance(error, WrongPassphrase):
            self.message.setText(self.tr("The passphrase does not open this key."))
        else:
            self.message.setText(failure_text(error))
        self.passphrase.selectAll()
        self.passphrase.setFocus()
