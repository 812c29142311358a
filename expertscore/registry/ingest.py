"""Taking a signed panel file into the registry: checked, stored once, one transaction.

``ingest`` checks the file (``registry.trust``) before it touches the database, then in
one transaction: a file already there (same SHA-256) changes nothing; a file for a batch
that already has a current file is refused unless it comes with a correction's cause,
when it replaces that one (kept, marked superseded); otherwise the file, its platforms'
results and its experts' records are written. Two staff ingesting at once are kept apart
by the database's unique keys: the one that loses the race finds the other's row and
reports the file as already there (or refuses the second different file for one batch).
"""

from __future__ import annotations

import getpass
import hashlib
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from expertscore.batch.package import OpenedPackage
from expertscore.chair.panel_file import MAX_PANEL_BYTES, PanelRefused
from expertscore.crypto.sealed import SealedError, open_bytes
from expertscore.errors import ExpertScoreError
from expertscore.registry.models import PanelFile, Status
from expertscore.registry.rows import add_rows
from expertscore.registry.trust import Checked, check_panel


class Outcome(StrEnum):
    ADDED = "added"
    UNCHANGED = "unchanged"  # the same bytes were already in the registry
    CORRECTION = "correction"  # replaces the batch's current file, with its cause


@dataclass(frozen=True)
class Ingested:
    path: Path
    sha256: str
    outcome: Outcome
    batch: str
    check: str | None  # how the file was checked (None: already there, not checked again)
    replaced: str | None = None  # the SHA-256 of the file a correction replaces


class IngestRefused(ExpertScoreError):
    """A panel file the registry does not take: ``path``, ``reason`` and the differences."""

    def __init__(self, path: Path, reason: str, differences: list[str] | None = None) -> None:
        super().__init__(f"{path}: refused: {reason}")
        self.path = path
        self.reason = reason
        self.differences = differences or []


def ingest(
    engine: Engine,
    path: Path,
    package: OpenedPackage,
    *,
    results_dir: Path | None = None,
    correction: str | None = None,
    by: str | None = None,
) -> Ingested:
    """Check ``path`` against ``package`` (and ``results_dir``) and store it, or refuse it."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestRefused(path, exc.strerror or "cannot be read") from None
    if len(data) > MAX_PANEL_BYTES:
        raise IngestRefused(path, f"larger than {MAX_PANEL_BYTES >> 20} MiB")
    try:  # a panel file encrypted to the authority: stored and compared as its clear bytes
        data = open_bytes(data, path)
    except SealedError as exc:
        raise IngestRefused(path, exc.message) from exc
    sha256 = hashlib.sha256(data).hexdigest()
    with Session(engine) as session:
        known = session.scalar(select(PanelFile.batch_id).where(PanelFile.sha256 == sha256))
        if known is not None:
            return Ingested(path, sha256, Outcome.UNCHANGED, known, None)
    try:
        checked = check_panel(data, str(path), package, results_dir)
    except PanelRefused as exc:
        raise IngestRefused(path, exc.reason) from None
    if checked.differences:
        count = len(checked.differences)
        raise IngestRefused(
            path,
            f"{count} difference{'s' if count > 1 else ''} from what its batch allows:"
            f" {checked.differences[0]}",
            checked.differences,
        )
    return store(engine, path, data, checked, package, correction=correction, by=by)


def store(
    engine: Engine,
    path: Path,
    data: bytes,
    checked: Checked,
    package: OpenedPackage,
    *,
    correction: str | None = None,
    by: str | None = None,
) -> Ingested:
    """Store a file that passed ``check_panel`` (``data``: its bytes), in one transaction."""
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        return _store(engine, path, data, sha256, checked, package, correction, by)
    except IntegrityError:
        # Another member of staff stored this file (or this batch's file) meanwhile.
        return _after_race(engine, path, sha256, checked)


def _after_race(engine: Engine, path: Path, sha256: str, checked: Checked) -> Ingested:
    with Session(engine) as session:
        if session.scalar(select(PanelFile.id).where(PanelFile.sha256 == sha256)) is not None:
            return Ingested(path, sha256, Outcome.UNCHANGED, checked.payload.batch.id, None)
    raise IngestRefused(
        path, f"batch {checked.payload.batch.id} got another panel file at the same time"
    )


def _store(
    engine: Engine,
    path: Path,
    data: bytes,
    sha256: str,
    checked: Checked,
    package: OpenedPackage,
    correction: str | None,
    by: str | None,
) -> Ingested:
    """One transaction: the file row, then its platforms' and experts' rows."""
    payload = checked.payload
    # Before the transaction, so as not to hold it: fast, and JSON still shrinks ~5x.
    compressed = zlib.compress(checked.envelope.payload, 1)
    with Session(engine) as session, session.begin():
        # Checked again inside the transaction: another member of staff may have stored
        # the same file while this one was being checked.
        if session.scalar(select(PanelFile.id).where(PanelFile.sha256 == sha256)) is not None:
            return Ingested(path, sha256, Outcome.UNCHANGED, payload.batch.id, None)
        current = session.scalar(
            select(PanelFile).where(
                PanelFile.batch_sha256 == payload.batch.sha256,
                PanelFile.status == Status.CURRENT,
            )
        )
        if current is not None and correction is None:
            raise IngestRefused(
                path,
                f"batch {payload.batch.id} already has panel file {current.sha256[:16]}…"
                f" ({current.created_at}); a changed file is taken only as a correction,"
                " with its cause",
            )
        replaced = None if current is None else current.sha256
        if current is not None:
            session.execute(
                update(PanelFile).where(PanelFile.id == current.id).values(status=Status.SUPERSEDED)
            )
        envelope = checked.envelope
        row = PanelFile(
            sha256=sha256,
            size=len(data),
            submissions=len(payload.submissions),
            batch_id=payload.batch.id,
            batch_sha256=payload.batch.sha256,
            batch_title=payload.batch.title,
            organizer=payload.batch.organizer,
            batch_created=package.manifest.batch.created.isoformat(),
            scheme_id=payload.batch.scheme.id,
            scheme_version=payload.batch.scheme.version,
            chair_id=payload.chair.id,
            chair_name=payload.chair.name,
            chair_key=checked.signer,
            created_at=payload.created_at,
            program_version=payload.program.version,
            check=checked.check,
            status=Status.CURRENT,
            supersedes_id=None if current is None else current.id,
            correction_cause=None if current is None else correction,
            ingested_at=datetime.now(UTC),
            ingested_by=by or getpass.getuser(),
            payload_zlib=compressed,
            keyid=envelope.keyid,
            signature=envelope.sig,
        )
        session.add(row)
        session.flush()
        add_rows(session, row.id, payload, package)
    outcome = Outcome.ADDED if replaced is None else Outcome.CORRECTION
    return Ingested(path, sha256, outcome, payload.batch.id, checked.check, replaced)
