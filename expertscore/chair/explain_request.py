"""The chair's request for written explanations and statements (``expertscore-explain-request/2``).

Where an expert's total deviates from the panel mean by more than the policy's
``deviation_limit``, the expert explains it in writing (书面说明). The chair's request file
names the batch (id and hash), the results it asks about (``results_sha256``, the digest
of the panel outcome, ``outcome.results_digest``), who asks, and per expert and submission
the deviation; the expert answers with a signed ``explanation`` note (``member_notes``).
The same file lets every member make a statement on those results (its items may be
empty). Plain JSON: ``{"format", "batch_id", "manifest_sha256", "results_sha256",
"requested_by", "created_at", "items": [{"expert", "submission", "deviation"}]}``, items
sorted by expert then submission, ``deviation`` the percent as decimal text. A /1 request
(no ``results_sha256``) is refused: notes answering it could not name their results.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from expertscore.batch.package import OpenedPackage
from expertscore.chair.aggregate import PanelResult
from expertscore.chair.member_notes import NoteError, is_digest
from expertscore.chair.outcome import results_digest
from expertscore.identity.keys import local_now
from expertscore.reports.pdfbase import write_atomically
from expertscore.results.payload import plain

REQUEST_FORMAT = "expertscore-explain-request/2"


@dataclass(frozen=True)
class Request:
    """A request as read: who asks, about which results, which explanations."""

    requested_by: str
    results_sha256: str
    items: list[Needed]

    def asked_of(self, expert: str) -> list[Needed]:
        return [item for item in self.items if item.expert == expert]


@dataclass(frozen=True, order=True)
class Needed:
    expert: str
    submission: str
    deviation: Decimal


def needed(result: PanelResult, experts: Iterable[str] | None = None) -> list[Needed]:
    """Every explanation the results call for (of the named experts only, if given)."""
    chosen = set(experts) if experts is not None else None
    return sorted(
        Needed(expert, sid, deviation)
        for sid, sub in result.submissions.items()
        for expert, deviation in sub.explanations_needed.items()
        if chosen is None or expert in chosen
    )


def write_request(
    out: Path, package: OpenedPackage, result: PanelResult, items: list[Needed], requested_by: str
) -> Path:
    """The request for ``items`` (maybe none: statements only) about the results ``result``."""
    if not requested_by.strip():
        raise NoteError("name who requests the explanations").saying("no_requester")
    record = {
        "format": REQUEST_FORMAT,
        "batch_id": package.manifest.batch.id,
        "manifest_sha256": package.manifest_sha256,
        "results_sha256": results_digest(result),
        "requested_by": requested_by.strip(),
        "created_at": local_now(),
        "items": [
            {"expert": n.expert, "submission": n.submission, "deviation": plain(n.deviation)}
            for n in items
        ],
    }
    data = (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    write_atomically(out, lambda temp: temp.write_bytes(data))
    return out


def read_request(path: Path, package: OpenedPackage) -> Request:
    """The request; ``NoteError`` says what is wrong with the file."""
    return read_request_for(path, package.manifest_sha256)


def read_request_for(path: Path, manifest_sha256: str) -> Request:
    """``read_request`` for a batch known by its manifest's SHA-256 (an expert's session)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NoteError(f"{path}: not an explanation request ({exc})").saying(
            "not_a_request", path=path, why=exc
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != REQUEST_FORMAT:
        raise NoteError(f"{path}: not an explanation request ({REQUEST_FORMAT})").saying(
            "not_a_request", path=path, why=REQUEST_FORMAT
        )
    if raw.get("manifest_sha256") != manifest_sha256:
        raise NoteError(
            f"{path}: the request is for another batch (its batch hash differs)"
        ).saying("other_batch", path=path)
    results = raw.get("results_sha256")
    if not is_digest(results):
        raise NoteError(f"{path}: the request names no results (results_sha256)").saying(
            "no_results", path=path
        )
    items = raw.get("items")
    if not isinstance(items, list):
        raise NoteError(f"{path}: the request's items are damaged").saying(
            "items_damaged", path=path
        )
    try:
        asked = [Needed(str(i["expert"]), str(i["submission"]), Decimal(i["deviation"]))
                 for i in items]  # fmt: skip
        return Request(str(raw.get("requested_by") or ""), str(results), asked)
    except (TypeError, KeyError, InvalidOperation):
        raise NoteError(f"{path}: the request's items are damaged").saying(
            "items_damaged", path=path
        ) from None
