"""Schema versions: one head, a reversible chain, and every released session file opens."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from expertscore.storage.cipher import driver
from expertscore.storage.db import (
    SessionFileError,
    alembic_config,
    current_revision,
    head_revision,
    make_engine,
    open_engine,
)
from expertscore.storage.models import Base
from expertscore.storage.session import SessionFile

RELEASED = sorted(
    (Path(__file__).resolve().parents[1] / "fixtures" / "sessions").glob("*.esession")
)


def test_single_head():
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1


def test_every_revision_has_a_released_session_fixture():
    script = ScriptDirectory.from_config(alembic_config())
    revisions = {rev.revision for rev in script.walk_revisions()}
    fixtures = {path.stem.removeprefix("schema-") for path in RELEASED}
    assert revisions == fixtures


def test_head_schema_matches_the_models(tmp_path):
    engine = make_engine(tmp_path / "fresh.esession")
    command.upgrade(alembic_config(engine), "head")
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    # the FTS5 table of the evidence index and its shadow tables are SQLite's, not models
    tables = {name for name in tables if not name.startswith("evidence_text")}
    assert tables == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        columns = {c["name"] for c in inspect(engine).get_columns(name)}
        assert columns == {c.name for c in table.columns}, name
    engine.dispose()


def test_downgrade_and_upgrade_the_whole_chain_with_data(tmp_path):
    path = tmp_path / "chain.esession"
    shutil.copy(RELEASED[-1], path)
    engine = make_engine(path)
    config = alembic_config(engine)
    command.downgrade(config, "base")
    assert current_revision(engine) is None
    command.upgrade(config, "head")
    assert current_revision(engine) == head_revision()
    engine.dispose()


@pytest.mark.parametrize("fixture", RELEASED, ids=lambda p: p.stem)
def test_released_session_files_open_in_this_program(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    with SessionFile(path) as session:
        summary = session.summary()
        assert summary.batch_id == "TEST-1"
        assert summary.expert_id == "E02"
        assert summary.recused == 1
        assert session.scheme.id == "example-grading"
    assert current_revision(make_engine(path)) == head_revision()


def test_session_from_a_newer_program_is_refused(tmp_path):
    path = tmp_path / "future.esession"
    shutil.copy(RELEASED[-1], path)
    raw = driver.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.close()
    with pytest.raises(SessionFileError, match=r"made by a newer ExpertScore \(schema 9999\)"):
        open_engine(path)
    raw = driver.connect(path)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [("9999",)]
    assert raw.execute("SELECT count(*) FROM submission").fetchone() == (2,)
    raw.close()
    assert list(tmp_path.glob("*.bak")) == []


def test_not_a_session_file(tmp_path):
    path = tmp_path / "notes.esession"
    path.write_text("just text")
    with pytest.raises(SessionFileError, match="not a session file"):
        SessionFile(path)


def test_sqlite_without_schema_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    driver.connect(path).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(SessionFileError, match=r"not a session file \(no schema version\)"):
        SessionFile(path)


def test_revisions_read_from_file_names_are_alembics():
    from expertscore.storage.db import known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert known_revisions() == chain
    assert head_revision() == script.get_current_head()
