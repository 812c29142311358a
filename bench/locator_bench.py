"""The evidence index and locator: indexing rate, search and locator times, file growth.

Targets (issue 23): indexing at >= 50 pages/s on one core, a search < 50 ms, the locator
for one submission's values < 200 ms; the session file's growth is reported. Two inputs:
a demo batch (its PDFs, screenshots and workbooks, as an expert gets them) and a 200-page
annual report of running Chinese text with figures. Printed, never asserted.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

SUBMISSIONS = 40
REPORT_PAGES = 200
RUNS = 20


def _annual_report() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from expertscore.reports.fonts import register_cjk_font

    font = register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    for page in range(1, REPORT_PAGES + 1):
        canvas.setFont(font, 10)
        for line in range(45):
            amount = f"{(page * 7919 + line * 104729) % 900000 + 10000:,}.{line:02d}"
            canvas.drawString(
                50,
                790 - 16 * line,
                f"第{page}页第{line}行：本年度公司实现营业收入{amount}万元，"
                f"同比增长{line % 30}.5%，研发投入持续加大。",
            )
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _report_package(out: Path) -> None:
    from tests.factories import example_builder

    builder = example_builder(submissions=1, experts=2)
    builder.add_evidence_bytes("S001", _annual_report(), "annual.pdf", "年度报告", [])
    builder.write(out)


def _size(path: Path) -> int:
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.stat().st_size


def _index(path: Path, label: str) -> None:
    from expertscore.evidence.index import build_index

    before = _size(path)
    started = time.process_time()
    wall = time.perf_counter()
    report = build_index(path)
    cpu = time.process_time() - started
    wall = time.perf_counter() - wall
    after = _size(path)
    per_page = (after - before) / max(report.pages, 1) / 1024
    print(
        f"  {label}: {report.files} files, {report.pages} pages ({report.no_text} without text)"
        f" in {wall:.2f} s wall, {cpu:.2f} s CPU: {report.pages / wall:.0f} pages/s"
        f" (target >= 50); session {before / 2**20:.1f} -> {after / 2**20:.1f} MiB"
        f" (+{(after - before) / 2**20:.2f} MiB, +{per_page:.1f} KiB a page)"
    )


def _median_ms(call) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _queries(path: Path) -> None:
    from expertscore.evidence.locate import locate_submission
    from expertscore.evidence.search import search_text
    from expertscore.storage.session import SessionFile

    with SessionFile(path) as session:
        ids = [
            row[0] for row in session.engine.connect().exec_driver_sql("SELECT id FROM submission")
        ]
        one = ids[len(ids) // 2]
        values = len(locate_submission(session, one))
        for label, call in (
            ("search one submission (审计意见)", lambda: search_text(session, "审计意见", one)),
            ("search the batch (审计意见)", lambda: search_text(session, "审计意见")),
            ("search the batch, 2 characters (平台)", lambda: search_text(session, "平台")),
            (f"locate {values} values of {one}", lambda: locate_submission(session, one)),
        ):
            print(f"  {label}: median {_median_ms(call):.1f} ms of {RUNS}")
        located = locate_submission(session, one)
        found = sum(item.state == "found" for item in located)
        print(
            f"  {one}: {found} of {len(located)} values found, "
            f"{sum(item.state == 'not-found' for item in located)} not found"
        )


def main() -> None:
    from expertscore.demo import make_demo_batch
    from expertscore.storage.importer import create_session

    print("locator: the evidence index and the reported-value locator")
    with tempfile.TemporaryDirectory(prefix="expertscore-bench-locator-") as folder:
        root = Path(folder)
        package = root / "demo.esbatch"
        make_demo_batch("liaoning-2025-grading", SUBMISSIONS, 3, 5, package)
        started = time.perf_counter()
        session = create_session(package, "E01", root / "E01.esession")
        created = time.perf_counter() - started
        print(f"  session create ({SUBMISSIONS} submissions): {created:.2f} s, index not built")
        _index(session, f"demo batch, {SUBMISSIONS} submissions")
        _queries(session)
        report = root / "report.esbatch"
        _report_package(report)
        report_session = create_session(report, "E01", root / "report.esession")
        _index(report_session, f"a {REPORT_PAGES}-page annual report")
        with_report = root / "report-copy.esession"
        shutil.copy(report_session, with_report)
        _queries(with_report)


if __name__ == "__main__":
    main()
