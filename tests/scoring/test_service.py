"""The expert's scoring services on a real session file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.errors import ExpertScoreError
from expertscore.scoring.modes import ScoreRejected
from expertscore.scoring.service import (
    COMPLETE,
    IN_PROGRESS,
    NOT_STARTED,
    RECUSED,
    EditRefused,
    Entry,
    Note,
    Pin,
    ScoringService,
)
from expertscore.scoring.totals import grade_for
from expertscore.storage.cipher import driver
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import example_builder


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    package = tmp_path / "batch.esbatch"
    example_builder(submissions=3).write(package)
    return create_session(package, "E02", tmp_path / "e02.esession")


@pytest.fixture
def scoring(session_path: Path):
    session = SessionFile(session_path)
    yield ScoringService(session)
    session.close()


def score_all(scoring: ScoringService, sid: str) -> None:
    scoring.set_entry(sid, "1.1", Entry(points=Decimal("7.5")))
    scoring.set_entry(sid, "1.2", Entry(choice="yes"))
    scoring.set_entry(sid, "2.1", Entry(choice="suggested"))
    scoring.set_entry(sid, "2.2", Entry(choice="良"))
    scoring.set_entry(sid, "9.1", Entry(choice="yes"))


def test_states_and_totals(scoring):
    rows = {row.id: row for row in scoring.submissions()}
    assert rows["S001"].state == RECUSED  # from the roster's conflict list
    assert rows["S002"].state == NOT_STARTED
    assert rows["S002"].total == 5
    scoring.set_entry("S002", "1.1", Entry(points=Decimal("7.5")))
    assert {r.id: r.state for r in scoring.submissions()}["S002"] == IN_PROGRESS
    score_all(scoring, "S002")
    row = {r.id: r for r in scoring.submissions()}["S002"]
    assert (row.state, row.scored) == (COMPLETE, 5)
    totals = scoring.rollup("S002")
    # 7.5 + 30 (fixed) + 10 (2.1 reported 2400 -> band min 1000 -> 10) + 32 (0.8 x 40) = 79.5
    assert totals.points["1"] == Decimal("37.5")
    assert totals.points["2"] == Decimal("42.0")
    assert totals.base == Decimal("79.5")
    assert totals.bonus == Decimal(3)
    assert totals.total == Decimal("82.5")
    assert totals.percent == Decimal("82.5")
    assert grade_for(scoring.scheme, "industry", totals.percent).name == "二级"


def test_a_row_worked_out_after_an_edit_is_the_row_read_again(scoring):
    before = {r.id: r for r in scoring.submissions()}
    scoring.set_entry("S002", "1.1", Entry(points=Decimal("7.5")))
    after_one = scoring.row_after_edit(before["S002"], scoring.scores("S002"))
    assert after_one == {r.id: r for r in scoring.submissions()}["S002"]
    assert (after_one.state, after_one.scored) == (IN_PROGRESS, 1)
    score_all(scoring, "S002")
    done = scoring.row_after_edit(after_one, scoring.scores("S002"))
    assert done == {r.id: r for r in scoring.submissions()}["S002"]
    assert done.state == COMPLETE
    recused = scoring.row_after_edit(before["S001"], scoring.scores("S001"))
    assert recused.state == RECUSED


def test_bonus_is_capped(tmp_path):
    # The example's bonus group has cap 5 and one 3-point item: 3 stays 3; cap applies to sums.
    from expertscore.scoring.totals import rollup

    scheme = __import__("expertscore.schemes", fromlist=["load_scheme"]).load_scheme(
        Path(__file__).resolve().parents[1] / "fixtures" / "example-scheme.yaml"
    )
    leaves = [leaf.code for leaf in scheme.leaves()]
    result = rollup(scheme, {"9.1": Decimal(3)}, leaves)
    assert (result.bonus, result.maxima["9"]) == (Decimal(3), Decimal(3))


@pytest.mark.parametrize(
    ("code", "entry", "message"),
    [
        ("1.1", Entry(points=Decimal("10.5")), "indicator 1.1: 10.5 is outside 0–10"),
        ("1.1", Entry(points=Decimal("-1")), "indicator 1.1: -1 is outside 0–10"),
        (
            "1.1",
            Entry(points=Decimal("7.3")),
            "indicator 1.1: 7.3 is not a multiple of the step 0.5",
        ),
        ("1.1", Entry(), "indicator 1.1: enter points"),
        ("1.2", Entry(choice="maybe"), "indicator 1.2: choose yes or no, not 'maybe'"),
        ("2.2", Entry(choice="极好"), "indicator 2.2: choose one of 优/良/中/差, not '极好'"),
        ("2.1", Entry(points=Decimal("25")), "indicator 2.1: 25 is outside 0–20"),
    ],
)
def test_refused_entries_say_why_and_change_nothing(scoring, code, entry, message):
    with pytest.raises(ScoreRejected) as info:
        scoring.set_entry("S002", code, entry)
    assert str(info.value) == message
    assert scoring.scores("S002") == {}


def test_band_override_with_points(scoring):
    scoring.set_entry("S002", "2.1", Entry(points=Decimal("12.5")))
    assert scoring.scores("S002")["2.1"].points == Decimal("12.5")


def test_change_holds_old_value_for_undo(scoring):
    first = scoring.set_entry("S002", "1.1", Entry(points=Decimal(5)))
    assert first.old is None
    second = scoring.set_entry("S002", "1.1", Entry(points=Decimal(6)))
    assert second.old == Entry(points=Decimal(5), choice=None)
    scoring.set_entry("S002", "1.1", second.old)  # undo
    assert scoring.scores("S002")["1.1"].points == Decimal(5)
    scoring.set_entry("S002", "1.1", first.old)  # undo again: cleared
    assert scoring.scores("S002")["1.1"].points is None


def test_comments_verified_values_and_pins(scoring):
    scoring.set_comment("S002", "1.1", "审计报告第3页核实")
    scoring.set_verified_value("S002", "2.1", "2300")
    change = scoring.set_pins("S002", "1.1", [Pin("S002-E001", 3)])
    assert change.old == ()
    record = scoring.scores("S002")["1.1"]
    assert record.comment == "审计报告第3页核实"
    assert record.pins == (Pin("S002-E001", 3),)
    assert scoring.scores("S002")["2.1"].verified_value == "2300"
    with pytest.raises(EditRefused, match="evidence S001-E001 does not belong to S002"):
        scoring.set_pins("S002", "1.1", [Pin("S001-E001", 1)])


def test_recusal_is_final_and_blocks_scoring(scoring):
    scoring.recuse("S003", "与该企业存在合作关系")
    assert {r.id: r.state for r in scoring.submissions()}["S003"] == RECUSED
    with pytest.raises(EditRefused, match="submission S003 is recused and cannot be scored"):
        scoring.set_entry("S003", "1.1", Entry(points=Decimal(5)))
    with pytest.raises(EditRefused, match="already recused"):
        scoring.recuse("S003", "again")
    with pytest.raises(EditRefused, match="needs a reason"):
        scoring.recuse("S002", "  ")


def test_missing_lists_every_gap_in_order(scoring):
    scoring.set_entry("S002", "1.1", Entry(points=Decimal(5)))
    gaps = scoring.missing()
    assert [(g.submission, g.indicator) for g in gaps] == [
        ("S002", "1.2"),
        ("S002", "2.1"),
        ("S002", "2.2"),
        ("S002", "9.1"),
        ("S003", "1.1"),
        ("S003", "1.2"),
        ("S003", "2.1"),
        ("S003", "2.2"),
        ("S003", "9.1"),
    ]
    assert gaps[0].name == "独立经营"


def test_note_and_category(scoring):
    scoring.set_note("S002", Note(comment="整体较好", category="industry", level="L2"))
    assert scoring.note("S002").comment == "整体较好"
    with pytest.raises(EditRefused, match="'nope' is not a category"):
        scoring.set_note("S002", Note(category="nope"))


def test_every_edit_is_on_disk_and_chained(scoring, session_path):
    score_all(scoring, "S002")
    scoring.set_comment("S002", "2.2", "方案完整")
    assert scoring.verify_log() == 6
    # Another connection (another process, after a crash) sees every committed edit.
    raw = driver.connect(session_path)
    points = dict(raw.execute("SELECT indicator, points FROM score WHERE submission_id='S002'"))
    raw.close()
    assert points == {"1.1": "7.5", "1.2": "30", "2.1": "10", "2.2": "32.0", "9.1": "3"}


def test_tampered_log_is_detected(scoring, session_path):
    score_all(scoring, "S002")
    raw = driver.connect(session_path)
    raw.execute("UPDATE edit_log SET detail = replace(detail, '7.5', '9.5') WHERE seq = 1")
    raw.commit()
    raw.close()
    with pytest.raises(ExpertScoreError, match="edit log broken at entry 1"):
        scoring.verify_log()
