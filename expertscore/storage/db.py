"""Opening session files: engine, pragmas, and bringing the schema up to date.

Every connection gets the same pragmas from one ``connect`` listener. A session file made
by an older program is migrated on open (after a copy is kept beside it); one made by a
newer program is refused rather than damaged.

Connections come from SQLCipher's SQLite (``cipher.connect``) for every session, plain or
encrypted, so that both run the same code; an encrypted one is keyed before SQLAlchemy
sees it.
"""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError

from expertscore.storage import cipher
from expertscore.storage.cipher import SQLITE_MAGIC, SessionFileError, SessionKey

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
__all__ = ["SQLITE_MAGIC", "SessionFileError", "make_engine", "open_engine"]


def _set_pragmas(dbapi_connection: cipher.driver.Connection, _record: object) -> None:
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


def session_engine(path: Path, key: SessionKey | None) -> Engine:
    """An engine without pragmas on the session at ``path`` (keyed when ``key`` is given).

    The URL names the file so that SQLAlchemy pools connections as for a file database;
    ``creator`` makes them.
    """
    return create_engine(
        f"sqlite:///{path}",
        creator=partial(cipher.connect, path, key),
        module=cipher.driver,
        future=True,
    )


def make_engine(path: Path, key: SessionKey | None = None) -> Engine:
    engine = session_engine(path, key)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config(engine: Engine | None = None, migrations: Path = MIGRATIONS) -> Config:
    """Alembic's configuration for the chain in ``migrations`` (the session file's unless
    told), the script location set in code so that it works inside the bundled app too."""
    # Alembic is imported only to create or migrate a file: opening a current session (the
    # window's cold start) needs nothing of it.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def known_revisions(migrations: Path = MIGRATIONS) -> list[str]:
    """Every schema revision, oldest first: migration files are named ``<revision>_*.py``."""
    return sorted(path.name.split("_", 1)[0] for path in (migrations / "versions").glob("*_*.py"))


def head_revision() -> str:
    return known_revisions()[-1]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        try:
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        except OperationalError:
            return None  # no version table: not a session file
    return row[0] if row else None


def create_schema(engine: Engine) -> None:
    """A new, empty session file at the newest schema."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def open_engine(path: Path, key: SessionKey | None = None) -> Engine:
    """An engine on an existing session file, migrated to the newest schema if older.

    An encrypted file needs ``key``, or a key unlocked for its path (``cipher.key_for``).
    """
    if not path.is_file():
        raise SessionFileError(f"{path}: no such session file").saying("no_file", path=path)
    if key is None:
        key = cipher.key_for(path)
    if key is None:
        with path.open("rb") as handle:
            if handle.read(16) != SQLITE_MAGIC:
                raise SessionFileError(f"{path}: not a session file (not SQLite)").saying(
                    "not_sqlite", path=path
                )
    else:
        cipher.check_key(path, key)
    engine = make_engine(path, key)
    known = set(known_revisions())
    current = current_revision(engine)
    if current is None:
        engine.dispose()
        raise SessionFileError(f"{path}: not a session file (no schema version)").saying(
            "no_schema", path=path
        )
    if current not in known:
        engine.dispose()
        raise SessionFileError(
            f"{path}: made by a newer ExpertScore (schema {current}); update the program"
        ).saying("newer", path=path, schema=current)
    if current != head_revision():
        engine.dispose()
        backup = path.with_name(f"{path.name}.before-{head_revision()}.bak")
        if not backup.exists():
            shutil.copy2(path, backup)
        engine = make_engine(path, key)
        from alembic import command

        command.upgrade(alembic_config(engine), "head")
    return engine
