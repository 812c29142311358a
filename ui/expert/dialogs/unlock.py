"""Unlocking a submitted session: a reason, which the edit log and the next result record."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.expert.dialogs.reason import ReasonEdit


class UnlockDialog(QDialog):
    def __init__(self, sequence: int, submitted_at: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(self.tr("Unlock the submitted scores"))
        intro = QLabel(
            self.tr(
                "Result {sequence} was submitted on {at}. Unlocking lets you change the scores;"
                " the chair will see the reason. Submit again afterwards: the new result"
                " {next} replaces result {sequence}. What was changed before the submission"
                " can no longer be undone."
            ).format(sequence=sequence, at=submitted_at, next=sequence + 1),
            self,
        )
        intro.setWordWrap(True)
        self.reason = ReasonEdit(self)
        self.reason.confirmRequested.connect(self._confirm)
        self.reason.setObjectName("unlockReason")
        self.reason.setPlaceholderText(self.tr("Reason, e.g. the chair asked to re-check 2.1"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Unlock"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda: self.ok.setEnabled(bool(self.reason_text())))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        label = QLabel(self.tr("&Reason:"), self)
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.resize(480, 280)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    def _confirm(self) -> None:
        """Enter in the reason: confirm when the dialog may be confirmed."""
        if self.ok.isEnabled():
            self.accept()
