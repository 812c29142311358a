"""The expert's signing key as the window sees it: find it, make it, open it, show it.

The key files and their cryptography belong to the core (``expertscore.identity``).
Deriving the key from a passphrase (scrypt, 64 MiB) takes a fraction of a second, so
making and opening a key run on the worker (``ui.tasks``): ``make_key`` and ``open_key``
below are what runs there and they touch no widget. ``KeyOpener`` runs the opening and
says whether the passphrase was wrong, so a dialog can say so in place and let the expert
try again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from expertscore.crypto.dsse import ED25519, fingerprint
from expertscore.identity import keys
from expertscore.identity.keycard import CARD_SUFFIX, make_card, write_card
from expertscore.identity.keys import ExpertKey, KeyFileError, KeyInfo, WrongPassphrase
from expertscore.storage import models as m
from expertscore.storage.session import SessionFile
from ui.messages import error_text
from ui.tasks import BackgroundOp, Report

MIN_PASSPHRASE = keys.MIN_PASSPHRASE


@dataclass(frozen=True)
class Owner:
    """Who the key is for, as the batch roster names them."""

    expert_id: str
    name: str
    organization: str | None
    algorithm: str = ED25519  # the batch's: a new key is made with it


@dataclass(frozen=True)
class CreatedKey:
    key: ExpertKey  # unlocked: the expert just typed the passphrase
    card: Path | None  # the key card written for the chair, if asked for
    card_problem: str | None = None  # why the card could not be written (the key is made)


def roster_owner(session: SessionFile) -> Owner:
    expert_id = session.info.expert_id
    with session.orm() as orm:
        expert = orm.get(m.Expert, expert_id)
    algorithm = session.manifest.algorithm
    if expert is None:
        return Owner(expert_id, expert_id, None, algorithm)
    return Owner(expert_id, expert.name, expert.organization, algorithm)


def roster_pin(session: SessionFile) -> str | None:
    """The fingerprint of the key the batch roster pins for the expert, if it pins one."""
    with session.orm() as orm:
        expert = orm.get(m.Expert, session.info.expert_id)
    return fingerprint(expert.public_key) if expert and expert.public_key else None


def find_key(expert_id: str) -> KeyInfo | None:
    """The public part of the expert's key on this computer (raises ``KeyFileError``)."""
    return keys.find_key(expert_id)


def default_card_path(session_path: Path, expert_id: str) -> Path:
    """Beside the session: ``<expert>.eskeycard``, the file to send the chair."""
    return session_path.with_name(f"{expert_id}{CARD_SUFFIX}")


def make_key(owner: Owner, passphrase: str, card: Path | None) -> CreatedKey:
    """Create and store the key, and write its card; runs on the worker."""
    key = keys.create_key(
        owner.expert_id,
        owner.name.strip(),
        passphrase,
        (owner.organization or "").strip() or None,
        algorithm=owner.algorithm,
    )
    if card is None:
        return CreatedKey(key, None)
    try:
        return CreatedKey(key, write_card(make_card(key), card))
    except OSError as error:  # the key exists now: a card can be saved again from the menu
        return CreatedKey(key, None, f"{card}: {error.strerror or error}")


def open_key(expert_id: str, passphrase: str) -> ExpertKey:
    """Decrypt the expert's key; runs on the worker."""
    return keys.open_key(expert_id, passphrase)


class KeyOpener(QObject):
    """Opens a key off the UI thread: ``opened(key)``, or ``failed(message, wrong)``.

    ``wrong`` is True for a wrong passphrase (type it again) and False for anything else
    (a damaged or missing key file).
    """

    opened = Signal(object)  # ExpertKey
    failed = Signal(str, bool)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.busy = False

    def open(self, expert_id: str, passphrase: str) -> None:
        self.busy = True

        def work(_report: Report) -> ExpertKey:
            return open_key(expert_id, passphrase)

        BackgroundOp(self.parent_widget, work).success(self._opened).failure(self._failed).run()

    def _opened(self, key: ExpertKey) -> None:
        self.busy = False
        self.opened.emit(key)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        if isinstance(error, WrongPassphrase):
            self.failed.emit(self.tr("Wrong passphrase. Type it again."), True)
        elif isinstance(error, KeyFileError | OSError):
            self.failed.emit(error_text(error), False)
        else:
            raise error


class KeyStatus(QLabel):
    """The status bar's note of the expert's key: its fingerprint, or that there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyStatus")
        self.info: KeyInfo | None = None

    def show_key(self, info: KeyInfo | None, problem: str | None = None) -> None:
        self.info = info
        if problem:
            self.setText(self.tr("Key file problem"))
            self.setToolTip(problem)
        elif info is None:
            self.setText(self.tr("No signing key yet"))
            self.setToolTip(self.tr("Your key is made the first time you submit."))
        else:
            self.setText(self.tr("Key {fingerprint}").format(fingerprint=info.fingerprint))
            self.setToolTip(
                self.tr(
                    "Your signing key ({name}); compare this fingerprint with the chair."
                ).format(name=info.name)
            )
        self.show()
