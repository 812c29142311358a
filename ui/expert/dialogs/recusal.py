"""Declaring a conflict of interest: a reason, confirmed once, and final."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.expert.dialogs.reason import ReasonEdit
from ui.plaintext import plain_label, shown


class RecusalDialog(QDialog):
    def __init__(self, submission: str, platform: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recusalDialog")
        self.setWindowTitle(self.tr("Declare a conflict of interest"))
        intro = plain_label(
            self.tr(
                "You declare that you cannot score {submission} {platform} impartially."
                " The submission will not be scored by you and the chair will see the"
                " reason. This is final: it cannot be undone."
            ).format(submission=submission, platform=shown(platform)),
            self,
        )
        intro.setWordWrap(True)
        self.reason = ReasonEdit(self)
        self.reason.confirmRequested.connect(self._confirm)
        self.reason.setObjectName("recusalReason")
        self.reason.setPlaceholderText(self.tr("Reason, e.g. consulted for the operator in 2023"))
        self.confirm = QCheckBox(self.tr("&I understand that this cannot be undone"), self)
        self.confirm.setObjectName("recusalConfirm")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Recuse"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update)
        self.confirm.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        label = QLabel(self.tr("&Reason:"), self)
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)
        self.resize(480, 300)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.reason_text()) and self.confirm.isChecked())

    def _confirm(self) -> None:
        """Enter in the reason: confirm when the dialog may be confirmed."""
        if self.ok.isEnabled():
            self.accept()
