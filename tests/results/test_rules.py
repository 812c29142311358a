"""Every claim of a result file against the batch's rules: one validator, typed refusals.

Attack files are built with genuine keys: a real session edited with SQLite, then
unlocked and submitted by the program, or a payload edited and re-signed with the
expert's own key. The session refuses the same entries before it writes them.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import zlib
from decimal import Decimal
from pathlib import Path

import pytest

from bench.reliability.forgery_material import resign as resign_with_log
from expertscore.batch.package import open_package
from expertscore.chair.decisions import Decisions, RoundDecision
from expertscore.chair.rounds import apply_round_request, write_round_request
from expertscore.identity.keycard import read_cards
from expertscore.results.envelope import ResultRefused, RuleBroken
from expertscore.results.submit import submit
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import check_result
from expertscore.scoring.modes import ScoreRejected
from expertscore.scoring.service import EditRefused, Entry, ScoringService
from expertscore.storage.cipher import driver
from expertscore.storage.session import SessionFile
from tests.results.helpers import card_of, complete_session, decode, fixed_key

E01 = fixed_key("E01")


@pytest.fixture
def made(package: Path, tmp_path: Path) -> dict[str, Path]:
    session = complete_session(package, "E01", tmp_path / "e01.esession")
    with SessionFile(session) as opened:
        submit(opened, E01, tmp_path / "E01-1.esresult")
    card_of(E01, tmp_path / "cards")
    return {"package": package, "session": session, "result": tmp_path / "E01-1.esresult"}


def broken(made: dict[str, Path], data: bytes) -> RuleBroken:
    opened = open_package(made["package"])
    trust = KeyTrust.build(opened, read_cards([made["session"].parent / "cards"]))
    with pytest.raises(RuleBroken) as info:
        check_result(data, "attack.esresult", opened, trust)
    return info.value


def resubmit(made: dict[str, Path], out: Path) -> bytes:
    with SessionFile(made["session"]) as opened:
        ScoringService(opened).unlock("复核")
        submit(opened, E01, out)
    return out.read_bytes()


def edited(made: dict[str, Path], sid: str, code: str, change) -> bytes:
    """The genuine result 1 with one score record and its last log entry changed, re-signed."""
    payload = decode(made["result"])[1]
    text = zlib.decompress(base64.b64decode(payload["log"]["deflated"])).decode("utf-8")
    entries = [json.loads(line) for line in text.splitlines()]
    sub = next(s for s in payload["submissions"] if s["id"] == sid)
    row = sub["scores"]["indicator"].index(code)
    last = max(
        i
        for i, e in enumerate(entries)
        if (e["action"], e["submission"], e["indicator"]) == ("score", sid, code)
    )
    change(sub["scores"], row, entries[last]["detail"]["new"])
    return resign_with_log(payload, entries, E01)


def test_a_score_row_edited_by_hand_is_refused_with_its_facts(made, tmp_path):
    with driver.connect(made["session"]) as db:
        db.execute("UPDATE score SET points='9' WHERE submission_id='S002' AND indicator='1.1'")
    db.close()
    refusal = broken(made, resubmit(made, tmp_path / "E01-2.esresult"))
    assert (refusal.expert, refusal.submission, refusal.indicator) == ("E01", "S002", "1.1")
    assert refusal.rule == "log"
    assert refusal.source == "attack.esresult"
    assert refusal.reason == "E01 S002 1.1: round 1 is not what the edit log produces (rule: log)"


@pytest.mark.parametrize(
    ("code", "points", "choice", "rule"),
    [
        ("1.1", "400", None, "range"),
        ("1.1", "-0.5", None, "range"),
        ("1.1", "7.25", None, "step"),
        ("1.1", "7.5", "yes", "choice"),
        ("2.2", "10", "良", "mode"),  # 良 earns 0.8 of the maximum, not all of it
        ("2.2", "8", None, "choice"),  # an ordinal leaf is scored by a grade
        ("1.2", "0", "yes", "mode"),
        ("2.1", "7", "suggested", "mode"),  # not the band the reported value reaches
    ],
)
def test_entries_no_honest_session_stores_are_refused(made, code, points, choice, rule):
    def change(columns, row, new):
        columns["points"][row] = points
        columns["choice"] = [pair for pair in columns["choice"] if pair[0] != row]
        if choice is not None:
            columns["choice"] = sorted([*columns["choice"], [row, choice]])
        new.update(points=points, choice=choice)

    refusal = broken(made, edited(made, "S002", code, change))
    assert (refusal.rule, refusal.submission, refusal.indicator) == (rule, "S002", code)


def test_the_session_refuses_the_same_entries_before_writing(made, tmp_path):
    session = complete_session(made["package"], "E01", tmp_path / "again.esession")
    with SessionFile(session) as opened:
        scoring = ScoringService(opened)
        with pytest.raises(ScoreRejected) as info:
            scoring.set_entry("S002", "1.1", Entry(Decimal("7.5"), "yes"))
        assert info.value.rule == "choice"
        with pytest.raises(ScoreRejected) as info:
            scoring.set_entry("S002", "1.1", Entry(Decimal("10.5")))
        assert info.value.rule == "range"
        assert scoring.scores("S002")["1.1"].points == Decimal("7.5")


def test_round_one_scores_are_kept_once_a_second_round_is_asked(made, tmp_path):
    opened_package = open_package(made["package"])
    decisions = Decisions({}, {}, {("S002", "1.1"): RoundDecision("S002", "1.1", ("E01",), "复核")})
    request = write_round_request(opened_package, decisions, "组长", tmp_path / "r2.json")
    with SessionFile(made["session"]) as opened:
        apply_round_request(opened, request)
        scoring = ScoringService(opened)
        with pytest.raises(EditRefused, match="round-1 scores are kept"):
            scoring.set_entry("S002", "1.1", Entry(Decimal("5")))
        scoring.set_entry("S002", "1.1", Entry(Decimal("5")), round_number=2)
        submit(opened, E01, tmp_path / "E01-2.esresult")
    payload = check_result(
        (tmp_path / "E01-2.esresult").read_bytes(),
        "r2",
        opened_package,
        KeyTrust.build(opened_package, read_cards([tmp_path / "cards"])),
    ).payload
    s002 = next(s for s in payload.submissions if s.id == "S002")
    assert {(i.round, i.points) for i in s002.scores if i.indicator == "1.1"} == {
        (1, "7.5"),
        (2, "5"),
    }


def test_verify_words_a_broken_rule_in_one_line(made, tmp_path):
    with driver.connect(made["session"]) as db:
        db.execute("UPDATE score SET points='400' WHERE submission_id='S003' AND indicator='1.1'")
    db.close()
    resubmit(made, tmp_path / "E01-2.esresult")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "expertscore",
            "verify",
            str(tmp_path / "E01-2.esresult"),
            "--batch",
            str(made["package"]),
            "--keycard",
            str(tmp_path / "cards"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert (
        "verdict:     REFUSED: E01 S003 1.1: round 1 is not what the edit log produces"
        " (rule: log)" in done.stdout.splitlines()
    )


@pytest.mark.parametrize(
    "entry",
    [
        {"action": "score", "submission": ["S002"], "indicator": "1.1", "detail": {}},
        {
            "action": "score",
            "submission": "S002",
            "indicator": "1.1",
            "detail": {
                "round": 1,
                "old": {"points": "7.5", "choice": None},
                "new": {"points": "NaN", "choice": None},
            },
        },
        {
            "action": "pinned_evidence",
            "submission": "S002",
            "indicator": "1.1",
            "detail": {"round": 1, "old": '[{"id":"S002-E001","page":3}]', "new": "{bad"},
        },
        {
            "action": "comment",
            "submission": "S002",
            "indicator": "1.1",
            "detail": {"round": 1, "old": "", "new": 5},
        },
        {
            "action": "round-request",
            "submission": None,
            "indicator": None,
            "detail": {"round": 2, "items": [[["S002"], "1.1"]]},
        },
        {"action": "unheard-of", "submission": None, "indicator": None, "detail": None},
    ],
)
def test_a_hostile_log_entry_is_refused_not_a_crash(made, entry):
    """Entries an honest program never writes, signed by the expert: a refusal, one line."""
    payload = decode(made["result"])[1]
    text = zlib.decompress(base64.b64decode(payload["log"]["deflated"])).decode("utf-8")
    entries = [json.loads(line) for line in text.splitlines()]
    forged = {"at": "2025-06-03T10:00:00+08:00", **entry}
    data = resign_with_log(payload, [*entries[:-1], forged, entries[-1]], E01)
    opened = open_package(made["package"])
    trust = KeyTrust.build(opened, read_cards([made["session"].parent / "cards"]))
    with pytest.raises(ResultRefused) as info:
        check_result(data, "hostile.esresult", opened, trust)
    assert "\n" not in info.value.reason
    assert "edit log" in info.value.reason
