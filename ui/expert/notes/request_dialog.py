"""The chair's request in the expert's window: the explanations asked of this expert, the
member's statement (书面意见), signed with the expert's key into note files.

The request (``expertscore-explain-request/2``) names the results it asks about; both notes
carry that digest (``member_notes``), so the chair sees a note written about other results
as such. Everything from the request file (the chair's name, submission ids, platform
names) is shown as plain text. Keyboard alone: Tab from box to box, Down in the statement
list, Enter in the passphrase (or in a text box) signs; Esc closes without signing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from expertscore.chair.explain_request import Request
from expertscore.chair.member_notes import AGREE, DISSENT, EXPLANATION, STATEMENT, sign_note
from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import ExpertKey, KeyInfo
from ui.expert.dialogs.passphrase import error_label, grow_to_fit, passphrase_edit
from ui.expert.dialogs.reason import ReasonEdit
from ui.expert.identity import KeyOpener
from ui.messages import error_text
from ui.plaintext import plain_label


@dataclass(frozen=True)
class NoteFacts:
    """What the session knows that the notes need."""

    expert: str
    batch_id: str
    manifest_sha256: str
    platforms: dict[str, str]  # submission id -> platform name
    folder: Path  # where the notes are written (beside the session)
    algorithm: str = "ed25519"  # the batch's signature algorithm
    signer_id: str | None = None  # SM2's signer id of the batch

    def out(self, kind: str) -> Path:
        return self.folder / f"{self.expert}-{self.batch_id}-{kind}.esnote"


class ChairRequestDialog(QDialog):
    def __init__(
        self, request: Request, facts: NoteFacts, key: KeyInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chairRequestDialog")
        self.setWindowTitle(self.tr("The chair's request"))
        self.request, self.facts, self.key_info = request, facts, key
        self.written: list[Path] = []
        form = QFormLayout()
        form.addRow(self.tr("Chair:"), plain_label(request.requested_by or "—", self))
        form.addRow(self.tr("Results:"), plain_label(request.results_sha256, self))
        self.explanations: dict[str, ReasonEdit] = {}
        asked = request.asked_of(facts.expert)
        for item in asked:
            platform = facts.platforms.get(item.submission, "")
            form.addRow(
                plain_label(f"{item.submission} {platform}", self),
                plain_label(
                    self.tr(
                        "Your total deviates {deviation}% from the panel's mean: explain it."
                    ).format(deviation=item.deviation),
                    self,
                ),
            )
            edit = ReasonEdit(self)
            edit.setObjectName(f"explanation-{item.submission}")
            edit.setFixedHeight(64)
            edit.confirmRequested.connect(self.attempt)
            form.addRow(self.tr("Explanation:"), edit)
            self.explanations[item.submission] = edit
        if not asked:
            form.addRow("", QLabel(self.tr("The chair asks you for no explanation."), self))
        self.stance = QComboBox(self)
        self.stance.setObjectName("statementStance")
        self.stance.addItem(self.tr("No statement now"), None)
        self.stance.addItem(self.tr("I agree with the results"), AGREE)
        self.stance.addItem(self.tr("I dissent from the results"), DISSENT)
        form.addRow(self.tr("&Statement:"), self.stance)
        self.reasons = ReasonEdit(self)
        self.reasons.setObjectName("statementReasons")
        self.reasons.setFixedHeight(64)
        self.reasons.confirmRequested.connect(self.attempt)
        form.addRow(self.tr("&Reasons:"), self.reasons)
        form.addRow(
            self.tr("Key:"), plain_label(f"{key.name} ({key.expert_id}) · {key.fingerprint}", self)
        )
        self.passphrase = passphrase_edit(self, "passphrase")
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Sign and save"))
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)
        self.opener = KeyOpener(self)
        self.opener.opened.connect(self._sign)
        self.opener.failed.connect(lambda message, _wrong: self._refuse(message))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(620, 0)
        first = next(iter(self.explanations.values()), None)
        (first or self.stance).setFocus()

    def answers(self) -> dict[str, str]:
        texts = {sid: edit.toPlainText().strip() for sid, edit in self.explanations.items()}
        return {sid: text for sid, text in texts.items() if text}

    def _problem(self) -> str | None:
        stance = self.stance.currentData()
        if not self.answers() and stance is None:
            return self.tr("Write an explanation or choose your statement.")
        if stance == DISSENT and not self.reasons.toPlainText().strip():
            return self.tr("A dissent needs your reasons.")
        if not self.passphrase.text():
            return self.tr("Type your passphrase to sign.")
        return None

    def attempt(self) -> None:
        if self.opener.busy:
            return
        problem = self._problem()
        if problem is not None:
            self._refuse(problem)
            return
        self.buttons.setEnabled(False)
        self.opener.open(self.key_info.expert_id, self.passphrase.text())

    def _refuse(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)
        self.error.show()
        grow_to_fit(self)

    def _sign(self, key: ExpertKey) -> None:
        facts, about = self.facts, self.request.results_sha256
        batch = (facts.batch_id, facts.manifest_sha256)
        notes = []
        if self.answers():
            notes.append((EXPLANATION, {"explanations": self.answers()}))
        if self.stance.currentData() is not None:
            body = {"stance": self.stance.currentData(), "reasons": self.reasons.toPlainText()}
            notes.append((STATEMENT, {**body, "reasons": body["reasons"].strip()}))
        try:
            for kind, body in notes:
                self.written.append(
                    sign_note(
                        facts.out(kind),
                        batch,
                        key,
                        kind,
                        body,
                        results_sha256=about,
                        algorithm=facts.algorithm,
                        signer_id=facts.signer_id,
                    )
                )
        except (ExpertScoreError, OSError) as error:
            self._refuse(error_text(error))
            return
        self.accept()
