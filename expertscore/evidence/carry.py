"""Putting page texts into an unsigned package after the fact (the benchmark's and the
tests' way to get a package with ``evidence-text.jsonl``; the organizer uses
``batch prepare --index``, which signs what it carries)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from expertscore.batch.package import EVIDENCE_TEXT, MANIFEST, SIGNATURE, open_package


def with_page_texts(source: Path, target: Path, data: bytes | None = None) -> Path:
    """``source`` with the page texts ``data`` (extracted from it when None) at ``target``;
    a signature is left out, as it no longer covers the manifest."""
    from expertscore.evidence.packaged import text_of_package

    data = text_of_package(open_package(source)) if data is None else data
    ref = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in (SIGNATURE, EVIDENCE_TEXT):
                continue
            body = old.read(info)
            if info.filename == MANIFEST:
                manifest = json.loads(body)
                manifest["evidence_text"] = {
                    "path": EVIDENCE_TEXT,
                    "format": "expertscore-evidence-text/1",
                    **ref,
                }
                body = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode()
            new.writestr(info, body)
        new.writestr(zipfile.ZipInfo(EVIDENCE_TEXT, date_time=(2025, 1, 1, 0, 0, 0)), data)
    return target


def with_evidence(
    source: Path, target: Path, submission: str, data: bytes, title: str, filename: str
) -> Path:
    """``source`` with one more evidence file of ``submission`` at ``target`` (the
    benchmark's annual report, the tests' scan); a signature is left out."""
    from expertscore.batch.builder import media_type_of
    from expertscore.batch.manifest import Manifest

    sha = hashlib.sha256(data).hexdigest()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename == SIGNATURE:
                continue
            body = old.read(info)
            if info.filename == MANIFEST:
                manifest = json.loads(body)
                count = sum(1 for e in manifest["evidence"] if e["submission"] == submission)
                manifest["evidence"].append(
                    {
                        "id": f"{submission}-X{count + 1:03d}",
                        "submission": submission,
                        "sha256": sha,
                        "size": len(data),
                        "media_type": media_type_of(filename),
                        "title": title,
                        "filename": filename,
                        "indicators": [],
                    }
                )
                Manifest.model_validate(manifest)
                body = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode()
            new.writestr(info, body)
        new.writestr(zipfile.ZipInfo(f"evidence/{sha}", date_time=(2025, 1, 1, 0, 0, 0)), data)
    return target
