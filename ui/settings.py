"""The window's settings on this machine: a typed wrapper over ``QSettings``.

Like Picard's ``config``: every setting has a name, a type and a default, and the file
carries a version; ``upgrade()`` runs the steps from the stored version to the current
one, so a setting can be renamed or reshaped without losing what users had.

What belongs to the session (the current submission and indicator) is kept in the session
file instead (``expertscore.storage.uistate``); here is only what belongs to the machine:
language, recent files, the last expert, window geometry and splitter sizes.

``EXPERTSCORE_SETTINGS_DIR`` puts the settings in an INI file in that folder (tests use a
temporary folder so they never touch the user's settings).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "ExpertScore"
APPLICATION = "ExpertScore"
VERSION = 2
MAX_RECENT = 8
LANGUAGES = ("zh", "en")
DEFAULT_LOCK_MINUTES = 15


def _v1_to_v2(settings: QSettings) -> None:
    """Version 1 kept one recent file under ``last_file``; version 2 keeps a list."""
    last = settings.value("last_file")
    if last:
        settings.setValue("recent_files", [str(last)])
    settings.remove("last_file")


UPGRADES: dict[int, Callable[[QSettings], None]] = {1: _v1_to_v2}


def open_qsettings() -> QSettings:
    folder = os.environ.get("EXPERTSCORE_SETTINGS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        return QSettings(str(Path(folder) / "expertscore.ini"), QSettings.Format.IniFormat)
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
    )


class Settings:
    """Typed access to the settings. Use from the UI thread only."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else open_qsettings()
        self.upgrade()

    def upgrade(self) -> None:
        stored = self._int("settings_version", 0)
        if stored == 0 and not self.store.allKeys():
            stored = VERSION  # a new file: nothing to upgrade
        for version in range(max(stored, 1), VERSION):
            step = UPGRADES.get(version)
            if step is not None:
                step(self.store)
        self.store.setValue("settings_version", VERSION)

    def _int(self, key: str, default: int) -> int:
        value = self.store.value(key, default)
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # --- language --------------------------------------------------------------------

    @property
    def language(self) -> str:
        value = str(self.store.value("language", "zh"))
        return value if value in LANGUAGES else "zh"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language '{value}'")
        self.store.setValue("language", value)

    # --- files -----------------------------------------------------------------------

    @property
    def recent_files(self) -> list[str]:
        value = self.store.value("recent_files", [])
        if isinstance(value, str):  # QSettings gives a single string for a one-item list
            value = [value]
        return [str(item) for item in (value or []) if item]

    def add_recent_file(self, path: Path | str) -> None:
        text = str(Path(path).resolve())
        files = [text, *(item for item in self.recent_files if item != text)]
        self.store.setValue("recent_files", files[:MAX_RECENT])

    def clear_recent_files(self) -> None:
        self.store.setValue("recent_files", [])

    @property
    def last_expert(self) -> str | None:
        value = self.store.value("last_expert")
        return str(value) if value else None

    @last_expert.setter
    def last_expert(self, expert_id: str) -> None:
        self.store.setValue("last_expert", expert_id)

    # --- encrypting result and panel files ---------------------------------------------

    def encrypt_to(self, purpose: str) -> tuple[bool, str]:
        """Whether files of ``purpose`` ("chair", "authority") were last encrypted, and to
        which key card or recipients file."""
        on = str(self.store.value(f"encrypt_to/{purpose}_on", "false")).lower() == "true"
        return on, str(self.store.value(f"encrypt_to/{purpose}", "") or "")

    def set_encrypt_to(self, purpose: str, on: bool, path: str) -> None:
        self.store.setValue(f"encrypt_to/{purpose}_on", "true" if on else "false")
        self.store.setValue(f"encrypt_to/{purpose}", path)

    # --- layout ----------------------------------------------------------------------

    @property
    def lock_minutes(self) -> int:
        """Minutes without input before the window locks an encrypted session (0: never)."""
        return max(0, self._int("lock_minutes", DEFAULT_LOCK_MINUTES))

    @lock_minutes.setter
    def lock_minutes(self, minutes: int) -> None:
        self.store.setValue("lock_minutes", max(0, int(minutes)))

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def splitter_state(self, name: str) -> QByteArray | None:
        return self._bytes(f"window/splitter_{name}")

    def save_layout(
        self, geometry: QByteArray, state: QByteArray, splitters: dict[str, QByteArray]
    ) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)
        for name, value in splitters.items():
            self.store.setValue(f"window/splitter_{name}", value)

    def sync(self) -> None:
        self.store.sync()
