"""Unlocking a key's decryption identity for a command that reads encrypted files."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from expertscore.batch.sealed_package import unlock_key_identity
from expertscore.cli.key_cmd import read_passphrase
from expertscore.crypto import sealed
from expertscore.identity.keys import open_key


def unlock_if_sealed(paths: Iterable[Path], key_id: str | None) -> str | None:
    """If any of ``paths`` is encrypted, unlock ``key_id``'s identity (asking its passphrase).

    Returns whose key was unlocked, or ``None`` when every file is plain. Without
    ``key_id`` an encrypted file is refused with ``NoKeyUnlocked`` (one line, naming it).
    """
    encrypted = [path for path in paths if path.is_file() and sealed.is_sealed(path)]
    if not encrypted:
        return None
    if key_id is None:
        raise sealed.NoKeyUnlocked(encrypted[0])
    key = open_key(key_id, read_passphrase(f"passphrase of the key of {key_id}"))
    unlock_key_identity(key)
    return key_id


def files_in(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern)) if folder.is_dir() else []
