"""The edit log's hash chain, as the result payload carries it.

The payload holds the log as one block: the entries' lines, deflated and in base64, each
as ``scoring.editlog.stored_line`` writes it. The hashes follow ``scoring.editlog``, the
rule the session writes its log by, so the block's ``head`` is the session's last hash.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from expertscore.scoring.editlog import LOG_FIELDS, entry_hash, stored_line

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
    raw["prev"] = prev
    return LogEntry(**raw, hash=entry_hash(raw), line=line)


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
    found = []
    prev = genesis
    for position, line in enumerate(lines, start=1):
        entry = _entry(line, position, prev)
        found.append(entry)
        prev = entry.hash
    return found


def chain_break(entries: Sequence[LogEntry], head: str) -> str | None:
    """Why the chain is broken (``None`` when it is numbered, canonical and ends at ``head``)."""
    for position, entry in enumerate(entries, start=1):
        if entry.seq != position:
            return f"edit log entry {position} has number {entry.seq}"
        if entry.line != stored_line(_fields(entry)):
            return f"edit log entry {position} is not written in canonical form"
    if (entries[-1].hash if entries else None) != head:
        return "the edit log does not end at the head hash the payload names"
    return None


def _fields(entry: LogEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in LOG_FIELDS}
