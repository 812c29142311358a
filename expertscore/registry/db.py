"""Opening the registry: a database URL, an engine, and the schema brought up to date.

``--db`` takes a SQLAlchemy URL (``sqlite:///registry.sqlite``,
``postgresql+psycopg://user@host/dbname``) or a plain path, which means a SQLite file.
The schema is the registry's own Alembic chain, with its own version table, so the
registry can share a PostgreSQL database with nothing else's migrations in the way.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import data_dir
from expertscore.storage import db as storage_db

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "registry_alembic_version"
URL_ENV = "EXPERTSCORE_REGISTRY"


class RegistryDatabaseError(ExpertScoreError):
    """The registry's database cannot be opened: ``url`` (password hidden) and why."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"registry {url}: {reason}")
        self.url = url
        self.reason = reason


def default_url() -> str:
    """``EXPERTSCORE_REGISTRY``, else a SQLite file in the user's data folder."""
    return os.environ.get(URL_ENV) or f"sqlite:///{data_dir() / 'registry.sqlite'}"


def normalized_url(given: str) -> str:
    """A URL for ``given``: a URL as it is, a path (no ``://``) as a SQLite file."""
    if "://" in given:
        return given
    return f"sqlite:///{Path(given).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # The driver's own transaction handling is off: ``_begin_immediate`` begins each one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL: readers (the registry views) never block a member of staff ingesting.
    cursor.execute("PRAGMA journal_mode=WAL")
    # The schema relies on foreign keys; SQLite leaves them off unless asked.
    cursor.execute("PRAGMA foreign_keys=ON")
    # Two staff ingesting into one file: the second waits for the first's transaction.
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    shown = _shown(url)
    try:
        parsed = make_url(normalized_url(url))
    except ArgumentError:
        raise RegistryDatabaseError(shown, "not a database URL").saying("not_a_url") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed)
    except NoSuchModuleError:
        raise RegistryDatabaseError(shown, "no such kind of database").saying(
            "unknown_kind"
        ) from None
    except ImportError as exc:
        raise RegistryDatabaseError(
            shown,
            f"its driver is not installed ({exc.name}); install the program with its"
            " 'registry' extra",
        ).saying("no_driver", module=exc.name) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate)
    return engine


def _begin_immediate(connection) -> None:
    # Take the write lock at the start: a transaction that read first and then wrote would
    # fail at once (not wait) if another process wrote in between.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _shown(url: str) -> str:
    try:
        return make_url(normalized_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def alembic_config(engine: Engine | None = None) -> Config:
    return storage_db.alembic_config(engine, MIGRATIONS)


def known_revisions() -> list[str]:
    return storage_db.known_revisions(MIGRATIONS)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not engine.dialect.has_table(connection, VERSION_TABLE):
            return None
        row = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
    return row[0] if row else None


def open_registry(url: str) -> Engine:
    """An engine on the registry at ``url``, created or migrated to the newest schema.

    A registry made by a newer program is refused rather than changed.
    """
    engine = make_engine(url)
    shown = _shown(url)
    try:
        current = current_revision(engine)
        if current is not None and current not in known_revisions():
            engine.dispose()
            raise RegistryDatabaseError(
                shown, f"made by a newer ExpertScore (schema {current}); update the program"
            ).saying("newer", schema=current)
        if current != known_revisions()[-1]:
            from alembic import command

            command.upgrade(alembic_config(engine), "head")
    except DBAPIError as exc:
        engine.dispose()
        raise RegistryDatabaseError(shown, _first_line(exc.orig)).saying("database") from None
    return engine


def database_error(engine: Engine, error: DBAPIError) -> RegistryDatabaseError:
    """A database failure (a lost connection, a full disk) as one typed error."""
    return RegistryDatabaseError(_shown(str(engine.url)), _first_line(error.orig))


def _first_line(error: BaseException | None) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__
