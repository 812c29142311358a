"""The viewer's readers: limits checked before anything is loaded, on real files."""

from __future__ import annotations

import struct
import threading
import zlib

import pytest
from openpyxl import Workbook

from expertscore import filetypes as ft
from expertscore.demo.hostile import dimension_workbook
from ui.evidence import loading
from ui.evidence.loading import TooLarge, Unreadable, read_evidence


def _png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` (with one tiny, truncated IDAT)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


def read(path, kind):
    return read_evidence(path.read_bytes(), kind, threading.Event())


def test_a_claimed_dimension_beyond_the_limits_is_refused_unread(tmp_path):
    path = tmp_path / "claims.xlsx"
    path.write_bytes(dimension_workbook())
    with pytest.raises(TooLarge) as refused:
        read(path, ft.XLSX)
    assert (refused.value.what, refused.value.size) == ("columns", 16384)


def test_a_long_sheet_is_streamed_up_to_the_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "MAX_ROWS", 50)
    book = Workbook(write_only=True)  # write-only workbooks carry no <dimension>
    sheet = book.create_sheet("长表")
    for number in range(200):
        sheet.append([number, f"第{number}行"])
    path = tmp_path / "long.xlsx"
    book.save(path)
    loaded = read(path, ft.XLSX)
    [shown] = loaded.sheets
    assert (len(shown.rows), shown.cut, shown.rows[3]) == (50, True, ["3", "第3行"])


def test_a_cancelled_read_stops(tmp_path):
    book = Workbook()
    for number in range(100):
        book.active.append([number])
    path = tmp_path / "book.xlsx"
    book.save(path)
    cancel = threading.Event()
    cancel.set()
    assert read_evidence(path.read_bytes(), ft.XLSX, cancel).sheets == []


def test_a_broken_workbook_is_unreadable(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    with pytest.raises(Unreadable):
        read(path, ft.XLSX)


def test_image_size_comes_from_the_header_before_decoding(tmp_path, qapp):
    huge = tmp_path / "huge.png"
    huge.write_bytes(_png(30_000, 30_000))  # 900 megapixels claimed in 57 bytes
    with pytest.raises(TooLarge) as refused:
        read(huge, ft.PNG)
    assert refused.value.what == "pixels"
    wide = tmp_path / "wide.png"
    wide.write_bytes(_png(8000, 8000))  # within the side limit, over the pixel limit
    with pytest.raises(TooLarge):
        read(wide, ft.PNG)
    broken = tmp_path / "broken.png"
    broken.write_bytes(_png(10, 10))  # a header but no picture
    with pytest.raises(Unreadable):
        read(broken, ft.PNG)


def test_text_is_read_up_to_the_byte_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(loading, "MAX_TEXT", 100)
    path = tmp_path / "notes.txt"
    path.write_text("说明" * 1000, encoding="gb18030")
    loaded = read(path, ft.TEXT)
    assert loaded.cut and loaded.text == "说明" * 25
