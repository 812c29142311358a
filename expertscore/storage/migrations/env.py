"""Alembic environment for session files; the engine is handed over by ``storage.db``."""

from __future__ import annotations

from alembic import context

from expertscore.storage.models import Base

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite can't ALTER most things; batch mode copies tables
    )
    context.run_migrations()
