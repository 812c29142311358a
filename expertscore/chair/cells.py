"""Writing cells of exported workbooks: text never becomes a formula, numbers stay exact.

Every exporter that writes a spreadsheet goes through ``safe_text`` and ``write_number``.

**Text.** Platform names, operators, comments, reasons and file names come from people
outside the program. openpyxl turns any ``str`` that starts with ``=`` into a formula
when it is assigned to ``cell.value``, and a spreadsheet turns text starting with
``= + - @`` (or a tab or line break before them) into a formula when a user re-enters the
cell. ``safe_text`` therefore stores text as a string cell directly (type ``s``, written
as an inline string), below openpyxl's type guessing, and gives text that a spreadsheet
would read as a formula the ``quotePrefix`` style, so Excel and LibreOffice show it as
text and keep it text when edited. Characters XML cannot carry are dropped.

**Numbers.** openpyxl writes numbers with ``"%.16g" % value``, through a binary float, so
``Decimal("82.49")`` lands in the file as ``82.48999999999999``. ``write_number`` writes
the decimal's own digits instead; every reader then gets the double nearest to the
decimal, exactly as if a person had typed it, and the cell's number format shows the
scheme's decimals.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# What makes a spreadsheet read typed text as a formula or a command (OWASP's list, plus
# the full-width forms an input method may produce and a line feed).
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")
MAX_CELL_TEXT = 32767  # Excel's limit for one cell
# Control characters, lone surrogates and U+FFFE/U+FFFF: XML 1.0 cannot carry them.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
WIDE = frozenset("WF")  # East Asian Wide and Fullwidth: two columns each
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula (``=1+1``, ``  +cmd``, ``@SUM``)."""
    stripped = text.lstrip(" \u3000")
    return bool(text) and (text[0] in FORMULA_STARTS or stripped[:1] in FORMULA_STARTS)


def clean_text(text: str) -> str:
    """``text`` without characters XML 1.0 cannot hold, cut to what one cell can hold."""
    return NOT_XML.sub("", text)[:MAX_CELL_TEXT]


def safe_text(cell: Cell, text: str | None) -> Cell:
    """Put ``text`` into ``cell`` as plain text that no spreadsheet evaluates."""
    if text is None or text == "":
        cell.value = None
        return cell
    value = clean_text(str(text))
    # Assigning cell.value would let openpyxl guess a formula from a leading "=".
    cell._value = value
    cell.data_type = "s"
    if is_formula_like(value):
        cell.quotePrefix = True
    return cell


def number_format(decimals: int) -> str:
    """``0``, ``0.0``, ``0.00``, … for a number shown with ``decimals`` places."""
    return "0" if decimals <= 0 else "0." + "0" * decimals


def places(value: Decimal) -> int:
    """How many decimal places ``value`` is written with (``7.50`` → 2, ``30`` → 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def write_number(cell: Cell, value: Decimal | int | None, decimals: int | None = None) -> Cell:
    """Put ``value`` into ``cell`` as a number written with its own decimal digits.

    The format shows ``decimals`` places, or more when ``value`` has more, so that what is
    shown is never a rounded version of what is stored.
    """
    if value is None:
        cell.value = None
        return cell
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    text = format(number, "f")
    # A str with type "n" is written verbatim into <v>…</v>; see the module docstring.
    cell._value = text
    cell.data_type = "n"
    shown = max(decimals if decimals is not None else 0, places(number))
    cell.number_format = number_format(shown)
    return cell


def display_width(text: str) -> int:
    """Columns ``text`` takes in a fixed-width view: CJK characters count two."""
    longest = 0
    for line in text.split("\n"):
        width = sum(2 if unicodedata.east_asian_width(ch) in WIDE else 1 for ch in line)
        longest = max(longest, width)
    return longest


class SheetWriter:
    """Writes rows into one worksheet and sizes its columns to what was written.

    Column widths follow the widest text (CJK characters count two), between ``narrow``
    and ``wide``; text wider than ``wide`` wraps.
    """

    def __init__(self, sheet: Worksheet, narrow: int = 6, wide: int = 48) -> None:
        self.sheet = sheet
        self.narrow = narrow
        self.wide = wide
        self.widths: dict[int, int] = {}
        self.row = 0

    def _measure(self, column: int, width: int) -> None:
        self.widths[column] = max(self.widths.get(column, 0), width)

    def text(
        self, row: int, column: int, text: str | None, font: Font | None = None, fit: bool = True
    ) -> Cell:
        """Write text; ``fit=False`` for text that may run over into empty cells (titles)."""
        cell = safe_text(self.sheet.cell(row=row, column=column), text)
        if font is not None:
            cell.font = font
        if text and fit:
            width = display_width(clean_text(str(text)))
            if width > self.wide or "\n" in str(text):
                cell.alignment = WRAP
            self._measure(column, min(width, self.wide))
        return cell

    def number(
        self, row: int, column: int, value: Decimal | int | None, decimals: int | None = None
    ) -> Cell:
        cell = write_number(self.sheet.cell(row=row, column=column), value, decimals)
        if value is not None:
            self._measure(column, len(format(Decimal(value), "f")) + 1)
        return cell

    def append(self, values: Iterable[object], font: Font | None = None) -> int:
        """Write one row after the last: ``Decimal``/``int`` as numbers, the rest as text."""
        self.row += 1
        for column, value in enumerate(values, start=1):
            if isinstance(value, Decimal | int) and not isinstance(value, bool):
                cell = self.number(self.row, column, value)
                if font is not None:
                    cell.font = font
            else:
                self.text(self.row, column, None if value is None else str(value), font)
        return self.row

    def header(self, labels: Iterable[str]) -> int:
        return self.append(labels, BOLD)

    def skip(self, rows: int = 1) -> None:
        self.row += rows

    def fit_columns(self, fixed: dict[int, int] | None = None) -> None:
        """Set every written column's width; ``fixed`` widths win over measured ones."""
        for column, width in {**self.widths, **(fixed or {})}.items():
            letter = get_column_letter(column)
            self.sheet.column_dimensions[letter].width = max(self.narrow, width + 2)
