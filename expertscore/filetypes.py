"""What an evidence file really is, decided by its content, and a safe copy to open it.

Operators choose evidence file names (``审计报告.pdf.exe``, ``run.bat``), so a name says
nothing. ``sniff`` reads the first bytes (and, for a zip, its list of members) and names
the real type; only the types in ``OPENABLE`` may be handed to the system's program, and
only as a copy named with the real type's extension (``export_copy``), marked on Windows
as coming from the internet (a ``Zone.Identifier`` stream with ``ZoneId=3``) so that the
Office and PDF programs open it in their protected view.

The sniffing is written here rather than taken from a library because the question is an
allow-list (is this surely a macro-free workbook?), which the general-purpose detectors do
not answer: they call every zip-based Office file by its first member and do not look for
macros, scripts or markup.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

HEAD = 4096  # bytes read to decide


@dataclass(frozen=True)
class FileType:
    key: str  # pdf, png, jpeg, gif, xlsx, docx, pptx, xlsm, program, script, html, svg, ...
    extension: str  # of the safe copy, without the dot
    openable: bool  # may be opened in the system's program
    view: str  # the viewer that shows it: pdf, image, table, text or other


PDF = FileType("pdf", "pdf", True, "pdf")
PNG = FileType("png", "png", True, "image")
JPEG = FileType("jpeg", "jpg", True, "image")
GIF = FileType("gif", "gif", True, "image")
XLSX = FileType("xlsx", "xlsx", True, "table")
DOCX = FileType("docx", "docx", True, "other")
PPTX = FileType("pptx", "pptx", True, "other")
XLSM = FileType("xlsm", "xlsm", False, "table")  # macros: shown as a table, never run
OFFICE_MACRO = FileType("office-macro", "bin", False, "other")  # docm, pptm, ...
OLD_OFFICE = FileType("old-office", "bin", False, "other")  # doc/xls: may carry macros
ZIP = FileType("zip", "zip", False, "other")
BROKEN_ZIP = FileType("broken-zip", "bin", False, "other")
PROGRAM = FileType("program", "bin", False, "other")
SCRIPT = FileType("script", "txt", False, "text")
HTML = FileType("html", "txt", False, "text")
SVG = FileType("svg", "txt", False, "text")
XML = FileType("xml", "txt", False, "text")
TEXT = FileType("text", "txt", False, "text")
UNKNOWN = FileType("unknown", "bin", False, "other")

OPENABLE = (PDF, PNG, JPEG, GIF, XLSX, DOCX, PPTX)

PROGRAM_MAGIC = (
    b"MZ",  # Windows executables and DLLs
    b"\x7fELF",
    b"\xfe\xed\xfa\xce",  # Mach-O, both byte orders, 32 and 64 bits
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal (and Java classes)
)
# the first line of a batch file, a PowerShell or VBScript, a Windows shortcut-ish script
SCRIPT_START = re.compile(
    rb"^(@?echo\b|rem\b|::|@|powershell\b|cmd\b|set\s|start\s|call\s|wscript|cscript"
    rb"|dim\s|on error\b|function\s|param\s*\(|<job|<package|\$)",
    re.IGNORECASE,
)
MARKUP_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|script|iframe|meta|a\s)", re.I)


def _zip_type(source: Path | bytes) -> FileType:
    try:
        with zipfile.ZipFile(
            io.BytesIO(source) if isinstance(source, bytes) else source
        ) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return BROKEN_ZIP
    macros = any(name.lower().endswith("vbaproject.bin") for name in names)
    if "xl/workbook.xml" in names:
        return XLSM if macros else XLSX
    if "word/document.xml" in names:
        return OFFICE_MACRO if macros else DOCX
    if "ppt/presentation.xml" in names:
        return OFFICE_MACRO if macros else PPTX
    return ZIP


def _text_type(head: bytes) -> FileType:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return UNKNOWN
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"#!") or SCRIPT_START.match(start):
        return SCRIPT
    if b"<svg" in head.lower():
        return SVG
    if MARKUP_HTML.search(head):
        return HTML
    if start.startswith(b"<?xml"):
        return XML
    return TEXT


def sniff(source: Path | bytes) -> FileType:
    """The real type of the file at ``source`` (or of these bytes, a file kept in memory
    so that it never lands on disk in clear), from its content. Raises ``OSError``."""
    if isinstance(source, bytes):
        head = source[:HEAD]
    else:
        with source.open("rb") as stream:
            head = stream.read(HEAD)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(PROGRAM_MAGIC):
        return PROGRAM
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(source)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLD_OFFICE
    return _text_type(head)


NAME_LIMIT = 60  # characters of the operator's name kept in a copy's name
UNSAFE = re.compile(r"[^\w\u4e00-\u9fff（）()\- ]+")


def safe_stem(filename: str) -> str:
    """A short file-system-safe stem from an operator's file name (``evidence`` if none).

    Every extension is dropped (``审计报告.pdf.exe`` -> ``审计报告``): the copy's one
    extension is the real type's.
    """
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.split(".", 1)[0]
    stem = UNSAFE.sub("_", stem).strip(" _-")[:NAME_LIMIT].strip(" _-")
    return stem or "evidence"


ZONE_MARK = "[ZoneTransfer]\r\nZoneId=3\r\n"


def mark_from_internet(path: Path) -> bool:
    """On Windows, mark ``path`` as downloaded (Zone 3); elsewhere there is no such mark."""
    if os.name != "nt":
        return False
    with open(f"{path}:Zone.Identifier", "w", encoding="ascii", newline="") as stream:
        stream.write(ZONE_MARK)
    return True


def export_copy(source: Path | bytes, folder: Path, filename: str, kind: FileType) -> Path:
    """Copy ``source`` (a file, or bytes held in memory) into ``folder`` as
    ``<safe stem>.<real extension>`` and mark it.

    Refuses (``ValueError``) a type that is not openable: a caller asks ``sniff`` first.
    """
    if not kind.openable:
        raise ValueError(f"{kind.key} files are not opened outside the program")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{safe_stem(filename)}.{kind.extension}"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{safe_stem(filename)} ({number}).{kind.extension}"
    if isinstance(source, bytes):
        target.write_bytes(source)
    else:
        shutil.copyfile(source, target)
    mark_from_internet(target)
    return target
