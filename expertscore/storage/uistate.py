"""Where the expert left off: small key/value pairs in the session's ``ui_state`` table.

The window keeps the current submission and indicator here, so they travel with the
session file (another laptop, a backup) rather than with the machine's settings. These
writes are not edits: they go into no edit log and are allowed in a locked session.
Not thread-safe, like ``SessionFile``; each call is its own short transaction.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, select

from expertscore.storage import models as m
from expertscore.storage.session import SessionFile

MAX_KEY = 64


def get_ui_state(session: SessionFile, key: str) -> str | None:
    with session.orm() as orm:
        row = orm.get(m.UiState, key)
        return row.value if row is not None else None


def all_ui_state(session: SessionFile) -> dict[str, str]:
    with session.orm() as orm:
        return {row.key: row.value for row in orm.scalars(select(m.UiState))}


def set_ui_state(session: SessionFile, values: Mapping[str, str | None]) -> None:
    """Store several keys in one transaction; ``None`` removes a key."""
    for key in values:
        if not key or len(key) > MAX_KEY:
            raise ValueError(f"ui_state key must be 1..{MAX_KEY} characters: {key!r}")
    with session.orm() as orm, orm.begin():
        for key, value in values.items():
            if value is None:
                orm.execute(delete(m.UiState).where(m.UiState.key == key))
                continue
            row = orm.get(m.UiState, key)
            if row is None:
                orm.add(m.UiState(key=key, value=value))
            else:
                row.value = value
