"""Opening session files: engine, pragmas, and bringing the schema up to date.

Every connection gets the same pragmas from one ``connect`` listener. A session file made
by an older program is migrated on open (after a copy is kept beside it); one made by a
newer program is refused rather than damaged.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

from expertscore.errors import ExpertScoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"


class SessionFileError(ExpertScoreError):
    """A session file is missing, not a session, or from a newer program."""


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: a crash mid-write never corrupts the file, and readers never block the writer.
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed edit survives power loss, which is what "saved at once" promises.
    cursor.execute("PRAGMA synchronous=FULL")
    # The schema relies on foreign keys; SQLite leaves them off unless asked.
    cursor.execute("PRAGMA foreign_keys=ON")
    # A second process (a backup, a viewer) may hold the file briefly; wait, don't fail.
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def create_schema(engine: Engine) -> None:
    """A new, empty session file at the newest schema."""
    command.upgrade(alembic_config(engine), "head")


def open_engine(path: Path) -> Engine:
    """An engine on an existing session file, migrated to the newest schema if older."""
    if not path.is_file():
        raise SessionFileError(f"{path}: no such session file")
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_MAGIC:
            raise SessionFileError(f"{path}: not a session file (not SQLite)")
    engine = make_engine(path)
    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    current = current_revision(engine)
    if current is None:
        engine.dispose()
        raise SessionFileError(f"{path}: not a session file (no schema version)")
    if current not in known:
        engine.dispose()
        raise SessionFileError(
            f"{path}: made by a newer ExpertScore (schema {current}); update the program"
        )
    if current != head_revision():
        engine.dispose()
        backup = path.with_name(f"{path.name}.before-{head_revision()}.bak")
        if not backup.exists():
            shutil.copy2(path, backup)
        engine = make_engine(path)
        command.upgrade(alembic_config(engine), "head")
    return engine
