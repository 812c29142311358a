"""The edit log's hash chain, as the result payload carries it.

The payload holds the log as one block: the entries' lines, deflated and in base64, each
as ``scoring.editlog.stored_line`` writes it. The hashes follow ``scoring.editlog``, the
rule the session writes its log by, so the block's ``head`` is the session's last hash.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from expertscore.scoring.editlog import LOG_FIELDS, canonical, entry_hash, stored_line

# A log block inflates to a few hundred bytes per entry; far more is not a log but a bomb.
# The count of entries is the payload's own claim, so the whole is capped as well (a
# session of 200 submissions edited many times over writes a few MiB).
MAX_LINE_BYTES = 1 << 16
MAX_LOG_BYTES = 64 << 20


class LogUnreadable(ValueError):
    """The log block cannot be unpacked (its text says why)."""


@dataclass(frozen=True, slots=True)
class LogEntry:
    seq: int
    at: str
    action: str
    submission: str | None
    indicator: str | None
    detail: Any
    prev: str
    hash: str
    line: str


def _entry(line: str, position: int, prev: str) -> LogEntry:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError:
        raise LogUnreadable(f"edit log entry {position} is not JSON") from None
    if not isinstance(raw, dict) or sorted(raw) != sorted(LOG_FIELDS):
        raise LogUnreadable(f"edit log entry {position} does not have the fields {LOG_FIELDS}")
    if not _typed(raw):
        raise LogUnreadable(f"edit log entry {position} has a field of the wrong type")
    raw["prev"] = prev
    return LogEntry(**raw, hash=entry_hash(raw), line=line)


_TEXT_OR_NONE = (str, type(None))


def _typed(raw: dict[str, Any]) -> bool:
    """``seq`` a number; ``at``, ``action`` text; ``submission``, ``indicator`` text or null."""
    return (
        type(raw["seq"]) is int
        and type(raw["at"]) is str
        and type(raw["action"]) is str
        and type(raw["submission"]) in _TEXT_OR_NONE
        and type(raw["indicator"]) in _TEXT_OR_NONE
    )


class CanonicalLog(list):
    """Entries whose lines were checked to be canonical all at once (``read_log``)."""


def _bulk(lines: list[str], genesis: str) -> CanonicalLog | None:
    """The entries when every line is one canonical entry, parsed in one pass; else ``None``.

    Canonical JSON has no line break and its keys are sorted, so ``prev`` goes right
    before ``seq`` (``indicator`` < ``prev`` < ``seq``): each hash is taken of the stored
    line with ``prev`` put in, without writing the JSON again. Anything unusual takes the
    line-by-line path, which names the entry at fault.
    """
    text = "[" + ",".join(lines) + "]"
    try:
        raws = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(raws, list) or len(raws) != len(lines) or canonical(raws) != text:
        return None
    found = CanonicalLog()
    prev = genesis
    fields = set(LOG_FIELDS)
    sha256 = hashlib.sha256
    for line, raw in zip(lines, raws, strict=True):
        if type(raw) is not dict or raw.keys() != fields or not _typed(raw):
            return None
        seq, at, action = raw["seq"], raw["at"], raw["action"]
        submission, indicator = raw["submission"], raw["indicator"]
        cut = line.rfind(',"seq":')
        digest = sha256(f'{line[:cut]},"prev":"{prev}"{line[cut:]}'.encode()).hexdigest()
        found.append(
            LogEntry(seq, at, action, submission, indicator, raw["detail"], prev, digest, line)
        )
        prev = digest
    return found


def read_log(deflated: str, entries: int, genesis: str) -> list[LogEntry]:
    """The entries of a log block, chained from ``genesis`` (the batch hash).

    ``LogUnreadable`` when it cannot be unpacked; ``chain_break`` says if it holds.
    """
    try:
        packed = base64.b64decode(deflated, validate=True)
    except (binascii.Error, ValueError):
        raise LogUnreadable("the edit log is not valid base64") from None
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(packed, min(max(entries, 1) * MAX_LINE_BYTES, MAX_LOG_BYTES))
    except zlib.error as exc:
        raise LogUnreadable(f"the edit log does not inflate ({exc})") from None
    if inflater.unconsumed_tail or not inflater.eof or inflater.unused_data:
        raise LogUnreadable("the edit log is cut short, too long, or followed by other data")
    try:
        lines = text.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        raise LogUnreadable("the edit log is not UTF-8") from None
    if lines[-1] != "":
        raise LogUnreadable("the edit log's last line has no line end")
    lines.pop()
    if len(lines) != entries:
        raise LogUnreadable(f"the edit log has {len(lines)} entries, the payload says {entries}")
    bulk = _bulk(lines, genesis)
    if bulk is not None:
        return bulk
    found = []
    prev = genesis
    for position, line in enumerate(lines, start=1):
        entry = _entry(line, position, prev)
        found.append(entry)
        prev = entry.hash
    return found


def chain_break(entries: Sequence[LogEntry], head: str) -> str | None:
    """Why the chain is broken (``None`` when it is numbered, canonical and ends at ``head``)."""
    canonical_lines = isinstance(entries, CanonicalLog)
    for position, entry in enumerate(entries, start=1):
        if entry.seq != position:
            return f"edit log entry {position} has number {entry.seq}"
        if not canonical_lines and entry.line != stored_line(_fields(entry)):
            return f"edit log entry {position} is not written in canonical form"
    if (entries[-1].hash if entries else None) != head:
        return "the edit log does not end at the head hash the payload names"
    return None


def _fields(entry: LogEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in LOG_FIELDS}
