"""Submitting: completeness, the lock, sequences, the signing key, and what the file holds."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.results.envelope import RESULT_PAYLOAD_TYPE
from expertscore.results.logchain import read_log
from expertscore.results.payload import score_columns
from expertscore.results.submit import Incomplete, SubmitRefused, submit, write_again
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import read_result
from expertscore.scoring.service import EditRefused, Entry, Note, Pin, ScoringService, SessionLocked
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import edit_manifest
from tests.results.helpers import complete_session, decode, fixed_key

E02 = fixed_key("E02")


@pytest.fixture
def session_path(package: Path, tmp_path: Path) -> Path:
    return complete_session(package, "E02", tmp_path / "e02.esession")


def submit_file(session_path: Path, out: Path, key=E02):
    with SessionFile(session_path) as session:
        return submit(session, key, out)


def test_round_trip_submit_then_verify(package, session_path, tmp_path):
    out = tmp_path / "E02.esresult"
    done = submit_file(session_path, out)
    assert (done.sequence, done.signer_id, done.transcribed) == (1, "E02", False)
    assert done.fingerprint == E02.info.fingerprint
    opened = open_package(package)
    checked = read_result(out, opened, KeyTrust(keys=[], strict=False))
    payload = checked.payload
    assert checked.identity.checked is False
    assert (payload.batch.id, payload.batch.sha256) == ("TEST-1", opened.manifest_sha256)
    assert (payload.expert.id, payload.expert.public_key) == ("E02", E02.info.public_key)
    assert payload.sequence == 1 and payload.supersedes is None
    assert payload.program.name == "ExpertScore"
    assert hashlib.sha256(checked.payload_bytes).hexdigest() == done.payload_sha256
    counts = checked.counts
    assert (counts.submissions, counts.scored, counts.recused, counts.scores) == (3, 2, 1, 10)
    assert counts.comments == 4  # one indicator comment and one note per scored submission


def records(columns: dict) -> list[dict]:
    """The score records, as docs/formats.md tells a reader to rebuild them."""
    defaults = {"round": 1, "choice": None, "verified_value": None, "comment": "", "evidence": []}
    rows = [
        {"indicator": code, "points": points, **defaults}
        for code, points in zip(columns["indicator"], columns["points"], strict=True)
    ]
    for name in defaults:
        for row, value in columns[name]:
            rows[row][name] = value
    return rows


def test_score_columns_list_only_what_differs_from_the_defaults():
    plain_record = {"round": 1, "choice": None, "verified_value": None, "comment": ""}
    columns = score_columns(
        [
            {"indicator": "1.1", "points": "3", **plain_record, "evidence": []},
            {"indicator": "1.2", "points": None, **plain_record, "evidence": ()},
            {
                **plain_record,
                **{"indicator": "1.2", "points": "4", "round": 2, "comment": "复核"},
                "evidence": [{"id": "S1-E1", "page": None}],
            },
        ]
    )
    assert columns == {
        "indicator": ["1.1", "1.2", "1.2"],
        "points": ["3", None, "4"],
        "round": [[2, 2]],
        "choice": [],
        "verified_value": [],
        "comment": [[2, "复核"]],
        "evidence": [[2, [{"id": "S1-E1", "page": None}]]],
    }


def test_payload_holds_every_decision_as_decimal_strings(session_path, tmp_path):
    out = tmp_path / "E02.esresult"
    submit_file(session_path, out)
    envelope, payload = decode(out)
    assert envelope["payloadType"] == RESULT_PAYLOAD_TYPE
    recused, s002, _s003 = payload["submissions"]
    assert recused["id"] == "S001"
    assert recused["recusal"] == {
        "reason": "曾任该公司顾问",
        "source": "roster",
        "declared_at": "2025-06-01T09:00:00+08:00",
    }
    assert all(column == [] for column in recused["scores"].values())
    assert recused["totals"] is None
    columns = s002["scores"]
    assert list(columns) == [
        *("indicator", "points"),
        *("round", "choice", "verified_value", "comment", "evidence"),
    ]
    # Sparse columns list only the records that differ from the default.
    assert columns["round"] == []
    assert columns["verified_value"] == [[0, "41.5"]]
    assert columns["comment"] == [[3, "方案完整，案例可信"]]
    rows = records(columns)
    by_code = {item["indicator"]: item for item in rows}
    assert list(by_code) == ["1.1", "1.2", "2.1", "2.2", "9.1"]  # scheme order
    assert by_code["1.1"]["points"] == "7.5"
    assert by_code["1.1"]["verified_value"] == "41.5"
    assert by_code["1.1"]["evidence"] == [{"id": "S002-E001", "page": 3}]
    assert (by_code["2.2"]["points"], by_code["2.2"]["choice"]) == ("32.0", "良")
    assert by_code["2.2"]["comment"] == "方案完整，案例可信"
    assert by_code["9.1"]["points"] == "0"
    assert all(isinstance(item["points"], str) for item in rows)
    assert s002["totals"] == {"base": "79.5", "bonus": "0", "total": "79.5", "attainable": "100"}
    assert s002["classification"]["category"] == "industry"
    assert s002["classification"]["level"] == "L2"
    assert s002["comment"] == "整体较好"
    block = payload["log"]
    log = read_log(block["deflated"], block["entries"], payload["batch"]["sha256"])
    assert log[0].prev == payload["batch"]["sha256"]
    assert log[-1].action == "submit" and log[-1].hash == block["head"]
    assert log[-1].detail == {"sequence": 1, "signer": "E02", "key": E02.info.fingerprint}


def test_incomplete_session_cannot_submit_and_says_what_is_missing(package, tmp_path):
    path = create_session(package, "E02", tmp_path / "e02.esession")
    out = tmp_path / "E02.esresult"
    with SessionFile(path) as session:
        ScoringService(session).set_entry("S002", "1.1", Entry(points=Decimal(5)))
        with pytest.raises(Incomplete) as info:
            submit(session, E02, out)
        assert ScoringService(session).locked_by() is None
    assert str(info.value).startswith(
        "cannot submit: 9 indicators are not scored yet: S002 1.2 独立经营,"
        " S002 2.1 工业设备连接数量, S002 2.2 解决方案描述, S002 9.1 平台荣誉, S003 1.1 资产负债率"
        " (and 4 more)"
    )
    assert [(g.submission, g.indicator) for g in info.value.gaps][-1] == ("S003", "9.1")
    assert not out.exists()


def test_a_submitted_session_refuses_every_edit(session_path, tmp_path):
    submit_file(session_path, tmp_path / "E02.esresult")
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        before = scoring.scores("S002")
        edits = [
            lambda: scoring.set_entry("S002", "1.1", Entry(points=Decimal(9))),
            lambda: scoring.set_comment("S002", "1.1", "改一下"),
            lambda: scoring.set_verified_value("S002", "1.1", "50"),
            lambda: scoring.set_pins("S002", "1.1", [Pin("S002-E002", None)]),
            lambda: scoring.set_note("S002", Note(comment="改")),
            lambda: scoring.recuse("S003", "突然想起有利害关系"),
        ]
        for edit in edits:
            with pytest.raises(SessionLocked, match=r"submitted \(result 1, .*\) and is locked"):
                edit()
        assert scoring.scores("S002") == before
        assert scoring.recusal("S003") is None
        assert isinstance(SessionLocked(1, "x"), EditRefused)


def test_unlock_needs_a_reason_and_resubmission_gets_a_higher_sequence(session_path, tmp_path):
    first = tmp_path / "E02-1.esresult"
    second = tmp_path / "E02-2.esresult"
    submit_file(session_path, first)
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        with pytest.raises(EditRefused, match="needs a reason"):
            scoring.unlock("  ")
        scoring.unlock("专家组讨论后调整 1.1")
        with pytest.raises(EditRefused, match="not locked"):
            scoring.unlock("again")
        scoring.set_entry("S002", "1.1", Entry(points=Decimal("8.5")))
        done = submit(session, E02, second)
    assert done.sequence == 2
    old, new = read_result(first), read_result(second)
    assert old.payload.sequence == 1
    assert new.payload.sequence == 2
    supersedes = new.payload.supersedes
    assert supersedes is not None
    assert (supersedes.sequence, supersedes.unlock_reason) == (1, "专家组讨论后调整 1.1")
    assert supersedes.payload_sha256 == hashlib.sha256(old.payload_bytes).hexdigest()
    actions = [entry.action for entry in new.payload.log_entries()]
    assert actions[-3:] == ["unlock", "score", "submit"]
    s002 = next(s for s in new.payload.submissions if s.id == "S002")
    assert next(i for i in s002.scores if i.indicator == "1.1").points == "8.5"


def test_submitting_twice_without_unlocking_is_refused(session_path, tmp_path):
    submit_file(session_path, tmp_path / "a.esresult")
    with pytest.raises(SubmitRefused, match=r"already submitted as result 1 .* unlock"):
        submit_file(session_path, tmp_path / "b.esresult")
    assert not (tmp_path / "b.esresult").exists()


def test_write_again_gives_the_same_bytes(session_path, tmp_path):
    submit_file(session_path, tmp_path / "a.esresult")
    with SessionFile(session_path) as session:
        write_again(session, tmp_path / "copy.esresult")
    assert (tmp_path / "copy.esresult").read_bytes() == (tmp_path / "a.esresult").read_bytes()


def test_another_experts_key_cannot_sign(session_path, tmp_path):
    with pytest.raises(SubmitRefused, match="session of E02; the key belongs to E01"):
        submit_file(session_path, tmp_path / "x.esresult", fixed_key("E01"))


def test_the_roster_pin_decides_which_key_signs(tmp_path):
    from tests.factories import example_builder

    original = tmp_path / "plain.esbatch"
    example_builder(submissions=3).write(original)
    pinned = edit_manifest(
        original,
        tmp_path / "pinned.esbatch",
        lambda m: m["roster"][1].update(public_key=E02.info.public_key),
    )
    session_path = complete_session(pinned, "E02", tmp_path / "e02.esession")
    impostor = fixed_key("E02", "a second key")
    with pytest.raises(
        SubmitRefused, match=f"pins another key for E02; this key is {impostor.info.fingerprint}"
    ):
        submit_file(session_path, tmp_path / "x.esresult", impostor)
    submit_file(session_path, tmp_path / "ok.esresult")
    checked = read_result(tmp_path / "ok.esresult", open_package(pinned))
    assert checked.identity.how == "pinned for E02 in the batch roster"


def test_a_failed_write_leaves_the_session_unlocked(session_path, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OSError):
        submit_file(session_path, blocker / "E02.esresult")
    with SessionFile(session_path) as session:
        assert ScoringService(session).locked_by() is None
        assert ScoringService(session).verify_log() == 18  # 9 edits a submission; no submit entry
    submit_file(session_path, tmp_path / "E02.esresult")


def test_the_session_file_or_another_file_is_never_overwritten(session_path, tmp_path):
    with pytest.raises(SubmitRefused, match="is the session file itself"):
        submit_file(session_path, session_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes", encoding="utf-8")
    with pytest.raises(SubmitRefused, match="exists and is not a result file"):
        submit_file(session_path, notes)
    assert notes.read_text(encoding="utf-8") == "my notes"
    with SessionFile(session_path) as session:
        assert ScoringService(session).locked_by() is None
