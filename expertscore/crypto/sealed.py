"""Files encrypted to people's keys: the ``age`` format (age-encryption.org/v1) through pyrage.

A batch package, a result file or a panel file may travel encrypted to a list of X25519
recipients (``age1…``, each from a key card). Such a file is exactly what the standard
``age`` tool writes (``docs/formats.md`` gives the recipe), so it is told from a plain one
by its first line, ``age-encryption.org/v1``. Decryption streams: a 1 GiB package goes
through in chunks of 64 KiB checked one by one, never whole in memory.

The identities that may open files are the unlocked keys of this run, kept in the
process's keyring (``unlock``): a reader deep in the chair's merge or the registry's
ingest asks the keyring instead of every caller passing keys down. Each failure is one
typed error: no key unlocked, no unlocked key is a recipient, or the file is damaged.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import pyrage
from pyrage import x25519

from expertscore.errors import ExpertScoreError

AGE_MAGIC = b"age-encryption.org/v1\n"
RECIPIENT_PREFIX = "age1"
IDENTITY_PREFIX = "AGE-SECRET-KEY-1"


class SealedError(ExpertScoreError):
    """An encrypted file that cannot be opened; ``source`` is the file, ``file`` its name.

    A refusal of a result or panel file caused by one is worded by it (``explains``)."""

    explains = True

    def __init__(self, source: object, message: str) -> None:
        self.source = str(source)
        self.file = Path(self.source).name
        self.message = message
        super().__init__(f"{source}: {message}")


class NoKeyUnlocked(SealedError):
    """An encrypted file and no decryption key given (``--key ID`` or the window's key)."""

    def __init__(self, source: object) -> None:
        super().__init__(
            source, "the file is encrypted; unlock a key it was encrypted to (--key ID)"
        )


class NotARecipient(SealedError):
    """None of the unlocked keys is among the file's recipients."""

    def __init__(self, source: object, owners: tuple[str, ...]) -> None:
        self.owners = owners
        self.owner_list = ", ".join(owners)
        super().__init__(
            source,
            f"the file is encrypted, and not to the key of {', '.join(owners)}",
        )


class SealedDamaged(SealedError):
    """The ciphertext was changed, cut short, or is not an age file at all."""

    def __init__(self, source: object, detail: str) -> None:
        self.detail = detail
        super().__init__(
            source, f"the encrypted file is damaged or was altered ({detail}); nothing was read"
        )


class BadRecipient(SealedError):
    """A recipient string that is not an X25519 ``age1…`` recipient."""

    def __init__(self, source: object, recipient: str) -> None:
        self.recipient = recipient
        super().__init__(source, f"'{recipient[:16]}…' is not an age X25519 recipient")


def new_identity() -> str:
    """A new X25519 identity as age writes it (``AGE-SECRET-KEY-1…``)."""
    return str(x25519.Identity.generate())


def recipient_of(identity: str) -> str:
    return str(x25519.Identity.from_str(identity).to_public())


def check_recipient(recipient: str, source: object) -> x25519.Recipient:
    try:
        return x25519.Recipient.from_str(recipient)
    except (pyrage.RecipientError, ValueError):
        raise BadRecipient(source, recipient) from None


def is_sealed_bytes(head: bytes) -> bool:
    return head.startswith(AGE_MAGIC)


def is_sealed(path: Path) -> bool:
    """Whether ``path`` starts like an age file (plain zips and JSON never do)."""
    try:
        with path.open("rb") as handle:
            return is_sealed_bytes(handle.read(len(AGE_MAGIC)))
    except OSError:
        return False


# The keyring: the identities unlocked in this run, with their owners' ids for messages.
_lock = threading.Lock()
_keyring: dict[str, str] = {}  # identity -> owner id
# Asked once for a key when the first sealed file is met with an empty keyring (the command
# line's ``--key``: its passphrase is asked only if an encrypted file is really read).
_provider: Callable[[], None] | None = None


def set_provider(provider: Callable[[], None] | None) -> None:
    global _provider
    with _lock:
        _provider = provider


def has_provider() -> bool:
    return _provider is not None


def unlock(identity: str, owner: str) -> None:
    """Make ``identity`` (an unlocked key's) available to every reader of sealed files."""
    x25519.Identity.from_str(identity)  # refuse nonsense at once
    with _lock:
        _keyring[identity] = owner


def forget_all() -> None:
    global _provider
    with _lock:
        _keyring.clear()
        _provider = None


def unlocked_owners() -> tuple[str, ...]:
    with _lock:
        return tuple(sorted(set(_keyring.values())))


def _identities(source: object) -> list[x25519.Identity]:
    global _provider
    with _lock:
        provider, _provider = (_provider, None) if not _keyring else (None, _provider)
    if provider is not None:
        provider()
    with _lock:
        held = list(_keyring)
    if not held:
        raise NoKeyUnlocked(source)
    return [x25519.Identity.from_str(identity) for identity in held]


def encrypt_stream(
    reader: BinaryIO, writer: BinaryIO, recipients: Iterable[str], source: object
) -> None:
    """Encrypt ``reader`` to ``writer`` for every recipient, streaming."""
    parsed = [check_recipient(recipient, source) for recipient in recipients]
    if not parsed:
        raise SealedError(source, "no recipients to encrypt to").saying("no_recipients")
    pyrage.encrypt_io(reader, writer, parsed)


def decrypt_stream(reader: BinaryIO, writer: BinaryIO, source: object) -> None:
    """Decrypt ``reader`` into ``writer`` with the keyring; on error ``writer`` is garbage."""
    identities = _identities(source)
    try:
        pyrage.decrypt_io(reader, writer, identities)
    except pyrage.DecryptError as exc:
        if "No matching keys" in str(exc):
            raise NotARecipient(source, unlocked_owners()) from None
        raise SealedDamaged(source, str(exc)) from None
    except OSError as exc:  # age's STREAM reports a changed or missing chunk as an I/O error
        raise SealedDamaged(source, str(exc) or "decryption error") from None


def seal_bytes(data: bytes, recipients: Iterable[str], source: object) -> bytes:
    out = io.BytesIO()
    encrypt_stream(io.BytesIO(data), out, recipients, source)
    return out.getvalue()


def open_bytes(data: bytes, source: object) -> bytes:
    """``data`` itself if plain; decrypted with the keyring if it is an age file."""
    if not is_sealed_bytes(data):
        return data
    out = io.BytesIO()
    decrypt_stream(io.BytesIO(data), out, source)
    return out.getvalue()


def read_file(path: Path) -> bytes:
    """A small file's plain bytes (result, panel file), decrypting if it is sealed."""
    return open_bytes(path.read_bytes(), path)
