"""Submit, Unlock, Print and the key, for the session open in the expert's window.

``SubmitFlow`` owns what the window shows about them (the locked banner, the key's
fingerprint in the status bar) and runs the steps:

* Submit: the core's preflight (missing scores → the missing list, nothing submitted);
  the key (made on first use, with its key card); the submit dialog, which signs and
  writes on the worker; then the window locks, and the undo history is dropped (locked
  edits cannot be undone).
* Unlock: a reason, recorded by the core; the next submission gets the next sequence.
* Print: the preview of the filled sheets (with the locked result's SHA-256 and the
  signing key's fingerprint) or blank ones.

Runs on the UI thread; what takes long (scrypt, signing, rendering sheets) runs on the
worker with its own ``SessionFile``, so no database object crosses threads.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QVBoxLayout, QWidget

from expertscore.crypto.dsse import fingerprint
from expertscore.errors import ExpertScoreError
from expertscore.identity.keycard import make_card, write_card
from expertscore.identity.keys import ExpertKey, KeyFileError, KeyInfo, keys_dir
from expertscore.results.envelope import RESULT_SUFFIX
from expertscore.results.submit import Incomplete, preflight, signer_of, submit
from expertscore.results.submit import write_again as write_result_again
from expertscore.scoring.lock import latest_result, next_sequence
from expertscore.scoring.service import COMPLETE, RECUSED, SessionLocked
from expertscore.storage import models as m
from expertscore.storage.session import SessionFile
from ui.expert.identity import (
    KeyStatus,
    Owner,
    default_card_path,
    find_key,
    roster_owner,
    roster_pin,
)
from ui.expert.lock_banner import LockBanner, shown_time, status_text
from ui.messages import error_text

if TYPE_CHECKING:
    from expertscore.reports.pdfbase import Printed
    from ui.expert.dialogs.print_preview import PrintPreviewDialog
    from ui.expert.dialogs.submit import SubmitOutcome
    from ui.expert.window import MainWindow

# The dialogs (and the print preview's PDF pane) are imported when first opened: the
# window's cold start needs none of them.


def result_digest(record: m.ResultRecord) -> str:
    """SHA-256 of the result file: the session keeps the exact bytes that were written."""
    return hashlib.sha256(record.envelope.encode("ascii")).hexdigest()


def default_result_path(session: SessionFile, sequence: int) -> Path:
    """Beside the session: ``<expert>-<batch>-<sequence>.esresult``."""
    info = session.info
    return session.path.with_name(f"{info.expert_id}-{info.batch_id}-{sequence}{RESULT_SUFFIX}")


def run_submit(
    session_path: Path, key: ExpertKey, out: Path, recipients: list[str] | None = None
) -> SubmitOutcome:
    """Sign and write the result, encrypted to ``recipients`` (the chair's) when given; runs
    on the worker with a session of its own."""
    from ui.expert.dialogs.submit import SubmitOutcome

    with SessionFile(session_path) as session:
        done = submit(session, key, out, recipients=recipients or ())
        if recipients:
            # The SHA-256 of the signed result, as the filled sheets print it and the chair
            # sees it once decrypted; the encrypted file's own bytes differ on every write.
            with session.orm() as orm:
                record = latest_result(orm)
            assert record is not None  # the one just written
            return SubmitOutcome(done, result_digest(record))
    from expertscore.reports.sheets import file_digest  # loads the PDF renderer: not at start

    return SubmitOutcome(done, file_digest(out))


class SubmitFlow(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.banner: LockBanner | None = None
        self.key_status = KeyStatus(window)
        self.key_status.hide()
        window.statusBar().addPermanentWidget(self.key_status)
        self.lock_status = QLabel(window)
        self.lock_status.setObjectName("lockStatus")
        self.lock_status.hide()
        window.statusBar().addPermanentWidget(self.lock_status)
        actions = window.actions
        actions.submit.triggered.connect(self.submit)
        actions.unlock.triggered.connect(self.unlock)
        actions.write_again.triggered.connect(lambda: self.write_again())
        actions.print_sheets.triggered.connect(lambda: self.print_sheets())
        actions.key_card.triggered.connect(self.save_key_card)

    # --- the window's session ----------------------------------------------------------------

    def wrap(self, content: QWidget) -> QWidget:
        """``content`` with the locked banner above it (the window's central widget)."""
        page = QWidget(self.window)
        self.banner = LockBanner(page)
        self.banner.printRequested.connect(self._print_all_filled)
        self.banner.unlockRequested.connect(self.unlock)
        self.banner.submitRequested.connect(self.submit)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.banner)
        layout.addWidget(content, 1)
        return page

    def _print_all_filled(self) -> None:
        from ui.expert.dialogs.print_preview import FILLED_ALL

        self.print_sheets(FILLED_ALL)

    def session_opened(self) -> None:
        self.refresh_key()
        self.refresh_lock()

    def session_closed(self) -> None:
        self.banner = None
        self.key_status.hide()
        self.lock_status.hide()

    def _session(self) -> SessionFile | None:
        controller = self.window.controller
        return controller.session if controller is not None else None

    def _signer(self, session: SessionFile) -> Owner:
        """Whose key signs: the expert's, or the chair's for a transcribed paper sheet."""
        signer = signer_of(session)
        owner = roster_owner(session)
        return owner if owner.expert_id == signer else Owner(signer, signer, None, owner.algorithm)

    def refresh_key(self) -> KeyInfo | None:
        session = self._session()
        if session is None:
            return None
        try:
            info = find_key(self._signer(session).expert_id)
        except KeyFileError as error:
            self.key_status.show_key(None, error_text(error))
            return None
        self.key_status.show_key(info)
        return info

    def refresh_lock(self) -> None:
        """Show whether a submitted result locks the session: banner, form, actions."""
        controller = self.window.controller
        if controller is None:
            return
        record = controller.scoring.locked_by()
        actions = self.window.actions
        actions.submit.setEnabled(record is None)
        actions.unlock.setEnabled(record is not None)
        actions.write_again.setEnabled(record is not None)
        actions.recuse.setEnabled(record is None)
        form = self.window.form
        if record is None:
            unlocked = controller.scoring.unlocked_since()
            self.lock_status.setText(status_text("unlocked") if unlocked is not None else "")
            self.lock_status.setVisible(unlocked is not None)
            if self.banner is not None:
                if unlocked is None:
                    self.banner.show_nothing()
                else:
                    self.banner.show_unlocked(unlocked)
            if form is not None:
                form.set_locked(None)
            return
        self.lock_status.setText(status_text("locked"))
        self.lock_status.show()
        if self.banner is not None:
            self.banner.show_locked(record.sequence, record.submitted_at, result_digest(record))
        if form is not None:
            locked = SessionLocked(record.sequence, shown_time(record.submitted_at))
            form.set_locked(error_text(locked))

    # --- submitting --------------------------------------------------------------------------

    def submit(self) -> None:
        from ui.expert.dialogs.submit import SubmitDialog, SubmitFacts

        window = self.window
        controller = window.controller
        if controller is None:
            return
        if window.form is not None:
            window.form.flush()
        session = controller.session
        try:
            preflight(session, controller.scoring)
        except Incomplete as incomplete:
            self._refuse_incomplete(len(incomplete.gaps))
            return
        except ExpertScoreError as error:
            window.show_error(error_text(error))
            return
        info, unlocked = self._key_for_submit(session)
        if info is None:
            return
        rows = controller.scoring.submissions()
        with session.orm() as orm:
            sequence = next_sequence(orm)
        owner = roster_owner(session)
        facts = SubmitFacts(
            expert=f"{owner.name} ({owner.expert_id})",
            batch=session.info.batch_title,
            scored=sum(1 for row in rows if row.state == COMPLETE),
            recused=sum(1 for row in rows if row.state == RECUSED),
            sequence=sequence,
            default_out=default_result_path(session, sequence),
        )
        path = session.path
        dialog = SubmitDialog(
            facts,
            info,
            unlocked,
            lambda key, out, recipients: run_submit(path, key, out, recipients),
            window,
        )
        dialog.submitted.connect(self._submitted)
        dialog.exec()
        if dialog.print_after:
            self._print_all_filled()

    def _refuse_incomplete(self, count: int) -> None:
        window = self.window
        window.show_missing()
        notice = self.tr(
            "Not submitted: {count} indicators still have no score. Score them, then submit."
        ).format(count=count)
        if window.missing_dialog is not None:
            window.missing_dialog.set_notice(notice)
        window.statusBar().showMessage(notice, 8000)

    def _key_for_submit(self, session: SessionFile) -> tuple[KeyInfo | None, ExpertKey | None]:
        """The signer's key: found on this computer, or made now (then already unlocked)."""
        owner = self._signer(session)
        try:
            info = find_key(owner.expert_id)
        except KeyFileError as error:
            self.window.show_error(error_text(error))
            return None, None
        if info is not None:
            return info, None
        pinned = roster_pin(session)
        if pinned is not None:
            self.window.show_error(
                self.tr(
                    "The batch roster names your key {fingerprint}, but it is not on this"
                    " computer. Copy your key file ({expert}.eskey) into {folder} and submit again."
                ).format(fingerprint=pinned, expert=owner.expert_id, folder=keys_dir())
            )
            return None, None
        created = self._create_key(session, owner)
        return (created.info, created) if created is not None else (None, None)

    def _create_key(self, session: SessionFile, owner: Owner) -> ExpertKey | None:
        from ui.expert.dialogs.passphrase import CreateKeyDialog

        dialog = CreateKeyDialog(
            owner, default_card_path(session.path, owner.expert_id), self.window
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created is None:
            return None
        created = dialog.created
        self.refresh_key()
        message = self.tr("Your key {fingerprint} was made.").format(
            fingerprint=created.key.info.fingerprint
        )
        if created.card is not None:
            message += " " + self.tr("Key card for the chair: {path}").format(path=created.card)
        self.window.statusBar().showMessage(message, 15000)
        if created.card_problem is not None:
            self.window.show_error(
                self.tr(
                    "Your key was made, but its key card could not be saved ({problem})."
                    " Save it with File → Save my key card…"
                ).format(problem=created.card_problem)
            )
        return created.key

    def _submitted(self, outcome: SubmitOutcome) -> None:
        controller = self.window.controller
        if controller is None:
            return
        # Edits before the submission are in the signed result: undoing them is refused.
        controller.undo_stack.clear()
        self.refresh_lock()
        done = outcome.submitted
        self.window.statusBar().showMessage(
            self.tr("Result {sequence} written to {path}").format(
                sequence=done.sequence, path=done.path
            ),
            15000,
        )

    def write_again(
        self, out: Path | None = None, recipients: list[str] | None = None
    ) -> Path | None:
        """Write the locking result's signed file once more (a lost USB stick, say).

        The bytes are the ones signed at submission, so the file is the same file; encrypted
        to the chair as the submit dialog's remembered choice says, unless changed when
        asked (``recipients``: no asking).
        """
        window = self.window
        controller = window.controller
        if controller is None:
            return None
        session = controller.session
        record = controller.scoring.locked_by()
        if record is None:
            return None
        if out is None:
            chosen, _ = QFileDialog.getSaveFileName(
                window,
                self.tr("Save the result file again"),
                str(default_result_path(session, record.sequence)),
                self.tr("Result files (*.esresult)"),
            )
            if not chosen:
                return None
            out = Path(chosen)
        if recipients is None:
            from ui.encrypt_to import CHAIR, EncryptToDialog  # its readers: not at start

            dialog = EncryptToDialog(
                CHAIR,
                self.tr("Encrypt the result file to the &chair"),
                self.tr("Save the result file again"),
                window,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            recipients = dialog.recipients()
        try:
            written = write_result_again(session, out, recipients)
        except ExpertScoreError as error:
            window.show_error(error_text(error))
            return None
        window.statusBar().showMessage(
            self.tr("Result {sequence} written again to {path}").format(
                sequence=record.sequence, path=written
            ),
            15000,
        )
        return written

    # --- unlocking -----------------------------------------------------------------------------

    def unlock(self) -> None:
        window = self.window
        controller = window.controller
        if controller is None:
            return
        record = controller.scoring.locked_by()
        if record is None:
            return
        from ui.expert.dialogs.unlock import UnlockDialog

        dialog = UnlockDialog(record.sequence, shown_time(record.submitted_at), window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            controller.scoring.unlock(dialog.reason_text())
        except ExpertScoreError as error:
            window.show_error(error_text(error))
            return
        controller.undo_stack.clear()
        self.refresh_lock()
        window.statusBar().showMessage(
            self.tr("Unlocked. Submit again when you are done: that will be result {next}.").format(
                next=record.sequence + 1
            ),
            15000,
        )

    # --- printing ------------------------------------------------------------------------------

    def print_sheets(self, initial: str | None = None) -> PrintPreviewDialog | None:
        """Open the print preview (modal); returns the dialog after it closes."""
        from ui.expert.dialogs.print_preview import (
            BLANK_ALL,
            BLANK_CURRENT,
            FILLED_ALL,
            FILLED_CURRENT,
            PrintPreviewDialog,
        )

        window = self.window
        controller = window.controller
        if controller is None:
            return None
        if window.form is not None:
            window.form.flush()
        session = controller.session
        record = controller.scoring.locked_by()
        digest = result_digest(record) if record is not None else None
        key = fingerprint(record.public_key) if record is not None else self._fingerprint(session)
        current = window.form.submission_id if window.form is not None else None
        path = session.path

        from expertscore.reports.sheets import blank_sheets_from_session, render_filled_sheet

        def render(choice: str, out: Path) -> Printed:
            chosen = [current] if choice in (FILLED_CURRENT, BLANK_CURRENT) and current else None
            if choice in (FILLED_CURRENT, FILLED_ALL):
                return render_filled_sheet(path, chosen, out, digest, key)
            return blank_sheets_from_session(path, chosen, out)

        choices = [
            (FILLED_CURRENT, self.tr("Filled sheet: this submission ({sid})").format(sid=current)),
            (FILLED_ALL, self.tr("Filled sheets: all my submissions")),
            (BLANK_CURRENT, self.tr("Blank sheet: this submission ({sid})").format(sid=current)),
            (BLANK_ALL, self.tr("Blank sheets: all my submissions")),
        ]
        if record is not None:
            note = self.tr(
                "Filled sheets carry result {sequence}'s SHA-256 {digest} and key {fingerprint}."
            ).format(sequence=record.sequence, digest=digest, fingerprint=key)
        else:
            note = self.tr(
                "Not submitted yet: filled sheets carry no result SHA-256 (key {fingerprint})."
            ).format(fingerprint=key or self.tr("none yet"))
        info = session.info
        dialog = PrintPreviewDialog(
            render,
            choices,
            initial or (FILLED_ALL if record is not None else FILLED_CURRENT),
            path.with_name(f"{info.expert_id}-{info.batch_id}-sheets.pdf"),
            note,
            window,
        )
        dialog.exec()
        return dialog

    def _fingerprint(self, session: SessionFile) -> str | None:
        info = self.key_status.info
        return info.fingerprint if info is not None else roster_pin(session)

    # --- the key card ------------------------------------------------------------------------

    def save_key_card(self) -> None:
        """Write the key card the chair pins (made with the key, so the passphrase is asked)."""
        window = self.window
        session = self._session()
        if session is None:
            return
        owner = self._signer(session)
        try:
            info = find_key(owner.expert_id)
        except KeyFileError as error:
            window.show_error(error_text(error))
            return
        if info is None:
            self._create_key(session, owner)  # asks where the card goes
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            window,
            self.tr("Save my key card"),
            str(default_card_path(session.path, owner.expert_id)),
            self.tr("Key cards (*.eskeycard)"),
        )
        if not chosen:
            return
        from ui.expert.dialogs.passphrase import OpenKeyDialog

        dialog = OpenKeyDialog(
            info, self.tr("The key card is signed with your key: type your passphrase."), window
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.key is None:
            return
        try:
            written = write_card(make_card(dialog.key), Path(chosen))
        except OSError as error:
            window.show_error(error_text(error))
            return
        window.statusBar().showMessage(
            self.tr("Key card saved to {path}").format(path=written), 15000
        )
