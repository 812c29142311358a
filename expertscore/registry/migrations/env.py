"""Alembic environment for the registry; the engine is handed over by ``registry.db``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from expertscore.registry.db import VERSION_TABLE
from expertscore.registry.models import Base

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        # Two staff opening a new registry at once: the second waits, then finds it made.
        connection.execute(text("SELECT pg_advisory_xact_lock(2202201)"))
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        version_table=VERSION_TABLE,
        render_as_batch=True,  # SQLite can't ALTER most things; batch mode copies tables
    )
    context.run_migrations()
