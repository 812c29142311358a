"""Building the evidence index of a session file, in the background and resumably.

``build_index(path)`` opens its own connection (call it from a worker thread: the window's
``SessionFile`` stays on the UI thread) and indexes every evidence file not indexed yet,
one file after another. Text is extracted outside any transaction; pages are written
``BATCH_PAGES`` at a time, each batch a short write transaction that also records how far
the file got, so a scoring edit waits at most one batch and an interrupted build (a
cancel, a closed window, a crash) goes on from the last batch next time.

Files are indexed by content (``sha256``): a file attached to several submissions once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from expertscore.evidence.extract import (
    Broken,
    Deadline,
    Limits,
    PageText,
    Refused,
    kind_of,
    pdf_page_count,
    pdf_pages,
    text_pages,
    workbook_pages,
)
from expertscore.evidence.search import raw_connection
from expertscore.filetypes import sniff
from expertscore.storage.cipher import Raw, driver
from expertscore.storage.session import SessionFile

BATCH_PAGES = 32
ProgressCallback = Callable[[int, int], None]  # (files done, files in all)
Cancelled = Callable[[], bool]
Export = Callable[[str, Path], Path]  # (sha256, target) -> the file written there (OCR)
Read = Callable[[str], bytes]  # sha256 -> the file's bytes, read into memory
Size = Callable[[str], int]  # sha256 -> its size, known before it is read


@dataclass
class IndexReport:
    files: int = 0  # indexed by this call
    pages: int = 0
    no_text: int = 0  # pages without a text layer
    broken: int = 0
    cut: int = 0  # files stopped at a limit
    cancelled: bool = False
    remaining: int = 0  # files left for a later call


@dataclass(frozen=True)
class FileState:
    sha256: str
    kind: str
    state: str
    pages: int
    pages_done: int
    reason: str | None


def pending_files(raw: driver.Connection) -> list[tuple[str, int]]:
    """(sha256, pages done) of every evidence file not fully indexed, in the batch's order."""
    rows = raw.execute(
        "SELECT e.sha256, COALESCE(f.pages_done, 0), MIN(s.position * 100000 + e.position)"
        " FROM evidence e JOIN submission s ON s.id = e.submission_id"
        " LEFT JOIN evidence_index_file f ON f.sha256 = e.sha256"
        " WHERE f.sha256 IS NULL OR f.state = 'indexing'"
        " GROUP BY e.sha256 ORDER BY 3"
    ).fetchall()
    return [(sha, done) for sha, done, _ in rows]


def pending_count(raw: Raw, submission_id: str | None = None) -> int:
    """How many evidence files (of one submission, or of all) are not fully indexed yet."""
    if submission_id is None:
        return len(pending_files(raw))
    return raw.execute(
        "SELECT COUNT(DISTINCT e.sha256) FROM evidence e"
        " LEFT JOIN evidence_index_file f ON f.sha256 = e.sha256"
        " WHERE e.submission_id = ? AND (f.sha256 IS NULL OR f.state = 'indexing')",
        (submission_id,),
    ).fetchone()[0]


def files_left(session: SessionFile, submission_id: str | None = None) -> int:
    """Evidence files not fully indexed yet, of one submission or of all (0: the locator's
    answers are complete)."""
    with raw_connection(session) as raw:
        return pending_count(raw, submission_id)


def index_state(session: SessionFile) -> list[FileState]:
    """What the index holds for each evidence file (files not started have no row)."""
    with raw_connection(session) as raw:
        rows = raw.execute(
            "SELECT sha256, kind, state, pages, pages_done, reason FROM evidence_index_file"
        ).fetchall()
    return [FileState(*row) for row in rows]


def build_index(
    path: Path,
    progress: ProgressCallback | None = None,
    cancelled: Cancelled | None = None,
    limits: Limits | None = None,
) -> IndexReport:
    """Index what is not indexed yet in the session file at ``path``; see the module."""
    with SessionFile(path) as session, raw_connection(session) as raw:
        raw.commit()  # SQLAlchemy's connection may have opened a transaction
        return build_into(
            raw, session.evidence_bytes, progress, cancelled, limits, size=_blob_size(raw)
        )


def _blob_size(raw) -> Size:
    def size(sha: str) -> int:
        return raw.execute("SELECT size FROM evidence_blob WHERE sha256 = ?", (sha,)).fetchone()[0]

    return size


def build_into(
    raw,
    read: Read,
    progress: ProgressCallback | None = None,
    cancelled: Cancelled | None = None,
    limits: Limits | None = None,
    size: Size | None = None,
) -> IndexReport:
    """Index what is not indexed yet in any database with the index's tables (a session
    file, a package's index file). Each file is read into memory by ``read``, never copied
    to a file, so the evidence stays encrypted on disk where it is; a file over the limit
    (by ``size``, when given) is refused before it is read."""
    limits = limits or Limits()
    report = IndexReport()
    # The index can always be built again: its commits need not wait for the disk
    # (with WAL, NORMAL still never corrupts the file; scoring keeps FULL).
    raw.execute("PRAGMA synchronous=NORMAL")
    pending = pending_files(raw)
    for number, (sha, done) in enumerate(pending):
        if progress:
            progress(number, len(pending))
        if cancelled and cancelled():
            report.cancelled = True
            report.remaining = len(pending) - number
            return report
        finished = _index_file(raw, read, size, sha, done, limits, report, cancelled)
        if not finished:
            report.cancelled = True
            report.remaining = len(pending) - number
            return report
    if progress:
        progress(len(pending), len(pending))
    return report


def file_row(raw, sha, kind, state, pages, done, reason=None) -> None:
    raw.execute(
        "INSERT INTO evidence_index_file (sha256, kind, state, pages, pages_done, reason,"
        " indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET"
        " kind = excluded.kind, state = excluded.state, pages = excluded.pages,"
        " pages_done = excluded.pages_done, reason = excluded.reason,"
        " indexed_at = excluded.indexed_at",
        # the import's clock format, without importing the importer (and the package
        # reader) into the window that builds the index
        (sha, kind, state, pages, done, reason, datetime.now(UTC).isoformat(timespec="seconds")),
    )


def write_pages(raw, sha: str, pages: list[PageText]) -> None:
    for page in pages:
        cursor = raw.execute(
            "INSERT INTO evidence_page (sha256, page, label, state, chars) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (sha256, page) DO NOTHING",
            (sha, page.page, page.label, page.state, len(page.text)),
        )
        if cursor.rowcount and page.text:
            raw.execute(
                "INSERT INTO evidence_text (rowid, text) VALUES (?, ?)",
                (cursor.lastrowid, page.text),
            )


def _index_file(raw, read, size_of, sha, done, limits, report, cancelled) -> bool:
    """Index one file from page ``done`` + 1; False when cancelled (the file stays open)."""
    try:
        size = size_of(sha) if size_of is not None else None
        if size is not None and size > limits.max_bytes:
            raise Refused("bytes", size, limits.max_bytes)
        copy = read(sha)
        if len(copy) > limits.max_bytes:
            raise Refused("bytes", len(copy), limits.max_bytes)
        filetype = sniff(copy)
        if filetype.key == "broken-zip":  # a workbook or document that is not a zip
            raise Broken(filetype.key)
        kind = kind_of(filetype)
        deadline = Deadline(limits.max_seconds)
        total, pages = _pages(kind, copy, done, limits, deadline)
        if pages is None:
            with raw:
                file_row(raw, sha, kind, "done", 0, 0)
            report.files += 1
            return True
        with raw:
            file_row(raw, sha, kind, "indexing", total, done)
        for batch in _batches(pages):
            with raw:
                write_pages(raw, sha, batch)
                done = batch[-1].page
                file_row(raw, sha, kind, "indexing", total, done)
            _count(report, batch)
            if cancelled and cancelled():
                return False
        total = max(total, done)
        state, reason = "done", None
        if total > limits.max_pages:
            state, reason = "cut", f"pages {total} > {limits.max_pages}"
        elif deadline.passed() and done < total:
            state, reason = "cut", f"seconds > {limits.max_seconds:g}"
        with raw:
            file_row(raw, sha, kind, state, total, done, reason)
        report.cut += state == "cut"
    except Broken as error:
        _finish_failed(raw, sha, "broken", error.reason, report)
    except Refused as error:
        _finish_failed(raw, sha, "refused", f"{error.what} {error.size} > {error.limit}", report)
    except driver.Error:
        raise  # the session file itself: not the evidence's fault
    except Exception as error:  # a hostile file must never stop the index
        _finish_failed(raw, sha, "broken", type(error).__name__, report)
    report.files += 1
    return True


def _finish_failed(raw, sha, state, reason, report) -> None:
    raw.rollback()
    with raw:
        file_row(raw, sha, "other", state, 0, 0, reason)
    report.broken += 1


def _pages(kind, copy, done, limits, deadline) -> tuple[int, Iterable[PageText] | None]:
    if kind == "pdf":
        return pdf_page_count(copy), pdf_pages(copy, done + 1, limits, deadline)
    if kind == "table":
        return 0, (p for p in workbook_pages(copy, limits, deadline) if p.page > done)
    if kind == "text":
        return 1, (p for p in text_pages(copy, limits) if p.page > done)
    if kind == "image":  # a photo or a scan: listed as a page without text
        return 1, [PageText(1, None, "", "no-text")][done:]
    return 0, None


def _batches(pages: Iterable[PageText]) -> Iterable[list[PageText]]:
    batch: list[PageText] = []
    for page in pages:
        batch.append(page)
        if len(batch) >= BATCH_PAGES:
            yield batch
            batch = []
    if batch:
        yield batch


def _count(report: IndexReport, batch: list[PageText]) -> None:
    report.pages += len(batch)
    report.no_text += sum(page.state == "no-text" for page in batch)
