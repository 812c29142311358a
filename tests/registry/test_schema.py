"""The registry's schema on both databases: the migrations make exactly the models' tables,
go down and up again with data present, have one head, and a newer registry is refused."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from expertscore.registry.db import (
    VERSION_TABLE,
    RegistryDatabaseError,
    alembic_config,
    known_revisions,
    open_registry,
)
from expertscore.registry.ingest import ingest
from expertscore.registry.models import Base


def test_the_migrations_make_the_models_tables(db_url):
    engine = open_registry(db_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == known_revisions()[-1]
    engine.dispose()


def test_one_head_and_down_and_up_again_with_data(db_url, rounds):
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert heads == [known_revisions()[-1]]
    r = rounds["LN-2025-1"]
    engine = open_registry(db_url)
    ingest(engine, r.panel, r.package)
    command.downgrade(alembic_config(engine), "base")
    assert set(inspect(engine).get_table_names()) <= {VERSION_TABLE}
    command.upgrade(alembic_config(engine), "head")
    assert ingest(engine, r.panel, r.package).outcome == "added"
    engine.dispose()


def test_a_registry_of_a_newer_program_is_refused(db_url):
    engine = open_registry(db_url)
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(RegistryDatabaseError) as refused:
        open_registry(db_url)
    assert refused.value.reason == "made by a newer ExpertScore (schema 9999); update the program"


def test_an_unreachable_server_is_one_line():
    with pytest.raises(RegistryDatabaseError) as refused:
        open_registry("postgresql+psycopg://nobody@/none?host=/nonexistent&port=1")
    assert "\n" not in str(refused.value)
    assert str(refused.value).startswith("registry postgresql+psycopg://nobody@/none")
    with pytest.raises(RegistryDatabaseError) as refused:
        open_registry("nosuchdb://x/y")
    assert refused.value.reason == "no such kind of database"
