"""Searching the evidence index: a text in one submission's evidence, or in all of it.

``search_text`` asks SQLite's FTS5 table (trigram tokenizer: any substring of three or
more characters; shorter texts are looked for with ``instr`` over the same pages) and
returns each occurrence with its file, page and a snippet. Like ``SessionFile``, not
thread-safe: call it on the thread that owns the session. The ``*_raw`` forms read any
database with the index's tables: a session file, or a package's index file
(``indexfile``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from expertscore.storage.cipher import Raw, driver
from expertscore.storage.session import SessionFile

SNIPPET = 30  # characters either side of a match
MAX_HITS = 200


@dataclass(frozen=True)
class PageRef:
    rowid: int
    evidence_id: str
    submission_id: str
    title: str
    filename: str
    page: int
    label: str | None  # a workbook sheet's name


@dataclass(frozen=True)
class Hit:
    evidence_id: str
    submission_id: str
    title: str
    filename: str
    page: int
    label: str | None
    start: int  # character offsets in the page's indexed text
    end: int
    snippet: str
    found: str  # the text matched


def phrase(text: str) -> str:
    """An FTS5 query for ``text`` as one literal phrase.

    SQLite ends an FTS5 query at a NUL ("unterminated string"): an operator's value holding
    one is looked for with a space there, which the tokenizer treats the same way.
    """
    return '"' + text.replace('"', '""').replace("\x00", " ") + '"'


def snippet(text: str, start: int, end: int) -> str:
    left = max(0, start - SNIPPET)
    right = min(len(text), end + SNIPPET)
    body = " ".join(text[left:right].split())
    return ("…" if left else "") + body + ("…" if right < len(text) else "")


@contextmanager
def raw_connection(session: SessionFile) -> Iterator[driver.Connection]:
    with session.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert isinstance(raw, driver.Connection)
        yield raw


def page_refs(raw: driver.Connection, submission_id: str | None) -> dict[int, PageRef]:
    """Every indexed page of a submission's evidence (of all when None), by FTS rowid."""
    query = (
        "SELECT p.id, e.id, e.submission_id, e.title, e.filename, p.page, p.label"
        " FROM evidence e JOIN evidence_page p ON p.sha256 = e.sha256"
        " JOIN submission s ON s.id = e.submission_id"
    )
    args: tuple[str, ...] = ()
    if submission_id is not None:
        query += " WHERE e.submission_id = ?"
        args = (submission_id,)
    query += " ORDER BY s.position, e.position, p.page"
    refs: dict[int, PageRef] = {}
    for row in raw.execute(query, args):
        refs.setdefault(row[0], PageRef(*row))
    return refs


def pages_matching(
    raw: driver.Connection,
    refs: dict[int, PageRef],
    texts: Iterable[str],
    cache: dict[int, str] | None = None,
) -> dict[int, str]:
    """The text of each page in ``refs`` that holds one of ``texts`` (any length).

    The index answers with page numbers only; the text is read for the pages of ``refs``
    alone, once per ``cache`` (the locator asks for many values on the same pages).
    """
    texts = [text for text in texts if text]
    long = [text for text in texts if len(text) >= 3]
    short = [text for text in texts if len(text) < 3]
    cache = {} if cache is None else cache
    rowids: list[int] = []
    if long and refs:
        query = " OR ".join(phrase(text) for text in long)
        rows = raw.execute("SELECT rowid FROM evidence_text WHERE evidence_text MATCH ?", (query,))
        rowids = [rowid for (rowid,) in rows if rowid in refs]
    if short and refs:
        rowids = list(refs)
    found: dict[int, str] = {}
    for rowid in rowids:
        if rowid not in cache:
            row = raw.execute("SELECT text FROM evidence_text WHERE rowid = ?", (rowid,)).fetchone()
            cache[rowid] = row[0] if row else ""
        text = cache[rowid]
        if (long and not short) or any(word in text for word in texts):
            found[rowid] = text
    return found


def hit(ref: PageRef, text: str, start: int, end: int) -> Hit:
    return Hit(
        ref.evidence_id,
        ref.submission_id,
        ref.title,
        ref.filename,
        ref.page,
        ref.label,
        start,
        end,
        snippet(text, start, end),
        text[start:end],
    )


def search_text(session: SessionFile, text: str, submission_id: str | None = None) -> list[Hit]:
    """Every occurrence of ``text`` (case-insensitive) in a submission's evidence, or in
    all the session's evidence when ``submission_id`` is None; at most ``MAX_HITS``."""
    with raw_connection(session) as raw:
        return search_raw(raw, text, submission_id)


def search_raw(raw: Raw, text: str, submission_id: str | None = None) -> list[Hit]:
    """``search_text`` over any database holding the index's tables (a session, or the
    chair's index file of a package)."""
    needle = text.strip()
    if not needle:
        return []
    hits: list[Hit] = []
    refs = page_refs(raw, submission_id)
    pages = pages_matching(raw, refs, [needle])
    for rowid, ref in refs.items():
        page = pages.get(rowid)
        if page is None:
            continue
        folded, wanted = page.lower(), needle.lower()
        start = folded.find(wanted)
        while start >= 0 and len(hits) < MAX_HITS:
            hits.append(hit(ref, page, start, start + len(needle)))
            start = folded.find(wanted, start + len(needle))
    return hits


def pages_without_text(session: SessionFile, submission_id: str | None = None) -> list[PageRef]:
    """The indexed pages with no text to search (scans, images), of one submission or all."""
    with raw_connection(session) as raw:
        refs = page_refs(raw, submission_id)
        empty = {
            rowid
            for (rowid,) in raw.execute("SELECT id FROM evidence_page WHERE state = 'no-text'")
        }
    return [ref for rowid, ref in refs.items() if rowid in empty]
