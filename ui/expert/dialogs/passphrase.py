"""The expert's key: made on first use (passphrase twice, key card for the chair), and opened
with the passphrase, a wrong one being said in place so the expert can try again.

Making and opening a key run on the worker (``ui.expert.identity``); the dialog stays open and
its buttons wait meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertscore.crypto.dsse import SM2
from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import ExpertKey, KeyInfo
from ui.expert.identity import MIN_PASSPHRASE, CreatedKey, KeyOpener, Owner, make_key
from ui.messages import error_text
from ui.plaintext import plain_label
from ui.tasks import BackgroundOp, Report

ERROR_STYLE = "color: #b91c1c;"


def passphrase_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("errorLabel")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def grow_to_fit(dialog: QDialog) -> None:
    """Make room for a message that appeared (wrapped labels need more height than shown)."""
    layout = dialog.layout()
    if layout is None:
        return
    width = dialog.width()
    need = (
        layout.totalHeightForWidth(width)
        if layout.hasHeightForWidth()
        else layout.totalSizeHint().height()
    )
    if need > dialog.height():
        dialog.resize(width, need)


class CreateKeyDialog(QDialog):
    """First use: make the expert's signing key and save the key card the chair pins."""

    def __init__(self, owner: Owner, card_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("createKeyDialog")
        self.setWindowTitle(self.tr("Make your signing key"))
        self.owner = owner
        self.created: CreatedKey | None = None
        intro = QLabel(
            self.tr(
                "You have no signing key on this computer yet. Your result file is signed with"
                " it, so the chair can tell it is yours and unchanged. The key is kept here,"
                " encrypted with a passphrase of at least {minimum} characters: choose one you"
                " will remember, nobody can recover it."
            ).format(minimum=MIN_PASSPHRASE),
            self,
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(owner.name, self)
        self.name.setObjectName("keyName")
        self.organization = QLineEdit(owner.organization or "", self)
        self.organization.setObjectName("keyOrganization")
        self.passphrase = passphrase_edit(self, "newPassphrase")
        self.repeat = passphrase_edit(self, "repeatPassphrase")
        self.hint = QLabel(self)
        self.hint.setObjectName("passphraseHint")
        self.hint.setWordWrap(True)
        self.save_card = QCheckBox(self.tr("Save my key card for the chair:"), self)
        self.save_card.setObjectName("saveCard")
        self.save_card.setChecked(True)
        self.card_path = QLineEdit(str(card_path), self)
        self.card_path.setObjectName("cardPath")
        browse = QPushButton(self.tr("Choose…"), self)
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        card_row = QHBoxLayout()
        card_row.addWidget(self.card_path, 1)
        card_row.addWidget(browse)
        card_note = QLabel(
            self.tr(
                "Send the key card to the chair before the session; they pin it on the roster."
            ),
            self,
        )
        card_note.setWordWrap(True)
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("Expert:"), plain_label(owner.expert_id, self))
        if owner.algorithm == SM2:  # said only when it is not the usual Ed25519
            algorithm = QLabel(self.tr("SM2 (national SM2/SM3 cryptography), as the batch asks"))
            algorithm.setObjectName("keyAlgorithm")
            form.addRow(self.tr("Algorithm:"), algorithm)
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Organization:"), self.organization)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("&Repeat it:"), self.repeat)
        form.addRow("", self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Make key"))
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.name, self.passphrase, self.repeat, self.card_path):
            edit.textChanged.connect(self._update)
        self.save_card.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.save_card)
        layout.addLayout(card_row)
        layout.addWidget(card_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 0)
        self._update()
        self.passphrase.setFocus()

    def _problem(self) -> str | None:
        """Why the key cannot be made yet, or None."""
        if not self.name.text().strip():
            return self.tr("Your name is needed.")
        typed = self.passphrase.text()
        if len(typed) < MIN_PASSPHRASE:
            return self.tr(
                "The passphrase needs at least {minimum} characters ({count} now)."
            ).format(minimum=MIN_PASSPHRASE, count=len(typed))
        if self.repeat.text() != typed:
            return self.tr("The two passphrases differ.")
        if self.save_card.isChecked() and not self.card_path.text().strip():
            return self.tr("Say where the key card goes.")
        return None

    def _update(self) -> None:
        problem = self._problem()
        self.hint.setText(problem or self.tr("The passphrases match."))
        self.hint.setStyleSheet("" if problem is None else "color: palette(placeholder-text);")
        self.card_path.setEnabled(self.save_card.isChecked())
        self.ok.setEnabled(problem is None)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Key card"), self.card_path.text(), self.tr("Key cards (*.eskeycard)")
        )
        if chosen:
            self.card_path.setText(chosen)

    def create(self) -> None:
        if self._problem() is not None:
            return
        owner = Owner(
            self.owner.expert_id,
            self.name.text().strip(),
            self.organization.text().strip() or None,
            self.owner.algorithm,
        )
        passphrase = self.passphrase.text()
        card = Path(self.card_path.text().strip()) if self.save_card.isChecked() else None
        self._busy(True)

        def work(_report: Report) -> CreatedKey:
            return make_key(owner, passphrase, card)

        BackgroundOp(self, work).success(self._created).failure(self._failed).run()

    def _busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        if busy:
            self.error.hide()
            self.hint.setText(self.tr("Making your key…"))
        else:
            self._update()

    def _created(self, created: CreatedKey) -> None:
        self.created = created
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, ExpertScoreError | OSError):
            raise error
        self._busy(False)
        self.error.setText(error_text(error))
        self.error.show()
        grow_to_fit(self)


class OpenKeyDialog(QDialog):
    """Opens the expert's key for one signature (e.g. their key card)."""

    def __init__(self, info: KeyInfo, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openKeyDialog")
        self.setWindowTitle(self.tr("Your passphrase"))
        self.info = info
        self.key: ExpertKey | None = None
        text = QLabel(purpose, self)
        text.setWordWrap(True)
        self.passphrase = passphrase_edit(self, "passphrase")
        self.error = error_label(self)
        form = QFormLayout()
        form.addRow(
            self.tr("Key:"),
            plain_label(f"{info.name} ({info.expert_id}) · {info.fingerprint}", self),
        )
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)
        self.opener = KeyOpener(self)
        self.opener.opened.connect(self._opened)
        self.opener.failed.connect(self._failed)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(460, 0)

    def attempt(self) -> None:
        if self.opener.busy or not self.passphrase.text():
            return
        self.buttons.setEnabled(False)
        self.opener.open(self.info.expert_id, self.passphrase.text())

    def _opened(self, key: ExpertKey) -> None:
        self.key = key
        self.accept()

    def _failed(self, message: str, _wrong: bool) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)
        self.error.show()
        grow_to_fit(self)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
