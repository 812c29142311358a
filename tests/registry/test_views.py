"""What the registry answers, from a year of real panels on both databases: each platform's
history with its grades and ranks, each expert's record, the command line and the workbook."""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
from collections import Counter

from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import text

from expertscore.cli.main import cli
from expertscore.registry.db import open_registry
from expertscore.registry.ingest import ingest
from expertscore.registry.queries import expert_records, find_platforms, platform_history


def payload(panel) -> dict:
    return json.loads(base64.b64decode(json.loads(panel.read_bytes())["payload"]))


def registry(*args: object) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(cli, ["registry", *map(str, args)])
    return result.exit_code, result.stdout.splitlines(), result.stderr


def test_each_platform_s_history_is_the_panels_numbers_in_date_order(db_url, rounds):
    engine = open_registry(db_url)
    for r in reversed(rounds.values()):  # the order of ingesting does not matter
        ingest(engine, r.panel, r.package)
    expected: dict[tuple[str, str], list] = {}
    for r in sorted(rounds.values(), key=lambda r: r.package.manifest.batch.created):
        subs = payload(r.panel)["submissions"]
        for sub in subs:
            expected.setdefault((sub["operator"], sub["platform"]), []).append(
                (r.batch_id, r.package.manifest.scheme.id, sub["total"], sub["grade"],
                 sub["rank"], len(subs))
            )  # fmt: skip
    got: dict[tuple[str, str], list] = {}
    for x in platform_history(engine):
        got.setdefault((x.operator, x.platform), []).append(x)
    assert {
        key: [(x.batch_id, x.scheme.split()[0], str(x.total), x.grade, x.rank, x.of) for x in rows]
        for key, rows in got.items()
    } == expected
    assert len({x.scheme for rows in got.values() for x in rows}) == 2
    for rows in got.values():
        assert [x.moved for x in rows] == [False] + [
            a.grade != b.grade for a, b in itertools.pairwise(rows)
        ]
    assert any(x.moved for rows in got.values() for x in rows)
    (_, platform), rows = next(iter(got.items()))
    pid, name, _ = find_platforms(engine, platform)[0]
    assert name == platform
    assert platform_history(engine, pid) == rows
    engine.dispose()


def test_each_expert_s_record_adds_up_their_panels(db_url, rounds):
    engine = open_registry(db_url)
    for r in rounds.values():
        ingest(engine, r.panel, r.package)
    panels: Counter[tuple] = Counter()
    recused: Counter[tuple] = Counter()
    explanations: Counter[tuple] = Counter()
    assigned: Counter[tuple] = Counter()
    for r in rounds.values():
        people = {m.id: (m.name, m.organization) for m in r.package.manifest.roster}
        panels.update(people.values())
        assigned.update(people[a.expert] for a in r.package.manifest.assignments)
        for sub in payload(r.panel)["submissions"]:
            recused.update(people[e] for e in sub["recused"])
            explanations.update(people[e] for e in sub["explanations_needed"])
    records = {(e.name, e.organization): e for e in expert_records(engine)}
    assert set(records) == set(panels)
    for person, e in records.items():
        assert (e.panels, e.assigned, e.recused, e.explanations, e.missing) == (
            panels[person], assigned[person], recused[person], explanations[person], 0
        )  # fmt: skip
        assert e.keys == e.panels  # simulated experts make a new key each round
    assert sum(recused.values()) > 0 and max(panels.values()) == 3
    engine.dispose()


def test_the_commands_ingest_show_and_export(db_url, rounds, tmp_path):
    r = rounds["LN-2025-1"]
    args = ("--db", db_url)
    code, lines, _ = registry(*args, "ingest", r.panel, "--batch", r.package_path)
    assert code == 0 and lines == [
        f"{r.panel}: added ({r.batch_id}, {lines[0].split(', ')[1].split('…')[0]}…, checked: internal)"
    ]
    code, again, _ = registry(*args, "ingest", r.panel, "--batch", r.package_path)
    assert code == 0 and again[0].startswith(f"{r.panel}: unchanged ({r.batch_id}, ")
    other = rounds["LN-2026-1"]
    code, lines, err = registry(*args, "ingest", other.panel, r.panel, "--batch", r.package_path)
    assert code == 1
    assert err.splitlines()[0].startswith(f"{other.panel}: refused: 1 difference from what its")
    assert lines == [again[0]]
    code, lines, _ = registry(*args, "platforms")
    sub = payload(r.panel)["submissions"][0]
    assert f"{sub['platform']}  ({sub['operator']})" in lines
    assert any(f"{r.batch_id}" in line and f"total {sub['total']}" in line for line in lines)
    code, lines, _ = registry(*args, "experts")
    assert code == 0 and len(lines) == len(r.package.manifest.roster)
    out = tmp_path / "registry.xlsx"
    code, lines, _ = registry(*args, "export", "--out", out)
    assert code == 0 and lines == [f"{out}: written"]
    book = load_workbook(out)
    assert book.sheetnames == ["平台历史", "专家履职", "评审组结果文件"]
    assert book["平台历史"].max_row == 1 + len(payload(r.panel)["submissions"])
    assert book["评审组结果文件"]["A2"].value == hashlib.sha256(r.panel.read_bytes()).hexdigest()


def test_the_command_refuses_a_bad_url_in_one_line():
    code, _, err = registry("--db", "nosuchdb://x/y", "experts")
    assert code == 2
    assert err == "error: registry nosuchdb://x/y: no such kind of database\n"


def test_a_database_failure_during_a_command_is_one_line(db_url):
    engine = open_registry(db_url)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE platform_result"))
    shown = str(engine.url)
    engine.dispose()
    code, lines, err = registry("--db", db_url, "platforms")
    assert code == 2 and lines == []
    assert err.startswith(f"error: registry {shown}: ")
    assert "platform_result" in err and err.count("\n") == 1
