"""Session files encrypted at rest with SQLCipher, and the keys unlocked in this process.

An encrypted session is an SQLCipher 4 database (every page, of the file and of its WAL,
AES-256 with an HMAC-SHA256 per page) with 65536-byte pages. Its key is SQLCipher's own
passphrase derivation, PBKDF2-HMAC-SHA512 over the passphrase's UTF-8 bytes with 256,000
iterations and the 16-byte salt SQLCipher keeps in the file's first 16 bytes: so the
standard ``sqlcipher`` shell opens it with ``PRAGMA key = '<passphrase>'`` (see
docs/formats.md). The program derives that key once per unlock (``SessionKey``) and hands
SQLCipher the raw key on every connection, so a new connection costs no second derivation
and the passphrase itself is not kept.

Unlocked keys live in this process only (``remember`` / ``forget``), by the file's path:
every ``SessionFile`` on that path, the window's and the evidence index's worker's alike,
finds its key there. A command line sets ``passphrase_source.source`` to ask when a locked file is
opened. Plain (unencrypted) sessions are ordinary SQLite files and need none of this.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as driver

from expertscore.errors import ExpertScoreError
from expertscore.storage import passphrase_source

# A DB-API connection to a database holding the evidence index's tables: a session file
# (SQLCipher's driver) or the chair's index file of a package (Python's sqlite3).
Raw = Any

SQLITE_MAGIC = b"SQLite format 3\x00"
KDF_ITERATIONS = 256_000  # SQLCipher 4's default: the sqlcipher shell derives the same key
SALT_BYTES = 16
KEY_BYTES = 32
# Each page's HMAC: SHA-256 rather than SQLCipher 4's default SHA-512, as strong here and
# several times faster where the processor has SHA extensions (the import of a 1 GiB batch
# hashes every byte once).
HMAC_ALGORITHM = "HMAC_SHA256"
CACHE_KIB = 32 << 10  # per connection of an encrypted session
NOT_A_DATABASE = 26  # SQLITE_NOTADB: what a wrong key reads page 1 as
PAGE_SIZE = 65536  # the plain session's page size too: large evidence blobs, few pages


class SessionFileError(ExpertScoreError):
    """A session file is missing, not a session, or from a newer program."""


class PassphraseNeeded(SessionFileError):
    """The session at ``path`` is encrypted and no passphrase was given for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: the session is encrypted; give its passphrase")


class WrongSessionPassphrase(SessionFileError):
    """The passphrase does not open the session at ``path`` (or it is no session at all)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: wrong passphrase, or not a session file; nothing was changed")


MIN_SESSION_PASSPHRASE = 8  # a new session's passphrase: the window and the command line


class PassphraseTooShort(SessionFileError):
    """A new session's passphrase has ``length`` characters, fewer than ``minimum``."""

    def __init__(self, length: int, minimum: int = MIN_SESSION_PASSPHRASE) -> None:
        self.length, self.minimum = length, minimum
        super().__init__(
            f"a session passphrase needs at least {minimum} characters ({length} given)"
        )


@dataclass(frozen=True)
class SessionKey:
    """The raw database key and the salt it was derived with (never printed)."""

    key: bytes = field(repr=False)
    salt: bytes

    @classmethod
    def derive(cls, passphrase: str, salt: bytes) -> SessionKey:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

        kdf = PBKDF2HMAC(hashes.SHA512(), KEY_BYTES, salt, KDF_ITERATIONS)
        return cls(kdf.derive(passphrase.encode("utf-8")), salt)

    @classmethod
    def new(cls, passphrase: str) -> SessionKey:
        """A key for a new file, with a fresh random salt (SQLCipher writes it first);
        ``PassphraseTooShort`` under ``MIN_SESSION_PASSPHRASE`` characters."""
        if len(passphrase) < MIN_SESSION_PASSPHRASE:
            raise PassphraseTooShort(len(passphrase))
        return cls.derive(passphrase, os.urandom(SALT_BYTES))

    @classmethod
    def for_file(cls, path: Path, passphrase: str) -> SessionKey:
        """The key ``passphrase`` gives for the existing file at ``path``."""
        with path.open("rb") as handle:
            salt = handle.read(SALT_BYTES)
        return cls.derive(passphrase, salt)

    def pragma(self) -> str:
        # SQLCipher's raw-key form: 32 bytes of key then the 16-byte salt, in hex.
        return f"PRAGMA key = \"x'{self.key.hex()}{self.salt.hex()}'\""


def is_encrypted(path: Path) -> bool:
    """True when ``path`` is a file that is not plain SQLite (an encrypted session looks
    like random bytes from its first byte on: there is nothing else to tell it by)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False
    # SQLCipher writes whole pages: any other size is no database at all.
    return size > 0 and size % 512 == 0 and head != SQLITE_MAGIC


def _key(raw: driver.Connection, key: SessionKey) -> None:
    raw.execute(key.pragma())
    raw.execute(f"PRAGMA cipher_page_size = {PAGE_SIZE}")
    raw.execute(f"PRAGMA cipher_hmac_algorithm = {HMAC_ALGORITHM}")


# Opening and closing a connection take SQLCipher's process-wide mutex, and the driver
# closes while holding Python's lock: a connection closed on one thread (the window's) while
# another opens one (the evidence index's worker) deadlocked. Opening (with the key's
# pragmas) and closing are therefore never at the same time; waiting for this lock lets
# Python's go.
_open_close = threading.Lock()


class _Connection(driver.Connection):
    def close(self) -> None:
        with _open_close:
            super().close()


def connect(path: Path, key: SessionKey | None) -> driver.Connection:
    """A DB-API connection to the session at ``path``, keyed when ``key`` is given."""
    with _open_close:
        return _connect(path, key)


def _connect(path: Path, key: SessionKey | None) -> driver.Connection:
    # The connection is handed between threads by SQLAlchemy's pool, never used by two.
    raw = driver.connect(str(path), check_same_thread=False, factory=_Connection)
    # Failed decryptions are our typed error; SQLCipher need not also print them.
    raw.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        _key(raw, key)
        # Every page read from disk is decrypted and checked: a larger page cache than
        # SQLite's 2 MB (about 30 of these 64 KiB pages) keeps an edit from doing that again.
        raw.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    # Sorts and temporary tables stay in memory: nothing of the session spills to /tmp.
    raw.execute("PRAGMA temp_store = MEMORY")
    return raw


def check_key(path: Path, key: SessionKey) -> None:
    """Raise ``WrongSessionPassphrase`` unless ``key`` decrypts ``path``; reads, never writes."""
    # immutable: the main file alone, no lock, no WAL, no shared memory touched. Page 1 is
    # always in the main file under the same key (the WAL may hold newer copies of it).
    with _open_close:
        raw = driver.connect(
            f"{path.resolve().as_uri()}?immutable=1", uri=True, factory=_Connection
        )
    try:
        with _open_close:
            raw.execute("PRAGMA cipher_log_level = NONE")
            _key(raw, key)
        raw.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", NOT_A_DATABASE) != NOT_A_DATABASE:
            raise SessionFileError(f"{path}: cannot be read ({error})").saying(
                "unreadable", path=path, reason=error
            ) from None
        raise WrongSessionPassphrase(path) from None
    finally:
        raw.close()


# --- the keys unlocked in this process ----------------------------------------------------

_keys: dict[Path, SessionKey] = {}
_lock = threading.Lock()
PassphraseSource = Callable[[Path], str]


def _where(path: Path) -> Path:
    return Path(os.path.abspath(path))


def remember(path: Path, key: SessionKey) -> None:
    with _lock:
        _keys[_where(path)] = key


def forget(path: Path) -> None:
    """Drop the key of ``path``: the session must be unlocked again to be opened."""
    with _lock:
        _keys.pop(_where(path), None)


def is_unlocked(path: Path) -> bool:
    with _lock:
        return _where(path) in _keys


def unlock(path: Path, passphrase: str) -> SessionKey:
    """Check ``passphrase`` against the encrypted session at ``path`` and keep its key."""
    if not path.is_file():
        raise SessionFileError(f"{path}: no such session file").saying("no_file", path=path)
    key = SessionKey.for_file(path, passphrase)
    check_key(path, key)
    remember(path, key)
    return key


def key_for(path: Path) -> SessionKey | None:
    """The key to open ``path`` with: None for a plain file; else the unlocked key, asking
    ``passphrase_source.source`` once when there is none (``PassphraseNeeded`` without
    one)."""
    if not is_encrypted(path):
        return None
    with _lock:
        key = _keys.get(_where(path))
    if key is not None:
        return key
    source = passphrase_source.source
    if source is None:
        raise PassphraseNeeded(path)
    return unlock(path, source(path))
