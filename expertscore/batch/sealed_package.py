"""Batch packages encrypted to the panel: sealing one, and opening one with a key.

An encrypted package is the whole package zip encrypted with ``age`` to the X25519
recipients of every roster expert, the organizer and the chair (``docs/formats.md``).
Nothing of it, not even the batch id, is readable without one of those keys.

A zip is read by seeking, which an age stream cannot do, so an encrypted package is
decrypted (streaming, in 64 KiB chunks) to an owner-only file in the program's private
folder, never beside the package, and that copy is removed as soon as the import is done
(``release``), else when the program exits, and at the next start should it have been
killed (``remove_leftovers``). ``open_package`` does this for every caller but the
expert's import, which reads the package in one pass without a copy (``sealed_stream``).
The organizer's signature is then checked on the decrypted package exactly as on a plain
one. ``write_sealed`` writes a chair's output in the same private folder, then seals it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import secrets
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from expertscore.crypto import sealed
from expertscore.identity.keycard import KeyCard, NoRecipient
from expertscore.identity.keys import ExpertKey, KeyCannotDecrypt, data_dir
from expertscore.organizer.roster import Roster
from expertscore.private import owner_only

DECRYPTING = "decrypting"
STALE_SECONDS = 24 * 3600  # where a process cannot be asked whether it still runs


def private_work_dir() -> Path:
    """This process's owner-only folder where a decrypted package lives while it is read.

    One folder per process id: a second window or command never removes a copy in use."""
    parent = data_dir() / DECRYPTING
    parent.mkdir(parents=True, exist_ok=True)
    owner_only(parent)
    folder = parent / str(os.getpid())
    folder.mkdir(exist_ok=True)
    return owner_only(folder)


def _running(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers() -> None:
    """Decrypted copies left by runs that were killed (their process is gone)."""
    parent = data_dir() / DECRYPTING
    for folder in parent.iterdir() if parent.is_dir() else []:
        if not folder.name.isdigit() or int(folder.name) == os.getpid():
            continue
        stale = time.time() - folder.stat().st_mtime > STALE_SECONDS
        if not _running(int(folder.name)) or (os.name == "nt" and stale):
            shutil.rmtree(folder, ignore_errors=True)


def unlock_key_identity(key: ExpertKey) -> None:
    """Put ``key``'s decryption identity in the keyring, or say it has none."""
    if key.age_identity is None:
        raise KeyCannotDecrypt(key.info.expert_id)
    sealed.unlock(key.age_identity, key.info.expert_id)


def package_recipients(
    roster: Roster, cards: Iterable[KeyCard], signer: ExpertKey | None
) -> list[str]:
    """Everyone an encrypted package is sealed to: the roster, the cards given, the signer."""
    recipients: list[str] = []
    for expert in roster.experts:
        if expert.recipient is None:
            raise NoRecipient(expert.id, "roster")
        recipients.append(expert.recipient)
    recipients.extend(card.require_recipient() for card in cards)
    if signer is not None:
        if signer.info.recipient is None:
            raise KeyCannotDecrypt(signer.info.expert_id)
        recipients.append(signer.info.recipient)
    return list(dict.fromkeys(recipients))


@contextmanager
def plain_build_path(out: Path) -> Iterator[Path]:
    """Where the plain package is built before it is sealed to ``out`` (private folder)."""
    folder = private_work_dir()
    temp = folder / f"{out.stem}-{secrets.token_hex(4)}{out.suffix}"
    try:
        yield temp
    finally:
        temp.unlink(missing_ok=True)
        _remove_if_empty(folder)


def seal_package(plain: Path, out: Path, recipients: list[str]) -> Path:
    """Encrypt the package ``plain`` to ``out`` for ``recipients``, all or nothing."""
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
    try:
        with plain.open("rb") as reader, temp.open("wb") as writer:
            sealed.encrypt_stream(reader, writer, recipients, out)
            writer.flush()
            os.fsync(writer.fileno())
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return out


def write_sealed(out: Path, recipients: Sequence[str], write: Callable[[Path], object]) -> Path:
    """``write(path)`` a file (the chair's workbook or report) in the private folder, then
    encrypt it to ``out`` for ``recipients``, all or nothing; the clear file goes at once.
    Every recipient is checked before anything is written."""
    if not recipients:
        raise sealed.SealedError(out, "no recipients to encrypt to").saying("no_recipients")
    for recipient in recipients:
        sealed.check_recipient(recipient, out)
    with plain_build_path(out) as clear:
        write(clear)
        return seal_package(clear, out, list(recipients))


_copies: dict[tuple[Path, int, int], Path] = {}  # (package, size, mtime) -> its clear copy
_copies_lock = threading.Lock()


def decrypted_copy(path: Path) -> Path:
    """The clear copy of the encrypted package ``path``, made once per run (keyring keys).

    It stays while the program runs (a chair's commands read the package again and
    again); ``release`` removes it at once (after an import), and exit removes the rest.
    """
    stat = path.stat()
    key = (path.resolve(), stat.st_size, stat.st_mtime_ns)
    with _copies_lock:
        known = _copies.get(key)
        if known is not None and known.is_file():
            return known
        if not _copies:
            remove_leftovers()
        folder = private_work_dir()
        target = folder / f"{path.stem}-{secrets.token_hex(4)}.zip"
        try:
            with path.open("rb") as reader, _private_file(target) as writer:
                sealed.decrypt_stream(reader, writer, path)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        if not _copies:
            atexit.register(release_all)
        _copies[key] = target
        return target


def release(path: Path) -> None:
    """Remove the clear copy of ``path`` (the original or the copy itself), if any."""
    with _copies_lock:
        for key, copy in list(_copies.items()):
            if path in (key[0], copy) or path.resolve() == key[0]:
                copy.unlink(missing_ok=True)
                del _copies[key]
                _remove_if_empty(copy.parent)


def release_all() -> None:
    with _copies_lock:
        for copy in _copies.values():
            copy.unlink(missing_ok=True)
            _remove_if_empty(copy.parent)
        _copies.clear()


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty (another copy), or already gone
        folder.rmdir()


def _private_file(target: Path) -> BinaryIO:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return os.fdopen(fd, "wb")
