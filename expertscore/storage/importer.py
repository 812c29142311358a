"""Creating an expert's session file from a batch package, all or nothing.

The session is built in a hidden temporary file beside the target and renamed into place
only when everything, evidence hashes included, has been checked and written. Any error
or interruption (Ctrl+C, a killed process leaves only the hidden file, which the next
import removes) leaves no session behind.

While the hidden file is being built it runs without a journal: it is thrown away on any
failure, so crash safety there buys nothing and would double the disk writes. The finished
file is switched to WAL before the rename.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Engine, Table, event

from expertscore import __version__
from expertscore.batch.manifest import Manifest
from expertscore.batch.package import EvidenceReader, OpenedPackage, open_package
from expertscore.batch.sealed_stream import open_for_import
from expertscore.batch.zipstream import StreamUnsupported
from expertscore.errors import PackageError
from expertscore.identity.organizers import KnownOrganizers
from expertscore.private import owner_only
from expertscore.storage import cipher
from expertscore.storage import models as m
from expertscore.storage.cipher import SessionKey
from expertscore.storage.db import SessionFileError, create_schema, session_engine

ProgressCallback = Callable[[int, int], None]  # (bytes done, bytes total)
INLINE_BYTES = 8 << 20  # evidence up to this size is written in one statement
PAGE_SIZE = 65536
FLUSH_EVERY = 64 << 20


def _building_pragmas(dbapi_connection: cipher.driver.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    # Large pages: evidence blobs span far fewer overflow pages, about halving write time.
    cursor.execute(f"PRAGMA page_size={PAGE_SIZE}")
    cursor.execute("PRAGMA journal_mode=OFF")
    cursor.execute("PRAGMA synchronous=OFF")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _building_engine(path: Path, key: SessionKey | None) -> Engine:
    engine = session_engine(path, key)
    event.listen(engine, "connect", _building_pragmas)
    return engine


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _remove_stale_builds(out: Path) -> None:
    for stale in out.parent.glob(f".{out.name}.importing-*"):
        stale.unlink(missing_ok=True)


def create_session(
    package: Path | OpenedPackage,
    expert_id: str,
    out: Path,
    progress: ProgressCallback | None = None,
    known: KnownOrganizers | None = None,
    key: SessionKey | None = None,
) -> Path:
    """Check ``package`` and build the session of ``expert_id`` at ``out``.

    With ``known`` (the expert's program, not a simulation) the organizer's key is checked
    against the one first seen for this batch and organizer, and remembered once imported.
    With ``key`` (``SessionKey.new(passphrase)``) the session is encrypted from its first
    page on, and the key stays unlocked for ``out`` in this process.
    """
    opened = package if isinstance(package, OpenedPackage) else open_for_import(package)
    package = opened.path
    if known is not None:
        known.check(opened)
    manifest = opened.manifest
    roster = {expert.id for expert in manifest.roster}
    if expert_id not in roster:
        raise PackageError(
            package,
            f"expert '{expert_id}' is not on the roster ({', '.join(sorted(roster))})",
        ).saying("not_on_roster", expert=expert_id, roster=", ".join(sorted(roster)))
    assigned = [a for a in manifest.assignments if a.expert == expert_id]
    if not assigned:
        raise PackageError(
            package, f"expert '{expert_id}' has no assignments in this batch"
        ).saying("no_assignments", expert=expert_id)
    if out.exists():
        raise SessionFileError(f"{out}: already exists; choose another name or remove it").saying(
            "exists", path=out
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(out)
    temp = out.with_name(f".{out.name}.importing-{secrets.token_hex(4)}")
    try:
        try:
            _build(opened, expert_id, temp, progress, key)
        except StreamUnsupported:  # an encrypted package not in one pass's order
            assert opened.sealed_path is not None
            _discard(temp)
            opened = open_package(opened.sealed_path)  # its clear copy; the caller releases
            _build(opened, expert_id, temp, progress, key)
        if out.exists():
            raise SessionFileError(f"{out}: appeared while importing; not overwritten").saying(
                "appeared", path=out
            )
        os.replace(owner_only(temp), out)
        if key is not None:
            cipher.remember(out, key)
        if known is not None:
            known.remember(opened)
    finally:
        _discard(temp)
    return out


def _discard(temp: Path) -> None:
    for leftover in (temp, temp.with_name(temp.name + "-wal"), temp.with_name(temp.name + "-shm")):
        leftover.unlink(missing_ok=True)


def _build(
    opened: OpenedPackage,
    expert_id: str,
    temp: Path,
    progress: ProgressCallback | None,
    key: SessionKey | None,
) -> None:
    engine = _building_engine(temp, key)
    try:
        create_schema(engine)
        with engine.begin() as connection:
            raw = connection.connection.driver_connection
            assert isinstance(raw, cipher.driver.Connection)
            _insert_records(connection, opened, expert_id)
            text = _insert_evidence(raw, opened, expert_id, temp, progress)
        if opened.manifest.evidence_text is not None:
            _take_packaged_text(engine, opened, expert_id, text)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    finally:
        engine.dispose()
    with temp.open("rb+") as handle:
        os.fsync(handle.fileno())


def _take_packaged_text(
    engine: Engine, opened: OpenedPackage, expert_id: str, text: bytes | None
) -> None:
    """The organizer's page texts of this expert's files, instead of extracting them later
    (checked as ``evidence.packaged`` says; when not used, the window builds the index).
    ``text``: the member as a one-pass import read it (its files are in the session)."""
    from expertscore.evidence.packaged import load_packaged_text

    assigned = _assigned_ids(opened.manifest, expert_id)
    shas = {e.sha256 for e in opened.manifest.evidence if e.submission in assigned}
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert isinstance(raw, cipher.driver.Connection)
        raw.commit()
        if text is None:
            load_packaged_text(raw, opened, shas)
        else:
            load_packaged_text(raw, opened, shas, data=text, evidence=_blob_reader(raw))


def _blob_reader(raw: cipher.driver.Connection) -> Callable[[str], bytes]:
    def read(sha: str) -> bytes:
        row = raw.execute("SELECT data FROM evidence_blob WHERE sha256 = ?", (sha,)).fetchone()
        return bytes(row[0])

    return read


def _assigned_ids(manifest: Manifest, expert_id: str) -> set[str]:
    return {a.submission for a in manifest.assignments if a.expert == expert_id}


def _table(model: type[m.Base]) -> Table:
    # A declarative class's __table__ is typed as any FromClause; ours are all Tables.
    return cast(Table, model.__table__)


def _insert_records(connection, opened: OpenedPackage, expert_id: str) -> None:
    manifest = opened.manifest
    connection.execute(
        _table(m.SessionInfo).insert(),
        {
            "id": 1,
            "batch_id": manifest.batch.id,
            "batch_title": manifest.batch.title,
            "batch_organizer": manifest.batch.organizer,
            "batch_created": manifest.batch.created.isoformat(),
            "manifest_sha256": opened.manifest_sha256,
            "organizer_key": opened.signature.public_key if opened.signature else None,
            "expert_id": expert_id,
            "scheme_id": opened.scheme.id,
            "scheme_version": opened.scheme.version,
            "scheme_sha256": manifest.scheme.sha256,
            "scheme_yaml": opened.scheme_text,
            "manifest_json": opened.manifest_bytes.decode("utf-8"),
            "created_at": now_text(),
            "program_version": __version__,
        },
    )
    connection.execute(
        _table(m.Expert).insert(),
        [
            {
                "id": e.id,
                "name": e.name,
                "organization": e.organization,
                "role": e.role,
                "public_key": e.public_key,
            }
            for e in manifest.roster
        ],
    )
    connection.execute(
        _table(m.Submission).insert(),
        [
            {
                "id": s.id,
                "position": index,
                "platform": s.platform,
                "operator": s.operator,
                "region": s.region,
                "category": s.category,
                "industry_tags": json.dumps(s.industry_tags, ensure_ascii=False),
                "domain_tags": json.dumps(s.domain_tags, ensure_ascii=False),
                "cases": json.dumps([c.model_dump() for c in s.cases], ensure_ascii=False),
            }
            for index, s in enumerate(manifest.submissions)
        ],
    )
    values = [
        {"submission_id": s.id, "indicator": code, "value": v.value, "unit": v.unit}
        for s in manifest.submissions
        for code, v in s.values.items()
    ]
    if values:
        connection.execute(_table(m.ReportedValue).insert(), values)
    connection.execute(
        _table(m.Assignment).insert(),
        [
            {
                "submission_id": a.submission,
                "indicators": "all"
                if a.indicators == "all"
                else json.dumps(a.indicators, ensure_ascii=False),
            }
            for a in manifest.assignments
            if a.expert == expert_id
        ],
    )
    recusals = [
        {
            "submission_id": c.submission,
            "reason": c.reason,
            "source": "roster",
            "declared_at": manifest.batch.created.isoformat(),
        }
        for c in manifest.conflicts
        if c.expert == expert_id
    ]
    if recusals:
        connection.execute(_table(m.Recusal).insert(), recusals)


class _Flusher:
    """Pushes written evidence to disk in the background while the import goes on.

    Without it the kernel keeps gigabytes dirty until the final fsync, which then waits
    for all of them; flushing as we go overlaps the disk with the copying.
    """

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_RDONLY)
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="session-flush")
        self.pending: Future[None] | None = None
        self.flushed_at = 0

    def __enter__(self) -> _Flusher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.pool.shutdown(wait=True)
        os.close(self.fd)

    def written(self, done: int) -> None:
        if done - self.flushed_at < FLUSH_EVERY:
            return
        if self.pending is not None and not self.pending.done():
            return
        self.flushed_at = done
        self.pending = self.pool.submit(os.fdatasync, self.fd)


def _insert_evidence(
    raw: cipher.driver.Connection,
    opened: OpenedPackage,
    expert_id: str,
    temp: Path,
    progress: ProgressCallback | None,
) -> bytes | None:
    """The expert's evidence into the session; from an encrypted package read in one pass
    (``opened.streamed``), also the page texts' member it met on the way."""
    assigned = _assigned_ids(opened.manifest, expert_id)
    items = [e for e in opened.manifest.evidence if e.submission in assigned]
    unique: dict[str, int] = {}
    for item in items:
        unique.setdefault(item.sha256, item.size)
    total = sum(unique.values())
    if progress:
        progress(0, total)
    text = None
    if opened.streamed:
        from expertscore.storage.stream_import import insert_streamed

        with _Flusher(temp) as flusher:

            def written(count: int) -> None:
                flusher.written(count)
                if progress:
                    progress(count, total)

            text = insert_streamed(raw, opened, unique, INLINE_BYTES, written)
    else:
        _copy_evidence(raw, opened, unique, temp, progress)
    raw.executemany(
        "INSERT INTO evidence (id, submission_id, sha256, media_type, title, filename,"
        " indicators, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e.id,
                e.submission,
                e.sha256,
                e.media_type,
                e.title,
                e.filename,
                json.dumps(e.indicators, ensure_ascii=False),
                index,
            )
            for index, e in enumerate(items)
        ],
    )
    return text


def _copy_evidence(
    raw: cipher.driver.Connection,
    opened: OpenedPackage,
    unique: dict[str, int],
    temp: Path,
    progress: ProgressCallback | None,
) -> None:
    """The evidence ``unique`` (sha256 -> size) copied out of a package read by seeking,
    checked meanwhile by the reader's hashing threads."""
    total = sum(unique.values())
    done = 0
    with EvidenceReader(opened.path) as reader, _Flusher(temp) as flusher:
        reader.start_checks(unique)
        for sha, size in unique.items():
            if size <= INLINE_BYTES:
                # One statement with the bytes: writing a zeroblob first would write twice.
                data = b"".join(reader.chunks(sha, size))
                raw.execute(
                    "INSERT INTO evidence_blob (sha256, size, data) VALUES (?, ?, ?)",
                    (sha, size, data),
                )
                done += len(data)
            else:
                cursor = raw.execute(
                    "INSERT INTO evidence_blob (sha256, size, data) VALUES (?, ?, zeroblob(?))",
                    (sha, size, size),
                )
                assert cursor.lastrowid is not None
                # The driver's stub types the blob as a bare object: it is a context manager.
                blob: Any = raw.open_blob(
                    "evidence_blob", "data", cursor.lastrowid, readonly=False, dbname="main"
                )
                with blob:
                    for chunk in reader.chunks(sha, size):
                        blob.write(chunk)
                        done += len(chunk)
            flusher.written(done)
            if progress:
                progress(done, total)
        reader.finish_checks()
