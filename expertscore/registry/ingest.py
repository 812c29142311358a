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
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from expertscore.batch.package import OpenedPackage
from expertscore.chair.panel_file import MAX_PANEL_BYTES, PanelRefused
from expertscore.crypto.sealed import SealedError, open_bytes
from expertscore.errors import ExpertScoreError
from expertscore.registry.models import Check, PanelFile, Status
from expertscore.registry.rows import PanelRows, add_rows, panel_rows
from expertscore.registry.trust import Checked, check_panel
from expertscore.wording.errors import worded


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

    def __reduce__(
        self,
    ) -> tuple[type[IngestRefused], tuple[Path, str, list[str]], dict[str, object]]:
        # Made in a checking process, raised again in the one storing: by its own fields.
        # Its wording (``said`` and ``facts``) goes with it, as the state pickle restores.
        return IngestRefused, (self.path, self.reason, self.differences), vars(self)


@dataclass(frozen=True)
class Prepared:
    """A panel file that passed its check, as the database will hold it: the file's row
    (without who ingests it, when, and what it replaces), its other rows and how it was
    checked. Plain data, so a checking process can hand it to the one storing."""

    sha256: str
    file: dict[str, Any]  # ``PanelFile``'s columns from the file and its batch
    rows: PanelRows
    check: Check

    @property
    def batch_id(self) -> str:
        return str(self.file["batch_id"])


def clear_bytes(path: Path) -> tuple[bytes, str]:
    """The file's bytes (decrypted if it is encrypted to an unlocked key) and their SHA-256."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestRefused(path, exc.strerror or "cannot be read").saying("unreadable") from None
    if len(data) > MAX_PANEL_BYTES:
        raise IngestRefused(path, f"larger than {MAX_PANEL_BYTES >> 20} MiB").saying(
            "too_large", limit=MAX_PANEL_BYTES >> 20
        )
    try:  # a panel file encrypted to the authority: stored and compared as its clear bytes
        data = open_bytes(data, path)
    except SealedError as exc:
        raise IngestRefused(path, exc.message).saying("cause", why=worded(exc)) from exc
    return data, hashlib.sha256(data).hexdigest()


def known(engine: Engine, path: Path, sha256: str) -> Ingested | None:
    """The file's outcome if the registry has these bytes already (then not checked again)."""
    with Session(engine) as session:
        batch = session.scalar(select(PanelFile.batch_id).where(PanelFile.sha256 == sha256))
    return None if batch is None else Ingested(path, sha256, Outcome.UNCHANGED, batch, None)


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
    data, sha256 = clear_bytes(path)
    done = known(engine, path, sha256)
    if done is not None:
        return done
    prepared = prepare(path, data, package, results_dir)
    return store(engine, path, prepared, correction=correction, by=by)


def prepare(
    path: Path, data: bytes, package: OpenedPackage, results_dir: Path | None = None
) -> Prepared:
    """Check the file's clear bytes ``data`` (``registry.trust``): its rows, or the refusal."""
    try:
        checked = check_panel(data, str(path), package, results_dir)
    except PanelRefused as exc:
        raise IngestRefused(path, exc.reason).saying("cause", why=worded(exc)) from None
    if checked.differences:
        count = len(checked.differences)
        raise IngestRefused(
            path,
            f"{count} difference{'s' if count > 1 else ''} from what its batch allows:"
            f" {checked.differences[0]}",
            checked.differences,
        ).saying("differences", count=count, first=checked.differences[0])
    return prepared_of(data, checked, package)


def prepared_of(data: bytes, checked: Checked, package: OpenedPackage) -> Prepared:
    """What a file that passed ``check_panel`` adds to the database."""
    payload, envelope = checked.payload, checked.envelope
    file: dict[str, Any] = {
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "submissions": len(payload.submissions),
        "batch_id": payload.batch.id,
        "batch_sha256": payload.batch.sha256,
        "batch_title": payload.batch.title,
        "organizer": payload.batch.organizer,
        "batch_created": package.manifest.batch.created.isoformat(),
        "scheme_id": payload.batch.scheme.id,
        "scheme_version": payload.batch.scheme.version,
        "chair_id": payload.chair.id,
        "chair_name": payload.chair.name,
        "chair_key": checked.signer,
        "created_at": payload.created_at,
        "program_version": payload.program.version,
        "check": checked.check,
        # Here, not in the transaction, so as not to hold it: fast, and JSON still shrinks ~5x.
        "payload_zlib": zlib.compress(envelope.payload, 1),
        "keyid": envelope.keyid,
        "signature": envelope.sig,
    }
    return Prepared(file["sha256"], file, panel_rows(payload, package), checked.check)


def store(
    engine: Engine,
    path: Path,
    prepared: Prepared,
    *,
    correction: str | None = None,
    by: str | None = None,
) -> Ingested:
    """Store a file that passed its check (``prepare``), in one transaction."""
    try:
        return _store(engine, path, prepared, correction, by)
    except IntegrityError:
        # Another member of staff stored this file (or this batch's file) meanwhile.
        return _after_race(engine, path, prepared)


def _after_race(engine: Engine, path: Path, prepared: Prepared) -> Ingested:
    done = known(engine, path, prepared.sha256)
    if done is not None:
        return done
    raise IngestRefused(
        path, f"batch {prepared.batch_id} got another panel file at the same time"
    ).saying("at_once", batch=prepared.batch_id)


def _store(
    engine: Engine, path: Path, prepared: Prepared, correction: str | None, by: str | None
) -> Ingested:
    """One transaction: the file row, then its platforms' and experts' rows."""
    sha256, batch_id = prepared.sha256, prepared.batch_id
    with Session(engine) as session, session.begin():
        # Checked again inside the transaction: another member of staff may have stored
        # the same file while this one was being checked.
        if session.scalar(select(PanelFile.id).where(PanelFile.sha256 == sha256)) is not None:
            return Ingested(path, sha256, Outcome.UNCHANGED, batch_id, None)
        current = session.scalar(
            select(PanelFile).where(
                PanelFile.batch_sha256 == prepared.file["batch_sha256"],
                PanelFile.status == Status.CURRENT,
            )
        )
        if current is not None and correction is None:
            raise IngestRefused(
                path,
                f"batch {batch_id} already has panel file {current.sha256[:16]}…"
                f" ({current.created_at}); a changed file is taken only as a correction,"
                " with its cause",
            ).saying(
                "has_current",
                batch=batch_id,
                current=f"{current.sha256[:16]}…",
                created=current.created_at,
            )
        replaced = None if current is None else current.sha256
        if current is not None:
            session.execute(
                update(PanelFile).where(PanelFile.id == current.id).values(status=Status.SUPERSEDED)
            )
        row = PanelFile(
            **prepared.file,
            status=Status.CURRENT,
            supersedes_id=None if current is None else current.id,
            correction_cause=None if current is None else correction,
            ingested_at=datetime.now(UTC),
            ingested_by=by or getpass.getuser(),
        )
        session.add(row)
        session.flush()
        add_rows(session, row.id, prepared.rows)
    outcome = Outcome.ADDED if replaced is None else Outcome.CORRECTION
    return Ingested(path, sha256, outcome, batch_id, prepared.check, replaced)
