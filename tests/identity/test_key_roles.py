"""Each file is signed only with a key of the role that signs it: an expert's result and notes
with an expert's key, a transcription with the chair's, the batch with the organizer's.
Refused in the core with the facts, before anything is written, and so on the command line.
(The panel file: ``tests/chair/test_chair_export.py``; the windows: their tests.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.batch.package import open_package
from expertscore.chair.member_notes import STATEMENT, write_note
from expertscore.identity.keys import CHAIR, EXPERT, ORGANIZER, ExpertKey, ScryptCost, create_key
from expertscore.identity.roles import (
    BATCH,
    NOTE,
    RESULT,
    TRANSCRIPTION,
    WrongKeyRole,
    require_role,
)
from expertscore.organizer.prepare import check_signer
from expertscore.organizer.roster import Roster
from expertscore.results.submit import submit
from expertscore.results.transcribe import start_transcription
from expertscore.scoring.service import ScoringService
from expertscore.storage.session import SessionFile
from tests.factories import write_example_package
from tests.identity.test_keys import PASSPHRASE, key_file_bytes_1
from tests.results.helpers import complete_session

RESULTS = "ab" * 32  # the digest of some panel outcome a note speaks about

EXE = Path(sys.executable).with_name("expertscore")
CHEAP = ScryptCost(n=2**12)


def key(person: str, role: str) -> ExpertKey:
    return ExpertKey.from_private_key(
        Ed25519PrivateKey.generate(), person, f"{person}某", role=role
    )


@pytest.fixture
def package(tmp_path: Path) -> Path:
    return write_example_package(tmp_path / "batch.esbatch")


def test_the_refusal_carries_its_facts():
    chair = key("E01", CHAIR)
    with pytest.raises(WrongKeyRole) as refused:
        require_role(chair.info, RESULT)
    error = refused.value
    assert (error.key_id, error.fingerprint, error.role, error.signs, error.needed) == (
        "E01",
        chair.info.fingerprint,
        CHAIR,
        RESULT,
        EXPERT,
    )
    assert str(error) == (
        f"the key {chair.info.fingerprint} of E01 is the chair's key; an expert's result file is"
        " signed with an expert's key (make one with `expertscore key new --role expert`)"
    )
    for role, signs in (
        (EXPERT, RESULT),
        (CHAIR, TRANSCRIPTION),
        (EXPERT, NOTE),
        (ORGANIZER, BATCH),
    ):
        require_role(key("X", role).info, signs)  # the right role passes


def test_a_result_is_not_signed_with_a_chair_or_organizer_key(package, tmp_path):
    session_path = complete_session(package, "E01", tmp_path / "E01.esession")
    out = tmp_path / "E01.esresult"
    for role in (CHAIR, ORGANIZER):
        with SessionFile(session_path) as session:
            with pytest.raises(WrongKeyRole) as refused:
                submit(session, key("E01", role), out)
            assert (refused.value.role, refused.value.signs) == (role, RESULT)
            assert ScoringService(session).locked_by() is None
        assert not out.exists() and list(tmp_path.glob("*.esresult*")) == []
    with SessionFile(session_path) as session:
        assert submit(session, key("E01", EXPERT), out).sequence == 1


def test_a_transcription_needs_the_chairs_key_and_a_version_1_key_is_an_experts(package, tmp_path):
    out = tmp_path / "E01-paper.esession"
    with pytest.raises(WrongKeyRole) as refused:
        start_transcription(package, "E01", out, key("CLERK", EXPERT).info, "纸质评分表")
    assert refused.value.signs == TRANSCRIPTION and refused.value.needed == CHAIR
    assert not out.exists()  # refused before the session is made
    # A chair's key made before roles (version 1) reads as an expert's: refused the same way.
    made = create_key("CHAIR", "组长王", PASSPHRASE, cost=CHEAP, role=CHAIR)
    made.info.path.write_bytes(key_file_bytes_1(made, made.info.path))
    from expertscore.identity.keys import find_key

    old = find_key("CHAIR")
    assert old.role == EXPERT
    with pytest.raises(WrongKeyRole):
        start_transcription(package, "E01", out, old, "纸质评分表")
    assert not out.exists()
    start_transcription(package, "E01", out, key("CHAIR", CHAIR).info, "纸质评分表")
    assert out.exists()


def test_a_members_note_is_signed_with_an_experts_key(package, tmp_path):
    opened = open_package(package)
    out = tmp_path / "E01.esnote"
    body = {"stance": "agree", "reasons": ""}
    with pytest.raises(WrongKeyRole) as refused:
        write_note(out, opened, key("E01", CHAIR), STATEMENT, body, results_sha256=RESULTS)
    assert refused.value.signs == NOTE
    assert not out.exists()
    write_note(out, opened, key("E01", EXPERT), STATEMENT, body, results_sha256=RESULTS)
    assert out.exists()


def test_the_batch_is_signed_with_an_organizer_key_only():
    roster = Roster()
    for role in (EXPERT, CHAIR):
        with pytest.raises(WrongKeyRole) as refused:
            check_signer(key("ORG", role), roster)
        assert (refused.value.role, refused.value.signs) == (role, BATCH)
    check_signer(key("ORG", ORGANIZER), roster)


# --- the command line ------------------------------------------------------------------------


def run(data: Path, *args: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EXPERTSCORE_DATA_DIR": str(data), "EXPERTSCORE_PASSPHRASE": PASSPHRASE}
    return subprocess.run(
        [str(EXE), *map(str, args)], capture_output=True, text=True, timeout=300, env=env
    )


def new_key(data: Path, person: str, role: str) -> str:
    done = run(data, "key", "new", "--expert", person, "--name", "某人", "--role", role)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("fingerprint ")[1].split()[0]


def test_the_command_line_refuses_each_wrong_role(package, tmp_path, private_data_dir):
    data = private_data_dir
    opened = open_package(package)
    # submit: E01's key is a chair's
    chair_e01 = new_key(data, "E01", CHAIR)
    session = complete_session(package, "E01", tmp_path / "E01.esession")
    result = tmp_path / "E01.esresult"
    done = run(data, "submit", "--session", session, "--out", result)
    assert done.returncode == 2 and not result.exists()
    assert done.stderr.strip() == (
        f"error: the key {chair_e01} of E01 is the chair's key; an expert's result file is signed"
        " with an expert's key (make one with `expertscore key new --role expert`)"
    )
    # transcribe: the "chair" is an expert's key
    new_key(data, "CLERK", EXPERT)
    paper = tmp_path / "paper.esession"
    done = run(data, "transcribe", "--batch", package, "--expert", "E02", "--chair", "CLERK",
               "--sheet", "纸质评分表", "--out", paper)  # fmt: skip
    assert done.returncode == 2 and not paper.exists()
    assert "a transcribed result is signed with the chair's key" in done.stderr
    # statement: E01's chair key cannot sign a member's note
    note = tmp_path / "E01.esnote"
    request = tmp_path / "request.json"  # the chair's request, as docs/formats.md writes it
    request.write_text(json.dumps({
        "format": "expertscore-explain-request/2", "batch_id": opened.manifest.batch.id,
        "manifest_sha256": opened.manifest_sha256, "results_sha256": RESULTS,
        "requested_by": "王组长", "created_at": "2026-12-07T10:00:00+08:00", "items": [],
    }), encoding="utf-8")  # fmt: skip
    done = run(data, "statement", "--batch", package, "--request", request, "--expert", "E01",
               "--stance", "agree", "--out", note)  # fmt: skip
    assert done.returncode == 2 and not note.exists()
    assert "a member's note is signed with an expert's key" in done.stderr
