"""A flagged indicator goes to a second round; round-one scores are kept, never overwritten."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.chair.decisions import request_round
from expertscore.chair.merge import REPLACED
from expertscore.chair.rounds import RoundRequestError, apply_round_request, write_round_request
from expertscore.chair.run import ChairRun
from expertscore.demo.batch import make_demo_batch
from expertscore.results.simulate import simulate, simulated_key
from expertscore.results.submit import submit
from expertscore.results.verify import read_result
from expertscore.scoring.modes import Entry
from expertscore.scoring.service import EditRefused, ScoringService
from expertscore.storage.session import SessionFile


@pytest.fixture(scope="module")
def panel(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("round2")
    make_demo_batch("qingdao-maturity", submissions=3, experts=3, seed=31, out=root / "b.esbatch")
    simulate(root / "b.esbatch", experts=3, seed=31, out=root / "sim")
    return root


def test_second_round_replaces_the_score_used_and_keeps_round_one(panel, tmp_path):
    package = open_package(panel / "b.esbatch")
    cards = sorted((panel / "sim").glob("*.eskeycard"))
    merge_dir = tmp_path / "merge"
    run = ChairRun.open(panel / "b.esbatch", merge_dir, cards)
    run.apply(run.plan(sorted((panel / "sim").glob("*.esresult"))))
    run.reload()
    session_path = tmp_path / "E01.esession"
    shutil.copy(panel / "sim" / "E01.esession", session_path)
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        sid = next(r.id for r in scoring.submissions() if r.recusal_reason is None)
        code = scoring.assigned_leaves(sid)[0].code
        round_one = scoring.scores(sid)[code].points
    request_round(merge_dir, sid, code, ["E01"], "客观数据分歧，请复核原始凭证")
    run.reload()
    request_file = write_round_request(
        run.package, run.decisions, "评审组组长", tmp_path / "r2.json"
    )
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        with pytest.raises(EditRefused, match="was not sent to round 2"):
            scoring.set_entry(sid, "G.2", Entry(points=Decimal(1)), round_number=2)
        items = apply_round_request(session, request_file)
        assert [(i.submission, i.indicator) for i in items] == [(sid, code)]
        assert scoring.locked_by() is None  # reopened for the round
        new_points = Decimal(0) if round_one != 0 else Decimal(1)
        scoring.set_entry(sid, code, Entry(points=new_points), round_number=2)
        assert scoring.scores(sid)[code].points == round_one  # round one untouched
        expert = next(e for e in package.manifest.roster if e.id == "E01")
        key = simulated_key(31, expert, "2025-01-01T00:00:00+08:00")
        submit(session, key, tmp_path / "E01-2.esresult")
    payload = read_result(tmp_path / "E01-2.esresult").payload
    rounds = {
        item.round: item.points
        for sub in payload.submissions
        if sub.id == sid
        for item in sub.scores
        if item.indicator == code
    }
    assert rounds == {1: str(round_one), 2: str(new_points)}
    decisions = run.plan([tmp_path / "E01-2.esresult"])
    assert [d.outcome for d in decisions] == [REPLACED]
    run.apply(decisions)
    run.reload()
    _, result = run.results()
    assert result.submissions[sid].indicators[code].scores["E01"] == new_points


def test_a_request_for_another_batch_is_refused(panel, tmp_path):
    other = tmp_path / "other.esbatch"
    make_demo_batch("qingdao-maturity", submissions=2, experts=3, seed=32, out=other)
    run = ChairRun.open(other, tmp_path / "m")
    request_round(tmp_path / "m", "S001", "G.1", ["E01"], "复核")
    run.reload()
    request_file = write_round_request(run.package, run.decisions, "组长", tmp_path / "r.json")
    session_path = tmp_path / "E01.esession"
    shutil.copy(panel / "sim" / "E01.esession", session_path)
    with (
        SessionFile(session_path) as session,
        pytest.raises(RoundRequestError, match="is for batch"),
    ):
        apply_round_request(session, request_file)
