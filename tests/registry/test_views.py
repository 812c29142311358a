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
    history = platform_history(engine)
    expected = []
    for r in rounds.values():
        for sub in payload(r.panel)["submissions"]:
            expected.append((sub["operator"], sub["platform"], r.batch_id, sub["total"],
                             sub["grade"], sub["rank"]))  # fmt: skip
    got = [(x.operator, x.platform, x.batch_id, str(x.total), x.grade, x.rank) for x in history]
    assert sorted(got) == sorted(expected)
    by_platform: dict[int, list] = {}
    for x in history:
        by_platform.setdefault(x.platform_id, []).append(x)
    assert len(by_platform) == 3
    for rows in by_platform.values():
        assert [x.batch_id for x in rows] == list(rounds)  # oldest round first
        assert [x.moved for x in rows] == [False] + [
            a.grade != b.grade for a, b in itertools.pairwise(rows)
        ]
        assert all(x.of == 3 for x in rows)
    pid, name, _ = find_platforms(engine, history[0].platform)[0]
    assert name == history[0].platform
    assert [x.batch_id for x in platform_history(engine, pid)] == list(rounds)
    engine.dispose()


def test_each_expert_s_record_adds_up_their_panels(db_url, rounds):
    engine = open_registry(db_url)
    for r in rounds.values():
        ingest(engine, r.panel, r.package)
    names = {m.id: m.name for m in next(iter(rounds.values())).package.manifest.roster}
    recused: Counter[str] = Counter()
    explanations: Counter[str] = Counter()
    assigned: Counter[str] = Counter()
    for r in rounds.values():
        assigned.update(names[a.expert] for a in r.package.manifest.assignments)
        for sub in payload(r.panel)["submissions"]:
            recused.update(names[e] for e in sub["recused"])
            explanations.update(names[e] for e in sub["explanations_needed"])
    records = {e.name: e for e in expert_records(engine)}
    assert set(records) == set(names.values())
    for name, e in records.items():
        assert (e.panels, e.assigned, e.recused, e.explanations, e.missing) == (
            3, assigned[name], recused[name], explanations[name], 0
        )  # fmt: skip
        assert e.keys == 3  # simulated experts make a new key each round
    assert sum(recused.values()) > 0
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
