"""``SessionFile``: the one object that owns an open session file.

Like Anki's ``Collection``: open it with a path, use its services, ``close()`` it. It is
not thread-safe: one ``SessionFile`` is used on one thread. The expert's window opens its
session on the UI thread and keeps it there (edits are quick); work that runs on a worker
thread (submitting, printing sheets, the evidence index) opens a ``SessionFile`` of its own
on the same file. Every service that writes commits its own transaction before returning.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as OrmSession

from expertscore.batch.manifest import Manifest, effective_scheme
from expertscore.errors import ExpertScoreError
from expertscore.schemes.loader import load_scheme_text
from expertscore.schemes.model import Scheme
from expertscore.storage import models as m
from expertscore.storage.cipher import SessionKey, is_encrypted
from expertscore.storage.db import SessionFileError, open_engine

CHUNK = 1 << 20


@dataclass(frozen=True)
class SessionSummary:
    batch_id: str
    batch_title: str
    expert_id: str
    expert_name: str
    scheme_id: str
    scheme_version: str
    submissions: int
    assigned: int
    recused: int
    evidence_files: int
    evidence_bytes: int
    reported_values: int


class StorageError(ExpertScoreError):
    """The session file could not be written (disk full, I/O error, in use elsewhere)."""


def storage_error(path: Path, exc: DBAPIError) -> StorageError:
    """The refusal of an edit SQLite could not write, by its cause."""
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if "full" in text:
        return StorageError(
            f"{path}: the disk is full; the edit was not saved (free some space and try again)"
        ).saying("full", path=path)
    if "locked" in text or "busy" in text:
        return StorageError(
            f"{path}: the session is in use by another program; the edit was not saved"
        ).saying("busy", path=path)
    if "readonly" in text or "read-only" in text:
        return StorageError(
            f"{path}: the session file is read-only; the edit was not saved"
        ).saying("read_only", path=path)
    return StorageError(
        f"{path}: could not write the session ({text}); the edit was not saved"
    ).saying("not_written", path=path, reason=text)


class SessionFile:
    def __init__(self, path: Path, key: SessionKey | None = None) -> None:
        """Open ``path``; an encrypted one with ``key`` or the key unlocked for it."""
        self.path = path
        self.encrypted = is_encrypted(path)
        self.engine: Engine = open_engine(path, key)
        with self.orm() as orm:
            info = orm.get(m.SessionInfo, 1)
            if info is None:
                self.engine.dispose()
                raise SessionFileError(f"{path}: the session record is missing").saying(
                    "no_record", path=path
                )
            self.info: m.SessionInfo = info
            orm.expunge(info)
        self._scheme: Scheme | None = None
        self._manifest: Manifest | None = None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> SessionFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def orm(self) -> OrmSession:
        return OrmSession(self.engine, expire_on_commit=False)

    @contextmanager
    def writing(self) -> Iterator[OrmSession]:
        """One write transaction, committed on exit; storage failures become ``StorageError``.

        Either everything written inside is on disk when the block ends, or nothing is.
        """
        try:
            with self.orm() as orm, orm.begin():
                yield orm
        except DBAPIError as exc:
            raise storage_error(self.path, exc) from None

    @property
    def manifest(self) -> Manifest:
        """The batch's manifest as imported (its signing algorithm, its organizer values)."""
        if self._manifest is None:
            self._manifest = Manifest.model_validate_json(self.info.manifest_json)
        return self._manifest

    @property
    def scheme(self) -> Scheme:
        if self._scheme is None:
            scheme = load_scheme_text(self.info.scheme_yaml, f"{self.path}!scheme")
            self._scheme = effective_scheme(scheme, self.manifest)
        return self._scheme

    def summary(self) -> SessionSummary:
        with self.orm() as orm:
            expert = orm.get(m.Expert, self.info.expert_id)
            count = lambda model: int(orm.scalar(select(func.count()).select_from(model)) or 0)  # noqa: E731
            evidence_bytes = orm.scalar(select(func.coalesce(func.sum(m.EvidenceBlob.size), 0)))
            return SessionSummary(
                batch_id=self.info.batch_id,
                batch_title=self.info.batch_title,
                expert_id=self.info.expert_id,
                expert_name=expert.name if expert else "",
                scheme_id=self.info.scheme_id,
                scheme_version=self.info.scheme_version,
                submissions=count(m.Submission),
                assigned=count(m.Assignment),
                recused=count(m.Recusal),
                evidence_files=count(m.Evidence),
                evidence_bytes=int(evidence_bytes or 0),
                reported_values=count(m.ReportedValue),
            )

    def iter_evidence_bytes(self, sha256: str) -> Iterator[bytes]:
        """The bytes of one evidence file, in chunks (never the whole file in memory)."""
        with self.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None  # an open connection has its sqlite3 connection
            row = raw.execute(
                "SELECT rowid, size FROM evidence_blob WHERE sha256 = ?", (sha256,)
            ).fetchone()
            if row is None:
                raise SessionFileError(
                    f"{self.path}: no evidence with SHA-256 {sha256[:12]}…"
                ).saying("no_evidence", path=self.path, digest=sha256[:12])
            rowid, size = row
            with raw.open_blob("evidence_blob", "data", rowid, readonly=True) as blob:
                for offset in range(0, size, CHUNK):
                    blob.seek(offset)
                    yield blob.read(min(CHUNK, size - offset))

    def evidence_bytes(self, sha256: str) -> bytes:
        return b"".join(self.iter_evidence_bytes(sha256))

    def export_evidence(self, sha256: str, target: Path) -> Path:
        """Write one evidence file to ``target`` (for viewers that need a path)."""
        temp = target.with_name(target.name + ".part")
        with temp.open("wb") as handle:
            for chunk in self.iter_evidence_bytes(sha256):
                handle.write(chunk)
        shutil.move(temp, target)
        return target

    def content_snapshot(self) -> dict[str, object]:
        """What was imported, independent of how (package or Excel form) and when.

        Used to check that two import paths give the same session content.
        """
        with self.orm() as orm:
            submissions = [
                {
                    "id": s.id,
                    "platform": s.platform,
                    "operator": s.operator,
                    "region": s.region,
                    "category": s.category,
                    "industry_tags": json.loads(s.industry_tags),
                    "domain_tags": json.loads(s.domain_tags),
                }
                for s in orm.scalars(select(m.Submission).order_by(m.Submission.position))
            ]
            values = sorted(
                (v.submission_id, v.indicator, v.value, v.unit)
                for v in orm.scalars(select(m.ReportedValue))
            )
            evidence = sorted(
                (e.submission_id, e.sha256, e.title, json.dumps(sorted(json.loads(e.indicators))))
                for e in orm.scalars(select(m.Evidence))
            )
            return {
                "scheme": (self.info.scheme_id, self.info.scheme_sha256),
                "submissions": submissions,
                "values": values,
                "evidence": evidence,
            }
