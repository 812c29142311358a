"""The digest of a panel outcome: what a member's statement or explanation speaks about.

A statement agrees with (or dissents from) particular results, and an explanation explains
a deviation in particular scores. The chair's request file names the results by this digest,
and each signed note carries it; a note whose digest is not that of the results now merged
speaks about other results and is shown as such (stale), never silently taken as current.

The digest is SHA-256 (lowercase hex) of the canonical JSON (keys sorted, no spaces,
UTF-8, non-ASCII kept) of ``{submission id: {"category", "total", "grade", "rank",
"indicators": {code: {"panel", "scores": {expert: points}}}}}``, every number as its
decimal text and a missing panel score, category or grade as ``null``. An agreed score
shows as the indicator's panel score; a newly merged result changes the scores.
"""

from __future__ import annotations

import hashlib
import json

from expertscore.chair.aggregate import PanelResult


def _number(value: object) -> str | None:
    return None if value is None else format(value, "f")


def results_digest(result: PanelResult) -> str:
    """The SHA-256 of the panel outcome ``result`` in its canonical form (see above)."""
    record = {
        sid: {
            "category": sub.category,
            "total": _number(sub.total),
            "grade": sub.grade,
            "rank": sub.rank,
            "indicators": {
                code: {
                    "panel": _number(item.panel),
                    "scores": {e: _number(p) for e, p in item.scores.items()},
                }
                for code, item in sub.indicators.items()
            },
        }
        for sid, sub in result.submissions.items()
    }
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
