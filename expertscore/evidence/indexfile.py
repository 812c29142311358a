"""The evidence index of a whole batch package, in a file of its own (the chair's).

The chair has no session: the package is the evidence. Its index is a SQLite file with the
same index tables as a session (``evidence_index_file``, ``evidence_page``, the FTS5 table
``evidence_text``, schema ``0004``) and the two the index reads beside them, ``submission``
(id, position) and ``evidence`` (id, submission_id, sha256, title, filename, position), filled
from the manifest; so ``search_raw``, ``locate_raw`` and ``build_into`` work on it unchanged.

It is a cache, never evidence: kept in the data folder (owner-only), named by the
manifest's SHA-256, and made again from the package whenever its ``index_info`` names
another manifest or another version of this layout (``docs/formats.md``). A package that
carries the organizer's page texts (``evidence-text.jsonl``) fills it without extracting.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from expertscore.batch.package import OpenedPackage
from expertscore.evidence.extract import Limits
from expertscore.evidence.index import (
    Cancelled,
    IndexReport,
    ProgressCallback,
    build_into,
    pending_count,
)

LAYOUT = "expertscore-evidence-index/1"
SCHEMA = (
    "CREATE TABLE index_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE submission (id TEXT PRIMARY KEY, position INTEGER NOT NULL)",
    "CREATE TABLE evidence (id TEXT NOT NULL, submission_id TEXT NOT NULL,"
    " sha256 TEXT NOT NULL, title TEXT NOT NULL, filename TEXT NOT NULL,"
    " position INTEGER NOT NULL, PRIMARY KEY (submission_id, id))",
    "CREATE TABLE evidence_index_file (sha256 TEXT PRIMARY KEY, kind TEXT NOT NULL,"
    " state TEXT NOT NULL, pages INTEGER NOT NULL, pages_done INTEGER NOT NULL,"
    " reason TEXT, indexed_at TEXT NOT NULL)",
    "CREATE TABLE evidence_page (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL,"
    " page INTEGER NOT NULL, label TEXT, state TEXT NOT NULL, chars INTEGER NOT NULL,"
    " UNIQUE (sha256, page))",
    "CREATE VIRTUAL TABLE evidence_text USING fts5(text, tokenize='trigram')",
)


def index_path(folder: Path, package: OpenedPackage) -> Path:
    """Where the index of ``package`` is kept in ``folder`` (one file per manifest)."""
    return folder / f"evidence-index-{package.manifest_sha256[:32]}.sqlite"


def _describes(raw: sqlite3.Connection, package: OpenedPackage) -> bool:
    try:
        info = dict(raw.execute("SELECT key, value FROM index_info"))
    except sqlite3.DatabaseError:
        return False
    return info.get("layout") == LAYOUT and info.get("manifest_sha256") == package.manifest_sha256


def _create(path: Path, package: OpenedPackage) -> None:
    temp = path.with_name(f"{path.name}.{secrets.token_hex(4)}.new")
    os.close(os.open(temp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))  # owner-only
    with closing(sqlite3.connect(temp)) as raw, raw:
        for statement in SCHEMA:
            raw.execute(statement)
        raw.executemany(
            "INSERT INTO index_info VALUES (?, ?)",
            [("layout", LAYOUT), ("manifest_sha256", package.manifest_sha256)],
        )
        manifest = package.manifest
        raw.executemany(
            "INSERT INTO submission VALUES (?, ?)",
            [(sub.id, n) for n, sub in enumerate(manifest.submissions)],
        )
        positions: dict[str, int] = {}
        rows = []
        for item in manifest.evidence:
            position = positions.get(item.submission, 0)
            positions[item.submission] = position + 1
            row = (item.id, item.submission, item.sha256, item.title, item.filename, position)
            rows.append(row)
        raw.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?, ?)", rows)
    os.replace(temp, path)


@contextmanager
def open_index(
    folder: Path, package: OpenedPackage, packaged: bool = True
) -> Iterator[sqlite3.Connection]:
    """The package's index file in ``folder`` (made or made again as needed), open; a new
    one takes the package's page texts when it carries them and ``packaged``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = index_path(folder, package)
    if path.exists():
        with closing(sqlite3.connect(path)) as raw:
            current = _describes(raw, package)
        if not current:
            path.unlink()
    if not path.exists():
        _create(path, package)
        if packaged and package.manifest.evidence_text is not None:
            from expertscore.evidence.packaged import load_packaged_text

            with closing(sqlite3.connect(path)) as raw:
                load_packaged_text(raw, package)
    raw = sqlite3.connect(path, timeout=30)
    try:
        raw.execute("PRAGMA journal_mode=WAL")
        yield raw
    finally:
        raw.close()


def build_package_index(
    folder: Path,
    package: OpenedPackage,
    progress: ProgressCallback | None = None,
    cancelled: Cancelled | None = None,
    limits: Limits | None = None,
    packaged: bool = True,
) -> IndexReport:
    """Index every evidence file of ``package`` not indexed yet in its index file."""
    from expertscore.chair.evidence import evidence_bytes

    sizes = {item.sha256: item.size for item in package.manifest.evidence}
    with open_index(folder, package, packaged) as raw:
        return build_into(
            raw,
            lambda sha: evidence_bytes(package, sha),
            progress,
            cancelled,
            limits,
            size=sizes.__getitem__,
        )


def package_files_left(
    folder: Path, package: OpenedPackage, submission_id: str | None = None
) -> int:
    """Files of the package (of one submission) not fully indexed yet in its index file."""
    with open_index(folder, package) as raw:
        return pending_count(raw, submission_id)
