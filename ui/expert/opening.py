"""Opening what the expert points at: a session file, or a batch package to import.

A package is checked on the worker thread, then the expert chooses who they are from its
roster (unless the command line said so) and where the session goes (beside the package
by default, reused when it exists). The import runs on the worker with a progress dialog;
the session is opened on the UI thread, which owns it from then on.

A package encrypted to the panel is opened with the expert's key: its passphrase is asked
first, then the package is decrypted into the program's private folder while it is
checked, and that clear copy is removed once the session is imported.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QWidget

from expertscore.errors import ExpertScoreError
from expertscore.storage import cipher, passphrase_source
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
        from expertscore.crypto import sealed

        locked = sealed.is_sealed(path) and not sealed.unlocked_owners()
        if locked and not self._unlock_for(path, expert):
            return
        self._read(path, expert, session_out)

    def _unlock_for(self, path: Path, expert: str | None) -> bool:
        """Ask the passphrase of the key that opens the encrypted package ``path``."""
        from expertscore.batch.sealed_package import unlock_key_identity
        from expertscore.identity.keys import list_keys
        from ui.expert.dialogs.passphrase import OpenKeyDialog

        keys = [key for key in list_keys().keys if key.recipient is not None]
        wanted = expert or self.settings.last_expert
        chosen = next((key for key in keys if key.expert_id == wanted), keys[0] if keys else None)
        if chosen is None:
            self.failed.emit(
                self.tr(
                    "{path} is encrypted to the panel, and no key on this computer can open it"
                    " (a key made before encryption first needs “expertscore key add-recipient”)."
                ).format(path=path.name)
            )
            return False
        dialog = OpenKeyDialog(
            chosen,
            self.tr(
                "{path} is encrypted to the panel. Type the passphrase of your key to open it."
            ).format(path=path.name),
            self.window,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.key is None:
            return False
        try:
            unlock_key_identity(dialog.key)
        except ExpertScoreError as error:
            self._failed(error)
            return False
        return True

    def _read(self, path: Path, expert: str | None, session_out: Path | None) -> None:
        def read(_report: Report):
            from expertscore.batch.sealed_stream import open_for_import

            return open_for_import(path)

        BackgroundOp(self.window, read).with_progress(self.tr("Checking the package…")).success(
            lambda opened: self._package_read(opened, expert, session_out)
        ).failure(self._failed).run()

    def _package_read(self, opened, expert: str | None, session_out: Path | None) -> None:
        # Imported here: the dialog pulls in the package reader and its cryptography, which
        # opening a session file (the window's cold start) does not need.
        from expertscore.identity.organizers import KnownOrganizers, OrganizerKeyChanged
        from ui.expert.dialogs.open_package import ChooseExpertDialog, default_session_path

        try:
            known = KnownOrganizers.load()
            known.check(opened)
        except OrganizerKeyChanged as changed:
            self._release(opened)
            self.failed.emit(self._key_changed_text(changed))
            return
        except ExpertScoreError as error:
            self._release(opened)
            self._failed(error)
            return
        package = opened.sealed_path or opened.path  # the file chosen, not its clear copy
        kind = (
            self.tr("{path}: encrypted to the panel, opened with your key.")
            if opened.encrypted
            else self.tr("{path}: a plain package (not encrypted).")
        ).format(path=package.name)
        if opened.signature is None:
            kind += " " + self.tr(
                "Warning: {path} is not signed: nothing shows that {organizer} made it."
            ).format(path=package.name, organizer=opened.manifest.batch.organizer)
        self.notice.emit(kind)
        passphrase = None
        if expert is None:
            dialog = ChooseExpertDialog(opened, self.settings.last_expert, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self._release(opened)
                return
            expert = dialog.expert_id()
            session_out = dialog.session_file()
            passphrase = dialog.new_passphrase()
            assert expert is not None
        target = session_out or default_session_path(package, expert)
        self.settings.last_expert = expert
        self.settings.add_recent_file(package)
        if target.exists():
            self._release(opened)
            self._open_session(target, expert, opened.manifest_sha256)
            return

        def build(report: Report) -> Path:
            from expertscore.storage.importer import create_session

            key = cipher.SessionKey.new(passphrase) if passphrase else None
            try:
                return create_session(opened, expert, target, report, known, key)
            finally:
                self._release(opened)

        BackgroundOp(self.window, build).with_progress(
            self.tr("Importing the batch into your session…")
        ).success(lambda out: self._open_session(out, expert, None)).failure(self._failed).run()

    @staticmethod
    def _release(opened) -> None:
        """The clear copy of an encrypted package goes as soon as it is no longer read."""
        if opened.encrypted:
            from expertscore.batch.sealed_package import release

            release(opened.path)

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
        locked = cipher.is_encrypted(path) and not cipher.is_unlocked(path)
        if locked and not self._unlock_session(path):
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

    def _unlock_session(self, path: Path) -> bool:
        """Unlock with the passphrase file given on the command line (``--passphrase-file``,
        for scripts and the demo: no question then), else ask in the dialog."""
        given = passphrase_source.passphrase_file
        if given is not None:
            from expertscore.cli.session_passphrase import read_passphrase_file

            try:
                cipher.unlock(path, read_passphrase_file(given))
            except ExpertScoreError as error:
                self._failed(error)
                return False
            return True
        from ui.expert.dialogs.session_passphrase import UnlockSessionDialog

        return UnlockSessionDialog(path, self.window).exec() == QDialog.DialogCode.Accepted

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ExpertScoreError | OSError):
            self.failed.emit(error_text(error))
            return
        raise error
