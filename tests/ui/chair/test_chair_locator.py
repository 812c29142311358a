"""The chair's locator on a real merge folder: the package's evidence indexed in a file of
its own (owner-only, in the data folder), the line saying where the chosen indicator's
reported value is found, Ctrl+L to those pages, and Search all evidence by keys."""

from __future__ import annotations

import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from expertscore.evidence.indexfile import index_path
from tests.ui.chair.conftest import open_window
from ui.chair.evidence_locator import index_folder
from ui.chair.window import ChairWindow

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(configured_app, qtbot, panel, merged):
    shown = open_window(qtbot, panel, merged)
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()


def test_the_line_says_where_the_value_is_and_ctrl_l_shows_it(window, qtbot):
    window.select_submission("S001")
    window.select_indicator("2.1.1")
    locator = window.locator
    qtbot.waitUntil(lambda: not locator.building, timeout=60000)
    line = locator.line
    assert line.isVisible()
    assert line.text() == "Found in the evidence: 申报材料汇总表 p.1"
    path = index_path(index_folder(), window.state.package)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    window.matrix.setFocus()
    viewer = window.evidence.viewer
    viewer.show_row(viewer.model.rowCount() - 1)  # another file than the one with the value
    _key(qtbot, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: viewer.kind == "pdf")
    assert viewer.record.title == "申报材料汇总表"
    assert viewer.current_evidence() == (viewer.record.id, 1)
    pdf = viewer.pdf  # the value marked on the page
    marked = window.locator.hits[(viewer.record.id, 1)].found
    assert pdf.search_edit.text() == marked and marked
    qtbot.waitUntil(lambda: pdf.result_index >= 0 and pdf.results[pdf.result_index][0] == 0)
    window.select_indicator("1.1.1")  # a value changed in nothing: found again, elsewhere
    assert line.text().startswith("Found in the evidence: ")


def test_search_all_evidence_opens_another_submissions_page(window, qtbot):
    window.select_submission("S001")
    window.select_indicator("1.1.1")
    qtbot.waitUntil(lambda: not window.locator.building, timeout=60000)
    window.matrix.setFocus()
    _key(qtbot, Qt.Key.Key_E, CTRL_SHIFT)
    box = window.locator.box
    box.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    qtbot.keyClicks(box.edit, "API")
    _key(qtbot, Qt.Key.Key_Return)
    assert box.results.count() == 1
    _key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    lines = [box.results.item(row).text() for row in range(box.results.count())]
    assert [line.split()[0] for line in lines] == ["S001", "S002", "S003", "S004"]
    assert all("申报材料汇总表 p.2: …" in line for line in lines)
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Down)
    _key(qtbot, Qt.Key.Key_Return)
    assert window.current_submission() == "S002"
    viewer = window.evidence.viewer
    qtbot.waitUntil(lambda: viewer.submission == "S002" and viewer.kind == "pdf")
    qtbot.waitUntil(lambda: viewer.current_evidence() == ("S002-E001", 2))
    assert viewer.record.title == "申报材料汇总表"


def test_closing_the_window_while_indexing_stops_the_build(configured_app, qtbot, panel, merged):
    shown = ChairWindow()
    shown.quiet = True
    with qtbot.waitSignal(shown.stateLoaded, timeout=60000):
        shown.open_merge(panel.package, merged, tuple(panel.cards))
    shown.show()
    locator = shown.locator
    shown.select_indicator("1.1.1")
    assert locator.building
    cancel = locator._cancel
    shown.close()  # deletes itself: a report of the build coming later must find nothing
    qtbot.waitUntil(cancel.is_set, timeout=10000)
    qtbot.wait(3000)  # reports still on their way are ignored (pytest-qt fails on an error)
