"""An encrypted package imported in one pass: decrypted once, straight into the session.

``read_head`` decrypts only the front of the package (``batch prepare`` writes the
manifest, its signature and the scheme before everything else) and checks them exactly as
``open_package`` does: the window shows who signed it and asks which expert before any
evidence is read. ``stream_package`` then decrypts the whole package once more, in order,
and hands each evidence entry's bytes to the caller (the session being built) as they come:
no clear copy of the package is ever written. Everything is checked again on the way and
at the end: the head must be the one checked before (its signature is verified again), each
entry is within the limits when it starts, and once the stream ends (age authenticates
every chunk and its end) the zip's directory must match the entries seen and pass every
rule of a plain package. Until then nothing may be kept: the caller builds into a file it
throws away on any error. A package in any other order is read the seeking way
(``open_package``: a private clear copy).
"""

from __future__ import annotations

import contextlib
import queue
import sys
import threading
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from expertscore.batch.package import (
    DEFAULT_LIMITS,
    EVIDENCE_NAME,
    EVIDENCE_TEXT,
    MANIFEST,
    SCHEME,
    SIGNATURE,
    Limits,
    OpenedPackage,
    check_head,
    check_infos,
    check_listing,
    open_package,
)
from expertscore.batch.zipstream import EndOfEntry, LocalEntry, Sink, StreamUnsupported, ZipStream
from expertscore.crypto import sealed
from expertscore.errors import PackageError

HEAD = (MANIFEST, SIGNATURE, SCHEME)
PIPE_PIECE = 1 << 20
PIPE_DEPTH = 16
SWITCH_INTERVAL = 0.0002  # seconds
Evidence = Callable[[str, int], tuple[Sink, EndOfEntry] | None]  # (sha256, size) -> sink


class _HeadRead(Exception):
    """Raised into the decryptor to stop it once the head is read."""


class _Members:
    """The small members of a package, kept whole; any entry within the limits."""

    def __init__(self, source: Path, limits: Limits) -> None:
        self.source, self.limits = source, limits
        self.data: dict[str, bytearray] = {}
        self.names: set[str] = set()
        self.total = 0

    def admit(self, entry: LocalEntry) -> None:
        """The per-entry rules of ``check_infos``, applied before a byte is expanded."""
        limits, name = self.limits, entry.name
        if entry.name in self.names:
            raise PackageError(self.source, f"entry '{name}' appears twice").saying(
                "twice", name=name
            )
        self.names.add(name)
        if len(self.names) > limits.max_entries:
            raise PackageError(
                self.source, f"more entries than the limit {limits.max_entries}"
            ).saying("stream_entries", limit=limits.max_entries)
        if entry.size > limits.max_entry_bytes:
            raise PackageError(
                self.source, f"entry '{name}' expands to {entry.size} bytes, over the limit"
            ).saying("entry_size", name=name, size=entry.size)
        ratio = entry.size / max(entry.compressed, 1)
        if entry.size > (1 << 20) and ratio > limits.max_ratio:
            raise PackageError(
                self.source, f"entry '{name}' expands {ratio:.0f} times (a zip bomb?); refused"
            ).saying("ratio", name=name, ratio=f"{ratio:.0f}")
        self.total += entry.size
        if self.total > limits.max_total_bytes:
            raise PackageError(self.source, "contents expand over the limit").saying("stream_total")

    def keep(self, entry: LocalEntry, limit: int) -> tuple[Sink, EndOfEntry]:
        if entry.size > limit:
            raise PackageError(
                self.source, f"'{entry.name}' is {entry.size} bytes, over the limit {limit}"
            ).saying("member_size", name=entry.name, size=entry.size, limit=limit)
        kept = self.data[entry.name] = bytearray()

        def check() -> None:  # as zipfile checks a member it reads whole
            if zlib.crc32(kept) != entry.crc:
                raise PackageError(
                    self.source, f"'{entry.name}' cannot be read: Bad CRC-32"
                ).saying("bad_crc", name=entry.name)

        return self.counted(entry, kept.extend, check)

    def counted(self, entry: LocalEntry, sink: Sink, end: EndOfEntry) -> tuple[Sink, EndOfEntry]:
        """``sink`` behind a count: never more bytes than the entry's header says."""
        count = 0

        def write(data: memoryview) -> None:
            nonlocal count
            count += len(data)
            if count > entry.size:
                raise PackageError(self.source, f"'{entry.name}' is longer than it says").saying(
                    "longer_than_header", name=entry.name
                )
            sink(data)

        def finished() -> None:
            if count != entry.size:
                raise PackageError(self.source, f"'{entry.name}' is cut short").saying(
                    "cut_short", name=entry.name
                )
            end()

        return write, finished

    def head(self) -> OpenedPackage:
        signature = self.data.get(SIGNATURE)
        return check_head(
            self.source,
            bytes(self.data[MANIFEST]),
            bytes(self.data[SCHEME]),
            None if signature is None else bytes(signature),
        )

    def head_limit(self, name: str) -> int:
        return {
            MANIFEST: self.limits.max_manifest_bytes,
            SCHEME: self.limits.max_scheme_bytes,
            SIGNATURE: 1 << 16,
        }[name]


def _decrypt(path: Path, stream: ZipStream | _Pipe) -> None:
    with path.open("rb") as reader:
        sealed.decrypt_stream(reader, stream, path)  # type: ignore[arg-type]


class _Stopped(Exception):
    """Raised into the decryptor when the reader gave up (an entry was refused)."""


class _Pipe:
    """Decrypted bytes handed from the decrypting thread to the reading one, 1 MiB at a
    time, at most ``PIPE_DEPTH`` pieces ahead."""

    def __init__(self) -> None:
        self.queue: queue.Queue[bytes | BaseException | None] = queue.Queue(PIPE_DEPTH)
        self.buffer = bytearray(PIPE_PIECE)  # filled in place: growing it would copy it
        self.filled = 0
        self.stopped = threading.Event()

    def write(self, data: bytes) -> int:
        size = len(data)
        if self.filled + size > PIPE_PIECE:
            self.put(bytes(memoryview(self.buffer)[: self.filled]))
            self.filled = 0
        if size >= PIPE_PIECE:
            self.put(bytes(data))
        else:
            self.buffer[self.filled : self.filled + size] = data
            self.filled += size
        return size

    def put(self, item: bytes | BaseException | None) -> None:
        while not self.stopped.is_set():
            try:
                self.queue.put(item, timeout=0.1)
                return
            except queue.Full:
                continue
        raise _Stopped()

    def run(self, path: Path) -> None:
        try:
            _decrypt(path, self)
            self.put(bytes(memoryview(self.buffer)[: self.filled]))
            self.put(None)
        except _Stopped:
            pass
        except BaseException as error:  # handed to the reader, which raises it
            with contextlib.suppress(_Stopped):
                self.put(error)


def _decrypt_beside(path: Path, stream: ZipStream) -> None:
    """Decrypt on a thread of its own while this one parses and stores.

    pyrage holds the interpreter's lock while it decrypts; hashing and SQLite let it go,
    so storing one file overlaps decrypting the next. A short switch interval (restored
    after) gives the lock back to the storing thread within a fraction of a millisecond
    instead of the default 5 ms at every hand-over."""
    pipe = _Pipe()
    worker = threading.Thread(target=pipe.run, args=(path,), name="package-decrypt")
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    worker.start()
    try:
        while (piece := pipe.queue.get()) is not None:
            if isinstance(piece, BaseException):
                raise piece
            stream.write(piece)
    finally:
        pipe.stopped.set()
        worker.join()
        sys.setswitchinterval(interval)


def read_head(path: Path, limits: Limits = DEFAULT_LIMITS) -> OpenedPackage | None:
    """The checked head of the encrypted package ``path``; None when the package is not
    in the order one pass needs (then ``open_package`` reads it)."""
    members = _Members(path, limits)

    def open_entry(entry: LocalEntry) -> tuple[Sink, EndOfEntry]:
        if entry.name not in HEAD:
            if MANIFEST in members.data and SCHEME in members.data:
                raise _HeadRead()
            raise StreamUnsupported(path, "the manifest and scheme do not come first").saying(
                "order"
            )
        members.admit(entry)
        return members.keep(entry, members.head_limit(entry.name))

    try:
        _decrypt(path, ZipStream(path, open_entry))
    except _HeadRead:
        pass
    except StreamUnsupported:
        return None
    if MANIFEST not in members.data or SCHEME not in members.data:
        return None  # all of it read and still no evidence after the head: an odd package
    return replace(members.head(), encrypted=True, sealed_path=path, streamed=True)


def stream_package(
    opened: OpenedPackage, evidence: Evidence, limits: Limits = DEFAULT_LIMITS
) -> bytes | None:
    """Decrypt ``opened`` (from ``read_head``) once, giving each evidence entry's bytes to
    ``evidence(sha256, size)``'s sink (None: not wanted, only counted); the page texts'
    member is returned (None when absent). ``PackageError`` on anything wrong, possibly
    after some entries were given: the caller then throws away what it built."""
    path = opened.path
    members = _Members(path, limits)
    sizes = {item.sha256: item.size for item in opened.manifest.evidence}
    text = opened.manifest.evidence_text

    checked = False

    def same_head() -> None:
        """The head read now is the one checked when the package was opened (its
        signature verified again): a file swapped in between is refused."""
        nonlocal checked
        if checked:
            return
        if MANIFEST not in members.data or SCHEME not in members.data:
            raise StreamUnsupported(path, "the manifest and scheme do not come first").saying(
                "order"
            )
        again = members.head()
        if (again.manifest_sha256, again.signature) != (opened.manifest_sha256, opened.signature):
            raise PackageError(path, "the package changed since it was opened").saying(
                "changed_since_open"
            )
        checked = True

    def open_entry(entry: LocalEntry) -> tuple[Sink, EndOfEntry]:
        members.admit(entry)
        name = entry.name
        if name in HEAD and not checked:
            return members.keep(entry, members.head_limit(name))
        same_head()
        if name == EVIDENCE_TEXT and text is not None:
            return members.keep(entry, text.size)
        match = EVIDENCE_NAME.match(name)
        sha = match.group(1) if match else None
        wanted = evidence(sha, entry.size) if sha is not None and sha in sizes else None
        if wanted is None:  # not this expert's, or refused by the checks at the end
            return members.counted(entry, lambda _data: None, lambda: None)
        return members.counted(entry, *wanted)

    stream = ZipStream(path, open_entry)
    _decrypt_beside(path, stream)
    infos = stream.finish()
    check_infos(path, infos, limits)
    check_listing(path, opened.manifest, {info.filename: info.file_size for info in infos})
    same_head()
    kept = members.data.get(EVIDENCE_TEXT)
    return None if kept is None else bytes(kept)


def open_for_import(path: Path) -> OpenedPackage:
    """A package about to be imported: an encrypted one by its head only (the import reads
    it in one pass), any other as ``open_package`` opens it."""
    if sealed.is_sealed(path) and (sealed.unlocked_owners() or sealed.has_provider()):
        head = read_head(path)
        if head is not None:
            return head
    return open_package(path)
