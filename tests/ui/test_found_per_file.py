"""The line under a reported value is asked again as each evidence file is indexed: a value
is shown found while other files are still being indexed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from expertscore.evidence.index import files_left
from expertscore.storage.session import SessionFile
from ui.expert.window import MainWindow
from ui.settings import Settings

from .helpers import focused, press


def test_the_line_says_found_before_the_whole_index_is_built(configured_app, qtbot, demo_session):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    seen: list[tuple[str, int]] = []
    session = SessionFile(demo_session)
    window.set_session(session)
    try:
        line = window.form.detail.found
        # connected after the line's own refresh: what it says once a file is in
        window.indexing.fileIndexed.connect(
            lambda: seen.append((line.text(), files_left(window.controller.session)))
        )
        qtbot.waitUntil(lambda: not window.indexing.building, timeout=60000)
        found_early = [text for text, left in seen if text.startswith("Found") and left > 0]
        assert found_early, seen
        assert found_early[0].startswith("Found in the evidence: 申报材料汇总表 p.1")
    finally:
        window.close()


def test_ctrl_l_marks_the_value_on_the_page(demo_window, qtbot):
    window = demo_window
    qtbot.waitUntil(lambda: not window.indexing.building, timeout=60000)
    while window.form.current_code != "2.1.1":  # S001's 116 人
        press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    for _ in range(2):  # the summary table's page 1, then the audit report's page 2
        press(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    viewer = window.viewer
    qtbot.waitUntil(lambda: viewer.kind == "pdf" and viewer.record.title == "审计报告（摘要）")
    pdf = viewer.pdf
    assert pdf.search_edit.text() == "116"
    qtbot.waitUntil(lambda: pdf.result_index >= 0 and pdf.results[pdf.result_index][0] == 1)
    assert pdf.page == 1 and pdf.result_rect() is not None  # marked on page 2
    assert window.form.detail.editor().isAncestorOf(focused())
