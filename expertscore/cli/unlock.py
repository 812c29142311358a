"""``--key ID``: the key that opens files encrypted to its owner, asked for only when needed.

The passphrase is asked (or read from ``EXPERTSCORE_PASSPHRASE``) the first time an
encrypted package, result or panel file is read, never for plain files.
"""

from __future__ import annotations

from pathlib import Path

import click

from expertscore.cli.main import KEY_HELP
from expertscore.crypto import sealed


def unlock_later(key_id: str | None) -> None:
    """Let the first encrypted file met unlock ``key_id``'s decryption identity."""
    if key_id is None:
        return

    def provide() -> None:
        from expertscore.batch.sealed_package import unlock_key_identity
        from expertscore.cli.key_cmd import read_passphrase
        from expertscore.identity.keys import open_key

        unlock_key_identity(open_key(key_id, read_passphrase(f"passphrase of the key of {key_id}")))

    sealed.set_provider(provide)


def _set(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    unlock_later(value)
    return value


KEY_OPTION = click.option(
    "--key", "key_id", default=None, expose_value=False, callback=_set, help=KEY_HELP
)
"""For any command reading packages, results or panel files: ``--key ID``."""


def key_owner() -> str | None:
    """Whose key opened the encrypted files so far, for a one-line report."""
    owners = sealed.unlocked_owners()
    return ", ".join(owners) if owners else None


ENCRYPT_TO = click.option(
    "--encrypt-to",
    "encrypt_to",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Encrypt the file (age) to the owner of this key card, or to the recipients of this"
    " age recipients file; repeatable.",
)


def recipients_of(cards: tuple[Path, ...]) -> list[str]:
    """The encryption recipients of the key cards or ``age`` recipients files given
    (``NoRecipient`` for an older card); the windows read them with the same function."""
    from expertscore.identity.recipients import recipients_of as read

    return read(cards)
