"""The signed result file (``expertscore-result/1``): a DSSE-style envelope around the payload.

The file is JSON holding the payload's exact bytes in base64 and one signature (Ed25519 or
SM2, as the batch says) over DSSE's ``PAE(RESULT_PAYLOAD_TYPE, payload)``. Because the
signature covers bytes, not a re-serialised object, nobody needs a canonical JSON to check
it. The envelope's own
layout is fixed too (``envelope_bytes``), and a reader refuses a file whose bytes differ
from it: whatever changed on the way, even whitespace, is reported, not guessed past.
"""

from __future__ import annotations

import base64
import binascii
import json

from expertscore.crypto.envelope import AlgorithmRefusal, Envelope, EnvelopeKind, Refused
from expertscore.crypto.envelope import parse_envelope as read_envelope

RESULT_FORMAT = "expertscore-result/1"
RESULT_PAYLOAD_TYPE = "application/vnd.expertscore.result+json"
RESULT_SUFFIX = ".esresult"
MAX_RESULT_BYTES = 256 << 20


class ResultRefused(Refused):
    """A result file that must not be used; ``reason`` says why in one line."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.claims: str | None = None  # who and what the file says it is, once readable


class ResultWrongAlgorithm(AlgorithmRefusal, ResultRefused):
    """A result signed with another algorithm than its batch's (facts: source, expected, found)."""


class KeyRefused(ResultRefused):
    """The signing key is not trusted as the named person's (``results.trust``)."""

    def __init__(self, source: str, expert: str, rule: str, reason: str) -> None:
        self.expert = expert
        self.rule = rule  # "pinned", "confirmed", "two-keys", "known", "others", "unknown"
        super().__init__(source, reason)


class RuleBroken(ResultRefused):
    """A signed, readable result that claims what an honest program could not have written.

    The facts are fields (``rule`` is one of the names in ``docs/formats.md``); ``reason``
    words them in one line for the command line.
    """

    def __init__(
        self,
        source: str,
        expert: str,
        rule: str,
        detail: str,
        submission: str | None = None,
        indicator: str | None = None,
    ) -> None:
        self.expert = expert
        self.rule = rule
        self.detail = detail
        self.submission = submission
        self.indicator = indicator
        where = " ".join(part for part in (expert, submission, indicator) if part)
        super().__init__(source, f"{where}: {detail} (rule: {rule})")


def envelope_bytes(payload: bytes, keyid: str, sig: str) -> bytes:
    return _layout(base64.b64encode(payload).decode("ascii"), keyid, sig)


def _layout(payload_text: str, keyid: str, sig: str) -> bytes:
    """``json.dumps(record, indent=2)`` and a line feed, spelled out.

    The payload is base64 (nothing to escape), and scanning its megabytes for escapes was
    the slowest step of checking a file.
    """
    text = "".join(
        (
            "{\n",
            f'  "format": {json.dumps(RESULT_FORMAT)},\n',
            f'  "payloadType": {json.dumps(RESULT_PAYLOAD_TYPE)},\n',
            '  "payload": "',
            payload_text,
            '",\n  "signatures": [\n    {\n',
            f'      "keyid": {json.dumps(keyid)},\n',
            f'      "sig": {json.dumps(sig)}\n',
            "    }\n  ]\n}\n",
        )
    )
    return text.encode("ascii")


def _canonical_base64(text: str, data: bytes) -> bool:
    """Whether ``text`` (already decoded with validation to ``data``) is the standard spelling.

    Validation leaves one freedom: the unused low bits of the last character before the
    padding. Only the last group of four characters can differ, so only it is re-encoded.
    """
    tail = len(data) % 3 or 3
    return not data or base64.b64encode(data[-tail:]).decode("ascii") == text[-4:]


RESULT_KIND = EnvelopeKind(
    noun="result",
    format=RESULT_FORMAT,
    payload_type=RESULT_PAYLOAD_TYPE,
    max_bytes=MAX_RESULT_BYTES,
    refused=ResultRefused,
)


def parse_envelope(data: bytes, source: str) -> Envelope:
    """The envelope's parts, checked for shape and version; the signature is not checked here."""
    return read_envelope(data, source, RESULT_KIND)


def layout_problem(data: bytes, envelope: Envelope) -> str | None:
    """Why the bytes differ from how the envelope is written, or ``None`` if they do not."""
    try:  # the signature as standard base64: other spellings of the same bytes are changes
        sig = base64.b64encode(base64.b64decode(envelope.sig, validate=True)).decode("ascii")
    except (binascii.Error, ValueError):
        sig = envelope.sig
    text = envelope.payload_text
    if not text or not _canonical_base64(text, envelope.payload):
        text = base64.b64encode(envelope.payload).decode("ascii")
    expected = _layout(text, envelope.keyid, sig)
    if data == expected:
        return None
    if expected.startswith(data):
        return f"the file is truncated (it ends after {len(data)} of {len(expected)} bytes)"
    return (
        "the file's bytes differ from the layout it was signed in (changed outside"
        " ExpertScore, e.g. its line endings or spacing)"
    )
