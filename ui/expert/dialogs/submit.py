"""Submitting: say what happens, ask where the result file goes and for the passphrase, then
show what was written (path, SHA-256, key) and offer to print the filled sheet.

Two pages in one dialog. On "Submit" the key is opened (unless it was just made) and the
signing runs on the worker (``run_submit``, given by the caller); a wrong passphrase or a
refusal is said in place and the expert can try again. ``submitted`` is emitted as soon
as the file is written, so the window behind locks at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import ExpertKey, KeyInfo
from expertscore.results.submit import Submitted
from ui.encrypt_to import CHAIR, EncryptToField
from ui.expert.dialogs.passphrase import error_label, grow_to_fit, passphrase_edit
from ui.expert.identity import KeyOpener
from ui.expert.lock_banner import shown_time
from ui.messages import error_text
from ui.plaintext import markup, plain_label
from ui.tasks import BackgroundOp, Report


@dataclass(frozen=True)
class SubmitFacts:
    """What the dialog tells the expert before they submit."""

    expert: str  # "张伟 (E01)"
    batch: str
    scored: int  # submissions scored in full
    recused: int
    sequence: int  # the number the new result will get
    default_out: Path


@dataclass(frozen=True)
class SubmitOutcome:
    submitted: Submitted
    digest: str  # SHA-256 of the result file as written


RunSubmit = Callable[[ExpertKey, Path, list[str]], SubmitOutcome]  # key, file, recipients


def selectable(text: str, parent: QWidget, mono: bool = False) -> QLabel:
    label = QLabel(text, parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    if mono:
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        label.setFont(font)
    return label


class SubmitDialog(QDialog):
    submitted = Signal(object)  # SubmitOutcome

    def __init__(
        self,
        facts: SubmitFacts,
        key_info: KeyInfo,
        unlocked: ExpertKey | None,
        run_submit: RunSubmit,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("submitDialog")
        self.setWindowTitle(self.tr("Submit your scores"))
        self.facts = facts
        self.key_info = key_info
        self.key = unlocked
        self.run_submit = run_submit
        self.outcome: SubmitOutcome | None = None
        self.print_after = False
        self.opener = KeyOpener(self)
        self.opener.opened.connect(self._key_opened)
        self.opener.failed.connect(self._key_failed)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._confirm_page())
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(620, 0)
        self._update()
        (self.passphrase if self.key is None else self.out_path).setFocus()

    # --- the question ----------------------------------------------------------------------

    def _confirm_page(self) -> QWidget:
        page = QWidget(self)
        facts = self.facts
        heading = QLabel(
            "<b>"
            + self.tr("Submit your scores for {batch}").format(batch=markup(facts.batch))
            + "</b>",
            page,
        )
        heading.setWordWrap(True)
        counts = QLabel(
            self.tr(
                "{scored} submissions scored, {recused} recused. This will be result {sequence}."
            ).format(scored=facts.scored, recused=facts.recused, sequence=facts.sequence),
            page,
        )
        what = QLabel(
            self.tr(
                "Your scores are signed with your key and written to the result file for the"
                " chair. Then the scores lock: nothing can be changed until you unlock them"
                " with a reason, and submitting again replaces this result."
            ),
            page,
        )
        what.setWordWrap(True)
        self.out_path = QLineEdit(str(facts.default_out), page)
        self.out_path.setObjectName("resultPath")
        self.out_path.textChanged.connect(self._update)
        browse = QPushButton(self.tr("Choose…"), page)
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.out_path, 1)
        path_row.addWidget(browse)
        self.exists = QLabel(page)
        self.exists.setStyleSheet("color: #b45309;")
        self.passphrase = passphrase_edit(page, "submitPassphrase")
        self.passphrase.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(self.tr("Expert:"), plain_label(facts.expert, page))
        key_label = QLabel(
            self.tr("key {fingerprint}").format(fingerprint=self.key_info.fingerprint), page
        )
        key_label.setObjectName("submitKey")
        form.addRow(self.tr("Signed with:"), key_label)
        path_label = QLabel(self.tr("&Result file:"), page)
        path_label.setBuddy(self.out_path)
        form.addRow(path_label, path_row)
        form.addRow("", self.exists)
        # The chair's key card: the result travels encrypted, as `submit --encrypt-to` writes.
        self.encrypt_to = EncryptToField(
            CHAIR, self.tr("Encrypt the result file to the &chair"), page
        )
        self.encrypt_to.changed.connect(self._update)
        form.addRow("", self.encrypt_to)
        if self.key is None:
            form.addRow(self.tr("&Passphrase:"), self.passphrase)
        else:
            self.passphrase.hide()
        self.error = error_label(page)
        self.error.setObjectName("submitError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, page
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Submit and lock"))
        self.ok.setObjectName("submitButton")
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(counts)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        return page

    def out_file(self) -> Path:
        return Path(self.out_path.text().strip())

    def _update(self) -> None:
        has_path = bool(self.out_path.text().strip())
        ready = has_path and (self.key is not None or bool(self.passphrase.text()))
        ready = ready and self.encrypt_to.ready()
        self.ok.setEnabled(ready and not self.opener.busy)
        exists = has_path and self.out_file().is_file()
        self.exists.setText(self.tr("This file exists and will be replaced.") if exists else "")
        self.exists.setVisible(exists)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Result file"), self.out_path.text(), self.tr("Result files (*.esresult)")
        )
        if chosen:
            self.out_path.setText(chosen)

    # --- submitting ------------------------------------------------------------------------

    def attempt(self) -> None:
        """Open the key if needed, then sign and write (both on the worker)."""
        if not self.ok.isEnabled():
            return
        self.error.hide()
        self.buttons.setEnabled(False)
        if self.key is None:
            self.opener.open(self.key_info.expert_id, self.passphrase.text())
        else:
            self._sign()

    def _key_opened(self, key: ExpertKey) -> None:
        self.key = key
        self.passphrase.clear()
        self.passphrase.setEnabled(False)
        self._sign()

    def _key_failed(self, message: str, _wrong: bool) -> None:
        self._show_error(message)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _sign(self) -> None:
        assert self.key is not None
        key, out, recipients = self.key, self.out_file(), self.encrypt_to.recipients()

        def work(_report: Report) -> SubmitOutcome:
            return self.run_submit(key, out, recipients)

        BackgroundOp(self, work).with_progress(
            self.tr("Signing and writing the result file…")
        ).success(self._done).failure(self._submit_failed).run()

    def _submit_failed(self, error: BaseException) -> None:
        if not isinstance(error, ExpertScoreError | OSError):
            raise error
        self._show_error(error_text(error))

    def _show_error(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)
        self.error.show()
        self._update()
        grow_to_fit(self)

    # --- what was written ------------------------------------------------------------------

    def _done_page(self) -> QWidget:
        page = QWidget(self)
        heading = QLabel(
            "<b>"
            + self.tr("Submitted, locked.")
            + "</b> "
            + self.tr(
                "Give the result file to the chair; the printed sheet carries the same"
                " SHA-256 to compare."
            ),
            page,
        )
        heading.setWordWrap(True)
        heading.setStyleSheet("color: #166534;")
        self.done_path = selectable("", page)
        self.done_path.setObjectName("donePath")
        self.done_sequence = QLabel(page)
        self.done_digest = selectable("", page, mono=True)
        self.done_digest.setObjectName("doneDigest")
        self.done_key = selectable("", page, mono=True)
        self.done_key.setObjectName("doneKey")
        form = QFormLayout()
        form.addRow(self.tr("Result file:"), self.done_path)
        form.addRow(self.tr("Result:"), self.done_sequence)
        form.addRow(self.tr("SHA-256:"), self.done_digest)
        form.addRow(self.tr("Signed with:"), self.done_key)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, page)
        self.print_button = buttons.addButton(
            self.tr("Print filled sheet…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button.setObjectName("printAfterSubmit")
        folder = buttons.addButton(self.tr("Open folder"), QDialogButtonBox.ButtonRole.ActionRole)
        folder.clicked.connect(self._open_folder)
        self.print_button.clicked.connect(self._print_requested)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(buttons)
        return page

    def _done(self, outcome: SubmitOutcome) -> None:
        self.outcome = outcome
        self.encrypt_to.remember()
        done = outcome.submitted
        self.done_path.setText(str(done.path))
        self.done_sequence.setText(
            self.tr("{sequence}, submitted {at}").format(
                sequence=done.sequence, at=shown_time(done.submitted_at)
            )
        )
        self.done_digest.setText(outcome.digest)
        self.done_key.setText(self.tr("key {fingerprint}").format(fingerprint=done.fingerprint))
        self.pages.setCurrentIndex(1)
        grow_to_fit(self)
        self.print_button.setDefault(True)
        self.print_button.setFocus()
        self.submitted.emit(outcome)

    def _print_requested(self) -> None:
        self.print_after = True
        self.accept()

    def _open_folder(self) -> None:
        if self.outcome is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.outcome.submitted.path.parent)))
