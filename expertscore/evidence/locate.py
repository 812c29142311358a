"""Reported value -> the evidence pages that show it.

For each leaf's reported value, the submission's indexed evidence is searched for the
number in the forms documents use (``forms``), a date in its usual spellings, the start of
a text answer, and the indicator's own words. A page showing the number is a ``value``
match; ``near_words`` says the indicator's words are on the same page (those come first).
A numeric value found nowhere is ``not found``: advice for the expert, not a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from expertscore.evidence.forms import (
    date_forms,
    indicator_words,
    matches,
    numbers_spelled,
    parse_value,
    search_forms,
    short_value,
)
from expertscore.evidence.search import Hit, PageRef, hit, page_refs, pages_matching, raw_connection
from expertscore.schemes.model import Indicator
from expertscore.storage import models as m
from expertscore.storage.cipher import Raw, driver
from expertscore.storage.session import SessionFile

NEAR = 40  # characters before a short number where the indicator's words may stand
TEXT_PROBE = 16  # characters of a text answer looked for


@dataclass(frozen=True)
class Located:
    """Where one reported value was found.

    ``state``: ``found`` (``matches`` show the value), ``not-found`` (a value that appears
    on no indexed page), ``words-only`` (no value to look for: yes/no, empty; ``matches``
    are pages with the indicator's words) or ``not-indexed`` (no evidence page is indexed).
    """

    submission_id: str
    indicator: str
    value: str
    unit: str
    state: str
    matches: list[Match] = field(default_factory=list)
    mentions: list[Match] = field(default_factory=list)  # not found: the indicator's words

    def pages(self) -> list[tuple[str, str, int]]:
        """(evidence id, title, page) of each page with a match, best first, once each:
        what a "found on: 审计报告 p.7, 申报材料汇总表 p.1" line shows."""
        seen: dict[tuple[str, str, int], None] = {}
        for match in self.matches:
            seen.setdefault((match.hit.evidence_id, match.hit.title, match.hit.page))
        return list(seen)


class Pages:
    """A submission's indexed pages, and the text of those read so far."""

    def __init__(self, raw: driver.Connection, refs: dict[int, PageRef]) -> None:
        self.raw = raw
        self.refs = refs
        self.cache: dict[int, str] = {}

    def matching(self, texts: list[str]) -> dict[int, str]:
        return pages_matching(self.raw, self.refs, texts, self.cache)


@dataclass(frozen=True)
class Match:
    hit: Hit
    kind: str  # value, date, text or words
    near_words: bool


def locate_submission(
    session: SessionFile, submission_id: str, codes: list[str] | None = None
) -> list[Located]:
    """Every reported value of a submission (or those of ``codes``), in the scheme's order."""
    with session.orm() as orm:
        rows = orm.scalars(
            select(m.ReportedValue).where(m.ReportedValue.submission_id == submission_id)
        ).all()
    values = {row.indicator: (row.value, row.unit) for row in rows}
    with raw_connection(session) as raw:
        return locate_raw(raw, session.scheme.leaves(), submission_id, values, codes)


def locate_raw(
    raw: Raw,
    leaves: list[Indicator],
    submission_id: str,
    values: dict[str, tuple[str, str]],
    codes: list[str] | None = None,
) -> list[Located]:
    """``locate_submission`` over any database with the index's tables; ``values`` maps a
    leaf's code to its reported (value, unit), as the session or the manifest holds them."""
    chosen = [leaf for leaf in leaves if leaf.code in values]
    if codes is not None:
        chosen = [leaf for leaf in chosen if leaf.code in codes]
    pages = Pages(raw, page_refs(raw, submission_id))
    return [_locate(pages, submission_id, leaf, *values[leaf.code]) for leaf in chosen]


def locate_value(session: SessionFile, submission_id: str, code: str) -> Located | None:
    """One indicator's reported value; None when the submission reports nothing for it."""
    found = locate_submission(session, submission_id, [code])
    return found[0] if found else None


def _locate(
    pages: Pages,
    submission_id: str,
    leaf: Indicator,
    value: str,
    unit: str,
) -> Located:
    words = indicator_words(leaf.name)
    located = Located(submission_id, leaf.code, value, unit, "not-indexed")
    if not pages.refs:
        return located
    number = parse_value(value) if unit not in ("text", "yes/no") else None
    if number is not None:
        found = _numbers(pages, number, unit, words)
    elif date_forms(value) or (unit == "text" and len(value.strip()) >= 6):
        probes = date_forms(value) or [value.strip()[:TEXT_PROBE]]
        found = _literal(pages, probes, "date" if date_forms(value) else "text", words)
    else:
        words_found = _literal(pages, words, "words", words)
        return Located(submission_id, leaf.code, value, unit, "words-only", words_found)
    ordered = sorted(found, key=lambda match: not match.near_words)  # stable: file order kept
    if ordered:
        return Located(submission_id, leaf.code, value, unit, "found", ordered)
    # where the evidence speaks of the indicator: the expert reads what it says there
    mentions = _literal(pages, words, "words", words)
    return Located(submission_id, leaf.code, value, unit, "not-found", [], mentions)


def _has_words(text: str, words: list[str]) -> bool:
    return any(word in text for word in words)


def _numbers(pages: Pages, number: Decimal, unit: str, words: list[str]) -> list[Match]:
    forms = search_forms(number, unit)
    short = short_value(number)
    texts = pages.matching(forms + (words if short else []))
    wanted = {form.replace(",", "") for form in forms}  # what a matching number can be
    # a short value (3, 45, 0.5) is written beginning with its whole part, or with a 0 (03)
    starts = [str(int(abs(number))), "0"]
    found = []
    for rowid, ref in pages.refs.items():
        text = texts.get(rowid)
        if text is None:
            continue
        near = _has_words(text, words)
        candidates = numbers_spelled(text, starts if short else forms)
        for written in candidates:
            if written.digits not in wanted and not (short and written.value == number):
                continue
            strength = matches(number, unit, written)
            if strength is None:
                continue
            if strength == "short" and not _anchored(text, written.start, written.end, unit, words):
                continue
            found.append(Match(hit(ref, text, written.start, written.end), "value", near))
    return found


def _anchored(text: str, start: int, end: int, unit: str, words: list[str]) -> bool:
    """A short number counts beside its unit or after the indicator's words."""
    after = text[end : end + 4].lstrip()
    if unit and unit[0] in "人个件项家户次核台" and after.startswith(unit[0]):
        return True
    before = text[max(0, start - NEAR) : start]
    return _has_words(before, words)


def _literal(pages: Pages, probes: list[str], kind: str, words: list[str]) -> list[Match]:
    texts = pages.matching(probes)
    found: list[Match] = []
    for rowid, ref in pages.refs.items():
        text = texts.get(rowid)
        if text is None:
            continue
        near = _has_words(text, words)
        spans = set()
        for probe in probes:
            start = text.find(probe)
            while start >= 0:
                spans.add((start, start + len(probe)))
                start = text.find(probe, start + len(probe))
        found.extend(Match(hit(ref, text, a, b), kind, near) for a, b in sorted(spans))
    return found
