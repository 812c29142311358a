"""Normalizing what people type into a form: full-width characters, spaces, lists, names."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

# Zero-width characters that Word and web forms leave behind; \s does not cover them.
_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
# After NFKC the full-width ， and ； are , and ;  — 、 has no half-width form.
_LIST_SEPARATORS = re.compile(r"[、,;]")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squeeze(text: str) -> str:
    """NFKC (full-width to half-width) with every space removed."""
    return _INVISIBLE.sub("", nfkc(text))


def key(text: str) -> str:
    """The form of a header, code, name or tag that matching compares."""
    return squeeze(text).casefold()


def split_list(text: str) -> list[str]:
    """``"1、2，3"`` -> ``["1", "2", "3"]``: items separated by 、 ， , ; or ；."""
    return [item for item in (squeeze(part) for part in _LIST_SEPARATORS.split(nfkc(text))) if item]


def one_line(text: str) -> str:
    return " ".join(text.split())


def shown(text: str, limit: int = 40) -> str:
    """A cell's text for a message: one line, shortened."""
    line = one_line(text)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def closest(target: str, candidates: Iterable[tuple[str, str]]) -> str | None:
    """The label of the candidate most like ``target``.

    ``candidates`` are ``(key, label)`` pairs; several keys may share one label (a leaf is
    known by its code, its name and both). Ties go to the earliest candidate.
    """
    best_label: str | None = None
    best_ratio = -1.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(target)
    for candidate, label in candidates:
        matcher.set_seq1(candidate)
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best_ratio, best_label = ratio, label
    return best_label
