"""The banner across the top of the window while the scores are submitted and locked, or
unlocked and not yet submitted again (the chair then still has the older result)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from expertscore.storage.models import ResultRecord
from ui.app import icon

STYLE = (
    "#lockBanner { background: #ecfdf5; border: 1px solid #16a34a; border-radius: 4px; }"
    " #lockBanner QLabel { color: #14532d; }"
)
UNLOCKED_STYLE = (
    "#lockBanner { background: #fffbeb; border: 1px solid #d97706; border-radius: 4px; }"
    " #lockBanner QLabel { color: #78350f; }"
)


def shown_time(text: str) -> str:
    """A stored ISO time as the expert reads it: ``2025-06-01 10:00``."""
    try:
        return datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text


def unlocked_text(record: ResultRecord) -> str:
    """What the unlocked, not resubmitted state means, for the banner and the warnings."""
    return QCoreApplication.translate(
        "LockBanner",
        "Unlocked {at} ({reason}). The chair still has result {sequence}: what you change"
        " now reaches the chair only when you submit again.",
    ).format(
        at=shown_time(record.unlocked_at or ""),
        reason=record.unlock_reason or "",
        sequence=record.sequence,
    )


def status_text(state: str) -> str:
    """The banner's headline for the status bar: ``locked`` or ``unlocked``."""
    if state == "locked":
        return QCoreApplication.translate("LockBanner", "Submitted, locked")
    return QCoreApplication.translate("LockBanner", "Unlocked, not submitted again")


def unlocked_box(parent: QWidget, record: ResultRecord, quitting: bool) -> QMessageBox:
    """The warning on quitting (Quit anyway / Cancel) or on reopening (OK)."""
    box = QMessageBox(parent)
    box.setObjectName("unlockedWarning")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("LockBanner", "Not submitted again"))
    box.setText(
        QCoreApplication.translate(
            "LockBanner", "Your scores are unlocked and not submitted again."
        )
    )
    box.setInformativeText(unlocked_text(record))
    if quitting:
        quit_text = QCoreApplication.translate("LockBanner", "&Quit anyway")
        box.addButton(quit_text, QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(stay)  # Enter and Esc keep the window open
        box.setEscapeButton(stay)
    else:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box


class LockBanner(QFrame):
    printRequested = Signal()
    unlockRequested = Signal()
    submitRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockBanner")
        self.setStyleSheet(STYLE)
        self.text = QLabel(self)
        self.text.setObjectName("lockText")
        self.text.setWordWrap(True)
        print_button = QPushButton(icon("print"), self.tr("Print filled sheet…"), self)
        print_button.setAutoDefault(False)
        print_button.clicked.connect(self.printRequested.emit)
        self.unlock_button = QPushButton(icon("unlock"), self.tr("Unlock…"), self)
        self.unlock_button.setObjectName("bannerUnlock")
        self.unlock_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self.unlockRequested.emit)
        self.submit_button = QPushButton(icon("submit"), self.tr("Submit again…"), self)
        self.submit_button.setObjectName("bannerSubmit")
        self.submit_button.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submitRequested.emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(print_button)
        layout.addWidget(self.unlock_button)
        layout.addWidget(self.submit_button)
        self.state = ""  # "locked", "unlocked" (not submitted again) or ""
        self.hide()

    def show_unlocked(self, record: ResultRecord) -> None:
        self.state = "unlocked"
        self.setStyleSheet(UNLOCKED_STYLE)
        headline = status_text("unlocked")
        self.text.setText(
            f"<b style='font-size:12pt'>{headline}</b>&nbsp;&nbsp;{unlocked_text(record)}"
        )
        self.unlock_button.hide()
        self.submit_button.show()
        self.show()

    def show_nothing(self) -> None:
        self.state = ""
        self.hide()

    def show_locked(self, sequence: int, submitted_at: str, digest: str) -> None:
        self.state = "locked"
        self.setStyleSheet(STYLE)
        self.unlock_button.show()
        self.submit_button.hide()
        headline = status_text("locked")
        detail = self.tr(
            "Result {sequence} submitted {at} · SHA-256 {digest}… · Nothing can be changed"
            " until you unlock the scores with a reason."
        ).format(sequence=sequence, at=shown_time(submitted_at), digest=digest[:16])
        self.text.setText(f"<b style='font-size:12pt'>{headline}</b>&nbsp;&nbsp;{detail}")
        self.show()
