"""Search all evidence (Ctrl+Shift+E) in the expert's window, by keys alone, on the demo:
the matches listed as file, page and snippet, Enter showing the page with the match."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from expertscore.evidence.search import MAX_HITS, Hit
from ui.evidence.search_box import EvidenceSearchBox

from .helpers import focused, press, type_keys

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
AUDIT = "审计报告（摘要）"


def _indexed(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.indexing.building, timeout=60000)


def _open_box(qtbot, window):
    press(qtbot, Qt.Key.Key_E, CTRL_SHIFT)
    box = window.evidence_search.box
    assert box is not None
    box.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    assert focused() is box.edit
    return box


def _lines(box) -> list[str]:
    return [box.results.item(row).text() for row in range(box.results.count())]


def test_a_text_is_listed_by_file_page_and_snippet_and_enter_shows_the_page(demo_window, qtbot):
    window = demo_window
    _indexed(qtbot, window)
    box = _open_box(qtbot, window)
    type_keys(qtbot, "116")
    press(qtbot, Qt.Key.Key_Return)
    lines = _lines(box)
    assert box.status.text() == "2 matches"
    assert lines[0].startswith("申报材料汇总表 p.1: …") and "研发人员数量 116 人" in lines[0]
    assert lines[1].startswith(f"{AUDIT} p.2: …") and "研发人员数量：116人" in lines[1]
    assert box.results.item(0).data(Qt.ItemDataRole.DisplayRole) == lines[0]  # plain text
    press(qtbot, Qt.Key.Key_Down)  # into the list
    assert focused() is box.results
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert not box.isVisible()
    qtbot.waitUntil(lambda: window.viewer.kind == "pdf")
    assert window.viewer.record.title == AUDIT
    assert window.viewer.current_evidence() == (window.viewer.record.id, 2)
    pdf = window.viewer.pdf
    assert pdf.search_edit.text() == "116"
    qtbot.waitUntil(lambda: pdf.result_index >= 0 and pdf.results[pdf.result_index][0] == 1)
    assert pdf.page == 1  # the match's page, not the document's first match
    assert window.form.detail.editor().isAncestorOf(focused())  # back in the score


def test_all_submissions_and_a_text_found_nowhere(demo_window, qtbot):
    window = demo_window
    _indexed(qtbot, window)
    box = _open_box(qtbot, window)
    type_keys(qtbot, "API")
    press(qtbot, Qt.Key.Key_Return)
    assert len(_lines(box)) == 1  # this submission's
    press(qtbot, Qt.Key.Key_A, ALT)  # in all submissions
    assert box.everywhere.isChecked()
    lines = _lines(box)
    assert [line.split()[0] for line in lines] == ["S001", "S002", "S003", "S004", "S005"]
    press(qtbot, Qt.Key.Key_Down)
    for _ in range(2):
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.form.submission_id == "S003")
    qtbot.waitUntil(lambda: window.viewer.kind == "pdf")
    assert window.viewer.submission == "S003"
    assert window.viewer.record.title == "申报材料汇总表"
    assert window.viewer.current_evidence()[1] == 2
    box = _open_box(qtbot, window)
    assert box.edit.selectedText() == "API"  # typing replaces the last search
    type_keys(qtbot, "qqzzx")
    press(qtbot, Qt.Key.Key_Return)
    assert _lines(box) == []
    assert box.status.text() == "Not found in any evidence"
    press(qtbot, Qt.Key.Key_Escape)
    assert not box.isVisible()


def test_file_titles_and_snippets_are_shown_as_plain_text(configured_app, qtbot):
    hostile = Hit(
        "S001-E001", "S001", "<b>审计</b>", "a.pdf", 3, None, 0, 3, "…\u202e123 \x1b[31m…", "123"
    )

    def searcher(text, submission):
        return [hostile] * (MAX_HITS if text == "many" else 1), 0

    box = EvidenceSearchBox(searcher)
    qtbot.addWidget(box)
    box.start("S001")
    box.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    type_keys(qtbot, "123")
    press(qtbot, Qt.Key.Key_Return)
    assert _lines(box) == ["<b>审计</b> p.3: …[U+202E]123 \u241b[31m…"]
    assert box.status.text() == "1 matches"
    box.edit.selectAll()
    type_keys(qtbot, "many")
    press(qtbot, Qt.Key.Key_Return)
    assert box.status.text() == f"The first {MAX_HITS} matches"
