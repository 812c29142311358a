"""Reading an evidence file for the viewer, with limits checked before anything is loaded.

The file is given as its bytes, read from the session into memory: nothing is written to
disk to show it.

Runs on the viewer's own worker thread (never the interface thread): ``read_evidence``
returns what a pane shows, or raises ``TooLarge`` / ``Unreadable`` with the facts the pane
words. A workbook's sheets are measured from their ``<dimension>`` and their size in the
zip before openpyxl reads a row, then streamed with openpyxl's read-only reader that stops
at the limits (a sheet's ``<dimension>`` may claim A1:XFD5000 for a few cells, and the
read-only reader would pad every row to it). An image's pixel size comes from its header
(``QImageReader.size()``) before it is decoded; text is read up to a byte limit. A newer
selection sets the older load's ``cancel`` event: the reading stops at the next row.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QImage, QImageReader

from expertscore.filetypes import FileType

MAX_ROWS = 5000  # a workbook is evidence to read, not to process: show its start
MAX_COLUMNS = 200
MAX_CELLS = 200_000
MAX_SHEET_BYTES = 20 << 20  # uncompressed sheet XML
MAX_PIXELS = 40_000_000  # 40 megapixels, about 160 MB decoded
MAX_SIDE = 20_000
MAX_TEXT = 2 << 20
MAX_IMAGE_BYTES = 100 << 20


_loader: ThreadPoolExecutor | None = None


def loader() -> ThreadPoolExecutor:
    """The viewer's own worker: a slow file never delays an import, nor the reverse."""
    global _loader
    if _loader is None:
        _loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="expertscore-evidence")
    return _loader


@dataclass(frozen=True)
class TooLarge(Exception):
    """The file is larger than the viewer shows: ``what`` (rows, columns, cells, pixels,
    bytes) is ``size``, the limit is ``limit``."""

    what: str
    size: int
    limit: int


@dataclass(frozen=True)
class Unreadable(Exception):
    """The file cannot be read as its type (``reason`` is the library's word)."""

    reason: str


@dataclass
class Sheet:
    name: str
    rows: list[list[str]] = field(default_factory=list)
    cut: bool = False  # stopped at a limit


@dataclass
class Loaded:
    view: str  # image, text or table
    image: QImage | None = None
    text: str = ""
    cut: bool = False
    sheets: list[Sheet] = field(default_factory=list)


DIMENSION = re.compile(rb"<(?:\w+:)?dimension[^>]*\bref=\"([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?\"")


def column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_sheet(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a sheet whose XML or claimed dimension is beyond the limits."""
    info = archive.getinfo(name)
    if info.file_size > MAX_SHEET_BYTES:
        raise TooLarge("bytes", info.file_size, MAX_SHEET_BYTES)
    with archive.open(info) as stream:
        head = stream.read(4096)
    found = DIMENSION.search(head)
    if found is None or found.group(3) is None:
        return
    rows = int(found.group(4))
    columns = column_number(found.group(3))
    if rows > MAX_ROWS:
        raise TooLarge("rows", rows, MAX_ROWS)
    if columns > MAX_COLUMNS:
        raise TooLarge("columns", columns, MAX_COLUMNS)
    if rows * columns > MAX_CELLS:
        raise TooLarge("cells", rows * columns, MAX_CELLS)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_workbook(data: bytes, cancel: threading.Event) -> Loaded:
    import openpyxl  # only needed when a workbook is opened
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    _check_sheet(archive, name)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise Unreadable(type(error).__name__) from error
    loaded = Loaded("table")
    cells = 0
    try:
        for sheet in book.worksheets:
            shown = Sheet(sheet.title)
            sheet.reset_dimensions()  # stream what is there, not what <dimension> claims
            for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
                if cancel.is_set():
                    return loaded
                if len(shown.rows) >= MAX_ROWS or cells >= MAX_CELLS:
                    shown.cut = True
                    break
                row = [_cell_text(value) for value in values]
                while row and not row[-1]:  # the reader pads each row to max_col
                    row.pop()
                shown.rows.append(row)
                cells += len(row) + 1
            loaded.sheets.append(shown)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        raise Unreadable(type(error).__name__) from error
    finally:
        book.close()
    return loaded


def read_image(data: bytes) -> Loaded:
    if len(data) > MAX_IMAGE_BYTES:
        raise TooLarge("bytes", len(data), MAX_IMAGE_BYTES)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # photos taken on a phone carry their rotation
    size: QSize = reader.size()  # from the header: nothing is decoded yet
    if not size.isValid():
        raise Unreadable(reader.errorString())
    if max(size.width(), size.height()) > MAX_SIDE:
        raise TooLarge("pixels", max(size.width(), size.height()), MAX_SIDE)
    if size.width() * size.height() > MAX_PIXELS:
        raise TooLarge("pixels", size.width() * size.height(), MAX_PIXELS)
    image = reader.read()
    if image.isNull():
        raise Unreadable(reader.errorString())
    return Loaded("image", image=image)


def read_text(data: bytes) -> Loaded:
    cut = len(data) > MAX_TEXT
    data = data[:MAX_TEXT]
    for encoding in ("utf-8", "gb18030"):
        try:
            return Loaded("text", text=data.decode(encoding), cut=cut)
        except UnicodeDecodeError:
            continue
    return Loaded("text", text=data.decode("utf-8", "replace"), cut=cut)


def read_evidence(data: bytes, kind: FileType, cancel: threading.Event) -> Loaded:
    """What the pane for ``kind.view`` shows (``TooLarge``, ``Unreadable``)."""
    if kind.view == "table":
        return read_workbook(data, cancel)
    if kind.view == "image":
        return read_image(data)
    if kind.view == "text":
        return read_text(data)
    raise ValueError(kind.view)
