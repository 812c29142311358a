"""A zip read front to back, as it is decrypted: its entries from their local headers.

An encrypted package arrives as a stream (age decrypts it in order), and a zip is
normally read from its end, by seeking. ``ZipStream`` is written to like a file (the
decryptor's writer): it parses each local header, hands the entry's expanded bytes to
whoever ``open_entry`` returns for it, and keeps what follows the last entry (the central
directory, a few KiB). ``finish`` then reads that directory with ``zipfile`` and checks it
lists exactly the entries seen, at the offsets, sizes and methods seen: a zip whose
directory and local headers disagree (which different readers would read differently) is
refused. Anything the stream cannot follow (a data descriptor: sizes after the data) is
``StreamUnsupported``; the caller then reads the package the seeking way.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from expertscore.errors import PackageError

LOCAL = b"PK\x03\x04"
CENTRAL = b"PK\x01\x02"
LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")  # 30 bytes
ZIP64_EXTRA = 0x0001
INFLATE_STEP = 4 << 20  # expanded bytes per step: a deflate bomb never expands at once
MAX_TAIL = 64 << 20  # the central directory of 50,000 entries is well under this


class StreamUnsupported(PackageError):
    """The package is a zip this reader cannot follow in one pass (read it by seeking)."""


@dataclass(frozen=True)
class LocalEntry:
    name: str
    offset: int
    flags: int
    method: int
    crc: int
    compressed: int
    size: int


Sink = Callable[[memoryview], None]  # receives an entry's expanded bytes, in order
EndOfEntry = Callable[[], None]


class ZipStream:
    """Feed with ``write``; ``open_entry(entry)`` gives (sink, end) for each entry."""

    def __init__(self, source: Path, open_entry: Callable[[LocalEntry], tuple[Sink, EndOfEntry]]):
        self.source = source
        self.open_entry = open_entry
        self.pending = bytearray()  # header bytes not yet complete
        self.offset = 0  # of the next byte written, in the zip
        self.entries: dict[int, LocalEntry] = {}
        self.tail: bytearray | None = None
        self.remaining = 0  # compressed bytes left of the current entry
        self.entry: LocalEntry | None = None
        self.sink: Sink | None = None
        self.end: EndOfEntry | None = None
        self.inflater: zlib._Decompress | None = None

    def write(self, data: bytes | memoryview) -> int:
        view = memoryview(data).cast("B")
        count = len(view)
        self.offset += count
        while len(view):
            if self.tail is not None:
                if len(self.tail) + len(view) > MAX_TAIL:
                    raise PackageError(self.source, "the zip's directory is too large").saying(
                        "zip_directory_large"
                    )
                self.tail += view
                break
            view = self._data(view) if self.entry is not None else self._header(view)
        return count

    def _header(self, view: memoryview) -> memoryview:
        needed = LOCAL_HEADER.size
        if len(self.pending) >= needed:
            fields = LOCAL_HEADER.unpack_from(self.pending)
            needed += fields[9] + fields[10]
        take = min(len(view), needed - len(self.pending))
        self.pending += view[:take]
        view = view[take:]
        if len(self.pending) >= 4 and self.pending[:4] == CENTRAL:
            start = self.offset - len(view) - len(self.pending)
            self.tail, self.tail_start = self.pending, start
            self.pending = bytearray()
            return view
        if len(self.pending) >= 4 and self.pending[:4] != LOCAL:
            raise PackageError(self.source, "not a zip entry where one should start").saying(
                "zip_no_entry"
            )
        if len(self.pending) < LOCAL_HEADER.size:
            return view
        fields = LOCAL_HEADER.unpack_from(self.pending)
        name_length, extra_length = fields[9], fields[10]
        if len(self.pending) < LOCAL_HEADER.size + name_length + extra_length:
            return view
        self._begin(fields, self.offset - len(view) - len(self.pending))
        self.pending = bytearray()
        return view

    def _begin(self, fields: tuple, offset: int) -> None:
        _sig, _version, flags, method, _time, _date, crc, compressed, size, nlen, xlen = fields
        raw_name = bytes(self.pending[30 : 30 + nlen])
        extra = bytes(self.pending[30 + nlen : 30 + nlen + xlen])
        if flags & 0x08:
            raise StreamUnsupported(self.source, "an entry's sizes follow its data").saying(
                "sizes_after"
            )
        if 0xFFFFFFFF in (compressed, size):
            size, compressed = _zip64_sizes(self.source, extra)
        name = raw_name.decode("utf-8" if flags & 0x800 else "cp437")
        entry = LocalEntry(name, offset, flags, method, crc, compressed, size)
        if method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or flags & 0x41:
            raise PackageError(
                self.source, f"entry '{name}' cannot be read (method {method})"
            ).saying("zip_method", name=name, method=method)
        if method == zipfile.ZIP_STORED and compressed != size:
            raise PackageError(self.source, f"entry '{name}' has two sizes").saying(
                "zip_two_sizes", name=name
            )
        self.entries[offset] = entry
        self.entry, self.remaining = entry, compressed
        self.sink, self.end = self.open_entry(entry)
        self.inflater = zlib.decompressobj(-15) if method == zipfile.ZIP_DEFLATED else None
        if not compressed:
            self._finish_entry()

    def _data(self, view: memoryview) -> memoryview:
        take = min(len(view), self.remaining)
        chunk, view = view[:take], view[take:]
        self.remaining -= take
        assert self.sink is not None
        if self.inflater is None:
            self.sink(chunk)
        else:
            data = self.inflater.decompress(chunk, INFLATE_STEP)
            while True:
                self.sink(memoryview(data))
                if not self.inflater.unconsumed_tail:
                    break
                data = self.inflater.decompress(self.inflater.unconsumed_tail, INFLATE_STEP)
        if not self.remaining:
            self._finish_entry()
        return view

    def _finish_entry(self) -> None:
        entry = self.entry
        assert entry is not None and self.end is not None
        if self.inflater is not None and not self.inflater.eof:
            raise PackageError(self.source, f"entry '{entry.name}' is cut short or damaged").saying(
                "zip_damaged_entry", name=entry.name
            )
        self.end()
        self.entry = self.sink = self.end = self.inflater = None

    def finish(self) -> list[zipfile.ZipInfo]:
        """The central directory's entries, once checked against the local headers."""
        if self.entry is not None or self.pending or self.tail is None:
            raise PackageError(self.source, "the package ends in the middle of an entry").saying(
                "zip_ends"
            )
        try:
            archive = zipfile.ZipFile(_TailFile(bytes(self.tail), self.tail_start, self.offset))
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise PackageError(self.source, f"the zip's directory cannot be read: {exc}").saying(
                "zip_directory", reason=str(exc)
            ) from None
        infos = archive.infolist()
        seen = dict(self.entries)
        for info in infos:
            local = seen.pop(info.header_offset, None)
            same = local is not None and (
                local.name,
                local.method,
                local.compressed,
                local.size,
                local.crc,
            ) == (info.filename, info.compress_type, info.compress_size, info.file_size, info.CRC)
            if not same:
                raise PackageError(
                    self.source,
                    f"entry '{info.filename}': the zip's directory and its local header disagree",
                ).saying("zip_disagree", name=info.filename)
        if seen:
            name = next(iter(seen.values())).name
            raise PackageError(self.source, f"entry '{name}' is not in the zip's directory").saying(
                "zip_not_listed", name=name
            )
        return infos


def _zip64_sizes(source: Path, extra: bytes) -> tuple[int, int]:
    position = 0
    while position + 4 <= len(extra):
        kind, length = struct.unpack_from("<HH", extra, position)
        if kind == ZIP64_EXTRA and length >= 16:
            size, compressed = struct.unpack_from("<QQ", extra, position + 4)
            return size, compressed
        position += 4 + length
    raise PackageError(source, "an entry's large sizes are missing").saying("zip64_missing")


class _TailFile(io.RawIOBase):
    """The zip's last bytes where ``zipfile`` looks for them; nothing before is readable."""

    def __init__(self, tail: bytes, start: int, size: int) -> None:
        self.data, self.start, self.size, self.position = tail, start, size, 0

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self.position, 2: self.size}[whence]
        self.position = base + offset
        return self.position

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer) -> int:
        if self.position < self.start:  # zipfile's search for a comment: none there
            size = min(len(buffer), self.start - self.position)
            buffer[:size] = bytes(size)
            self.position += size
            return size
        chunk = self.data[self.position - self.start : self.position - self.start + len(buffer)]
        buffer[: len(chunk)] = chunk
        self.position += len(chunk)
        return len(chunk)
