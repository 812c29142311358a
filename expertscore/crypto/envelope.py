"""Reading the DSSE-style envelope that result files and panel files share.

Both are UTF-8 JSON: ``format``, ``payloadType``, ``payload`` (the signed bytes in base64)
and exactly one signature ``{"keyid", "sig"}``. Each file kind names its own format,
payload type, size limit and refusal (``EnvelopeKind``); the checks and their one-line
reasons are the same for both, so a file of one kind offered as the other is refused as
"not an ExpertScore ... file". The signature itself is checked by the caller, which knows
where the payload names its key.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass

from expertscore.crypto.sealed import SealedError, is_sealed_bytes, open_bytes
from expertscore.errors import ExpertScoreError, WrongAlgorithm, algorithm_reason

ENVELOPE_KEYS = {"format", "payloadType", "payload", "signatures"}


class Refused(ExpertScoreError):
    """A signed file that must not be used; ``reason`` says why in one line."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: refused: {reason}")


class AlgorithmRefusal(WrongAlgorithm):
    """Put before a kind's refusal class: that kind's refusal of a file of the other algorithm.

    ``class ResultWrongAlgorithm(AlgorithmRefusal, ResultRefused)`` is both a
    ``ResultRefused`` (so whatever lists refused results lists it) and a ``WrongAlgorithm``
    with its facts: ``source``, ``expected``, ``found``.
    """

    def __init__(self, source: str, expected: str, found: str) -> None:
        self.expected, self.found = expected, found
        super().__init__(source, algorithm_reason(expected, found))  # the kind's (source, reason)


@dataclass(frozen=True)
class EnvelopeKind:
    noun: str  # "result", "panel": in "not an ExpertScore result file"
    format: str
    payload_type: str
    max_bytes: int
    refused: type[Refused]  # the kind's own refusal


@dataclass(frozen=True)
class Envelope:
    payload: bytes
    keyid: str
    sig: str
    payload_text: str = ""  # the base64 as written, for the layout check


def newer_format(declared: object, current: str) -> bool:
    """``expertscore-result/2`` when this program reads ``/1``: made by a newer program."""
    if not isinstance(declared, str):
        return False
    family, version = current.rsplit("/", 1)
    match = re.fullmatch(re.escape(family) + r"/(\d+)", declared)
    return match is not None and int(match.group(1)) > int(version)


def check_format(declared: object, kind: EnvelopeKind, expected: str, what: str, source: str):
    """Refuse unless ``declared`` is ``expected``; a later version is named as such."""
    if declared == expected:
        return
    if newer_format(declared, expected):
        raise kind.refused(
            source,
            f"made by a newer ExpertScore ({what} {declared}); this program reads"
            f" {expected}: update the program",
        )
    raise kind.refused(source, f"not an ExpertScore {kind.noun} file ({what} {declared!r})")


def _json(data: bytes, source: str, kind: EnvelopeKind) -> object:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise kind.refused(
            source, f"not a {kind.noun} file (not UTF-8 text at byte {exc.start})"
        ) from None
    try:
        return json.loads(text)
    except RecursionError:
        raise kind.refused(source, "the file is garbled (JSON nested too deeply)") from None
    except json.JSONDecodeError as exc:
        if not text.rstrip().endswith("}") or exc.pos >= len(text.rstrip()):
            raise kind.refused(
                source, f"the file is truncated (it ends early, after {len(data)} bytes)"
            ) from None
        raise kind.refused(
            source, f"the file is garbled (line {exc.lineno} column {exc.colno}: {exc.msg})"
        ) from None


def plain_bytes(data: bytes, source: str, kind: EnvelopeKind) -> bytes:
    """The signed file's bytes: ``data``, decrypted first if it is encrypted (``age``).

    A file that cannot be decrypted is the kind's refusal, its cause the typed
    ``SealedError`` (no key unlocked, not encrypted to it, damaged)."""
    if not is_sealed_bytes(data):
        return data
    try:
        return open_bytes(data, source)
    except SealedError as exc:
        raise kind.refused(source, exc.message) from exc


def parse_envelope(data: bytes, source: str, kind: EnvelopeKind) -> Envelope:
    """The envelope's parts, checked for shape and version; the signature is not checked here.

    An encrypted file is decrypted first (``plain_bytes``)."""
    data = plain_bytes(data, source, kind)
    if not data.strip():
        raise kind.refused(source, "the file is empty")
    if len(data) > kind.max_bytes:
        raise kind.refused(source, f"not a {kind.noun} file (over {kind.max_bytes >> 20} MiB)")
    record = _json(data, source, kind)
    if not isinstance(record, dict):
        raise kind.refused(source, f"not an ExpertScore {kind.noun} file")
    check_format(record.get("format"), kind, kind.format, "format", source)
    if set(record) != ENVELOPE_KEYS:
        raise kind.refused(
            source, f"the envelope has fields {sorted(record)}, expected {sorted(ENVELOPE_KEYS)}"
        )
    if record["payloadType"] != kind.payload_type:
        raise kind.refused(
            source, f"payload type {record['payloadType']!r} is not {kind.payload_type}"
        )
    signatures = record["signatures"]
    if not isinstance(signatures, list) or len(signatures) != 1:
        count = len(signatures) if isinstance(signatures, list) else "no list of"
        raise kind.refused(source, f"expected exactly one signature, found {count}")
    signature = signatures[0]
    if (
        not isinstance(signature, dict)
        or set(signature) != {"keyid", "sig"}
        or not all(isinstance(value, str) for value in signature.values())
    ):
        raise kind.refused(source, "the signature entry is malformed")
    if not isinstance(record["payload"], str):
        raise kind.refused(source, "the payload is not base64 text")
    try:
        payload = base64.b64decode(record["payload"], validate=True)
    except (binascii.Error, ValueError):
        reason = "the payload is not valid base64: the file was changed"
        raise kind.refused(source, reason) from None
    return Envelope(
        payload=payload,
        keyid=signature["keyid"],
        sig=signature["sig"],
        payload_text=record["payload"],
    )
