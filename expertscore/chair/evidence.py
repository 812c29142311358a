"""The batch's evidence as the chair sees it: which pages each expert pinned, and the files.

The experts' result files say, per indicator, which evidence files (and PDF pages) each
expert had pinned open when scoring (``ScoreItem.evidence``). The files themselves are in
the batch package; ``export_evidence`` writes one to disk for a viewer, checked against
the SHA-256 the signed manifest names, so the chair sees exactly what the experts saw.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

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
    fields = ("id", "submission", "sha256", "media_type", "title", "filename")
    return [
        EvidenceRecord(*(getattr(e, name) for name in fields), tuple(e.indicators), n, e.size)
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


def export_evidence(package: OpenedPackage, sha256: str, target: Path) -> Path:
    """Write the package's evidence entry ``sha256`` to ``target``, checked by its digest.

    Raises ``PackageError`` when the entry is missing, longer than the manifest says, or
    its bytes do not have the digest (nothing is left at ``target`` then).
    """
    size = next((e.size for e in package.manifest.evidence if e.sha256 == sha256), None)
    if size is None:
        raise PackageError(package.path, f"no evidence with SHA-256 {sha256}")
    digest = hashlib.sha256()
    temp = target.with_name(target.name + ".part")
    try:
        with EvidenceReader(package.path) as reader, temp.open("wb") as handle:
            for chunk in reader.chunks(sha256, size):
                digest.update(chunk)
                handle.write(chunk)
        if digest.hexdigest() != sha256:
            raise PackageError(package.path, f"evidence {sha256} does not match its SHA-256")
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    temp.replace(target)
    return target
