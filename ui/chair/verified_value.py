"""Decisions > Panel's verified value…: the value the panel agreed for an objective
indicator's reported value, where the experts verified different ones (re-verify).

Recorded through ``expertscore.chair.decisions.record_verified_value`` with who recorded it
and why; it resolves the re-verify flag and leaves the scores as they are (an agreed score
is the other decision, for the score itself). The experts' values are shown as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from expertscore.chair import decisions as chair_decisions
from expertscore.chair.aggregate import IndicatorResult
from expertscore.chair.flag_states import distinct_values
from ui.chair.decision_dialogs import DecisionDialog
from ui.chair.state import ChairState
from ui.plaintext import plain_label

if TYPE_CHECKING:
    from ui.chair.window import ChairWindow


class VerifiedValueDialog(DecisionDialog):
    def __init__(
        self, state: ChairState, sid: str, result: IndicatorResult, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("The panel's verified value"), parent)
        self.setObjectName("verifiedValueDialog")
        self.state, self.sid, self.code = state, sid, result.code
        sheets = [s for s in state.inp.sheets if s.submission == sid]
        given = distinct_values(sheets, result)
        agreed = result.agreed_value
        self.value = QLineEdit(self)
        self.value.setObjectName("verifiedValue")
        if agreed is not None:
            self.value.setText(agreed.value)
        self.decided_by = QLineEdit(agreed.decided_by if agreed else "", self)
        self.decided_by.setObjectName("verifiedBy")
        self.reason = QPlainTextEdit(agreed.reason if agreed else "", self)
        self.reason.setObjectName("verifiedReason")
        self.reason.setTabChangesFocus(True)
        self.form.addRow(self.tr("Submission:"), plain_label(state.submission_label(sid), self))
        self.form.addRow(
            self.tr("Indicator:"),
            plain_label(f"{result.code} {state.node_name(result.code)}", self),
        )
        values = "; ".join(f"{value} ({', '.join(experts)})" for value, experts in given)
        self.form.addRow(self.tr("Values given:"), plain_label(values or "—", self))
        self.form.addRow(self.tr("Verified value:"), self.value)
        self.form.addRow(self.tr("Recorded by:"), self.decided_by)
        self.form.addRow(self.tr("Reason:"), self.reason)
        self.finish_layout(
            self.tr(
                "The value the panel agreed for the reported value resolves the re-verify flag;"
                " the experts' scores stay as they are. It is recorded in the audit log."
            )
        )
        self.resize(520, 340)
        self.value.setFocus()

    def record(self) -> None:
        chair_decisions.record_verified_value(
            self.state.folder,
            self.state.package,
            self.sid,
            self.code,
            self.value.text(),
            self.decided_by.text(),
            self.reason.toPlainText(),
        )


def request_verified_value(window: ChairWindow) -> None:
    target = window._decision_target()
    if target is not None:
        window._decide(VerifiedValueDialog(*target, parent=window))
