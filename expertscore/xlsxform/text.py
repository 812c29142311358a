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
# How .xlsx stores characters XML cannot hold (and Excel/WPS some it could): _x000D_ is a
# carriage return. openpyxl hands the escapes over as they are written.
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Every way a cell may break a line; all become "\n".
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
_KEPT_CONTROLS = "\n\t"
# Below this likeness a "closest" name is noise rather than a hint (difflib's ratio).
CLOSE_ENOUGH = 0.6


def decode_escapes(text: str) -> str:
    """``_x000D_`` -> carriage return; an escaped surrogate pair becomes its one character."""
    if "_x" not in text:
        return text
    decoded = _ESCAPE.sub(lambda found: chr(int(found.group(1), 16)), text)
    # A lone escaped surrogate cannot be text; it becomes U+FFFD rather than an error.
    return decoded.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def is_invisible(char: str) -> bool:
    """Control and format characters: NUL, BEL, zero-width spaces, BOM, bidi overrides."""
    return char not in _KEPT_CONTROLS and unicodedata.category(char) in ("Cc", "Cf")


def code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def clean(text: str) -> tuple[str, list[str]]:
    """A cell's text as the user sees it, and the invisible characters taken out of it.

    Escapes are decoded, every line break becomes ``\\n``, tabs stay; other control and
    format characters are removed (they are returned, in order, for the import summary).
    """
    text = _LINE_BREAKS.sub("\n", decode_escapes(text))
    removed = [char for char in text if is_invisible(char)]
    if removed:
        text = "".join(char for char in text if not is_invisible(char))
    return text, removed


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
    """A cell's text for a message: one line, shortened; invisible characters as ``<U+200B>``."""
    line = one_line(text)
    line = line if len(line) <= limit else line[: limit - 1] + "…"
    if any(is_invisible(char) for char in line):
        line = "".join(f"<{code_point(c)}>" if is_invisible(c) else c for c in line)
    return line


def closest(target: str, candidates: Iterable[tuple[str, str]]) -> str | None:
    """The label of the candidate most like ``target``, None when none is close.

    ``candidates`` are ``(key, label)`` pairs; several keys may share one label (a leaf is
    known by its code, its name and both). Ties go to the earliest candidate. A candidate
    less alike than ``CLOSE_ENOUGH`` is no hint at all.
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
    return best_label if best_ratio >= CLOSE_ENOUGH else None
