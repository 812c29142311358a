"""The chair's decisions: an agreed panel score, its withdrawal, a second round, a key check.

Each dialog records its decision through ``expertscore.chair.decisions`` when OK is
pressed; a decision the core refuses (a score outside the leaf's range, no reason, a
fingerprint that does not match the paper sheet) is said in the dialog, which stays open.
Decisions are appended to the merge folder's audit log and are not undoable: a later
decision supersedes an earlier one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from expertscore.batch.package import OpenedPackage
from expertscore.chair import decisions as chair_decisions
from expertscore.chair.aggregate import IndicatorResult
from expertscore.chair.override_causes import OverrideCause
from expertscore.errors import ExpertScoreError
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import CheckedResult, read_result
from ui.chair.matrix import plain_number
from ui.chair.state import ChairState
from ui.chair.texts import cause_text, failure_text
from ui.plaintext import plain_label


class DecisionDialog(QDialog):
    """A dialog whose OK runs ``record``; a refusal is shown and the dialog stays open."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.message = QLabel(self)
        self.message.setObjectName("decisionMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self, intro: str) -> None:
        label = QLabel(intro, self)
        label.setWordWrap(True)
        self.layout_.addWidget(label)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)

    def record(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.record()
        except ExpertScoreError as error:
            self.message.setText(failure_text(error))
            return
        super().accept()


def _scores_text(state: ChairState, result: IndicatorResult) -> str:
    parts = [f"{expert} {plain_number(points)}" for expert, points in result.scores.items()]
    return ", ".join(parts) or "—"


class OverrideDialog(DecisionDialog):
    """The panel's agreed score for one indicator, with the panel's reason."""

    def __init__(
        self, state: ChairState, sid: str, result: IndicatorResult, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Agreed panel score"), parent)
        self.setObjectName("overrideDialog")
        self.state, self.sid, self.code = state, sid, result.code
        self.points = QLineEdit(self)
        self.points.setObjectName("overridePoints")
        if result.override is not None:
            self.points.setText(plain_number(result.override.points))
        self.points.setPlaceholderText(
            self.tr("0 to {maximum}").format(maximum=plain_number(result.maximum))
        )
        self.cause = QComboBox(self)
        self.cause.setObjectName("overrideCause")
        self.cause.addItem(self.tr("Choose the cause (87号令 art. 64)…"), "")
        for cause in OverrideCause:
            self.cause.addItem(cause_text(cause), cause.value)
        if result.override is not None and result.override.cause is not None:
            self.cause.setCurrentIndex(self.cause.findData(result.override.cause.value))
        elif result.flags == ["reverify"]:  # only the objective item's values differ
            self.cause.setCurrentIndex(
                self.cause.findData(OverrideCause.OBJECTIVE_INCONSISTENT.value)
            )
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("overrideReason")
        self.reason.setPlaceholderText(self.tr("What the panel agreed and why"))
        if result.override is not None:
            self.reason.setPlainText(result.override.reason)
        self.form.addRow(self.tr("Submission:"), plain_label(state.submission_label(sid), self))
        self.form.addRow(
            self.tr("Indicator:"),
            plain_label(f"{result.code} {state.node_name(result.code)}", self),
        )
        self.form.addRow(
            self.tr("Experts' scores:"), plain_label(_scores_text(state, result), self)
        )
        self.form.addRow(
            self.tr("Computed panel score:"),
            QLabel(state.number(result.exact) if result.exact is not None else "—", self),
        )
        self.form.addRow(self.tr("Agreed score:"), self.points)
        self.form.addRow(self.tr("Cause:"), self.cause)
        self.form.addRow(self.tr("Reason:"), self.reason)
        self.finish_layout(
            self.tr(
                "The agreed score replaces the computed panel score in every total; the"
                " experts' own scores stay visible. It is recorded in the audit log."
            )
        )
        self.resize(520, 380)

    def record(self) -> None:
        chair_decisions.record_override(
            self.state.folder,
            self.state.package,
            self.sid,
            self.code,
            self.points.text().strip(),
            self.reason.toPlainText(),
            self.cause.currentData(),
        )


class WithdrawOverrideDialog(DecisionDialog):
    """Withdraw an agreed score: the computed panel score counts again."""

    def __init__(
        self, state: ChairState, sid: str, result: IndicatorResult, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Withdraw the agreed score"), parent)
        self.setObjectName("withdrawDialog")
        self.state, self.sid, self.code = state, sid, result.code
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("withdrawReason")
        self.form.addRow(self.tr("Reason:"), self.reason)
        self.finish_layout(
            self.tr("{indicator} of {submission}: the computed panel score counts again.").format(
                indicator=f"{result.code} {state.node_name(result.code)}",
                submission=state.submission_label(sid),
            )
        )
        self.resize(480, 260)

    def record(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            raise chair_decisions.DecisionError(self.tr("Say why the agreed score is withdrawn."))
        chair_decisions.clear_override(
            self.state.folder, self.sid, self.code, reason, self.state.package
        )


class RoundDialog(DecisionDialog):
    """Send one indicator of one submission to a second scoring round."""

    def __init__(
        self, state: ChairState, sid: str, result: IndicatorResult, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Second round"), parent)
        self.setObjectName("roundDialog")
        self.state, self.sid, self.code = state, sid, result.code
        self.experts = QListWidget(self)
        self.experts.setObjectName("roundExperts")
        values = list(result.scores.values())
        for expert in state.experts_of(sid):
            points = result.scores.get(expert)
            shown = state.expert_label(expert)
            if points is not None:
                shown += f"  ({plain_number(points)})"
            item = QListWidgetItem(shown, self.experts)
            item.setData(Qt.ItemDataRole.UserRole, expert)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            extreme = (
                points is not None and len(values) > 1 and points in (max(values), min(values))
            )
            item.setCheckState(Qt.CheckState.Checked if extreme else Qt.CheckState.Unchecked)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("roundReason")
        self.reason.setPlaceholderText(self.tr("What the experts should look at again"))
        self.form.addRow(self.tr("Experts:"), self.experts)
        self.form.addRow(self.tr("Reason:"), self.reason)
        self.finish_layout(
            self.tr(
                "{indicator} of {submission} goes to a second scoring round for the checked"
                " experts. Their second-round scores replace their first ones once merged."
            ).format(
                indicator=f"{result.code} {state.node_name(result.code)}",
                submission=state.submission_label(sid),
            )
        )
        self.resize(520, 420)

    def chosen(self) -> list[str]:
        return [
            self.experts.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.experts.count())
            if self.experts.item(row).checkState() == Qt.CheckState.Checked
        ]

    def record(self) -> None:
        reason = self.reason.toPlainText().strip()
        if not reason:
            raise chair_decisions.DecisionError(self.tr("Say what the experts should look at."))
        chair_decisions.request_round(
            self.state.folder, self.sid, self.code, self.chosen(), reason, self.state.package
        )


def read_for_confirmation(path: Path) -> CheckedResult:
    """A result file checked for its signature only: whose key is it, by its own account."""
    return read_result(path, None, KeyTrust(), log=False)


class ConfirmKeyDialog(DecisionDialog):
    """Accept an expert's key after comparing its fingerprint with the signed paper sheet."""

    def __init__(
        self,
        folder: Path,
        package: OpenedPackage,
        checked: CheckedResult,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Confirm an expert's key"), parent)
        self.setObjectName("confirmKeyDialog")
        self.folder = folder
        self.package = package
        self.checked = checked
        expert = checked.payload.expert
        self.fingerprint = QLineEdit(self)
        self.fingerprint.setObjectName("sheetFingerprint")
        self.fingerprint.setPlaceholderText("xxxx-xxxx-xxxx-xxxx")
        self.form.addRow(self.tr("Result file:"), plain_label(Path(checked.source).name, self))
        self.form.addRow(self.tr("Expert:"), plain_label(f"{expert.id} {expert.name}", self))
        self.form.addRow(self.tr("Fingerprint on the paper sheet:"), self.fingerprint)
        self.finish_layout(
            self.tr(
                "Type the key fingerprint printed on the expert's signed paper sheet. The key"
                " is accepted for {expert} only if it matches the key that signed this file."
            ).format(expert=expert.id)
        )
        self.resize(520, 260)

    def record(self) -> None:
        expert = self.checked.payload.expert
        if expert.public_key is None:
            raise chair_decisions.DecisionError(
                self.tr("A transcribed result has no expert key to confirm.")
            )
        chair_decisions.confirm_key(
            self.folder, expert.id, expert.public_key, self.fingerprint.text().strip(), self.package
        )
