"""The edit log's hash chain: the one rule the session writes by and every reader checks.

An entry has six fields (``LOG_FIELDS``) and ``prev``, the previous entry's hash (the
batch hash for the first). Its hash is the SHA-256 of the canonical JSON (keys sorted, no
spaces, non-ASCII as is, UTF-8) of all seven. A result file stores each entry without
``prev`` (``stored_line``): it follows from the line before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from expertscore.storage import models as m

LOG_FIELDS = ("seq", "at", "action", "submission", "indicator", "detail")


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_of(row: m.EditLog) -> dict[str, Any]:
    """A stored log row's six fields (without ``prev``)."""
    return {
        "seq": row.seq,
        "at": row.at,
        "action": row.action,
        "submission": row.submission_id,
        "indicator": row.indicator,
        "detail": json.loads(row.detail),
    }


def hashed_line(entry: Mapping[str, Any]) -> str:
    """What a log entry's hash is taken of: canonical JSON of its fields and ``prev``."""
    return canonical({name: entry[name] for name in (*LOG_FIELDS, "prev")})


def entry_hash(entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(hashed_line(entry).encode("utf-8")).hexdigest()


def stored_line(entry: Mapping[str, Any]) -> str:
    """A log entry as a result file's log block stores it, without ``prev``."""
    return canonical({name: entry[name] for name in LOG_FIELDS})
