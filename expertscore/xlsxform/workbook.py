"""Opening the workbook safely and reading its rows cell by cell.

The workbook is opened with ``read_only=True`` (rows are streamed) and ``data_only=False``
(a formula arrives as its text, ``=SUM(F2:F5)``, so it can be refused: the form must carry
the reported values themselves, not a calculation whose cached result may be stale).
Whatever the parser raises on a damaged file becomes one ``XlsxFormError``.
"""

from __future__ import annotations

import warnings
import zipfile
from collections import deque
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from expertscore.batch.manifest import FormMerge
from expertscore.xlsxform.errors import FormRule, XlsxFormError
from expertscore.xlsxform.text import clean, code_point, key, shown

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


MERGE_TAG = f"{{{SHEET_MAIN_NS}}}mergeCell"
MERGE_BYTES = b"mergeCell"
MAX_ACTIVE_MERGES = 2000  # merged ranges over one row; a real form has far fewer columns


@dataclass
class Findings:
    """What reading the workbook changed, for the import summary."""

    merges: list[FormMerge] = field(default_factory=list)
    # (sheet, cell) -> the code points removed from that cell, in order
    removed: dict[tuple[str, str], list[str]] = field(default_factory=dict)


class Sheet:
    """One worksheet, read row by row.

    A cell merged over several rows below the header holds its value in every row it
    covers (what the user sees); ``rows`` hands each such row the merge's first cell.
    """

    def __init__(self, source: str, worksheet: Any, findings: Findings | None = None) -> None:
        self.source = source
        self.title: str = worksheet.title
        self._worksheet = worksheet
        self.findings = findings if findings is not None else Findings()
        self._merges: list[CellRange] | None = None
        self._anchors: dict[str, tuple[str, Any]] = {}  # merge -> its first cell and ref

    def error(
        self,
        message: str,
        cell: str | None = None,
        rule: FormRule = FormRule.OTHER,
        **facts: str,
    ) -> XlsxFormError:
        return XlsxFormError(
            self.source, message, sheet=self.title, cell=cell, rule=rule, facts=facts
        )

    def merges(self) -> list[CellRange]:
        """The sheet's merged ranges; read-only openpyxl does not keep them, so read the XML."""
        if self._merges is None:
            try:
                self._merges = self._read_merges() if self._has_merges() else []
            except Exception as exc:  # a damaged sheet, whatever the parser raises
                raise self.error(f"cannot be read: {_detail(exc)}").saying(
                    "unreadable", why=_detail(exc)
                ) from None
        return self._merges

    def _has_merges(self) -> bool:
        """A byte scan, much faster than parsing: most sheets have no merges at all."""
        tail = b""
        # The read-only sheet's own way to its XML part (not a public method).
        with self._worksheet._get_source() as source:
            while chunk := source.read(1 << 20):
                if MERGE_BYTES in tail + chunk:
                    return True
                tail = chunk[-len(MERGE_BYTES) :]
        return False

    def _read_merges(self) -> list[CellRange]:
        found: list[CellRange] = []
        with self._worksheet._get_source() as source:
            for _, element in iterparse(source):
                if element.tag == MERGE_TAG and element.get("ref"):
                    found.append(CellRange(element.get("ref")))
                element.clear()
        return found

    def data_merges(self) -> list[CellRange]:
        """Merges below the header; a merge joining the header to data rows is refused."""
        for merged in self.merges():
            if merged.min_row == 1 and merged.max_row > 1:
                raise self.error(
                    f"the merged cells {merged.coord} join the header (row 1) with data rows;"
                    " unmerge them",
                    merged.coord,
                    FormRule.MERGE_HEADER,
                    range=merged.coord,
                )
        return [merged for merged in self.merges() if merged.min_row > 1]

    def check_merge_columns(self, labels: dict[int, str]) -> None:
        """Refuse a merge below the header over columns read as different fields.

        ``labels`` names each read column (0-based index -> its header); columns not in it
        are never read, so a merge may cover them.
        """
        columns = sorted(labels.items())
        for merged in self.data_merges():
            covered = [
                label for index, label in columns if merged.min_col <= index + 1 <= merged.max_col
            ]
            distinct = list(dict.fromkeys(covered))
            if len(distinct) > 1:
                raise self.error(
                    f"the merged cells {merged.coord} cover the columns '{shown(distinct[0])}'"
                    f" and '{shown(distinct[1])}'; unmerge them and fill each column",
                    merged.coord,
                    FormRule.MERGE_COLUMNS,
                    range=merged.coord,
                    first=distinct[0],
                    second=distinct[1],
                )

    def rows(self, check_merges: bool = True) -> Generator[Row, None, None]:
        """Every row from row 1, numbered as Excel numbers them; missing rows are empty.

        Merges are checked (``data_merges``) once the header row has been handed out.
        """
        # Producers write wrong <dimension> elements; without this openpyxl trusts them
        # and silently stops early.
        self._worksheet.reset_dimensions()
        iterator = iter(self._worksheet.iter_rows())
        waiting: deque[CellRange] = deque()  # merges below, by first row
        active: list[CellRange] = []  # merges covering the current row
        number = 0
        while True:
            try:
                cells = next(iterator)
            except StopIteration:
                return
            except Exception as exc:  # a damaged sheet, whatever the parser raises
                raise self.error(f"cannot be read: {_detail(exc)}").saying(
                    "unreadable", why=_detail(exc)
                ) from None
            number += 1
            if number == 2 and check_merges:
                waiting.extend(sorted(self.data_merges(), key=lambda merged: merged.min_row))
            row = Row(self, number, tuple(cells))
            if waiting or active:
                while waiting and waiting[0].min_row <= number:
                    active.append(waiting.popleft())
                active = [block for block in active if block.max_row >= number]
                if len(active) > MAX_ACTIVE_MERGES:  # no form is that wide; a hostile file
                    raise self.error(
                        f"more than {MAX_ACTIVE_MERGES} merged ranges in row {number}"
                    ).saying("too_many_merges", limit=MAX_ACTIVE_MERGES, row=number)
                row = self._with_merges(row, active)
            yield row

    def _with_merges(self, row: Row, active: list[CellRange]) -> Row:
        """``row`` with the first cell of every merge that covers it below its first row."""
        merged: dict[int, tuple[str, Any]] = {}
        for block in active:
            index = block.min_col - 1
            if row.number == block.min_row:
                if row.filled(index) and block.max_row > block.min_row:
                    self.findings.merges.append(
                        FormMerge(
                            sheet=self.title,
                            range=block.coord,
                            first_row=block.min_row,
                            last_row=block.max_row,
                        )
                    )
                    self._anchors[block.coord] = (row.ref(index), row.cells[index])
                continue
            anchor = self._anchors.get(block.coord)
            if anchor is not None:
                merged[index] = anchor
        return Row(self, row.number, row.cells, merged) if merged else row


def _cell_text(value: Any) -> Any:
    """A cell's value with text cleaned (``text.clean``); other values as they are."""
    return clean(value)[0] if isinstance(value, str) else value


@dataclass(frozen=True)
class Row:
    sheet: Sheet
    number: int
    cells: tuple[Any, ...]  # the row's own cells
    # 0-based column -> (ref, cell) of a merge's first cell that covers this row
    merged: dict[int, tuple[str, Any]] = field(default_factory=dict)

    def ref(self, index: int) -> str:
        """``F7`` for the 0-based column ``index`` of this row."""
        return f"{get_column_letter(index + 1)}{self.number}"

    def error(
        self, index: int, message: str, rule: FormRule = FormRule.OTHER, **facts: str
    ) -> XlsxFormError:
        return self.sheet.error(message, self.ref(index), rule, **facts)

    def __len__(self) -> int:
        return len(self.cells)

    def _cell(self, index: int) -> tuple[str, Any] | None:
        if index in self.merged:
            return self.merged[index]
        if index >= len(self.cells):
            return None
        return self.ref(index), self.cells[index]

    def raw(self, index: int) -> Any:
        """The cell's own value, uncleaned (None past the row's end)."""
        return self.cells[index].value if index < len(self.cells) else None

    def value(self, index: int) -> Any:
        """The cell's value, text cleaned; a formula is refused, naming the cell.

        Invisible characters taken out of the text are noted for the import summary.
        """
        found = self._cell(index)
        if found is None:
            return None
        ref, cell = found
        value = cell.value
        if isinstance(value, str):
            value, removed = clean(value)
            if removed:
                self.sheet.findings.removed[self.sheet.title, ref] = [
                    code_point(char) for char in removed
                ]
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
            ).saying("formula", formula=shown(formula, 30))
        return value

    def number_format(self, index: int) -> str:
        found = self._cell(index)
        if found is None:
            return "General"
        try:
            return found[1].number_format or "General"
        except (IndexError, KeyError, AttributeError):  # a style the file does not define
            return "General"

    def filled(self, index: int) -> bool:
        """Whether the cell (or the merge over it) holds anything visible; formulas do."""
        found = self._cell(index)
        if found is None:
            return False
        value = _cell_text(found[1].value)
        if value is None:
            return False
        return not (isinstance(value, str) and not value.strip())

    def own_filled(self) -> list[int]:
        """The columns whose own cell holds something; merged-in values do not count."""
        return [
            index
            for index in range(len(self.cells))
            if (value := _cell_text(self.cells[index].value)) is not None
            and not (isinstance(value, str) and not value.strip())
        ]

    def is_blank(self) -> bool:
        return not self.own_filled()


class Workbook:
    """An open workbook and its three known sheets."""

    def __init__(self, source: str, book: Any) -> None:
        self.source = source
        self._book = book
        self.findings = Findings()

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
            raise XlsxFormError(
                self.source, f"no sheet '{MAIN_SHEET}' with the submissions"
            ).saying("no_main_sheet", name=MAIN_SHEET)
        return Sheet(self.source, found, self.findings)

    def sheet(self, name: str) -> Sheet | None:
        found = self._find(name)
        return None if found is None else Sheet(self.source, found, self.findings)

    def sheets(self) -> list[Sheet]:
        return [Sheet(self.source, ws, self.findings) for ws in self._book.worksheets]


def _ole_refusal(path: Path) -> XlsxFormError:
    """Why an OLE compound file is not read: a password-protected .xlsx, or an old .xls.

    Excel and WPS keep a workbook with an opening password as an OLE file holding the
    streams ``EncryptionInfo`` and ``EncryptedPackage`` (MS-OFFCRYPTO); an old .xls holds
    a ``Workbook`` (or ``Book``) stream instead.
    """
    import olefile  # only for this rare case

    try:
        with olefile.OleFileIO(str(path)) as ole:
            encrypted = ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage")
    except Exception:  # a damaged OLE file, whatever olefile raises: call it what it looks like
        encrypted = False
    if encrypted:
        return XlsxFormError(
            path.name,
            "is protected by a password; open it in Excel or WPS, remove the password"
            " (File > Info > Protect Workbook > Encrypt with Password: leave it empty)"
            " and save it again",
            rule=FormRule.ENCRYPTED,
        )
    return XlsxFormError(
        path.name,
        "is an old .xls workbook; save it as an Excel Workbook (.xlsx)",
        rule=FormRule.OLD_XLS,
    )


@contextmanager
def open_workbook(path: Path) -> Iterator[Workbook]:
    """Open ``path`` as an .xlsx workbook, or raise one ``XlsxFormError`` saying why not."""
    source = path.name
    if not path.exists():
        raise XlsxFormError(source, "no such file").saying("no_file")
    if not path.is_file():
        raise XlsxFormError(source, "is a folder, not a workbook").saying("is_folder")
    try:
        handle: IO[bytes] = path.open("rb")
    except OSError as exc:
        raise XlsxFormError(source, f"cannot be read: {exc.strerror}").saying(
            "unreadable", why=exc.strerror
        ) from None
    with handle:
        head = handle.read(8)
        handle.seek(0)
        if head == OLE2_MAGIC:
            raise _ole_refusal(path)
        if not zipfile.is_zipfile(handle):
            raise XlsxFormError(source, "is not an Excel .xlsx workbook (not a zip file)").saying(
                "not_zip"
            )
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
                        ).saying("zip_bomb", part=info.filename, size=info.file_size)
        except zipfile.BadZipFile as exc:
            raise XlsxFormError(source, f"is not a readable .xlsx workbook ({exc})").saying(
                "not_xlsx", why=exc
            ) from None
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
            ).saying("not_xlsx", why=_detail(exc)) from None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield Workbook(source, book)
        finally:
            book.close()
