"""OCR of scans for the organizer's page texts: a page that is only an image is read by
Tesseract (installed by scripts/bootstrap.sh) and found by a search in the expert's session;
without --ocr it stays a page without text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from expertscore.batch.package import open_package
from expertscore.demo import make_demo_batch
from expertscore.evidence.carry import with_evidence, with_page_texts
from expertscore.evidence.ocr import tesseract
from expertscore.evidence.packaged import read_text, text_of_package
from expertscore.evidence.search import search_text
from expertscore.paths import cjk_font_path
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile


def scan_pdf() -> bytes:
    """A page that is a picture of text (no text layer), as a scanner makes it."""
    image = Image.new("L", (1240, 600), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(cjk_font_path()), 56, index=0)
    draw.text((80, 120), "研发人员数量：116人", fill=0, font=font)
    draw.text((80, 260), "营业收入 131,238.45 万元", fill=0, font=font)
    out = io.BytesIO()
    image.save(out, "PDF", resolution=150)
    return out.getvalue()


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ocr")
    make_demo_batch("liaoning-2025-grading", 1, 2, 5, folder / "demo.esbatch", workers=1)
    return with_evidence(
        folder / "demo.esbatch",
        folder / "scanned.esbatch",
        "S001",
        scan_pdf(),
        "扫描件",
        "scan.pdf",
    )


def _scan_pages(texts: bytes, package: Path):
    sha = next(e.sha256 for e in open_package(package).manifest.evidence if e.title == "扫描件")
    return next(f for f in read_text(texts) if f.sha256 == sha).texts


def test_a_scan_is_read_and_found_in_the_experts_session(scanned, tmp_path):
    assert tesseract() is not None  # bootstrap.sh installs it
    texts = text_of_package(open_package(scanned), ocr=True)
    [page] = _scan_pages(texts, scanned)
    assert page.state == "ocr"
    assert "116" in page.text and "131,238.45" in page.text.replace(" ", "")
    carried = with_page_texts(scanned, tmp_path / "carried.esbatch", texts)
    with SessionFile(create_session(carried, "E01", tmp_path / "E01.esession")) as session:
        hits = [h for h in search_text(session, "116") if h.title == "扫描件"]
        assert [(h.page, h.found) for h in hits] == [(1, "116")]


def test_without_ocr_a_scan_is_a_page_without_text(scanned):
    [page] = _scan_pages(text_of_package(open_package(scanned)), scanned)
    assert (page.state, page.text) == ("no-text", "")
