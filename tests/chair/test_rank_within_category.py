"""qingdao-maturity grades each category against its own maxima, so it ranks within each
category: in the aggregation, the leave-one-out check, and every output."""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.chair.outputs import PANEL_FILE, REPORT, WORKBOOK, export_all
from expertscore.chair.panel_outcome import PanelOutcome, outcome_of
from expertscore.chair.ranking import rank_group, ranked
from expertscore.chair.run import ChairRun
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.schemes.registry import resolve_scheme
from tests.chair.chair_case import Case, cells, cli, make_case, pdf_text


@pytest.fixture(scope="module")
def qingdao(tmp_path_factory: pytest.TempPathFactory) -> Case:
    return make_case(tmp_path_factory.mktemp("qingdao"), "qingdao-maturity", submissions=9)


@pytest.fixture(scope="module")
def snap(qingdao: Case) -> PanelOutcome:
    return outcome_of(ChairRun.open(qingdao.package, qingdao.merge))


def groups(snap: PanelOutcome) -> dict[str, list[str]]:
    scheme = snap.inp.scheme
    found: dict[str, list[str]] = {}
    for sid in snap.result.ranking:
        found.setdefault(rank_group(scheme, snap.result.submissions[sid].category), []).append(sid)
    return found


def test_each_category_is_ranked_on_its_own_in_the_schemes_order(snap):
    scheme = snap.inp.scheme
    by_group = groups(snap)
    assert len(by_group) >= 2  # the demo batch mixes categories
    order = [c.code for c in scheme.categories]
    assert list(by_group) == sorted(by_group, key=order.index)
    for members in by_group.values():
        subs = [snap.result.submissions[sid] for sid in members]
        assert [s.total for s in subs] == sorted((s.total for s in subs), reverse=True)
        assert subs[0].rank == 1
        assert all(s.rank <= len(members) for s in subs)


def test_leave_one_out_compares_within_the_category(snap):
    sizes = {sid: len(members) for members in groups(snap).values() for sid in members}
    for sid, sub in snap.result.submissions.items():
        for found in sub.fragile:
            if found.rank is not None:
                assert max(found.rank) <= sizes[sid]


def test_every_output_ranks_within_the_category(qingdao, snap, tmp_path):
    chair = create_key(
        "CHAIR", "王组长", "chair passphrase 2026", cost=ScryptCost(n=2**12), role="chair"
    )
    written = export_all(snap, tmp_path / "out", chair)
    ranks = {sid: snap.result.submissions[sid].rank for sid in snap.result.ranking}

    rows = cells(written[WORKBOOK])["排名汇总"]
    listed = [(row[1], row[0]) for row in rows[1:] if row[1] in ranks]
    assert listed == [(sid, ranks[sid]) for sid in snap.result.ranking]

    payload = json.loads(base64.b64decode(json.loads(written[PANEL_FILE].read_bytes())["payload"]))
    assert payload["policy"]["rank_within"] == "category"
    assert payload["ranking"] == snap.result.ranking
    assert {s["id"]: s["rank"] for s in payload["submissions"]} == ranks

    text = "".join(pdf_text(written[REPORT], layout=False).split())
    assert "名次在各类别内分别排定" in text
    first = snap.result.ranking[0]
    name = snap.inp.scheme.category_path(snap.result.submissions[first].category)[0].name
    assert f"1{first}{name}" in text  # poppler reads the rank, the id, then the category

    done = cli("chair", "results", "--batch", str(qingdao.package), "--dir", str(qingdao.merge))
    lines = done.stdout.splitlines()
    headers = [line.strip() for line in lines if line.endswith(":") and line.startswith("  ")]
    names = {c.code: c.name for c in snap.inp.scheme.categories}
    assert headers == [f"{names[group]}:" for group in groups(snap)]


def test_ties_share_a_rank_and_each_group_starts_at_one():
    scheme = resolve_scheme("qingdao-maturity").scheme
    totals = {"A": Decimal(90), "B": Decimal(90), "C": Decimal(80), "D": Decimal(95)}
    categories = {"A": "comprehensive", "B": "comprehensive", "C": "comprehensive",
                  "D": "vertical"}  # fmt: skip
    order, ranks = ranked(scheme, totals, categories)
    assert order == ["A", "B", "C", "D"]  # 综合型 before 特色型 (the scheme's order)
    assert ranks == {"A": 1, "B": 1, "C": 3, "D": 1}
    liaoning = resolve_scheme("liaoning-2025-grading").scheme
    assert ranked(liaoning, totals, categories) == (["D", "A", "B", "C"],
                                                   {"D": 1, "A": 2, "B": 2, "C": 4})  # fmt: skip


def test_the_scheme_declares_it(repo: Path):
    assert "rank_within: category" in (repo / "schemes" / "qingdao-maturity.yaml").read_text()
