"""The edit log's hash chain, as the result payload carries it.

Each entry's ``hash`` is the SHA-256 of the canonical JSON (keys sorted, no spaces, UTF-8)
of the entry without its hash, ``prev`` being the previous entry's hash; the first
entry's ``prev`` is the batch hash. This is the rule ``scoring.service`` writes the log by.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from expertscore.scoring.service import canonical

HASHED = ("seq", "at", "action", "submission", "indicator", "detail", "prev")


def entry_hash(entry: Mapping[str, Any]) -> str:
    body = {name: entry[name] for name in HASHED}
    return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()


def chain_break(entries: Sequence[Mapping[str, Any]], genesis: str) -> str | None:
    """Why the chain is broken (``None`` when every link holds)."""
    prev = genesis
    for position, entry in enumerate(entries, start=1):
        if entry["seq"] != position:
            return f"edit log entry {position} has number {entry['seq']}"
        if entry["prev"] != prev:
            return f"edit log broken at entry {position} (it does not follow entry {position - 1})"
        if entry["hash"] != entry_hash(entry):
            return f"edit log broken at entry {position} (its hash does not match its content)"
        prev = entry["hash"]
    return None
