"""What this computer remembers about a merge folder: its package and the key cards used.

The merge folder holds the accepted result files and the audit log, not the key cards
that vouched for experts whose key the roster does not pin; without them the folder's
files cannot be verified again. So the window remembers, per folder, the package and the
key card paths it was opened with (in the machine's settings, beside the window's own),
and offers them the next time the folder is opened.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ui.settings import open_qsettings

GROUP = "chair_folders"


def _key(folder: Path) -> str:
    return hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:24]


def remember(folder: Path, package: Path, keycards: list[Path] | tuple[Path, ...]) -> None:
    store = open_qsettings()
    store.beginGroup(f"{GROUP}/{_key(folder)}")
    store.setValue("folder", str(folder.resolve()))
    store.setValue("package", str(package.resolve()))
    store.setValue("keycards", [str(Path(p).resolve()) for p in keycards])
    store.endGroup()
    store.sync()


def recall(folder: Path) -> tuple[Path | None, list[Path]]:
    """The package and key cards last used with ``folder`` (those that still exist)."""
    store = open_qsettings()
    store.beginGroup(f"{GROUP}/{_key(folder)}")
    package = store.value("package")
    cards = store.value("keycards") or []
    store.endGroup()
    if isinstance(cards, str):  # QSettings gives a one-item list back as a string
        cards = [cards]
    found = [Path(c) for c in cards if Path(c).is_file()]
    chosen = Path(package) if package and Path(package).is_file() else None
    return chosen, found
