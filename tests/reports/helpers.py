"""Reading printed PDFs back with poppler's tools (text layer, pages, fonts, pixels) and the
sample values the sheets are printed with."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PIL import Image
from reportlab.graphics.barcode import qrencoder

from expertscore.reports.pdfbase import QrPlacement
from expertscore.scoring.service import ScoringService
from expertscore.scoring.totals import Rollup
from expertscore.storage.session import SessionFile

DIGEST = "5f2c0b8e3a9d41c7b6e8f0a2d4c6b8e0f1a3c5e7d9b1f3a5c7e9d1b3f5a7c9e1"
FINGERPRINT = "3f2a-91c0-77de-0b41"


def rollups(session_path: Path) -> dict[str, Rollup]:
    """The session's own totals per submission: what the sheets must print."""
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        return {row.id: scoring.rollup(row.id) for row in scoring.submissions()}


def run(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True)
    return done.stdout


def text(pdf: Path, page: int | None = None) -> str:
    """The text layer as laid out on the page, of one page (1-based) or of all."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run("pdftotext", "-layout", *pages, pdf, "-")


def drawn_text(pdf: Path, page: int | None = None) -> str:
    """The text in the order it was drawn, without white space: a cell's wrapped lines
    come out one after the other, so a phrase that wraps inside a cell reads whole."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return re.sub(r"\s+", "", run("pdftotext", "-raw", *pages, pdf, "-"))


def page_texts(pdf: Path) -> list[str]:
    return [text(pdf, number) for number in range(1, page_count(pdf) + 1)]


def page_count(pdf: Path) -> int:
    for line in run("pdfinfo", pdf).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(f"pdfinfo gave no page count for {pdf}")


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) for every font of the document."""
    rows = run("pdffonts", pdf).splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def render_page(pdf: Path, page: int, dpi: int, out: Path) -> Image.Image:
    prefix = out / f"page-{page}"
    run(
        "pdftoppm",
        "-r",
        str(dpi),
        "-f",
        str(page),
        "-l",
        str(page),
        "-gray",
        "-singlefile",
        "-png",
        pdf,
        prefix,
    )
    return Image.open(prefix.with_suffix(".png")).convert("L")


def read_qr_modules(image: Image.Image, dpi: int, page_height: float, qr: QrPlacement, count: int):
    """Dark (True) or light for each module centre of a QR code drawn at ``qr``."""
    scale = dpi / 72
    module = qr.size / (count + 2 * qr.border)
    top = page_height - qr.y - qr.size
    modules = []
    for row in range(-qr.border, count + qr.border):
        line = []
        for column in range(-qr.border, count + qr.border):
            x = (qr.x + (column + qr.border + 0.5) * module) * scale
            y = (top + (row + qr.border + 0.5) * module) * scale
            line.append(image.getpixel((round(x), round(y))) < 128)
        modules.append(line)
    return modules


def expected_qr_modules(value: str, border: int) -> list[list[bool]]:
    """The modules of ``value`` encoded as the sheets encode it (level M), with quiet zone."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(value)
    code.make()
    count = code.getModuleCount()
    quiet = [False] * (count + 2 * border)
    rows = [[False] * border + [bool(m) for m in row] + [False] * border for row in code.modules]
    return [quiet] * border + rows + [quiet] * border
