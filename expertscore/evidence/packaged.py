"""The organizer's page texts carried in the package (``evidence-text.jsonl``).

``batch prepare --index`` extracts every evidence page's text once, for all experts, and
the package carries it as a member the manifest names by SHA-256 and size (so the
organizer's signature covers it, ``docs/formats.md``). Importing it fills a session's (or
the chair's) index without extracting anything.

Page text is a search aid, never evidence: the viewer always shows the file's own bytes,
checked against the manifest. Still it is not taken blindly. A member that breaks the
format (an unknown state, a page beyond the limits, a text too long) is left out whole,
and a few pages are extracted again from the files and compared (``SPOT_CHECKS``); on any
difference nothing of the member is used and the index is built from the files, as
without it. Either way the import itself goes on: the evidence is unchanged.
"""

from __future__ import annotations

import json
import random
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from hashlib import sha256
from pathlib import Path

from expertscore.batch.package import OpenedPackage
from expertscore.errors import PackageError
from expertscore.evidence.extract import (
    Deadline,
    Limits,
    PageText,
    kind_of,
    pdf_pages,
    text_pages,
    workbook_pages,
)
from expertscore.evidence.index import file_row, write_pages
from expertscore.filetypes import sniff
from expertscore.storage.cipher import Raw

MEMBER = "evidence-text.jsonl"
FORMAT = "expertscore-evidence-text/1"
SPOT_CHECKS = 2  # pages extracted again from the files at import
KINDS = {"pdf", "table", "text", "image", "other"}
FILE_STATES = {"done", "cut", "broken", "refused"}
PAGE_STATES = {"text", "no-text", "cut", "ocr"}


@dataclass(frozen=True)
class PackagedFile:
    sha256: str
    kind: str
    state: str
    pages: int
    reason: str | None
    texts: tuple[PageText, ...]


class BadPackagedText(Exception):
    """The member does not follow its format (``where``: the line)."""

    def __init__(self, line: int, what: str) -> None:
        super().__init__(f"{MEMBER}:{line}: {what}")
        self.line = line
        self.what = what


def dump_text(raw: sqlite3.Connection, shas: Iterable[str]) -> bytes:
    """The member's bytes for the files ``shas`` from a complete index (any database)."""
    lines = [json.dumps({"format": FORMAT})]
    for sha in sorted(set(shas)):
        row = raw.execute(
            "SELECT kind, state, pages, reason FROM evidence_index_file WHERE sha256 = ?", (sha,)
        ).fetchone()
        if row is None or row[1] == "indexing":
            continue
        texts = [
            {"page": page, "label": label, "state": state, "text": text or ""}
            for page, label, state, text in raw.execute(
                "SELECT p.page, p.label, p.state, t.text FROM evidence_page p"
                " LEFT JOIN evidence_text t ON t.rowid = p.id WHERE p.sha256 = ? ORDER BY p.page",
                (sha,),
            )
        ]
        kind, state, pages, reason = row
        entry = {"sha256": sha, "kind": kind, "state": state, "pages": pages, "reason": reason}
        lines.append(json.dumps({**entry, "texts": texts}, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _page(line: int, item: object, limits: Limits) -> PageText:
    if not isinstance(item, dict) or set(item) != {"page", "label", "state", "text"}:
        raise BadPackagedText(line, "a page needs exactly page, label, state and text")
    page, label, state, text = item["page"], item["label"], item["state"], item["text"]
    if not isinstance(page, int) or isinstance(page, bool) or not 1 <= page <= limits.max_pages:
        raise BadPackagedText(line, f"page {page!r} is not within 1..{limits.max_pages}")
    if state not in PAGE_STATES or not isinstance(text, str) or "\x00" in text:
        raise BadPackagedText(line, f"page {page}: state {state!r} or its text is not allowed")
    if len(text) > limits.max_page_chars or (label is not None and not isinstance(label, str)):
        raise BadPackagedText(line, f"page {page}: text or label beyond the limits")
    return PageText(page, label, text, state)


def read_text(data: bytes, limits: Limits | None = None) -> list[PackagedFile]:
    """The member's files; ``BadPackagedText`` for the first thing out of format."""
    limits = limits or Limits()
    try:
        lines = data.decode("utf-8").splitlines()
        header = json.loads(lines[0]) if lines else None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadPackagedText(1, f"not the format's header ({type(error).__name__})") from None
    if header != {"format": FORMAT}:
        raise BadPackagedText(1, f"the header must be {{'format': '{FORMAT}'}}")
    files: list[PackagedFile] = []
    for number, line in enumerate(lines[1:], start=2):
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            raise BadPackagedText(number, "not JSON") from None
        keys = {"sha256", "kind", "state", "pages", "reason", "texts"}
        if not isinstance(item, dict) or set(item) != keys:
            raise BadPackagedText(number, f"a file needs exactly {', '.join(sorted(keys))}")
        if item["kind"] not in KINDS or item["state"] not in FILE_STATES:
            raise BadPackagedText(number, "unknown kind or state")
        pages, texts = item["pages"], item["texts"]
        if not isinstance(pages, int) or pages < 0 or not isinstance(texts, list):
            raise BadPackagedText(number, "pages must be a count and texts a list")
        read = tuple(_page(number, page, limits) for page in texts)
        if len({page.page for page in read}) != len(read):
            raise BadPackagedText(number, "a page appears twice")
        reason = item["reason"] if isinstance(item["reason"], str) else None
        files.append(PackagedFile(item["sha256"], item["kind"], item["state"], pages, reason, read))
    return files


def _extract_again(path: Path | bytes, kind: str, page: int, limits: Limits) -> str | None:
    deadline = Deadline(limits.max_seconds)
    if kind == "pdf":
        pages = pdf_pages(path, page, limits, deadline)
    elif kind == "table":
        pages = workbook_pages(path, limits, deadline)
    elif kind == "text":
        pages = text_pages(path, limits)
    else:
        return None
    return next((found.text for found in pages if found.page == page), None)


def spot_check(
    package: OpenedPackage,
    files: list[PackagedFile],
    limits: Limits,
    evidence: Callable[[str], bytes] | None = None,
) -> bool:
    """A few pages with text, extracted again from the package's files, equal the member's;
    a few pages said to be read by OCR have indeed no text layer."""
    from expertscore.chair.evidence import evidence_bytes

    chance = random.SystemRandom()
    texts = [(f, p) for f in files for p in f.texts if p.state == "text"]
    read = [(f, p) for f in files for p in f.texts if p.state == "ocr"]
    chosen = chance.sample(texts, min(SPOT_CHECKS, len(texts)))
    chosen += chance.sample(read, min(SPOT_CHECKS, len(read)))
    for packaged, page in chosen:  # read into memory: nothing of the evidence on disk
        copy = (evidence or partial(evidence_bytes, package))(packaged.sha256)
        kind = kind_of(sniff(copy))
        layer = _extract_again(copy, kind, page.page, limits)
        expected = page.text if page.state == "text" else None
        if kind != packaged.kind or (layer or None) != (expected or None):
            return False
    return True


def load_packaged_text(
    raw: Raw,
    package: OpenedPackage,
    shas: set[str] | None = None,
    limits: Limits | None = None,
    data: bytes | None = None,
    evidence: Callable[[str], bytes] | None = None,
) -> bool:
    """Fill an empty index from the package's member (the files ``shas``, or all listed);
    False when there is none or it is not used (see the module): the files are indexed then.
    ``data``, ``evidence``: the member and the files as a one-pass import already read them
    (the member checked against its digest here), instead of from the package.
    """
    limits = limits or Limits()
    if data is None:
        data = package_text_bytes(package)
    elif (ref := package.manifest.evidence_text) is None or sha256(data).hexdigest() != ref.sha256:
        raise PackageError(
            package.path, "the page texts do not match their SHA-256 in the manifest"
        ).saying("texts_digest")
    if data is None:
        return False
    listed = {item.sha256 for item in package.manifest.evidence}
    wanted = listed if shas is None else listed & shas
    try:
        files = [f for f in read_text(data, limits) if f.sha256 in wanted]
    except BadPackagedText:
        return False
    if not spot_check(package, files, limits, evidence):
        return False
    with raw:
        for packaged in files:
            write_pages(raw, packaged.sha256, list(packaged.texts))
            done = max((page.page for page in packaged.texts), default=0)
            file_row(
                raw,
                packaged.sha256,
                packaged.kind,
                packaged.state,
                packaged.pages,
                done,
                packaged.reason,
            )
    return True


def package_text_bytes(package: OpenedPackage) -> bytes | None:
    """The member's bytes, checked against the manifest's SHA-256; None when absent."""
    from expertscore.batch.package import read_member

    ref = package.manifest.evidence_text
    if ref is None:
        return None
    return read_member(package, ref.path, ref.sha256, ref.size)


def text_of_package(package: OpenedPackage, progress=None, ocr: bool = False) -> bytes:
    """The member's bytes for every evidence file of ``package`` (the organizer's
    ``batch prepare --index``): each file extracted once, as a session would; with ``ocr``
    the pages without text read by Tesseract where it is installed (``evidence.ocr``)."""
    from expertscore.chair.evidence import evidence_bytes
    from expertscore.evidence.indexfile import build_package_index, open_index
    from expertscore.evidence.ocr import ocr_index

    with tempfile.TemporaryDirectory(prefix="expertscore-text-") as folder:
        build_package_index(Path(folder), package, progress, packaged=False)
        with open_index(Path(folder), package, packaged=False) as raw:
            if ocr:
                # Tesseract reads files: the organizer's own package, on the organizer's
                # machine, in a temporary folder removed at once.
                ocr_index(raw, lambda sha, target: _written(target, evidence_bytes(package, sha)))
            return dump_text(raw, [item.sha256 for item in package.manifest.evidence])


def _written(target: Path, data: bytes) -> Path:
    target.write_bytes(data)
    return target
