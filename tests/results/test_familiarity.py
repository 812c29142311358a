"""The expert's familiarity (熟悉程度): stored as an edit, signed in the result, replayed.

Real sessions, real result files; attacks are payloads re-signed with the expert's own
key, so only the rules (one validator for the session and the readers) can refuse them.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from bench.reliability.forgery_material import resign as resign_with_log
from expertscore.batch.package import open_package
from expertscore.identity.keycard import read_cards
from expertscore.results.envelope import ResultRefused, RuleBroken
from expertscore.results.submit import submit
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import check_result
from expertscore.scoring.familiarity import (
    FAIRLY,
    FAMILIAR,
    MODERATE,
    FamiliarityRefused,
    familiarity,
    set_familiarity,
)
from expertscore.scoring.service import EditRefused, ScoringService, SessionLocked
from expertscore.storage.session import SessionFile
from tests.results.helpers import card_of, complete_session, decode, fixed_key, resign

E01 = fixed_key("E01")


@pytest.fixture
def made(package: Path, tmp_path: Path) -> dict[str, Path]:
    session = complete_session(package, "E01", tmp_path / "e01.esession")
    with SessionFile(session) as opened:
        scoring = ScoringService(opened)
        set_familiarity(scoring, "S001", MODERATE)
        set_familiarity(scoring, "S001", FAMILIAR)  # changed: the last mark counts
        set_familiarity(scoring, "S002", FAIRLY)
        set_familiarity(scoring, "S002", None)  # unmarked again
        set_familiarity(scoring, "S003", FAIRLY)
        submit(opened, E01, tmp_path / "E01-1.esresult")
    card_of(E01, tmp_path / "cards")
    return {"package": package, "session": session, "result": tmp_path / "E01-1.esresult"}


def check(made: dict[str, Path], data: bytes):
    opened = open_package(made["package"])
    trust = KeyTrust.build(opened, read_cards([made["session"].parent / "cards"]))
    return check_result(data, "E01.esresult", opened, trust)


def test_marks_travel_in_the_signed_result_and_replay(made):
    _envelope, payload = decode(made["result"])
    assert payload["format"] == "expertscore-result-payload/4"
    marks = {sub["id"]: sub["familiarity"] for sub in payload["submissions"]}
    assert marks == {"S001": "familiar", "S002": None, "S003": "fairly"}
    checked = check(made, made["result"].read_bytes())
    assert {sub.id: sub.familiarity for sub in checked.payload.submissions} == marks
    actions = [entry.action for entry in checked.payload.log_entries()]
    assert actions.count("familiarity") == 5


def test_the_session_refuses_what_readers_refuse(made):
    with SessionFile(made["session"]) as opened:
        scoring = ScoringService(opened)
        with pytest.raises(SessionLocked):
            set_familiarity(scoring, "S001", FAIRLY)
        scoring.unlock("复核")
        with pytest.raises(FamiliarityRefused) as info:
            set_familiarity(scoring, "S001", "very")
        assert (info.value.submission, info.value.level) == ("S001", "very")
        with pytest.raises(EditRefused):
            set_familiarity(scoring, "S999", FAIRLY)
        scoring.recuse("S003", "曾参与该平台建设")
        with pytest.raises(EditRefused):
            set_familiarity(scoring, "S003", FAMILIAR)
        assert familiarity(scoring, "S001") == FAMILIAR


def test_a_recused_submission_carries_no_familiarity(made, tmp_path):
    with SessionFile(made["session"]) as opened:
        scoring = ScoringService(opened)
        scoring.unlock("回避")
        scoring.recuse("S003", "曾参与该平台建设")
        submit(opened, E01, tmp_path / "E01-2.esresult")
    _envelope, payload = decode(tmp_path / "E01-2.esresult")
    marks = {sub["id"]: sub["familiarity"] for sub in payload["submissions"]}
    assert marks["S003"] is None and marks["S001"] == "familiar"
    check(made, (tmp_path / "E01-2.esresult").read_bytes())


def test_a_mark_the_log_does_not_make_is_refused(made):
    _envelope, payload = decode(made["result"])
    payload["submissions"][1]["familiarity"] = "familiar"  # S002: the log unmarked it
    entries = [vars_of(e) for e in check(made, made["result"].read_bytes()).payload.log_entries()]
    with pytest.raises(RuleBroken) as info:
        check(made, resign_with_log(payload, entries, E01))
    assert (info.value.rule, info.value.submission) == ("log", "S002")


def test_a_log_entry_no_session_writes_is_refused(made):
    _envelope, payload = decode(made["result"])
    entries = [vars_of(e) for e in check(made, made["result"].read_bytes()).payload.log_entries()]
    first = next(e for e in entries if e["action"] == "familiarity")
    for bad in ("very", 3, ["familiar"]):
        forged = copy.deepcopy(entries)
        target = next(e for e in forged if e["action"] == "familiarity")
        target["detail"] = {**first["detail"], "new": bad}
        with pytest.raises(RuleBroken) as info:
            check(made, resign_with_log(payload, forged, E01))
        assert info.value.rule == "log"
        assert "not a familiarity" in str(info.value)


def test_a_payload_value_no_session_writes_is_refused_with_its_place(made):
    _envelope, payload = decode(made["result"])
    payload["submissions"][0]["familiarity"] = "very"
    with pytest.raises(ResultRefused) as info:
        check(made, resign(payload, E01))
    assert "submissions.0" in str(info.value) and "familiarity" in str(info.value)


def test_version_3_is_read_without_familiarity_and_version_4_must_carry_it(made, tmp_path):
    # A version-3 file: the same session without its marks, written as version 3 wrote it.
    _envelope, payload = decode(made["result"])
    entries = [
        vars_of(e)
        for e in check(made, made["result"].read_bytes()).payload.log_entries()
        if e.action != "familiarity"
    ]
    old = copy.deepcopy(payload)
    old["format"] = "expertscore-result-payload/3"
    for sub in old["submissions"]:
        del sub["familiarity"]
    checked = check(made, resign_with_log(old, entries, E01))
    assert all(sub.familiarity is None for sub in checked.payload.submissions)
    # Version 4 without the field, or version 3 with it, is not what any writer made.
    missing = copy.deepcopy(payload)
    del missing["submissions"][0]["familiarity"]
    with pytest.raises(ResultRefused, match="has no familiarity"):
        check(made, resign(missing, E01))
    extra = copy.deepcopy(old)
    extra["submissions"][0]["familiarity"] = None
    with pytest.raises(ResultRefused, match="has a familiarity"):
        check(made, resign_with_log(extra, entries, E01))


def vars_of(entry) -> dict:
    return {
        "seq": entry.seq,
        "at": entry.at,
        "action": entry.action,
        "submission": entry.submission,
        "indicator": entry.indicator,
        "detail": entry.detail,
    }
