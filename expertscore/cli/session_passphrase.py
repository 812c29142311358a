"""Where the command line gets a session's passphrase: ``--passphrase-file``, the
``EXPERTSCORE_SESSION_PASSPHRASE`` variable (both for scripts), else asked without echo.

``ask_for`` is the source ``cipher`` asks (``passphrase_source``, set by ``cli.main``) when
a command opens an encrypted session that is still locked, so every command that takes
``--session`` works on one unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from expertscore.storage import cipher, passphrase_source

SESSION_PASSPHRASE_ENV = "EXPERTSCORE_SESSION_PASSPHRASE"


def read_passphrase_file(path: Path) -> str:
    """The passphrase in ``path``: its first line, without the newline (also the window's
    ``--passphrase-file``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise cipher.SessionFileError(f"{path}: cannot read the passphrase file ({error})").saying(
            "passphrase_file", path=path, reason=error
        ) from None
    return text.splitlines()[0] if text else ""


def read_session_passphrase(prompt: str, confirm: bool = False) -> str:
    if passphrase_source.passphrase_file is not None:
        return read_passphrase_file(passphrase_source.passphrase_file)
    value = os.environ.get(SESSION_PASSPHRASE_ENV)
    if value is not None:
        return value
    return click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, err=True)


def new_session_key(out: Path) -> cipher.SessionKey:
    """The key of a new encrypted session: its passphrase asked twice, then derived."""
    passphrase = read_session_passphrase(f"new passphrase for the session {out}", confirm=True)
    return cipher.SessionKey.new(passphrase)  # refuses one too short


def ask_for(path: Path) -> str:
    """The passphrase of the locked session at ``path`` (``passphrase_source.source``)."""
    return read_session_passphrase(f"passphrase of the session {path}")
