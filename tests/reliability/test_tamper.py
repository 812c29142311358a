"""Altered result files: the verifier accepts none of them, and every genuine one."""

from __future__ import annotations

import base64
import json
import random

from bench.reliability import tamper
from expertscore.errors import ExpertScoreError
from expertscore.results.verify import check_result


def _verdict(material: tamper.Material, data: bytes, claimed: str) -> str:
    try:
        checked = check_result(data, f"{claimed}.esresult", material.package, material.trust)
    except ExpertScoreError as exc:
        return f"refused: {exc}"
    return f"ACCEPTED as {checked.payload.expert.id}, signed by {checked.payload.signer_id}"


def test_no_altered_result_file_is_accepted(material: tamper.Material) -> None:
    figures = tamper.check_all(material, count=300, seed=2026)

    assert figures.genuine_total == 3
    assert figures.genuine_accepted == 3  # the verifier is not refusing everything
    assert figures.tried == 300
    assert all(counts.tried >= 15 for counts in figures.by_category.values())
    assert figures.unexpected == 0, figures.examples
    assert figures.accepted == 0, figures.examples


def test_another_expert_cannot_sign_a_result_as_its_transcriber(
    material: tamper.Material,
) -> None:
    """E02 takes E01's result, marks it "transcribed from paper by E02" and signs it."""
    victim = material.genuine["E01"]
    data, claimed = tamper.transcribed_by_other(random.Random(3), material, victim)
    payload = json.loads(base64.b64decode(json.loads(data)["payload"]))
    assert payload["transcribed_by"]["id"] != "E01"

    assert _verdict(material, data, claimed).startswith("refused")


def test_signature_written_as_other_base64_is_refused(material: tamper.Material) -> None:
    """The same 64 signature bytes, with the unused low bits of the last base64 digit set."""
    genuine = material.genuine["E01"]
    envelope = json.loads(genuine.data)
    sig = envelope["signatures"][0]["sig"]
    other = tamper._unused_bits_changed(sig, random.Random(1))
    assert other is not None and other != sig
    assert base64.b64decode(other) == base64.b64decode(sig)
    data = genuine.data.replace(sig.encode(), other.encode())

    assert _verdict(material, data, "E01").startswith("refused")
