"""The text of an evidence file, page by page, within limits a hostile file cannot pass.

A PDF page's text comes from its text layer (PDFium, through ``pypdfium2``); a page without
one (a scan) is listed as ``no-text``. A workbook's sheet is one page: its cells, tab
between cells and a line per row, read with openpyxl's read-only reader up to the row and
cell limits (the sheet's claimed dimension is ignored, as it may claim A1:XFD5000). A text
file is one page. Images and other files have no text to index.

Limits: a file's bytes, its page count (the first ``max_pages`` are indexed), the text per
page (the rest is cut) and the time per file (checked between pages and rows: a single
page PDFium spends long on is not interrupted). ``Broken`` is raised for a file that cannot
be read as its type; the index lists it and goes on.
"""

from __future__ import annotations

import io
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from expertscore.filetypes import FileType

# a lock per process: PDFium is not thread-safe
PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 512 << 20
    max_pages: int = 3000
    max_page_chars: int = 200_000
    max_seconds: float = 60.0  # per file
    max_rows: int = 20_000  # per workbook
    max_cells: int = 400_000  # per workbook
    max_columns: int = 200
    max_sheet_bytes: int = 50 << 20  # uncompressed sheet XML
    max_text_bytes: int = 4 << 20


@dataclass(frozen=True)
class PageText:
    page: int  # 1-based
    label: str | None  # a sheet's name
    text: str
    state: str  # text, no-text or cut


@dataclass(frozen=True)
class Broken(Exception):
    """The file cannot be read as its type; ``reason`` is the library's word."""

    reason: str


@dataclass(frozen=True)
class Refused(Exception):
    """The file is beyond a limit before anything is read: ``what`` is ``size`` > ``limit``."""

    what: str
    size: int
    limit: int


def kind_of(filetype: FileType) -> str:
    """What the index does with a file: pdf, table, text, image or other."""
    if filetype.view in ("pdf", "table", "text", "image"):
        return filetype.view
    return "other"


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() > self.end


def _clip(text: str, limit: int) -> tuple[str, bool]:
    return (text[:limit], True) if len(text) > limit else (text, False)


Source = Path | bytes  # a file, or its bytes held in memory (never written out in clear)


def _stream(source: Source) -> BinaryIO:
    return io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")


def _pdfium_input(source: Source) -> str | bytes:
    return source if isinstance(source, bytes) else str(source)


def pdf_page_count(source: Source) -> int:
    import pypdfium2

    with PDFIUM_LOCK:
        try:
            document = pypdfium2.PdfDocument(_pdfium_input(source))
        except pypdfium2.PdfiumError as error:
            raise Broken(str(error)) from error
        try:
            return len(document)
        finally:
            document.close()


def pdf_pages(source: Source, start: int, limits: Limits, deadline: Deadline) -> Iterator[PageText]:
    """Pages ``start``.. (1-based) of a PDF up to ``limits.max_pages``, until the deadline."""
    import pypdfium2

    with PDFIUM_LOCK:
        try:
            document = pypdfium2.PdfDocument(_pdfium_input(source))
        except pypdfium2.PdfiumError as error:
            raise Broken(str(error)) from error
        try:
            last = min(len(document), limits.max_pages)
            for number in range(start, last + 1):
                if deadline.passed():
                    return
                yield _pdf_page(document, number, limits)
        finally:
            document.close()


def _pdf_page(document, number: int, limits: Limits) -> PageText:
    import pypdfium2

    try:
        page = document[number - 1]
        textpage = page.get_textpage()
        count = textpage.count_chars()
        text = textpage.get_text_range(0, min(count, limits.max_page_chars)) if count > 0 else ""
        textpage.close()
        page.close()
    except pypdfium2.PdfiumError:
        return PageText(number, None, "", "no-text")
    text = text.replace("\r\n", "\n").replace("\x00", "")
    if not text.strip():
        return PageText(number, None, "", "no-text")
    return PageText(number, None, text, "cut" if count > limits.max_page_chars else "text")


def _cell_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    fmt = getattr(cell, "number_format", "") or ""
    if isinstance(value, int | float | Decimal) and "%" in fmt:
        decimals = fmt.split("%")[0].partition(".")[2].count("0")
        return f"{Decimal(str(value)) * 100:.{decimals}f}%"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()[:10] if not getattr(value, "hour", 0) else value.isoformat()
    return str(value)


def workbook_pages(source: Source, limits: Limits, deadline: Deadline) -> Iterator[PageText]:
    """One page per sheet; rows and cells beyond the limits are cut."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(_stream(source)) as archive:
            for info in archive.infolist():
                too_big = info.file_size > limits.max_sheet_bytes
                if info.filename.startswith("xl/worksheets/") and too_big:
                    raise Refused("sheet bytes", info.file_size, limits.max_sheet_bytes)
        # from a stream: openpyxl refuses a path without an Excel extension
        stream = _stream(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise Broken(type(error).__name__) from error
    with stream:
        try:
            book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
            raise Broken(type(error).__name__) from error
        yield from _sheets(book, limits, deadline)


def _sheets(book, limits: Limits, deadline: Deadline) -> Iterator[PageText]:
    rows = cells = 0
    try:
        for number, sheet in enumerate(book.worksheets, start=1):
            lines: list[str] = []
            cut = False
            sheet.reset_dimensions()  # read what is there, not what the sheet claims
            for row in sheet.iter_rows(max_col=limits.max_columns):
                if rows >= limits.max_rows or cells >= limits.max_cells or deadline.passed():
                    cut = True
                    break
                texts = [_cell_text(cell) for cell in row]
                while texts and not texts[-1]:
                    texts.pop()
                lines.append("\t".join(texts))
                rows += 1
                cells += len(texts) + 1
            text, clipped = _clip("\n".join(lines), limits.max_page_chars)
            state = "cut" if cut or clipped else ("text" if text.strip() else "no-text")
            yield PageText(number, sheet.title, text, state)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError) as error:
        raise Broken(type(error).__name__) from error
    finally:
        book.close()


def text_pages(source: Source, limits: Limits) -> Iterator[PageText]:
    with _stream(source) as stream:
        data = stream.read(limits.max_text_bytes + 1)
    cut = len(data) > limits.max_text_bytes
    data = data[: limits.max_text_bytes]
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("utf-8", "replace")
    text, clipped = _clip(text.replace("\r\n", "\n").replace("\x00", ""), limits.max_page_chars)
    state = "cut" if cut or clipped else ("text" if text.strip() else "no-text")
    yield PageText(1, None, text, state)
