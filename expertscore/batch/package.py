"""Reading batch packages safely.

A package is a zip with exactly these entries (``docs/formats.md``):

* ``manifest.json``: the manifest (``manifest.Manifest``);
* ``manifest.sig``: optional organizer signature over the exact manifest bytes;
* ``scheme.yaml``: the scheme, whose SHA-256 the manifest names;
* ``evidence/<sha256>``: each evidence file once, named by the SHA-256 of its bytes;
* ``evidence-text.jsonl``: optional, the evidence's page texts, when the manifest names it.

``open_package`` checks the archive before trusting anything in it: entry names (no
absolute paths, no ``..``, no duplicates, nothing unexpected), sizes and compression
ratios (zip bombs), then the manifest, the scheme and the signature. Evidence bytes are
checked against their hashes while they are streamed out (``PackageReader.stream``).
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from expertscore.batch.crosscheck import crosscheck
from expertscore.batch.manifest import BATCH_FORMAT, Manifest, effective_scheme
from expertscore.batch.signature import ORGANIZER_PAYLOAD, ManifestSignature, read_signature
from expertscore.crypto.dsse import SignatureError, check_algorithm, verify
from expertscore.crypto.sealed import has_provider, is_sealed, unlocked_owners
from expertscore.errors import (
    PackageError,
    PackageWrongAlgorithm,
    SchemeFileError,
    SchemeInvalid,
)
from expertscore.schemes.loader import load_scheme_text
from expertscore.schemes.model import Scheme
from expertscore.schemes.organizer import OrganizerValueError
from expertscore.wording.validation import validation_reason

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SCHEME = "scheme.yaml"
EVIDENCE_TEXT = "evidence-text.jsonl"
EVIDENCE_NAME = re.compile(r"^evidence/([0-9a-f]{64})$")
CHUNK = 4 << 20


class PackageEncrypted(PackageError):
    """An encrypted package given where a plain one is read: open it with a key first."""

    def __init__(self, source: object) -> None:
        super().__init__(
            source, "the package is encrypted; open it with a key it was encrypted to (--key ID)"
        )
        self.file = Path(self.source).name


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile package from exhausting disk or memory."""

    max_entries: int = 50_000
    max_total_bytes: int = 32 << 30
    max_entry_bytes: int = 4 << 30
    max_manifest_bytes: int = 64 << 20
    max_scheme_bytes: int = 4 << 20
    max_ratio: int = 200  # expanded / compressed, checked for entries above 1 MiB


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class PanelIndex:
    """The manifest's roster, assignments and conflicts looked up by expert."""

    roster: frozenset[str]
    assigned: dict[str, list[str]]  # expert -> submissions, in manifest order
    conflicts: dict[str, frozenset[str]]  # expert -> submissions
    leaves: frozenset[str]  # the scheme's leaf codes


@dataclass(frozen=True)
class OpenedPackage:
    path: Path
    manifest: Manifest
    manifest_bytes: bytes
    manifest_sha256: str
    scheme: Scheme
    scheme_text: str
    signature: ManifestSignature | None
    encrypted: bool = False  # read from a package encrypted to the panel (``path``: the copy)
    sealed_path: Path | None = None  # then the encrypted file it was read from
    # Only its head was read (``sealed_stream.read_head``): ``path`` is the encrypted file,
    # read again in one pass by the import, which checks the rest of it then.
    streamed: bool = False

    @cached_property
    def index(self) -> PanelIndex:
        """Built once: a chair checks thirty files against the same thousands of assignments."""
        assigned: dict[str, list[str]] = {}
        for assignment in self.manifest.assignments:
            assigned.setdefault(assignment.expert, []).append(assignment.submission)
        conflicts: dict[str, set[str]] = {}
        for conflict in self.manifest.conflicts:
            conflicts.setdefault(conflict.expert, set()).add(conflict.submission)
        return PanelIndex(
            roster=frozenset(expert.id for expert in self.manifest.roster),
            assigned=assigned,
            conflicts={expert: frozenset(subs) for expert, subs in conflicts.items()},
            leaves=frozenset(leaf.code for leaf in self.scheme.leaves()),
        )


def _check_entries(source: Path, archive: zipfile.ZipFile, limits: Limits) -> set[str]:
    return check_infos(source, archive.infolist(), limits)


def check_infos(source: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> set[str]:
    """The entries' names, after checking every name, size and method (the rules above)."""
    if len(infos) > limits.max_entries:
        raise PackageError(
            source, f"{len(infos)} entries, more than the limit {limits.max_entries}"
        ).saying("entries", count=len(infos), limit=limits.max_entries)
    names: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if not name:
            raise PackageError(source, "an entry has no name").saying("nameless")
        if info.is_dir():
            if name != "evidence/":
                raise PackageError(source, f"unexpected folder entry '{name}'").saying(
                    "folder", name=name
                )
            continue
        if name.startswith(("/", "\\")) or "\\" in name or re.match(r"^[A-Za-z]:", name):
            raise PackageError(source, f"entry '{name}' has an absolute path").saying(
                "absolute", name=name
            )
        if ".." in name.split("/"):
            raise PackageError(source, f"entry '{name}' points outside the package ('..')").saying(
                "outside", name=name
            )
        if name in names:
            raise PackageError(source, f"entry '{name}' appears twice").saying("twice", name=name)
        if name not in (MANIFEST, SIGNATURE, SCHEME, EVIDENCE_TEXT) and not EVIDENCE_NAME.match(
            name
        ):
            raise PackageError(source, f"unexpected entry '{name}'").saying("unexpected", name=name)
        if info.flag_bits & 0x41:
            raise PackageError(source, f"entry '{name}' is encrypted").saying(
                "zip_encrypted", name=name
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError(
                source,
                f"entry '{name}' uses compression method {info.compress_type};"
                " only stored and deflated entries are read",
            ).saying("compression", name=name, method=info.compress_type)
        if info.file_size > limits.max_entry_bytes:
            raise PackageError(
                source, f"entry '{name}' expands to {info.file_size} bytes, over the limit"
            ).saying("entry_size", name=name, size=info.file_size)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > (1 << 20) and ratio > limits.max_ratio:
            raise PackageError(
                source, f"entry '{name}' expands {ratio:.0f} times (a zip bomb?); refused"
            ).saying("ratio", name=name, ratio=f"{ratio:.0f}")
        total += info.file_size
        names.add(name)
    if total > limits.max_total_bytes:
        raise PackageError(source, f"contents expand to {total} bytes, over the limit").saying(
            "total_size", size=total
        )
    for required in (MANIFEST, SCHEME):
        if required not in names:
            raise PackageError(source, f"'{required}' is missing").saying("missing", name=required)
    return names


def _read_small(source: Path, archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise PackageError(
            source, f"'{name}' is {info.file_size} bytes, over the limit {limit}"
        ).saying("member_size", name=name, size=info.file_size, limit=limit)
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, zlib.error) as exc:
        raise PackageError(source, f"'{name}' cannot be read: {exc}").saying(
            "unreadable_member", name=name, reason=exc
        ) from None


def _parse_manifest(source: Path, data: bytes) -> Manifest:
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PackageError(source, f"{MANIFEST}: not UTF-8 (byte {exc.start})").saying(
            "not_utf8", name=MANIFEST, byte=exc.start
        ) from None
    except RecursionError:
        raise PackageError(source, f"{MANIFEST}: JSON nested too deeply").saying(
            "nested", name=MANIFEST
        ) from None
    except json.JSONDecodeError as exc:
        raise PackageError(
            source, f"{MANIFEST}:{exc.lineno}:{exc.colno}: malformed JSON: {exc.msg}"
        ).saying("json", name=MANIFEST, line=exc.lineno, column=exc.colno, reason=exc.msg) from None
    if not isinstance(raw, dict):
        raise PackageError(source, f"{MANIFEST}: must be a JSON object").saying(
            "not_object", name=MANIFEST
        )
    declared = raw.get("format")
    if declared != BATCH_FORMAT:
        raise PackageError(
            source,
            f"{MANIFEST}: format '{declared}' is not supported;"
            f" this program reads '{BATCH_FORMAT}'",
        ).saying("format", name=MANIFEST, declared=declared, supported=BATCH_FORMAT)
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = _describe_loc(raw, error["loc"])
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise PackageError(source, f"{MANIFEST} {where}: {error['msg']}{more}").saying(
            "manifest_fields" if exc.error_count() > 1 else "manifest_field",
            name=MANIFEST,
            where=where,
            reason=validation_reason(error),
            more=exc.error_count() - 1,
        ) from None


def _describe_loc(raw: object, loc: tuple) -> str:
    """``submissions[3] (S004) values.1.2.3`` from a pydantic location."""
    parts: list[str] = []
    cursor = raw
    for part in loc:
        if isinstance(part, int):
            label = f"[{part}]"
            if isinstance(cursor, list) and 0 <= part < len(cursor):
                cursor = cursor[part]
                if isinstance(cursor, dict) and isinstance(cursor.get("id"), str):
                    label += f" ({cursor['id']})"
            parts[-1:] = [(parts[-1] if parts else "") + label]
        else:
            cursor = cursor.get(part) if isinstance(cursor, dict) else None
            parts.append(str(part))
    return " ".join(parts) if parts else "(top)"


def open_package(path: Path, limits: Limits = DEFAULT_LIMITS) -> OpenedPackage:
    """Check a package and return its manifest and scheme; evidence is checked on stream."""
    source = path
    if not path.is_file():
        raise PackageError(source, "no such file").saying("no_file")
    if is_sealed(path):
        if not (unlocked_owners() or has_provider()):
            raise PackageEncrypted(source)
        from expertscore.batch.sealed_package import decrypted_copy

        opened = open_package(decrypted_copy(path), limits)
        return replace(opened, encrypted=True, sealed_path=path)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise PackageError(source, "not a batch package (not a zip file)").saying(
            "not_zip"
        ) from None
    except OSError as exc:
        raise PackageError(source, f"cannot read: {exc.strerror}").saying(
            "unreadable", reason=exc.strerror
        ) from None
    with archive:
        names = _check_entries(source, archive, limits)
        archive_sizes = {info.filename: info.file_size for info in archive.infolist()}
        manifest_bytes = _read_small(source, archive, MANIFEST, limits.max_manifest_bytes)
        manifest = _parse_manifest(source, manifest_bytes)
        scheme_bytes = _read_small(source, archive, SCHEME, limits.max_scheme_bytes)
        signature_bytes = (
            _read_small(source, archive, SIGNATURE, 1 << 16) if SIGNATURE in names else None
        )
    scheme, scheme_text = _check_scheme(source, manifest, scheme_bytes)
    check_listing(source, manifest, archive_sizes)
    return OpenedPackage(
        path=path,
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
        scheme=scheme,
        scheme_text=scheme_text,
        signature=_check_signature(source, manifest, manifest_bytes, signature_bytes),
    )


def check_head(
    source: Path, manifest_bytes: bytes, scheme_bytes: bytes, signature_bytes: bytes | None
) -> OpenedPackage:
    """The manifest, scheme and signature read off the front of a package's stream, checked
    as ``open_package`` checks them; the entries are checked when the stream ends."""
    manifest = _parse_manifest(source, manifest_bytes)
    scheme, scheme_text = _check_scheme(source, manifest, scheme_bytes)
    return OpenedPackage(
        path=source,
        manifest=manifest,
        manifest_bytes=manifest_bytes,
        manifest_sha256=hashlib.sha256(manifest_bytes).hexdigest(),
        scheme=scheme,
        scheme_text=scheme_text,
        signature=_check_signature(source, manifest, manifest_bytes, signature_bytes),
    )


def _check_scheme(source: Path, manifest: Manifest, scheme_bytes: bytes) -> tuple[Scheme, str]:
    scheme_sha = hashlib.sha256(scheme_bytes).hexdigest()
    if scheme_sha != manifest.scheme.sha256:
        raise PackageError(
            source, f"{SCHEME}: SHA-256 {scheme_sha[:12]}… does not match the manifest"
        ).saying("scheme_digest", name=SCHEME, digest=scheme_sha[:12])
    try:
        scheme_text = scheme_bytes.decode("utf-8")
        scheme = load_scheme_text(scheme_text, f"{source}!{SCHEME}")
    except UnicodeDecodeError as exc:
        raise PackageError(source, f"{SCHEME}: not UTF-8 (byte {exc.start})").saying(
            "not_utf8", name=SCHEME, byte=exc.start
        ) from None
    except (SchemeInvalid, SchemeFileError) as exc:
        raise PackageError(source, f"embedded scheme is invalid: {exc}").saying(
            "scheme", cause=exc
        ) from None
    try:
        scheme = effective_scheme(scheme, manifest)
    except OrganizerValueError as exc:
        raise PackageError(source, f"{MANIFEST} organizer_values: {exc}").saying(
            "organizer_values", name=MANIFEST, cause=exc
        ) from None
    if (scheme.id, scheme.version) != (manifest.scheme.id, manifest.scheme.version):
        raise PackageError(
            source,
            f"{SCHEME} is '{scheme.id}' {scheme.version}, the manifest says "
            f"'{manifest.scheme.id}' {manifest.scheme.version}",
        ).saying(
            "scheme_id",
            name=SCHEME,
            scheme=scheme.id,
            version=scheme.version,
            named=manifest.scheme.id,
            named_version=manifest.scheme.version,
        )
    problem = crosscheck(manifest, scheme)
    if problem:
        raise PackageError(source, f"{MANIFEST} {problem}").saying(
            "crosscheck", name=MANIFEST, problem=problem.worded()
        )
    return scheme, scheme_text


def check_listing(source: Path, manifest: Manifest, archive_sizes: dict[str, int]) -> None:
    """Every evidence file the manifest lists is in the package (entry name -> expanded
    size) with its size, nothing else is, and the page texts are there when named."""
    evidence_names = {name for name in archive_sizes if EVIDENCE_NAME.match(name)}
    listed = {f"evidence/{item.sha256}" for item in manifest.evidence}
    missing = sorted(listed - evidence_names)
    if missing:
        item = next(e for e in manifest.evidence if f"evidence/{e.sha256}" == missing[0])
        raise PackageError(
            source, f"evidence '{item.id}' ({item.filename}) is missing from the package"
        ).saying("evidence_missing", id=item.id, file=item.filename)
    for item in manifest.evidence:
        declared = archive_sizes[f"evidence/{item.sha256}"]
        if declared != item.size:
            raise PackageError(
                source,
                f"evidence '{item.id}' has {declared} bytes in the package,"
                f" the manifest says {item.size}",
            ).saying("evidence_size", id=item.id, size=declared, expected=item.size)
    extra = sorted(evidence_names - listed)
    if extra:
        raise PackageError(source, f"entry '{extra[0]}' is not listed in the manifest").saying(
            "unlisted", name=extra[0]
        )
    _check_text_member(source, manifest, archive_sizes)


def _check_signature(
    source: Path, manifest: Manifest, manifest_bytes: bytes, signature_bytes: bytes | None
) -> ManifestSignature | None:
    if signature_bytes is None:
        return None
    signature = read_signature(source, signature_bytes)
    check_algorithm(signature.public_key, manifest.algorithm, str(source), PackageWrongAlgorithm)
    try:
        verify(
            signature.public_key,
            ORGANIZER_PAYLOAD,
            manifest_bytes,
            signature.sig,
            manifest.signer_id,
        )
    except SignatureError as exc:
        raise PackageError(
            source,
            f"organizer signature does not verify ({exc}): the package was changed after signing",
        ).saying("signature", cause=exc) from None
    return signature


def _check_text_member(source: Path, manifest: Manifest, sizes: dict[str, int]) -> None:
    """The page texts are there exactly when the manifest names them, of the size it says."""
    ref = manifest.evidence_text
    if ref is None:
        if EVIDENCE_TEXT in sizes:
            raise PackageError(
                source, f"entry '{EVIDENCE_TEXT}' is not named in the manifest"
            ).saying("unlisted", name=EVIDENCE_TEXT)
        return
    if EVIDENCE_TEXT not in sizes:
        raise PackageError(
            source, f"'{EVIDENCE_TEXT}' is named in the manifest but missing"
        ).saying("missing", name=EVIDENCE_TEXT)
    if sizes[EVIDENCE_TEXT] != ref.size:
        raise PackageError(
            source,
            f"'{EVIDENCE_TEXT}' has {sizes[EVIDENCE_TEXT]} bytes, the manifest says {ref.size}",
        ).saying("member_bytes", name=EVIDENCE_TEXT, size=sizes[EVIDENCE_TEXT], expected=ref.size)


def read_member(package: OpenedPackage, name: str, sha256: str, size: int) -> bytes:
    """A small member the manifest names (the page texts), checked against its digest."""
    with zipfile.ZipFile(package.path) as archive:
        data = _read_small(package.path, archive, name, size)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise PackageError(
            package.path, f"'{name}' does not match its SHA-256 in the manifest"
        ).saying("digest", name=name)
    return data


def _entry_chunks(
    path: Path, handle: BinaryIO, archive: zipfile.ZipFile, name: str
) -> Iterator[bytes]:
    """The bytes of one entry, in chunks.

    Stored (uncompressed) entries are read straight from the file at their data offset:
    their SHA-256 is checked, so zipfile's CRC pass would only cost time. Deflated entries
    go through zipfile. Never yields more than the central directory's size.
    """
    info = archive.getinfo(name)
    if info.compress_type != zipfile.ZIP_STORED:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                yield chunk
        return
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise PackageError(path, f"'{name}' has a damaged local header").saying("header", name=name)
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(info.header_offset + 30 + name_length + extra_length)
    remaining = info.file_size
    while remaining:
        chunk = handle.read(min(CHUNK, remaining))
        if not chunk:
            raise PackageError(path, f"'{name}' is cut short").saying("cut_short", name=name)
        remaining -= len(chunk)
        yield chunk


class EvidenceReader:
    """Reads evidence entries out of a package and checks every one against its SHA-256.

    ``start_checks`` hashes the entries on two helper threads (hashlib and file reads
    release the GIL), each reading the package on its own, while the caller copies the
    bytes with ``chunks``; ``finish_checks`` waits and raises ``PackageError`` for the
    first entry whose size or hash is wrong. Whatever the caller wrote must be discarded
    then. Memory stays bounded: one chunk per thread. Use as a context manager.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.archive = zipfile.ZipFile(path)
            self.handle = path.open("rb")
        except (zipfile.BadZipFile, OSError) as exc:
            raise PackageError(path, f"cannot be read again: {exc}").saying(
                "reread", reason=exc
            ) from None
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="evidence-hash")
        self.checks: dict[str, Future[PackageError | None]] = {}
        self.local = threading.local()
        self.opened: list[tuple[zipfile.ZipFile, BinaryIO]] = []

    def __enter__(self) -> EvidenceReader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        for archive, handle in [(self.archive, self.handle), *self.opened]:
            handle.close()
            archive.close()

    def _check(self, sha256: str, size: int) -> PackageError | None:
        name = f"evidence/{sha256}"
        digest = hashlib.sha256()
        count = 0
        try:
            archive, handle = self._thread_files()
            for chunk in _entry_chunks(self.path, handle, archive, name):
                count += len(chunk)
                if count > size:
                    break
                digest.update(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, KeyError) as exc:
            return PackageError(self.path, f"'{name}' cannot be read: {exc}").saying(
                "unreadable_member", name=name, reason=exc
            )
        except PackageError as exc:
            return exc
        if count != size:
            return PackageError(
                self.path, f"'{name}' has {count} bytes, the manifest says {size}"
            ).saying("member_bytes", name=name, size=count, expected=size)
        if digest.hexdigest() != sha256:
            return PackageError(
                self.path, f"'{name}' does not match its SHA-256 (damaged or altered)"
            ).saying("damaged", name=name)
        return None

    def _thread_files(self) -> tuple[zipfile.ZipFile, BinaryIO]:
        """Each hashing thread reads through its own handles, opened once."""
        local = self.local
        if not hasattr(local, "archive"):
            local.archive = zipfile.ZipFile(self.path)
            local.handle = self.path.open("rb")
            self.opened.append((local.archive, local.handle))
        return local.archive, local.handle

    def start_checks(self, entries: dict[str, int]) -> None:
        for sha256, size in entries.items():
            self.checks[sha256] = self.pool.submit(self._check, sha256, size)

    def finish_checks(self) -> None:
        for future in self.checks.values():
            problem = future.result()
            if problem:
                raise problem

    def chunks(self, sha256: str, size: int) -> Iterator[bytes]:
        """Yield an entry's bytes (at most ``size``); correctness comes from the checks."""
        name = f"evidence/{sha256}"
        count = 0
        try:
            for chunk in _entry_chunks(self.path, self.handle, self.archive, name):
                count += len(chunk)
                if count > size:
                    raise PackageError(
                        self.path, f"'{name}' is longer than the manifest says"
                    ).saying("longer", name=name)
                yield chunk
        except (zipfile.BadZipFile, OSError, EOFError, KeyError) as exc:
            raise PackageError(self.path, f"'{name}' cannot be read: {exc}").saying(
                "unreadable_member", name=name, reason=exc
            ) from None
