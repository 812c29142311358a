"""The chair transcribes a paper sheet: marked as such, signed by the chair, verified as such."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.identity.keycard import read_cards
from expertscore.results.envelope import ResultRefused
from expertscore.results.submit import SubmitRefused, signer_of, submit
from expertscore.results.transcribe import (
    TranscriptionRefused,
    mark_transcribed,
    start_transcription,
)
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import read_result, verify_file
from expertscore.scoring.service import Entry, ScoringService
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.results.helpers import card_of, fixed_key, score_everything

CHAIR = fixed_key("CHAIR")
SHEET = "纸质评分表，2025-06-03 现场交回，共 2 页"


@pytest.fixture
def transcribed(package: Path, tmp_path: Path) -> Path:
    path = start_transcription(package, "E01", tmp_path / "e01.esession", CHAIR.info, SHEET)
    with SessionFile(path) as session:
        score_everything(ScoringService(session))
    return path


def test_transcription_is_signed_by_the_chair_and_says_so(package, transcribed, tmp_path):
    out = tmp_path / "E01.esresult"
    with SessionFile(transcribed) as session:
        assert signer_of(session) == "CHAIR"
        done = submit(session, CHAIR, out)
    assert done.transcribed and done.signer_id == "CHAIR"
    cards = tmp_path / "cards"
    card_of(CHAIR, cards)
    opened = open_package(package)
    checked = read_result(out, opened, KeyTrust.build(opened, read_cards([cards])))
    payload = checked.payload
    assert payload.expert.id == "E01" and payload.expert.public_key is None
    assert payload.transcribed_by is not None
    assert (payload.transcribed_by.id, payload.transcribed_by.name) == ("CHAIR", "组长王")
    assert payload.transcribed_by.public_key == CHAIR.info.public_key
    assert payload.transcribed_by.sheet == SHEET
    assert checked.fingerprint == CHAIR.info.fingerprint
    first = payload.log_entries()[0]
    assert first.action == "transcribe"
    assert first.detail["key"] == CHAIR.info.fingerprint
    verdict = verify_file(out, opened, KeyTrust.build(opened, read_cards([cards])))
    lines = verdict.lines()
    assert "expert:      E01 专家1 (某大学)" in lines
    assert f"transcribed: by CHAIR 组长王 from a paper sheet ({SHEET})" in lines


def test_the_chairs_key_must_be_known_to_trust_a_transcription(package, transcribed, tmp_path):
    out = tmp_path / "E01.esresult"
    with SessionFile(transcribed) as session:
        submit(session, CHAIR, out)
    with pytest.raises(ResultRefused, match=r"unknown key .* names a key for CHAIR"):
        read_result(out, open_package(package))


def test_a_transcription_cannot_be_signed_with_the_experts_key(transcribed, tmp_path):
    with (
        SessionFile(transcribed) as session,
        pytest.raises(SubmitRefused, match="transcribed by CHAIR 组长王 and must be signed with"),
    ):
        submit(session, fixed_key("E01"), tmp_path / "x.esresult")


def test_only_a_fresh_session_can_be_marked(package, tmp_path):
    path = create_session(package, "E02", tmp_path / "e02.esession")
    with SessionFile(path) as session:
        ScoringService(session).set_entry("S002", "1.1", Entry(points=Decimal(5)))
        with pytest.raises(TranscriptionRefused, match="already has 1 edits"):
            mark_transcribed(session, CHAIR.info, SHEET)


def test_marking_twice_or_by_the_expert_is_refused(transcribed, package, tmp_path):
    with (
        SessionFile(transcribed) as session,
        pytest.raises(TranscriptionRefused, match="already transcribed by CHAIR"),
    ):
        mark_transcribed(session, fixed_key("E02").info, SHEET)
    with pytest.raises(TranscriptionRefused, match="E02 cannot transcribe their own sheet"):
        start_transcription(package, "E02", tmp_path / "own.esession", fixed_key("E02").info, SHEET)
    assert not (tmp_path / "own.esession").exists()
    with pytest.raises(TranscriptionRefused, match="say which paper sheet"):
        start_transcription(package, "E02", tmp_path / "x.esession", CHAIR.info, "  ")
