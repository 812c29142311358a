"""The signed result file (``expertscore-result/1``): a DSSE-style envelope around the payload.

The file is JSON holding the payload's exact bytes in base64 and one Ed25519 signature
over DSSE's ``PAE(RESULT_PAYLOAD_TYPE, payload)``. Because the signature covers bytes, not
a re-serialised object, nobody needs a canonical JSON to check it. The envelope's own
layout is fixed too (``envelope_bytes``), and a reader refuses a file whose bytes differ
from it: whatever changed on the way, even whitespace, is reported, not guessed past.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass

from expertscore.errors import ExpertScoreError

RESULT_FORMAT = "expertscore-result/1"
RESULT_PAYLOAD_TYPE = "application/vnd.expertscore.result+json"
RESULT_SUFFIX = ".esresult"
MAX_RESULT_BYTES = 256 << 20
ENVELOPE_KEYS = {"format", "payloadType", "payload", "signatures"}


class ResultRefused(ExpertScoreError):
    """A result file that must not be used; ``reason`` says why in one line."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        self.claims: str | None = None  # who and what the file says it is, once readable
        super().__init__(f"{source}: refused: {reason}")

    def __reduce__(self):
        # Crosses process boundaries (the merge verifies files in worker processes).
        return (_rebuild_refusal, (self.source, self.reason, self.claims))


def _rebuild_refusal(source: str, reason: str, claims: str | None) -> ResultRefused:
    refused = ResultRefused(source, reason)
    refused.claims = claims
    return refused


@dataclass(frozen=True)
class Envelope:
    payload: bytes
    keyid: str
    sig: str
    payload_text: str = ""  # the base64 as written, for the layout check


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


def newer_format(declared: object, current: str) -> bool:
    """``expertscore-result/2`` when this program reads ``/1``: made by a newer program."""
    if not isinstance(declared, str):
        return False
    family, version = current.rsplit("/", 1)
    match = re.fullmatch(re.escape(family) + r"/(\d+)", declared)
    return match is not None and int(match.group(1)) > int(version)


def _json(data: bytes, source: str) -> object:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResultRefused(
            source, f"not a result file (not UTF-8 text at byte {exc.start})"
        ) from None
    try:
        return json.loads(text)
    except RecursionError:
        raise ResultRefused(source, "the file is garbled (JSON nested too deeply)") from None
    except json.JSONDecodeError as exc:
        if not text.rstrip().endswith("}") or exc.pos >= len(text.rstrip()):
            raise ResultRefused(
                source, f"the file is truncated (it ends early, after {len(data)} bytes)"
            ) from None
        raise ResultRefused(
            source, f"the file is garbled (line {exc.lineno} column {exc.colno}: {exc.msg})"
        ) from None


def parse_envelope(data: bytes, source: str) -> Envelope:
    """The envelope's parts, checked for shape and version; the signature is not checked here."""
    if not data.strip():
        raise ResultRefused(source, "the file is empty")
    if len(data) > MAX_RESULT_BYTES:
        raise ResultRefused(source, f"not a result file (over {MAX_RESULT_BYTES >> 20} MiB)")
    record = _json(data, source)
    if not isinstance(record, dict):
        raise ResultRefused(source, "not an ExpertScore result file")
    declared = record.get("format")
    if declared != RESULT_FORMAT:
        if newer_format(declared, RESULT_FORMAT):
            raise ResultRefused(
                source,
                f"made by a newer ExpertScore (format {declared}); this program reads"
                f" {RESULT_FORMAT}: update the program",
            )
        raise ResultRefused(source, f"not an ExpertScore result file (format {declared!r})")
    if set(record) != ENVELOPE_KEYS:
        raise ResultRefused(
            source, f"the envelope has fields {sorted(record)}, expected {sorted(ENVELOPE_KEYS)}"
        )
    if record["payloadType"] != RESULT_PAYLOAD_TYPE:
        raise ResultRefused(
            source, f"payload type {record['payloadType']!r} is not {RESULT_PAYLOAD_TYPE}"
        )
    signatures = record["signatures"]
    if not isinstance(signatures, list) or len(signatures) != 1:
        count = len(signatures) if isinstance(signatures, list) else "no list of"
        raise ResultRefused(source, f"expected exactly one signature, found {count}")
    signature = signatures[0]
    if (
        not isinstance(signature, dict)
        or set(signature) != {"keyid", "sig"}
        or not all(isinstance(value, str) for value in signature.values())
    ):
        raise ResultRefused(source, "the signature entry is malformed")
    if not isinstance(record["payload"], str):
        raise ResultRefused(source, "the payload is not base64 text")
    try:
        payload = base64.b64decode(record["payload"], validate=True)
    except (binascii.Error, ValueError):
        raise ResultRefused(
            source, "the payload is not valid base64: the file was changed"
        ) from None
    return Envelope(
        payload=payload,
        keyid=signature["keyid"],
        sig=signature["sig"],
        payload_text=record["payload"],
    )


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
