"""Optional OCR of scanned pages, for the organizer's page texts (``batch prepare --index
--ocr``).

A page without a text layer (a scan, a photo, a screenshot) is listed as ``no-text``. Where
Debian's Tesseract is installed with its simplified-Chinese data (``tesseract-ocr``,
``tesseract-ocr-chi-sim``; ``scripts/bootstrap.sh`` installs them), the organizer may have
such pages read once, at package time: the page is rendered by PDFium at 300 dpi (an image
file is read as it is) and given to the ``tesseract`` program (``chi_sim+eng``), run as a
separate process with a time limit. Its text is stored with the page state ``ocr``: a
search aid like any page text, and less sure (the docs say what it costs and how far it is
trusted). Nothing here is used when Tesseract is absent; the program never needs it.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from expertscore.evidence.extract import PDFIUM_LOCK, Limits
from expertscore.evidence.index import Export

LANGUAGES = "chi_sim+eng"
DPI = 300
SECONDS_A_PAGE = 120


def tesseract() -> str | None:
    """The ``tesseract`` program, when it is installed with simplified Chinese."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return program if "chi_sim" in listed.stdout.split() else None


def _render(pdf: Path, page: int, target: Path) -> Path:
    import pypdfium2

    with PDFIUM_LOCK:
        document = pypdfium2.PdfDocument(str(pdf))
        try:
            bitmap = document[page - 1].render(scale=DPI / 72, grayscale=True)
            bitmap.to_pil().save(target)
        finally:
            document.close()
    return target


def read_image(program: str, image: Path, limits: Limits) -> str:
    """Tesseract's text of one image (empty when it finds none or takes too long)."""
    try:
        done = subprocess.run(
            [program, str(image), "stdout", "-l", LANGUAGES],
            capture_output=True,
            timeout=SECONDS_A_PAGE,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ""
    text = done.stdout.decode("utf-8", "replace").replace("\x00", "").replace("\x0c", "")
    return text.strip()[: limits.max_page_chars]


def ocr_index(
    raw: sqlite3.Connection, export: Export, limits: Limits | None = None
) -> tuple[int, int]:
    """Read every ``no-text`` page of a PDF or an image in the index with Tesseract; each
    page read is stored as ``ocr`` with its text. Returns (pages read, pages with text)."""
    program = tesseract()
    if program is None:
        return 0, 0
    limits = limits or Limits()
    rows = raw.execute(
        "SELECT p.id, p.sha256, p.page, f.kind FROM evidence_page p"
        " JOIN evidence_index_file f ON f.sha256 = p.sha256"
        " WHERE p.state = 'no-text' AND f.kind IN ('pdf', 'image') ORDER BY p.sha256, p.page"
    ).fetchall()
    read = found = 0
    with tempfile.TemporaryDirectory(prefix="expertscore-ocr-") as folder:
        copies: dict[str, Path] = {}
        for rowid, sha, page, kind in rows:
            if sha not in copies:
                copies[sha] = export(sha, Path(folder) / sha)
            image = copies[sha]
            if kind == "pdf":
                image = _render(copies[sha], page, Path(folder) / f"{sha}-{page}.png")
            text = read_image(program, image, limits)
            read += 1
            if not text:
                continue
            found += 1
            with raw:
                raw.execute(
                    "UPDATE evidence_page SET state = 'ocr', chars = ? WHERE id = ?",
                    (len(text), rowid),
                )
                raw.execute("INSERT INTO evidence_text (rowid, text) VALUES (?, ?)", (rowid, text))
    return read, found
