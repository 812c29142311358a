"""The registry's tests run on both databases: a SQLite file and a real PostgreSQL server.

The server is ``EXPERTSCORE_TEST_PG_URL`` when CI started one (``.ci/run``), else a
throwaway cluster this session starts (``bench.pgserver``) and stops at the end. Each test
gets a new, empty database on it. Without PostgreSQL's programs the tests fail, never skip.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import pgserver
from tests.registry import material

_numbers = itertools.count(1)
RUN = uuid.uuid4().hex[:8]  # two runs on one CI server never share a database name


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    given = os.environ.get("EXPERTSCORE_TEST_PG_URL")
    if given:
        yield given
        return
    folder = pgserver.start()
    try:
        yield pgserver.server_url(folder)
    finally:
        pgserver.stop(folder)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty registry database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.sqlite'}"
    server = request.getfixturevalue("postgres_server")
    return pgserver.create_database(server, f"registry_test_{RUN}_{next(_numbers)}")


@pytest.fixture(scope="session")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, material.Round]:
    """A year of panels: the same platforms graded in two years and re-graded, and
    another scheme's monitoring round."""
    folder = tmp_path_factory.mktemp("registry-rounds")
    grading = material.base_batch(folder / "grading")
    monitoring = material.base_batch(folder / "monitoring", scheme="provincial-monitoring-2025")
    plan = [
        (grading, "LN-2025-1", "2025-06-01T09:00:00+08:00", 11),
        (grading, "LN-2026-1", "2026-06-01T09:00:00+08:00", 12),
        (grading, "LN-2026-2", "2026-11-01T09:00:00+08:00", 13),
        (monitoring, "PM-2026-1", "2026-03-01T09:00:00+08:00", 14),
    ]
    return {
        batch: material.panel_round(folder, base, batch, created, seed)
        for base, batch, created, seed in plan
    }
