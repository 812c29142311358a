"""Building the index: every kind of file, scanned pages listed, hostile and broken files
listed and never fatal, limits, cancelling and going on later, short transactions."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from expertscore.evidence import index as index_module
from expertscore.evidence.extract import Limits
from expertscore.evidence.index import build_index, index_state
from expertscore.evidence.search import search_text
from expertscore.reports.fonts import register_cjk_font
from expertscore.storage.cipher import driver
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import example_builder


def _pdf(pages: list[str | None]) -> bytes:
    """A PDF whose pages carry these lines of text; None: a scanned page (drawing only)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for text in pages:
        if text is None:
            canvas.rect(50, 50, 400, 600, fill=1)
        else:
            canvas.setFont(register_cjk_font(), 11)
            for number, line in enumerate(text.split("\n")):
                canvas.drawString(60, 760 - 16 * number, line)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "设备清单"
    sheet.append(["设备名称", "数量", "在线率"])
    sheet.append(["数控机床", 1200, 0.1034])
    sheet["C2"].number_format = "0.00%"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PAGES = ["平台运行情况说明", None, "累计接入工业设备1,200台\n注册用户3.12万户", None]


@pytest.fixture
def package(tmp_path: Path) -> Path:
    builder = example_builder(submissions=2)
    add = builder.add_evidence_bytes
    add("S001", _pdf(PAGES), "report.pdf", "运行报告", ["2.1"])
    add("S001", _workbook(), "devices.xlsx", "设备清单", ["2.1"])
    add("S001", "设备在线率达到10.34%。".encode("gb18030"), "notes.txt", "说明", ["1.1"])
    add("S001", _pdf(["第一页"])[:400], "cut.pdf", "残缺文件", ["1.1"])
    add("S002", _pdf([f"第{n}页 年度报告" for n in range(1, 8)]), "annual.pdf", "年度报告", [])
    builder.write(tmp_path / "batch.esbatch")
    return tmp_path / "batch.esbatch"


@pytest.fixture
def session_path(package: Path, tmp_path: Path) -> Path:
    return create_session(package, "E01", tmp_path / "E01.esession")


def _pages(path: Path) -> list[tuple]:
    with driver.connect(path) as raw:
        return raw.execute(
            "SELECT p.sha256, p.page, p.state, p.chars, t.text FROM evidence_page p"
            " LEFT JOIN evidence_text t ON t.rowid = p.id ORDER BY p.sha256, p.page"
        ).fetchall()


def test_every_kind_of_file_is_indexed_and_scans_are_listed(session_path):
    report = build_index(session_path)
    assert report.remaining == 0 and not report.cancelled
    with SessionFile(session_path) as session:
        states = {(state.kind, state.state) for state in index_state(session)}
        assert ("pdf", "done") in states and ("table", "done") in states
        assert ("text", "done") in states and ("image", "done") in states
        broken = [state for state in index_state(session) if state.state == "broken"]
        assert len(broken) >= 1  # the cut PDF, and the example's fake PDFs
        hits = search_text(session, "工业设备", "S001")
        assert [(hit.title, hit.page) for hit in hits] == [("运行报告", 3)]
        assert hits[0].snippet.startswith("累计接入工业设备1,200台")
        sheet = search_text(session, "10.34%", "S001")
        assert {(hit.title, hit.label) for hit in sheet} == {
            ("设备清单", "设备清单"),
            ("说明", None),
        }
    scans = [row for row in _pages(session_path) if row[2] == "no-text"]
    assert len(scans) >= 3  # two scanned PDF pages and the screenshot


def test_cancelled_in_the_middle_of_a_file_goes_on_later(session_path, tmp_path, monkeypatch):
    full = tmp_path / "full.esession"
    full.write_bytes(session_path.read_bytes())
    build_index(full)
    monkeypatch.setattr(index_module, "BATCH_PAGES", 2)

    def cancel_inside_the_report() -> bool:  # the 4-page report.pdf, after its first batch
        with driver.connect(session_path) as other:
            sha = other.execute("SELECT sha256 FROM evidence WHERE filename = 'report.pdf'")
            pages = other.execute(
                "SELECT COUNT(*) FROM evidence_page WHERE sha256 = ?", sha.fetchone()
            )
            return pages.fetchone()[0] >= 2

    first = build_index(session_path, cancelled=cancel_inside_the_report)
    assert first.cancelled and first.remaining > 0
    with SessionFile(session_path) as session:
        assert [
            (state.state, state.pages, state.pages_done)
            for state in index_state(session)
            if state.state == "indexing"
        ] == [("indexing", 4, 2)]
    second = build_index(session_path)
    assert not second.cancelled and second.remaining == 0
    assert _pages(session_path) == _pages(full)


def test_no_write_lock_is_held_between_batches(session_path):
    """A scoring edit (another connection, no waiting) gets through at every progress call."""
    writes = []

    def progress(done: int, total: int) -> None:
        other = driver.connect(session_path, timeout=0)
        other.execute("INSERT OR REPLACE INTO ui_state (key, value) VALUES ('probe', ?)", (done,))
        other.commit()
        other.close()
        writes.append(done)

    build_index(session_path, progress=progress)
    assert len(writes) > 3


def test_limits_cut_pages_and_text(session_path):
    report = build_index(session_path, limits=Limits(max_pages=3, max_page_chars=4))
    assert report.cut >= 1
    with SessionFile(session_path) as session:
        cut = [state for state in index_state(session) if state.state == "cut"]
        assert any(state.reason == "pages 7 > 3" for state in cut)
    rows = _pages(session_path)
    assert max(row[3] for row in rows) <= 4
    assert any(row[2] == "cut" for row in rows)


def test_a_file_beyond_the_byte_limit_is_refused(session_path):
    build_index(session_path, limits=Limits(max_bytes=1000))
    with SessionFile(session_path) as session:
        refused = [state for state in index_state(session) if state.state == "refused"]
    assert refused and all(state.reason.startswith("bytes ") for state in refused)


def test_a_workbook_sheet_beyond_the_limit_is_refused(tmp_path):
    builder = example_builder(submissions=1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet>" + " " * 5000 + "</worksheet>")
    builder.add_evidence_bytes("S001", buffer.getvalue(), "big.xlsx", "大表", [])
    builder.write(tmp_path / "b.esbatch")
    path = create_session(tmp_path / "b.esbatch", "E01", tmp_path / "E01.esession")
    build_index(path, limits=Limits(max_sheet_bytes=1000))
    with SessionFile(path) as session:
        reasons = {state.reason for state in index_state(session)}
    assert "sheet bytes 5023 > 1000" in reasons


def test_the_hostile_demo_submission_is_indexed_without_harm(indexed_session):
    with SessionFile(indexed_session) as session:
        states = index_state(session)
        with session.engine.connect() as connection:
            files = connection.exec_driver_sql("SELECT COUNT(DISTINCT sha256) FROM evidence")
            assert len(states) == files.scalar()
    assert all(state.state in ("done", "broken", "cut", "refused") for state in states)
    assert any(state.state == "broken" for state in states)  # the broken workbook


def test_what_is_left_and_the_pages_without_text(session_path):
    from expertscore.evidence.index import files_left
    from expertscore.evidence.search import pages_without_text

    with SessionFile(session_path) as session:
        before = files_left(session)
    assert before > 0
    build_index(session_path)
    with SessionFile(session_path) as session:
        assert files_left(session) == 0
        scans = [(ref.title, ref.page) for ref in pages_without_text(session, "S001")]
    assert ("运行报告", 2) in scans and ("运行报告", 4) in scans and ("平台截图", 1) in scans
    assert ("运行报告", 3) not in scans


def test_the_time_limit_cuts_a_file_between_pages(session_path):
    build_index(session_path, limits=Limits(max_seconds=0))
    with SessionFile(session_path) as session:
        cut = [state for state in index_state(session) if state.state == "cut"]
    assert cut and {state.reason for state in cut} == {"seconds > 0"}
    assert all(state.pages_done < state.pages for state in cut)
