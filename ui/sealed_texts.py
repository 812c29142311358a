"""The translated lines for encrypted files: no key, not this key, damaged, older key.

The core's errors carry the facts (``source``, ``owners``, ``expert``); a refusal of a
result or panel file carries the encryption error as its cause.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from expertscore.batch.package import PackageEncrypted
from expertscore.crypto.sealed import NoKeyUnlocked, NotARecipient, SealedDamaged, SealedError
from expertscore.identity.keycard import NoRecipient
from expertscore.identity.keys import KeyCannotDecrypt


def sealed_error_text(error: BaseException) -> str | None:
    """The line for an encryption error (or a refusal caused by one), else ``None``."""
    cause = error.__cause__ if isinstance(error.__cause__, SealedError) else error
    if isinstance(cause, SealedError | PackageEncrypted):
        name = Path(cause.source).name
    if isinstance(cause, NoKeyUnlocked | PackageEncrypted):
        return QCoreApplication.translate(
            "Sealed", "{file} is encrypted: open it with a key it was encrypted to."
        ).format(file=name)
    if isinstance(cause, NotARecipient):
        return QCoreApplication.translate(
            "Sealed", "{file} is encrypted, but not to the key of {owners}."
        ).format(file=name, owners=", ".join(cause.owners))
    if isinstance(cause, SealedDamaged):
        return QCoreApplication.translate(
            "Sealed", "{file} is encrypted and damaged or was altered; nothing was read."
        ).format(file=name)
    if isinstance(cause, KeyCannotDecrypt):
        return QCoreApplication.translate(
            "Sealed",
            "The key of {owner} was made before encryption and cannot open encrypted files;"
            " give it a decryption key with “expertscore key add-recipient”.",
        ).format(owner=cause.owner)
    if isinstance(cause, NoRecipient):
        return QCoreApplication.translate(
            "Sealed",
            "The key card of {expert} was made before encryption: nothing can be encrypted to"
            " it. Ask {expert} for a new key card.",
        ).format(expert=cause.expert)
    return None
