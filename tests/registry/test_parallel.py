"""``registry ingest --jobs N``: files checked by N processes, stored by one in the order
given. The database and what the command prints are those of ``--jobs 1``."""

from __future__ import annotations

import uuid
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from bench import pgserver
from expertscore.cli.main import cli
from expertscore.registry.db import open_registry
from expertscore.registry.models import Base
from tests.registry.material import payload_of, signed

CAUSE = "组长重签：日期有误"


def contents(engine: Engine) -> dict[str, list[tuple]]:
    """Every table's rows in key order, without when they were ingested."""
    out = {}
    with Session(engine) as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name != "ingested_at"]
            order = list(table.primary_key.columns)
            out[table.name] = [
                tuple(row) for row in session.execute(select(*columns).order_by(*order))
            ]
    return out


def ingest(url: str, files: list[Path], batch: Path, jobs: int) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        cli,
        ["registry", "--db", url, "ingest", *map(str, files), "--batch", str(batch),
         "--correction", CAUSE, "--by", "张三", "--jobs", str(jobs)],
    )  # fmt: skip
    return result.exit_code, result.stdout, result.stderr


def test_files_checked_by_two_processes_give_the_database_of_one(db_url, rounds, tmp_path, request):
    r, other = rounds["LN-2025-1"], rounds["LN-2026-1"]
    payload = payload_of(r.panel)
    payload["created_at"] = "2025-06-04T09:00:00+08:00"
    later = signed(payload, tmp_path / "later.espanel")
    payload["created_at"] = "2025-06-05T09:00:00+08:00"
    latest = signed(payload, tmp_path / "latest.espanel")
    payload["submissions"][0]["total"] = "99.00"
    forged = signed(payload, tmp_path / "forged.espanel")
    garbled = tmp_path / "garbled.espanel"
    garbled.write_bytes(b"{not json")
    files = [r.panel, other.panel, garbled, later, r.panel, forged, latest, tmp_path / "none"]
    if db_url.startswith("sqlite"):
        second = f"sqlite:///{tmp_path / 'second.sqlite'}"
    else:
        server = request.getfixturevalue("postgres_server")
        second = pgserver.create_database(server, f"registry_second_{uuid.uuid4().hex[:12]}")
    one, two = open_registry(db_url), open_registry(second)
    alone = ingest(db_url, files, r.package_path, jobs=1)
    together = ingest(second, files, r.package_path, jobs=2)
    assert together == alone
    code, out, err = alone
    assert code == 1
    assert [line.split(" (")[0] for line in out.splitlines()] == [
        f"{r.panel}: added",
        f"{later}: correction",
        f"{r.panel}: unchanged",
        f"{latest}: correction",
    ]
    refusals = [line for line in err.splitlines() if not line.startswith("  ")]
    assert [line.split(": refused: ")[0] for line in refusals] == [
        str(other.panel), str(garbled), str(forged), str(tmp_path / "none")
    ]  # fmt: skip
    stored = contents(one)
    assert len(stored["panel_file"]) == 3 and stored["platform_result"]
    assert contents(two) == stored
    one.dispose()
    two.dispose()
