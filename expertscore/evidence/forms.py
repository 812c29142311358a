"""The forms a reported number takes in real documents, and reading numbers back from text.

A reported value is stored in its unit (``131238.45`` 万元, ``25000`` 台/套, ``10.34`` %).
Documents write it grouped or not (``131,238.45``), at another scale with a suffix
(``13.12亿``, ``13.1238 万``), in yuan (``1,312,384,500``), rounded or cut to fewer
decimals, a percentage with or without a space before ``%``. A number read from a page
matches when rounding (or cutting) the value, at the number's scale, to the number's
decimals gives the number, and the number keeps at least ``MIN_DIGITS`` significant digits:
``13万`` does not prove 131,238. A shorter number (a count of 3, a value of 45) matches
only beside its unit (``3件``) or after the indicator's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

MIN_DIGITS = 3
MAX_DECIMALS = 4
SUFFIX = {"": Decimal(1), "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
# a number not inside a longer one, an optional 万/亿 and an optional percent sign after it
NUMBER = re.compile(
    r"(?<![\d.,])([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?!\d|,\d)"
    r"(?:[ \t]*(万|亿)(?!分))?(?:[ \t]*([%％]))?"
)
DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


@dataclass(frozen=True)
class Written:
    """A number as read from a page."""

    start: int
    end: int
    value: Decimal  # as written, without its suffix
    decimals: int
    suffix: str  # "", 万 or 亿
    percent: bool

    @property
    def digits(self) -> str:
        """The number without sign and grouping, as ``search_forms`` spells it ungrouped."""
        return f"{abs(self.value):f}"


def _written(found: re.Match[str]) -> Written:
    sign, whole, fraction, suffix, percent = found.groups()
    digits = whole.replace(",", "") + ("." + fraction if fraction else "")
    value = Decimal(digits)
    return Written(
        found.start(),
        found.end(),
        -value if sign else value,
        len(fraction or ""),
        suffix or "",
        bool(percent),
    )


def read_numbers(text: str) -> Iterator[Written]:
    for found in NUMBER.finditer(text):
        yield _written(found)


def numbers_spelled(text: str, forms: list[str]) -> Iterator[Written]:
    """The numbers of ``text`` that begin where one of ``forms`` is written: what
    ``read_numbers`` gives for them, without reading every number of a page full of figures.
    (A number that matches begins with one of its forms, and no form, digits and separators
    only, can run across the character before a number into it.)"""
    spelled = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))
    seen: set[int] = set()
    for occurrence in spelled.finditer(text):
        start = occurrence.start()
        if start and text[start - 1] in "-−":
            start -= 1
        found = NUMBER.match(text, start)
        if found is not None and found.start() not in seen:
            seen.add(found.start())
            yield _written(found)


def parse_value(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def significant(value: Decimal) -> int:
    """Significant digits as written: ``2.70`` has three, ``0.05`` one, ``25000`` five."""
    return len("".join(map(str, value.as_tuple().digits)).lstrip("0"))


def short_value(value: Decimal) -> bool:
    """A value too short to be found by its digits alone (3, 45, 2.00)."""
    text = f"{abs(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return len(text.replace(".", "").lstrip("0")) < MIN_DIGITS


def base_factors(unit: str, suffix: str) -> tuple[Decimal, ...]:
    """What one written unit (with ``suffix``) is worth in the value's unit."""
    scale = SUFFIX[suffix]
    if unit == "万元":
        if suffix == "":  # a bare amount is in 万元 (the table says so) or in 元
            return (Decimal(1), Decimal(1) / SUFFIX["万"])
        return (scale / SUFFIX["万"],)
    if unit == "%":
        return (Decimal(1),) if suffix == "" else ()
    return (scale,)


def _rounds_to(value: Decimal, written: Decimal, decimals: int) -> bool:
    quantum = Decimal(1).scaleb(-decimals)
    modes = (ROUND_HALF_UP, ROUND_DOWN)
    return any(value.quantize(quantum, rounding=mode) == written for mode in modes)


def matches(value: Decimal, unit: str, written: Written) -> str | None:
    """``strong`` when ``written`` proves ``value``, ``short`` when it equals a value too short
    to prove anything alone, else None."""
    if written.decimals > MAX_DECIMALS + 2 or (written.percent and unit != "%"):
        return None
    for factor in base_factors(unit, written.suffix):
        scaled = value / factor
        if not _rounds_to(scaled, written.value, written.decimals):
            continue
        if significant(written.value) >= MIN_DIGITS:
            return "strong"
        if scaled == written.value:
            return "short"
    return None


def search_forms(value: Decimal, unit: str) -> list[str]:
    """Strings of three or more characters, one of which every matching number contains
    (what the full-text index is asked for before the numbers are read)."""
    forms: set[str] = set()
    for suffix in SUFFIX:
        for factor in base_factors(unit, suffix):
            scaled = value / factor
            for decimals in range(MAX_DECIMALS + 1):
                rounded = scaled.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
                cut = scaled.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)
                for number in {rounded, cut}:
                    if significant(number) < MIN_DIGITS:
                        continue
                    forms.add(f"{abs(number):.{decimals}f}")
                    forms.add(f"{abs(number):,.{decimals}f}")
    return sorted(form for form in forms if len(form) >= 3)


def date_forms(text: str) -> list[str]:
    """A date's usual spellings, when ``text`` is a date."""
    found = DATE.match(text.strip())
    if not found:
        return []
    try:
        day = date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return []
    y, m, d = day.year, day.month, day.day
    return sorted(
        {
            day.isoformat(),
            f"{y}年{m}月{d}日",
            f"{y}年{m:02d}月{d:02d}日",
            f"{y}/{m}/{d}",
            f"{y}/{m:02d}/{d:02d}",
            f"{y}.{m:02d}.{d:02d}",
            f"{y}.{m}.{d}",
        }
    )


GENERIC_PREFIXES = ("平台", "企业", "年度", "累计")
GENERIC_SUFFIXES = ("总数量", "数量", "总数", "总额", "情况", "规模", "个数", "数")


def indicator_words(name: str) -> list[str]:
    """The indicator's own words as documents may write them: its name, and its name
    without a generic lead (平台, 企业) or tail (数量, 总额)."""
    words = [name.strip()]
    core = name.strip()
    for prefix in GENERIC_PREFIXES:
        core = core.removeprefix(prefix)
    for suffix in GENERIC_SUFFIXES:
        if core.endswith(suffix) and len(core) - len(suffix) >= 3:
            core = core[: -len(suffix)]
            break
    core = re.split(r"[（(]", core)[0].strip()
    if len(core) >= 3 and core not in words:
        words.append(core)
    return [word for word in words if len(word) >= 3]
