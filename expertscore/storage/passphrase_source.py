"""Where a locked encrypted session's passphrase comes from when a command opens one.

The front end sets ``source`` (the command line asks on the terminal or reads
``--passphrase-file``, ``passphrase_file``); ``storage.cipher`` calls it once per file. It
imports nothing, so the command line sets it before any command without loading the
session code or another command's module.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

source: Callable[[Path], str] | None = None
passphrase_file: Path | None = None  # the command line's --passphrase-file, if given
