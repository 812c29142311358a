"""The evidence of an encrypted package written into a new session as it is decrypted.

The one-pass counterpart of ``importer._insert_evidence`` (``batch.sealed_stream``): each
of the expert's evidence entries is hashed and written as its bytes arrive; a wrong size or
digest raises at once, and the caller throws the half-built file away.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from expertscore.batch.package import OpenedPackage
from expertscore.batch.sealed_stream import stream_package
from expertscore.batch.zipstream import EndOfEntry, Sink
from expertscore.errors import PackageError
from expertscore.storage import cipher

BLOB_WRITE = 4 << 20  # bytes gathered before each write into a large blob


class _EvidenceWriter:
    """One evidence file into ``evidence_blob``: in one statement when small, else into a
    blob of its size written in large pieces."""

    def __init__(
        self, raw: cipher.driver.Connection, source: Path, sha: str, size: int, inline: int
    ) -> None:
        self.raw, self.source, self.sha, self.size = raw, source, sha, size
        self.digest = hashlib.sha256()
        # Filled in place (growing a buffer copies it again and again): the whole file when
        # small, else a piece at a time. The entry never gives more than ``size`` bytes.
        self.buffer = bytearray(min(size, inline) if size <= inline else BLOB_WRITE)
        self.filled = 0
        self.blob: Any = None  # the driver types its blob as a bare object
        if size > inline:
            cursor = raw.execute(
                "INSERT INTO evidence_blob (sha256, size, data) VALUES (?, ?, zeroblob(?))",
                (sha, size, size),
            )
            assert cursor.lastrowid is not None
            self.blob = raw.open_blob(
                "evidence_blob", "data", cursor.lastrowid, readonly=False, dbname="main"
            )

    def write(self, data: memoryview) -> None:
        while len(data):
            take = min(len(data), len(self.buffer) - self.filled)
            self.buffer[self.filled : self.filled + take] = data[:take]
            self.filled += take
            data = data[take:]
            if self.filled == len(self.buffer) and self.blob is not None:
                self._flush()

    def _flush(self) -> None:
        piece = memoryview(self.buffer)[: self.filled]
        self.digest.update(piece)
        self.blob.write(piece)
        self.filled = 0

    def end(self) -> None:
        if self.blob is not None:
            self._flush()
            self.blob.close()
        else:
            self.digest.update(memoryview(self.buffer)[: self.filled])
        if self.digest.hexdigest() != self.sha:
            raise PackageError(
                self.source,
                f"'evidence/{self.sha}' does not match its SHA-256 (damaged or altered)",
            ).saying("damaged", name=f"evidence/{self.sha}")
        if self.blob is None:
            self.raw.execute(
                "INSERT INTO evidence_blob (sha256, size, data) VALUES (?, ?, ?)",
                (self.sha, self.size, self.buffer),
            )


def insert_streamed(
    raw: cipher.driver.Connection,
    opened: OpenedPackage,
    unique: dict[str, int],
    inline: int,
    written: Any,
) -> bytes | None:
    """Write the evidence ``unique`` (sha256 -> size) of the encrypted ``opened`` into the
    session; ``written(bytes done)`` after each file. Returns the page texts' member."""
    done = 0

    def evidence(sha: str, size: int) -> tuple[Sink, EndOfEntry] | None:
        if sha not in unique:
            return None
        writer = _EvidenceWriter(raw, opened.path, sha, size, inline)

        def end() -> None:
            nonlocal done
            writer.end()
            done += size
            written(done)

        return writer.write, end

    return stream_package(opened, evidence)
