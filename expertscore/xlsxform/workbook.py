"""Opening the workbook safely and reading its rows cell by cell.

The workbook is opened with ``read_only=True`` (rows are streamed) and ``data_only=False``
(a formula arrives as its text, ``=SUM(F2:F5)``, so it can be refused: the form must carry
the reported values themselves, not a calculation whose cached result may be stale).
Whatever the parser raises on a damaged file becomes one ``XlsxFormError``.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from expertscore.xlsxform.errors import XlsxFormError
from expertscore.xlsxform.text import key, shown

MAX_PART = 256 << 20  # no part of a form is this large
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .et, .wps)

MAIN_SHEET = "申报信息"
EVIDENCE_SHEET = "证明材料"
ROSTER_SHEET = "专家"
SHEET_ALIASES = {
    MAIN_SHEET: ("submissions",),
    EVIDENCE_SHEET: ("evidence",),
    ROSTER_SHEET: ("experts", "专家名单"),
}


def _detail(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return shown(text, 120)


class Sheet:
    """One worksheet, read row by row."""

    def __init__(self, source: str, worksheet: Any) -> None:
        self.source = source
        self.title: str = worksheet.title
        self._worksheet = worksheet

    def error(self, message: str, cell: str | None = None) -> XlsxFormError:
        return XlsxFormError(self.source, message, sheet=self.title, cell=cell)

    def rows(self) -> Iterator[Row]:
        """Every row from row 1, numbered as Excel numbers them; missing rows are empty."""
        # Producers write wrong <dimension> elements; without this openpyxl trusts them
        # and silently stops early.
        self._worksheet.reset_dimensions()
        iterator = iter(self._worksheet.iter_rows())
        number = 0
        while True:
            try:
                cells = next(iterator)
            except StopIteration:
                return
            except Exception as exc:  # a damaged sheet, whatever the parser raises
                raise self.error(f"cannot be read: {_detail(exc)}") from None
            number += 1
            yield Row(self, number, tuple(cells))


@dataclass(frozen=True)
class Row:
    sheet: Sheet
    number: int
    cells: tuple[Any, ...]

    def ref(self, index: int) -> str:
        """``F7`` for the 0-based column ``index`` of this row."""
        return f"{get_column_letter(index + 1)}{self.number}"

    def error(self, index: int, message: str) -> XlsxFormError:
        return self.sheet.error(message, self.ref(index))

    def __len__(self) -> int:
        return len(self.cells)

    def value(self, index: int) -> Any:
        """The cell's value; a formula is refused, naming the cell."""
        if index >= len(self.cells):
            return None
        value = self.cells[index].value
        formula = None
        if isinstance(value, ArrayFormula):
            formula = value.text or "="
        elif isinstance(value, DataTableFormula):
            formula = "=TABLE()"
        elif isinstance(value, str) and value.lstrip().startswith("="):
            formula = value.strip()
        if formula is not None:
            raise self.error(
                index,
                f"'{shown(formula, 30)}' is a formula; enter the value itself"
                " (in Excel: copy, then paste as values)",
            )
        return value

    def number_format(self, index: int) -> str:
        if index >= len(self.cells):
            return "General"
        try:
            return self.cells[index].number_format or "General"
        except (IndexError, KeyError, AttributeError):  # a style the file does not define
            return "General"

    def filled(self, index: int) -> bool:
        """Whether the cell holds anything but spaces (formulas count as filled)."""
        if index >= len(self.cells):
            return False
        value = self.cells[index].value
        if value is None:
            return False
        return not (isinstance(value, str) and not value.strip())

    def is_blank(self) -> bool:
        return not any(self.filled(index) for index in range(len(self.cells)))


class Workbook:
    """An open workbook and its three known sheets."""

    def __init__(self, source: str, book: Any) -> None:
        self.source = source
        self._book = book

    def _find(self, name: str) -> Any | None:
        wanted = {key(name), *(key(alias) for alias in SHEET_ALIASES[name])}
        return next((ws for ws in self._book.worksheets if key(ws.title) in wanted), None)

    def main_sheet(self) -> Sheet:
        """The sheet ``申报信息``, else the first sheet that is not one of the other two."""
        found = self._find(MAIN_SHEET)
        if found is None:
            others = {key(n) for n in (EVIDENCE_SHEET, ROSTER_SHEET)}
            for name in (EVIDENCE_SHEET, ROSTER_SHEET):
                others.update(key(alias) for alias in SHEET_ALIASES[name])
            found = next((ws for ws in self._book.worksheets if key(ws.title) not in others), None)
        if found is None:
            raise XlsxFormError(self.source, f"no sheet '{MAIN_SHEET}' with the submissions")
        return Sheet(self.source, found)

    def sheet(self, name: str) -> Sheet | None:
        found = self._find(name)
        return None if found is None else Sheet(self.source, found)


@contextmanager
def open_workbook(path: Path) -> Iterator[Workbook]:
    """Open ``path`` as an .xlsx workbook, or raise one ``XlsxFormError`` saying why not."""
    source = path.name
    if not path.exists():
        raise XlsxFormError(source, "no such file")
    if not path.is_file():
        raise XlsxFormError(source, "is a folder, not a workbook")
    try:
        handle: IO[bytes] = path.open("rb")
    except OSError as exc:
        raise XlsxFormError(source, f"cannot be read: {exc.strerror}") from None
    with handle:
        head = handle.read(8)
        handle.seek(0)
        if head == OLE2_MAGIC:
            raise XlsxFormError(
                source, "is an old .xls workbook; save it as an Excel Workbook (.xlsx)"
            )
        if not zipfile.is_zipfile(handle):
            raise XlsxFormError(source, "is not an Excel .xlsx workbook (not a zip file)")
        handle.seek(0)
        try:
            with zipfile.ZipFile(handle) as archive:
                for info in archive.infolist():
                    ratio = info.file_size / max(info.compress_size, 1)
                    if info.file_size > MAX_PART or (info.file_size > 1 << 20 and ratio > 200):
                        raise XlsxFormError(
                            source,
                            f"part '{info.filename}' expands to {info.file_size} bytes"
                            " (a zip bomb?); refused",
                        )
        except zipfile.BadZipFile as exc:
            raise XlsxFormError(source, f"is not a readable .xlsx workbook ({exc})") from None
        handle.seek(0)
        try:
            with warnings.catch_warnings():
                # openpyxl warns about features it drops (data validation extensions,
                # missing default style); none of them matter for reading values.
                warnings.simplefilter("ignore")
                book = openpyxl.load_workbook(handle, read_only=True, data_only=False)
        except Exception as exc:  # whatever a damaged or foreign zip makes the parser raise
            raise XlsxFormError(
                source, f"is not a readable .xlsx workbook ({_detail(exc)})"
            ) from None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield Workbook(source, book)
        finally:
            book.close()
