"""The batch's evidence as the chair sees it: which pages each expert pinned, and the files.

The experts' result files say, per indicator, which evidence files (and PDF pages) each
expert had pinned open when scoring (``ScoreItem.evidence``). The files themselves are in
the batch package; ``evidence_bytes`` reads one into memory for a viewer (never to disk),
checked against the SHA-256 the signed manifest names, so the chair sees exactly what the
experts saw.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from expertscore.batch.package import EvidenceReader, OpenedPackage, PackageError
from expertscore.results.verify import CheckedResult
from expertscore.storage.evidence import EvidenceRecord


@dataclass(frozen=True)
class Pin:
    """One evidence file (at a page, for a PDF) an expert pinned for an indicator."""

    expert: str
    evidence: str
    page: int | None


def evidence_records(package: OpenedPackage, submission: str) -> list[EvidenceRecord]:
    """The submission's evidence files in the batch's order, as the expert's viewer lists them."""
    found = [e for e in package.manifest.evidence if e.submission == submission]
    return [
        EvidenceRecord(
            id=e.id,
            submission_id=e.submission,
            sha256=e.sha256,
            media_type=e.media_type,
            title=e.title,
            filename=e.filename,
            indicators=tuple(e.indicators),
            position=n,
            size=e.size,
        )
        for n, e in enumerate(found)
    ]


def pins(
    accepted: dict[str, CheckedResult], submission: str, indicator: str, experts: list[str]
) -> list[Pin]:
    """What each of ``experts`` pinned for the indicator, in that order (latest round)."""
    found: list[Pin] = []
    for expert in experts:
        checked = accepted.get(expert)
        if checked is None:
            continue
        sub = next((s for s in checked.payload.submissions if s.id == submission), None)
        items = [i for i in sub.scores if i.indicator == indicator] if sub is not None else []
        if items:
            latest = max(items, key=lambda item: item.round)
            found += [Pin(expert, pinned.id, pinned.page) for pinned in latest.evidence]
    return found


def evidence_bytes(package: OpenedPackage, sha256: str) -> bytes:
    """The package's evidence entry ``sha256``, read into memory and checked by its digest.

    Raises ``PackageError`` when the entry is missing, longer than the manifest says, or
    its bytes do not have the digest.
    """
    size = next((e.size for e in package.manifest.evidence if e.sha256 == sha256), None)
    if size is None:
        raise PackageError(package.path, f"no evidence with SHA-256 {sha256}").saying(
            "no_evidence", sha256=sha256
        )
    with EvidenceReader(package.path) as reader:
        data = b"".join(reader.chunks(sha256, size))
    if hashlib.sha256(data).hexdigest() != sha256:
        raise PackageError(package.path, f"evidence {sha256} does not match its SHA-256").saying(
            "evidence_changed", sha256=sha256
        )
    return data
