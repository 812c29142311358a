"""The passphrase of an encrypted session: chosen twice when the session is made, typed once
to open it (a dialog) or to go on after the window locked itself (the lock page).

A wrong passphrase is said in place, the field cleared for another try; nothing is
written to the session meanwhile. Deriving the key takes about a quarter of a second, on
the interface thread under a wait cursor: short enough, and the window has nothing else
to do until the session is open.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertscore.errors import ExpertScoreError
from expertscore.storage import cipher
from ui.expert.dialogs.passphrase import error_label, passphrase_edit
from ui.messages import error_text
from ui.plaintext import plain_label


class UnlockForm(QWidget):
    """A passphrase field and an Open button; ``unlocked`` once the key opens the file."""

    unlocked = Signal()

    def __init__(self, path: Path, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        text = QLabel(intro, self)
        text.setWordWrap(True)
        self.passphrase = passphrase_edit(self, "sessionPassphrase")
        self.passphrase.returnPressed.connect(self.attempt)
        self.error = error_label(self)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.setObjectName("unlockSessionButton")
        self.open_button.clicked.connect(self.attempt)
        form = QFormLayout()
        form.addRow(self.tr("Session:"), plain_label(path.name, self))
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setFocusProxy(self.passphrase)

    def attempt(self) -> None:
        typed = self.passphrase.text()
        if not typed:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            cipher.unlock(self.path, typed)
        except cipher.WrongSessionPassphrase:
            self._say(self.tr("Wrong passphrase; nothing was changed. Try again."))
            return
        except (ExpertScoreError, OSError) as error:
            self._say(error_text(error))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.passphrase.clear()
        self.error.hide()
        self.unlocked.emit()

    def _say(self, text: str) -> None:
        self.passphrase.clear()
        self.error.setText(text)
        self.error.show()
        self.passphrase.setFocus()


class UnlockSessionDialog(QDialog):
    """Asks once for the passphrase of the encrypted session at ``path``."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockSessionDialog")
        self.setWindowTitle(self.tr("Open the encrypted session"))
        self.form = UnlockForm(
            path, self.tr("This session is encrypted. Type its passphrase to open it."), self
        )
        self.form.unlocked.connect(self.accept)
        cancel = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        cancel.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(cancel)
        self.resize(460, 0)
        self.form.passphrase.setFocus()


class NewPassphraseFields(QWidget):
    """Whether a new session is encrypted, and its passphrase typed twice."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.encrypt = QCheckBox(self.tr("&Encrypt the session file with a passphrase"), self)
        self.encrypt.setObjectName("encryptSession")
        # On by default: a lost laptop or USB stick must not give away the operators' data.
        self.encrypt.setChecked(True)
        self.passphrase = passphrase_edit(self, "newSessionPassphrase")
        self.repeat = passphrase_edit(self, "repeatSessionPassphrase")
        self.hint = QLabel(self)
        self.hint.setObjectName("sessionPassphraseHint")
        self.hint.setWordWrap(True)
        note = QLabel(
            self.tr(
                "Opening the session asks for it; nobody can recover it. Without encryption"
                " anyone who has the file can read the operators' data."
            ),
            self,
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Pass&phrase:"), self.passphrase)
        form.addRow(self.tr("Repeat &it:"), self.repeat)
        form.addRow("", self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.encrypt)
        layout.addLayout(form)
        layout.addWidget(note)
        for edit in (self.passphrase, self.repeat):
            edit.textChanged.connect(self._update)
        self.encrypt.toggled.connect(self._update)
        self._update()

    def problem(self) -> str | None:
        """Why the choice is not complete yet, or None."""
        if not self.encrypt.isChecked() or not self.isEnabled():
            return None
        typed = self.passphrase.text()
        if len(typed) < cipher.MIN_SESSION_PASSPHRASE:
            return self.tr(
                "The passphrase needs at least {minimum} characters ({count} now)."
            ).format(minimum=cipher.MIN_SESSION_PASSPHRASE, count=len(typed))
        if self.repeat.text() != typed:
            return self.tr("The two passphrases differ.")
        return None

    def new_passphrase(self) -> str | None:
        """The chosen passphrase, or None for a plain session."""
        if not self.encrypt.isChecked() or not self.isEnabled():
            return None
        return self.passphrase.text()

    def _update(self) -> None:
        on = self.encrypt.isChecked()
        self.passphrase.setEnabled(on)
        self.repeat.setEnabled(on)
        problem = self.problem()
        self.hint.setText("" if not on else problem or self.tr("The passphrases match."))
        self.changed.emit()
