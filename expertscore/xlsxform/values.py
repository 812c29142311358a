"""Turning a cell into the reported value of a leaf, exactly.

Numbers stay exact decimals: an integer cell is written as is, a floating-point cell by
Python's shortest round-trip ``repr`` (so ``12.5`` stays ``"12.5"`` and ``0.1`` stays
``"0.1"``, never ``0.1000000000000000055…``). What the cell holds is normalized here, and
``crosscheck.check_value`` then judges it, exactly as it judges any package.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from expertscore.schemes.model import Indicator
from expertscore.xlsxform.text import key, nfkc, squeeze

YES = ("是", "yes", "y", "有", "√", "✓", "✔", "true")
NO = ("否", "no", "n", "无", "×", "✗", "✘", "false")

# Digits with optional thousands separators and decimals; what follows is a unit.
_NUMBER = re.compile(r"([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+)(.*)")
# What follows the digits cannot be a unit if it holds digits, separators or arithmetic.
_NOT_A_UNIT = re.compile(r"[0-9.,+\-*×÷^=]")
# Parts of an Excel number format that print literally and so do not make it a percentage.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


UNIT_ALIASES = {"台/套": ("台", "套", "台套"), "yes/no": ("是/否", "是否", "y/n")}


def unit_matches(written: str, unit: str) -> bool:
    """Whether a unit as written (``％``, ``台``, ``tb``) is the scheme's ``unit``."""
    return key(written) in {key(unit), *(key(alias) for alias in UNIT_ALIASES.get(unit, ()))}


def float_text(number: float) -> str:
    """The shortest decimal that reads back as ``number``: 12.5 -> "12.5", 3.0 -> "3"."""
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    try:
        return format(Decimal(repr(number)), "f")
    except InvalidOperation:  # pragma: no cover - repr of a float is always a decimal
        return repr(number)


def decimal_text(number: Decimal) -> str:
    """Plain decimal text, never an exponent: 1E+2 -> "100"."""
    text = format(number, "f")
    return "0" if text == "-0" else text


def plain_text(raw: Any) -> str:
    """Any cell value as text (numbers exact, dates as ISO dates)."""
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, int):
        return str(raw)
    if isinstance(raw, float):
        return float_text(raw)
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == time(0) else raw.isoformat()
    if isinstance(raw, date | time):
        return raw.isoformat()
    return str(raw)


def is_percent_format(number_format: str) -> bool:
    """Whether Excel shows the cell ×100 with a % sign (``0%``, ``0.00%``; not ``0"%"``)."""
    return "%" in _FORMAT_LITERALS.sub("", number_format)


def _numeric(raw: Any, number_format: str, unit: str) -> tuple[str, str]:
    percent = is_percent_format(number_format)
    if isinstance(raw, bool):
        return ("TRUE" if raw else "FALSE"), unit
    if isinstance(raw, int | float):
        text = str(raw) if isinstance(raw, int) else float_text(raw)
        if not percent:
            return text, unit
        try:
            return decimal_text(Decimal(text).scaleb(2)), "%"
        except InvalidOperation:
            return text, "%"
    if not isinstance(raw, str):
        return plain_text(raw), unit
    text = squeeze(raw)
    match = _NUMBER.fullmatch(text)
    if match is None:
        return text, unit  # not a number: check_value says so
    digits, written_unit = match.groups()
    if _NOT_A_UNIT.search(written_unit):
        return text, unit  # "1,2", "1.2.3", "+1+1", "1e5": not a number
    value = decimal_text(Decimal(digits.replace(",", "")))
    if not written_unit:
        return value, unit
    return value, (unit if unit_matches(written_unit, unit) else written_unit)


def _yes_no(raw: Any) -> str:
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    text = squeeze(plain_text(raw)).casefold()
    if text in YES:
        return "yes"
    if text in NO:
        return "no"
    return squeeze(plain_text(raw))  # check_value says it is not yes or no


def reported(raw: Any, number_format: str, leaf: Indicator) -> tuple[str, str] | None:
    """``(value, unit as written)`` for ``check_value``, or None for an empty cell.

    The unit is the leaf's own unless the cell says otherwise: ``12亿元`` in a 万元
    column, or a percentage-formatted number in a column that is not in percent.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    unit = leaf.reported.unit if leaf.reported else "text"
    if unit == "text":
        return plain_text(raw).strip(), unit
    if unit == "yes/no":
        return _yes_no(raw), unit
    return _numeric(raw, number_format, unit)


def short_text(raw: Any) -> str | None:
    """A name or other one-line field: spaces collapsed, None when empty."""
    if raw is None:
        return None
    text = " ".join(plain_text(raw).split())
    return text or None


def code_text(raw: Any) -> str | None:
    """An id or code: NFKC, spaces around dropped, None when empty."""
    if raw is None:
        return None
    text = nfkc(plain_text(raw)).strip()
    return text or None
