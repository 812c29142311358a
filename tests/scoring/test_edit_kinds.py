"""Edit kinds: one ``EditKind`` names what the session logs, what a ``Change`` changed and
what an undo sets back, while the session file keeps the action strings it always held."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from expertscore.batch.package import open_package
from expertscore.chair.rounds import ROUND_FORMAT, RoundItem, RoundRequest, apply_round_request
from expertscore.identity.keycard import read_cards
from expertscore.results.submit import submit
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import check_result
from expertscore.scoring.edits import Edit, apply
from expertscore.scoring.familiarity import FAIRLY
from expertscore.scoring.service import Entry, Note, Pin, ScoringService
from expertscore.storage import models as m
from expertscore.storage.session import SessionFile
from expertscore.vocabulary import EditKind
from tests.factories import example_builder
from tests.results.helpers import card_of, complete_session, fixed_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
RELEASED = sorted((FIXTURES / "sessions").glob("*.esession"))
E01 = fixed_key("E01")


def stored_actions(path: Path) -> list[str]:
    with SessionFile(path) as session, session.orm() as orm:
        return list(orm.scalars(select(m.EditLog.action).order_by(m.EditLog.seq)))


def test_every_action_in_the_released_session_files_is_an_edit_kind(tmp_path):
    seen: set[str] = set()
    for fixture in RELEASED:
        path = tmp_path / fixture.name
        shutil.copy(fixture, path)
        for action in stored_actions(path):
            kind = EditKind(action)
            assert (kind, kind.value, str(kind)) == (action, action, action)
            seen.add(action)
        with SessionFile(path) as session:
            ScoringService(session).verify_log()
    # What the program's earlier versions wrote into these files.
    assert seen == {"score", "comment", "pinned_evidence", "note", "familiarity", "submit",
                    "unlock"}  # fmt: skip


def test_the_documented_actions_are_the_edit_kinds():
    formats = (FIXTURES.parents[1] / "docs" / "formats.md").read_text(encoding="utf-8")
    table = formats[formats.index("| action | `submission`, `indicator` | `detail` |") :]
    table = table[: table.index("\n\n")]
    assert re.findall(r"^\| `([a-z_-]+)` \|", table, re.M) == [k.value for k in EditKind]


def test_each_edit_is_logged_by_its_kind_as_the_string_it_always_was(tmp_path):
    package = tmp_path / "batch.esbatch"
    example_builder(submissions=3).write(package)
    path = complete_session(package, "E01", tmp_path / "e01.esession")
    before = len(stored_actions(path))
    edits = [
        Edit(EditKind.SCORE, "S002", "1.1", Entry(points=Decimal(6))),
        Edit(EditKind.COMMENT, "S002", "1.1", "依据审计报告"),
        Edit(EditKind.VERIFIED_VALUE, "S002", "1.1", "42.5"),
        Edit(EditKind.PINS, "S002", "1.1", [Pin("S002-E001", 2)]),
        Edit(EditKind.NOTE, "S002", None, Note(comment="较好", category="industry", level="L2")),
        Edit(EditKind.FAMILIARITY, "S002", None, FAIRLY),
    ]
    with SessionFile(path) as session:
        scoring = ScoringService(session)
        changes = [apply(scoring, edit) for edit in edits]
        assert [c.kind for c in changes] == [e.kind for e in edits]
        undone = apply(scoring, Edit.undoing(changes[1]))
        assert (undone.kind, undone.old, undone.new) == (EditKind.COMMENT, "依据审计报告", "")
        redone = apply(scoring, Edit.redoing(changes[1]))
        assert redone.new == "依据审计报告"
        assert scoring.scores("S002")["1.1"].comment == "依据审计报告"
        scoring.recuse("S003", "曾参与该平台建设")
        submit(session, E01, tmp_path / "E01-1.esresult")
        request = RoundRequest(format=ROUND_FORMAT, batch_id=session.info.batch_id,
                               batch_sha256=session.info.manifest_sha256, round=2,
                               requested_by="王组长",
                               items=[RoundItem(submission="S002", indicator="1.1",
                                                experts=["E01"], reason="分歧大")])  # fmt: skip
        asked = tmp_path / "round2.json"
        asked.write_text(request.model_dump_json(), encoding="utf-8")
        assert apply_round_request(session, asked)  # unlocks the submitted session
        scoring.set_entry("S002", "1.1", Entry(points=Decimal(7)), round_number=2)
        submit(session, E01, tmp_path / "E01-2.esresult")

    actions = stored_actions(path)[before:]
    assert actions == [
        "score", "comment", "verified_value", "pinned_evidence", "note", "familiarity",
        "comment", "comment", "recuse", "submit", "unlock", "round-request", "score", "submit",
    ]  # fmt: skip
    assert all(type(action) is str for action in actions)
    # The readers take every kind back: the signed result replays its whole log.
    card_of(E01, tmp_path / "cards")
    opened = open_package(package)
    trust = KeyTrust.build(opened, read_cards([tmp_path / "cards"]))
    second = tmp_path / "E01-2.esresult"
    check_result(second.read_bytes(), second.name, opened, trust)


def test_only_edits_of_a_value_go_through_apply(tmp_path):
    """Recusing, submitting and unlocking have calls of their own and are never undone."""
    package = tmp_path / "batch.esbatch"
    example_builder(submissions=2).write(package)
    path = complete_session(package, "E01", tmp_path / "e01.esession")
    before = stored_actions(path)
    with SessionFile(path) as session:
        for kind in (EditKind.RECUSE, EditKind.SUBMIT, EditKind.UNLOCK):
            with pytest.raises(ValueError, match="not an edit of a value"):
                apply(ScoringService(session), Edit(kind, "S002", None, "理由"))
    assert stored_actions(path) == before
