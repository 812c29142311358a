"""Opening what the expert points at: a session file, or a batch package to import.

A package is checked on the worker thread, then the expert chooses who they are from its
roster (unless the command line said so) and where the session goes (beside the package
by default, reused when it exists). The import runs on the worker with a progress dialog;
the session is opened on the UI thread, which owns it from then on.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from expertscore.errors import ExpertScoreError
from expertscore.storage import cipher
from expertscore.storage.db import SQLITE_MAGIC
from expertscore.storage.session import SessionFile
from ui.messages import error_text
from ui.settings import Settings
from ui.tasks import BackgroundOp, Report


def is_session_file(path: Path) -> bool:
    """A plain session (SQLite), or an encrypted one (random from the first byte; a batch
    package is a zip and starts with its signature)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return head == SQLITE_MAGIC or (cipher.is_encrypted(path) and not head.startswith(b"PK"))


class Opener(QObject):
    """Turns a path into an open ``SessionFile`` (``opened``) or a message (``failed``)."""

    opened = Signal(object)  # SessionFile
    failed = Signal(str)
    notice = Signal(str)  # a one-line warning for the status bar

    def __init__(self, window: QWidget, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings

    def open_path(
        self, path: Path, expert: str | None = None, session_out: Path | None = None
    ) -> None:
        """Open ``path``; ``expert`` and ``session_out`` skip the roster dialog's choices."""
        path = Path(path)
        if not path.exists():
            self.failed.emit(self.tr("{path}: no such file").format(path=path))
            return
        if is_session_file(path):
            self._open_session(path, expert, None)
            return

        def read(_report: Report):
            from expertscore.batch.package import open_package

            return open_package(path)

        BackgroundOp(self.window, read).with_progress(self.tr("Checking the package…")).success(
            lambda opened: self._package_read(opened, expert, session_out)
        ).failure(self._failed).run()

    def _package_read(self, opened, expert: str | None, session_out: Path | None) -> None:
        # Imported here: the dialog pulls in the package reader and its cryptography, which
        # opening a session file (the window's cold start) does not need.
        from expertscore.identity.organizers import KnownOrganizers, OrganizerKeyChanged
        from ui.dialogs.open_package import ChooseExpertDialog, default_session_path

        try:
            known = KnownOrganizers.load()
            known.check(opened)
        except OrganizerKeyChanged as changed:
            self.failed.emit(self._key_changed_text(changed))
            return
        except ExpertScoreError as error:
            self._failed(error)
            return
        if opened.signature is None:
            self.notice.emit(
                self.tr(
                    "Warning: {path} is not signed: nothing shows that {organizer} made it."
                ).format(path=opened.path.name, organizer=opened.manifest.batch.organizer)
            )
        passphrase = None
        if expert is None:
            dialog = ChooseExpertDialog(opened, self.settings.last_expert, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            expert = dialog.expert_id()
            session_out = dialog.session_file()
            passphrase = dialog.new_passphrase()
            assert expert is not None
        target = session_out or default_session_path(opened.path, expert)
        self.settings.last_expert = expert
        self.settings.add_recent_file(opened.path)
        if target.exists():
            self._open_session(target, expert, opened.manifest_sha256)
            return

        def build(report: Report) -> Path:
            from expertscore.storage.importer import create_session

            key = cipher.SessionKey.new(passphrase) if passphrase else None
            return create_session(opened, expert, target, report, known, key)

        BackgroundOp(self.window, build).with_progress(
            self.tr("Importing the batch into your session…")
        ).success(lambda out: self._open_session(out, expert, None)).failure(self._failed).run()

    def _key_changed_text(self, changed) -> str:
        now = (
            self.tr("this copy is signed by key {key}").format(key=changed.fingerprint)
            if changed.fingerprint
            else self.tr("this copy is not signed")
        )
        return self.tr(
            "{path}: batch {batch} of {organizer} was signed by key {known} when first opened"
            " here ({when}); {now}. Ask the organizer before you use it."
        ).format(
            path=changed.path,
            batch=changed.batch_id,
            organizer=changed.organizer,
            known=changed.known_fingerprint,
            when=changed.first_seen,
            now=now,
        )

    def _open_session(self, path: Path, expert: str | None, batch_hash: str | None) -> None:
        if cipher.is_encrypted(path) and not cipher.is_unlocked(path):
            from ui.dialogs.session_passphrase import UnlockSessionDialog

            if UnlockSessionDialog(path, self.window).exec() != QDialog.DialogCode.Accepted:
                return
        try:
            session = SessionFile(path)
        except ExpertScoreError as error:
            self._failed(error)
            return
        info = session.info
        problem = None
        if expert is not None and info.expert_id != expert:
            problem = self.tr("{path} is the session of expert {other}, not {expert}.").format(
                path=path, other=info.expert_id, expert=expert
            )
        elif batch_hash is not None and info.manifest_sha256 != batch_hash:
            problem = self.tr("{path} belongs to another version of this batch.").format(path=path)
        if problem:
            session.close()
            self.failed.emit(problem)
            return
        self.settings.add_recent_file(path)
        self.settings.last_expert = info.expert_id
        self.opened.emit(session)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ExpertScoreError | OSError):
            self.failed.emit(error_text(error))
            return
        raise error
