"""The evidence files are real documents: Chinese PDFs, decodable PNGs, readable XLSX."""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from expertscore.batch.package import open_package
from expertscore.demo.evidence import devices, monitored
from expertscore.demo.evidence_png import dashboard_png, photo_png
from expertscore.demo.names import Namer
from expertscore.demo.profiles import profile_for
from expertscore.demo.submissions import make_submission
from expertscore.reports.fonts import CJK_FONT
from expertscore.schemes.model import DataSource
from expertscore.schemes.registry import resolve_scheme

from .helpers import BUNDLED, evidence_bytes

PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def pdf_text(data: bytes, tmp_path: Path) -> str:
    source = tmp_path / "evidence.pdf"
    source.write_bytes(data)
    result = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(source), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout


def png_chunks(data: bytes) -> list[str]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(data):
        length = int.from_bytes(data[offset : offset + 4], "big")
        chunks.append(data[offset + 4 : offset + 8].decode("ascii"))
        offset += 12 + length
    return chunks


def test_every_kind_of_evidence_appears(larger_package):
    manifest = open_package(larger_package).manifest
    titles = Counter(item.title for item in manifest.evidence)
    assert set(titles) == {
        "申报材料汇总表",
        "审计报告（摘要）",
        "典型应用案例",
        "知识产权清单",
        "平台运行监测大屏截图",
        "设备接入现场照片",
        "工业APP及模型清单",
    }
    assert titles["申报材料汇总表"] == len(manifest.submissions)


@pytest.mark.parametrize("scheme_id", BUNDLED)
def test_summary_pdf_has_chinese_text_and_embeds_the_font(demo_packages, scheme_id, tmp_path):
    package = demo_packages[scheme_id]
    manifest = open_package(package).manifest
    subs = {sub.id: sub for sub in manifest.submissions}
    summaries = [e for e in manifest.evidence if e.title == "申报材料汇总表"]
    assert len(summaries) == len(subs)
    for item in summaries:
        data = evidence_bytes(package, item)
        assert data.startswith(b"%PDF-")
        assert CJK_FONT.encode() in data
        assert b"/FontFile2" in data
        text = pdf_text(data, tmp_path)
        sub = subs[item.submission]
        assert sub.platform in text
        assert "工业互联网平台申报材料汇总表" in text
        assert "申报单位承诺" in text
        assert "□" not in text  # no missing glyphs


FIXED_PAGES = {"申报材料汇总表": 2, "审计报告（摘要）": 2, "知识产权清单": 1}


def test_every_pdf_has_its_pages_of_chinese(larger_package, tmp_path):
    manifest = open_package(larger_package).manifest
    subs = {sub.id: sub for sub in manifest.submissions}
    pdfs = [e for e in manifest.evidence if e.media_type == "application/pdf"]
    assert len(pdfs) > len(subs)
    for item in pdfs:
        data = evidence_bytes(larger_package, item)
        text = pdf_text(data, tmp_path)
        pages = text.count("\f")
        sub = subs[item.submission]
        if item.title in FIXED_PAGES:  # tables laid out the same for every platform
            assert pages == FIXED_PAGES[item.title], (item.id, pages)
        else:  # the case studies flow: one or two cases, never more pages than cases
            assert item.title == "典型应用案例", item.title
            assert 0 < pages <= len(sub.cases), (item.id, pages, len(sub.cases))
        chinese = sum("\u4e00" <= char <= "\u9fff" for char in text)
        assert chinese > 150, item.id
        if item.title == "审计报告（摘要）":
            assert f"{sub.operator}全体股东" in text.replace("\n", "")
            assert "审计意见" in text
        if item.title == "典型应用案例":
            flat = text.replace("\n", "")
            for case in sub.cases:
                assert case.title in flat
        if item.title == "知识产权清单":
            assert "发明专利" in text or "软件著作权" in text


def test_png_evidence_decodes_at_a_sensible_size(larger_package):
    manifest = open_package(larger_package).manifest
    pngs = [e for e in manifest.evidence if e.media_type == "image/png"]
    assert pngs
    for item in pngs:
        data = evidence_bytes(larger_package, item)
        assert "tIME" not in png_chunks(data)  # no time stamp, so the bytes repeat
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "PNG"
            image.load()
            width, height = image.size
            assert 800 <= width <= 1600
            assert 500 <= height <= 1000
            colors = image.convert("RGB").getcolors(maxcolors=1 << 16)
            assert colors is not None
            assert len(colors) >= 12  # a picture, not a blank
        assert len(data) < 200_000


def test_screenshots_and_photos_support_monitored_figures_and_devices():
    scheme = resolve_scheme("provincial-monitoring-2025").scheme
    profile = profile_for(scheme.id, scheme.title)
    rng = random.Random(3)
    sub = make_submission(rng, Namer(rng, profile), scheme, profile, "S001", date(2025, 5, 6))
    shown = monitored(sub)
    assert shown
    assert all(leaf.reported.source == DataSource.PORT for leaf in shown)
    assert all(sub.values[leaf.code].unit != "text" for leaf in shown)
    assert [leaf.code for leaf in devices(sub)] == ["1.1.1"]
    dashboard = Image.open(io.BytesIO(dashboard_png(rng, sub, shown)))
    photo = Image.open(io.BytesIO(photo_png(rng, sub)))
    assert dashboard.size == (1280, 760)
    assert photo.size == (1024, 683)


def test_xlsx_evidence_opens_and_lists_items(larger_package):
    manifest = open_package(larger_package).manifest
    sheets = [e for e in manifest.evidence if e.media_type == XLSX]
    assert sheets
    for item in sheets:
        workbook = load_workbook(io.BytesIO(evidence_bytes(larger_package, item)))
        sheet = workbook.active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[1][:3] == ("序号", "对应指标", "名称")
        listed = [row for row in rows[2:] if isinstance(row[0], int)]
        assert listed
        linked = {row[1].split(" ")[0] for row in listed}
        assert linked <= set(item.indicators)
        assert workbook.properties.modified.year < 2030
