"""Writing batch packages: the one way every producer (demo, Excel form, organizer) makes one.

Usage::

    builder = PackageBuilder(scheme_text, batch_info)
    builder.roster.append(expert); builder.submissions.append(submission)
    builder.add_evidence_path("S001", path, title="审计报告", indicators=["1.1.1"])
    builder.write(out_path, signer=(private_key, "某某厅"))   # optional signature

The package is written to a temporary file beside ``out`` and renamed at the end, so a
reader never sees half a package.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import os
import re
import tempfile
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from expertscore.batch.crosscheck import crosscheck
from expertscore.batch.manifest import (
    BATCH_FORMAT,
    Assignment,
    BatchInfo,
    Conflict,
    Evidence,
    EvidenceTextRef,
    Expert,
    FormImport,
    Manifest,
    OrganizerValueRecord,
    SchemeRef,
    Signing,
    Submission,
    effective_scheme,
)
from expertscore.batch.package import EVIDENCE_TEXT, MANIFEST, SCHEME, SIGNATURE
from expertscore.batch.signature import make_signature
from expertscore.crypto.dsse import PrivateKey, private_key_algorithm
from expertscore.errors import PackageError, PackageWrongAlgorithm
from expertscore.schemes.loader import load_scheme_text
from expertscore.schemes.organizer import OrganizerValueError

ALREADY_COMPRESSED = ("image/png", "image/jpeg", "application/pdf", "application/zip")
CHUNK = 1 << 20


MEDIA_TYPE = re.compile(r"^[a-z]+/[A-Za-z0-9.+-]+$")


def media_type_of(filename: str) -> str:
    """The media type by file name; one the manifest cannot hold becomes octet-stream."""
    if filename.lower().endswith(".xlsx"):
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    guessed, _ = mimetypes.guess_type(filename)
    if guessed is None or not MEDIA_TYPE.match(guessed):
        return "application/octet-stream"
    return guessed


def sha256_of_path(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def manifest_bytes(manifest: Manifest) -> bytes:
    data = manifest.model_dump(mode="json")
    # Optional and recent: absent rather than null, so packages without it stay as they were.
    for key in ("form_import", "evidence_text", "signing"):
        if data.get(key) is None:
            data.pop(key, None)
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@dataclass
class _Content:
    path: Path | None
    data: bytes | None
    media_type: str
    package: Path | None = None  # copy the entry evidence/<sha256> of this package


@dataclass
class PackageBuilder:
    scheme_text: str
    batch: BatchInfo
    roster: list[Expert] = field(default_factory=list)
    submissions: list[Submission] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    organizer_values: list[OrganizerValueRecord] = field(default_factory=list)
    form_import: FormImport | None = None
    evidence_text: bytes | None = None  # the organizer's page texts (``evidence.packaged``)
    signing: Signing | None = None  # None: Ed25519
    _contents: dict[str, _Content] = field(default_factory=dict)
    _serials: dict[str, int] = field(default_factory=dict)

    def _add(
        self,
        submission: str,
        sha: str,
        size: int,
        content: _Content,
        title: str,
        filename: str,
        indicators: list[str],
    ) -> Evidence:
        self._contents.setdefault(sha, content)
        serial = self._serials.get(submission, 0) + 1
        self._serials[submission] = serial
        item = Evidence(
            id=f"{submission}-E{serial:03d}",
            submission=submission,
            sha256=sha,
            size=size,
            media_type=content.media_type,
            title=title,
            filename=filename,
            indicators=indicators,
        )
        self.evidence.append(item)
        return item

    def add_evidence_path(
        self, submission: str, path: Path, title: str, indicators: list[str], filename: str = ""
    ) -> Evidence:
        """Attach a file on disk; it is streamed, never read whole into memory."""
        sha, size = sha256_of_path(path)
        name = filename or path.name
        content = _Content(path=path, data=None, media_type=media_type_of(name))
        return self._add(submission, sha, size, content, title, name, indicators)

    def add_evidence_bytes(
        self, submission: str, data: bytes, filename: str, title: str, indicators: list[str]
    ) -> Evidence:
        sha = hashlib.sha256(data).hexdigest()
        content = _Content(path=None, data=data, media_type=media_type_of(filename))
        return self._add(submission, sha, len(data), content, title, filename, indicators)

    def add_evidence_from_package(self, package: Path, item: Evidence) -> Evidence:
        """Carry an evidence file over from another package (streamed, not loaded)."""
        content = _Content(path=None, data=None, media_type=item.media_type, package=package)
        self._contents.setdefault(item.sha256, content)
        self.evidence.append(item)
        return item

    def manifest(self) -> Manifest:
        scheme = load_scheme_text(self.scheme_text, "scheme.yaml")
        return Manifest(
            format=BATCH_FORMAT,
            batch=self.batch,
            scheme=SchemeRef(
                sha256=hashlib.sha256(self.scheme_text.encode("utf-8")).hexdigest(),
                id=scheme.id,
                version=scheme.version,
            ),
            organizer_values=self.organizer_values,
            roster=self.roster,
            submissions=self.submissions,
            evidence=self.evidence,
            assignments=self.assignments,
            conflicts=self.conflicts,
            form_import=self.form_import,
            evidence_text=None
            if self.evidence_text is None
            else EvidenceTextRef(
                sha256=hashlib.sha256(self.evidence_text).hexdigest(),
                size=len(self.evidence_text),
            ),
            signing=self.signing,
        )

    def write(self, out: Path, signer: tuple[PrivateKey, str] | None = None) -> Manifest:
        """Write the package atomically; return the manifest that was written.

        The manifest is checked as a reader would check it first, so a producer never
        writes a package that the program then refuses.
        """
        manifest = self.manifest()
        scheme = load_scheme_text(self.scheme_text, "scheme.yaml")
        try:
            scheme = effective_scheme(scheme, manifest)
        except OrganizerValueError as exc:
            raise PackageError(out, f"organizer_values: {exc}").saying(
                "prepared_values", cause=exc
            ) from None
        problem = crosscheck(manifest, scheme)
        if problem:
            raise PackageError(out, problem).saying("inconsistent", problem=problem.worded())
        if signer is not None and private_key_algorithm(signer[0]) != manifest.algorithm:
            raise PackageWrongAlgorithm(out, manifest.algorithm, private_key_algorithm(signer[0]))
        body = manifest_bytes(manifest)
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        os.close(handle)
        temp = Path(temp_name)
        # mkstemp makes the file private; a package is meant to be copied and shared.
        umask = os.umask(0)
        os.umask(umask)
        temp.chmod(0o666 & ~umask)
        try:
            created = self.batch.created
            stamp: _Stamp = (
                created.year,
                created.month,
                created.day,
                created.hour,
                created.minute,
                created.second,
            )
            with zipfile.ZipFile(temp, "w") as archive:
                _write_entry(archive, MANIFEST, stamp, data=body)
                if signer is not None:
                    key, name = signer
                    data = make_signature(key, name, body, manifest.signer_id)
                    _write_entry(archive, SIGNATURE, stamp, data=data)
                _write_entry(archive, SCHEME, stamp, data=self.scheme_text.encode("utf-8"))
                if self.evidence_text is not None:
                    _write_entry(archive, EVIDENCE_TEXT, stamp, data=self.evidence_text)
                with ExitStack() as stack:
                    sources: dict[Path, zipfile.ZipFile] = {}
                    for sha, content in self._contents.items():
                        name = f"evidence/{sha}"
                        compressed = content.media_type in ALREADY_COMPRESSED
                        if content.data is not None:
                            _write_entry(
                                archive, name, stamp, data=content.data, deflate=not compressed
                            )
                            continue
                        if content.package is not None:
                            if content.package not in sources:
                                sources[content.package] = stack.enter_context(
                                    zipfile.ZipFile(content.package)
                                )
                            opened = sources[content.package].open(name)
                        else:
                            assert content.path is not None
                            opened = content.path.open("rb")
                        with opened as source:
                            _write_entry(
                                archive,
                                name,
                                stamp,
                                source=source,
                                deflate=not compressed,
                                origin=content.path or content.package,
                            )
            os.replace(temp, out)
        finally:
            temp.unlink(missing_ok=True)
        return manifest


# A zip entry's time stamp: year, month, day, hour, minute, second.
_Stamp = tuple[int, int, int, int, int, int]


def _write_entry(
    archive: zipfile.ZipFile,
    name: str,
    stamp: _Stamp,
    data: bytes | None = None,
    source: IO[bytes] | None = None,
    deflate: bool = True,
    origin: Path | None = None,
) -> None:
    """One entry with a fixed time stamp, so the same input makes the same package.

    Evidence streamed from ``source`` is hashed on the way: a file that changed since it
    was added (its hash was taken then) is refused rather than packaged under a wrong name.
    """
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    info.external_attr = 0o644 << 16
    if data is not None:
        archive.writestr(info, data)
        return
    assert source is not None
    digest = hashlib.sha256()
    with archive.open(info, "w", force_zip64=True) as target:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            target.write(chunk)
    expected = name.removeprefix("evidence/")
    if digest.hexdigest() != expected:
        raise PackageError(
            origin or name, "the file changed while the package was being written"
        ).saying("changed")
