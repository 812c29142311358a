"""Laptop screens: the window fits the screen it opens on, the indicator fits without
scrolling the form, six evidence files are in view, PDFs open at fit width, the PDF search
keeps its width, and workbook columns are sized by their data, not by a long title."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from ui.expert.window import MainWindow
from ui.settings import Settings


def test_a_saved_size_larger_than_the_screen_is_clamped(configured_app, qtbot):
    big = MainWindow(Settings())  # 1440 x 900 by default, larger than the test screen
    qtbot.addWidget(big)
    big.resize(1440, 900)
    big.settings.save_layout(big.saveGeometry(), big.saveState(), {})
    again = MainWindow(Settings())
    qtbot.addWidget(again)
    room = QApplication.primaryScreen().availableGeometry()
    assert again.frameGeometry().width() <= room.width()
    assert again.frameGeometry().height() <= room.height()
    assert room.contains(again.frameGeometry().topLeft())


def test_the_indicator_fits_and_six_files_show(demo_window, qtbot):
    window = demo_window
    window.resize(790, 760)  # the offscreen screen is 800 x 800
    qtbot.waitUntil(lambda: window.splitter.width() > 700)
    form = window.form
    form.select_indicator("1.1.1", focus=True)
    area = form.tabs.widget(0)
    assert area.verticalScrollBar().maximum() == 0, "the form scrolls"
    viewer = window.viewer
    assert viewer.list.height() >= 6 * viewer.list.sizeHintForRow(0)
    assert viewer.pdf.zoom is None  # fit width


def test_pdf_search_keeps_its_width(demo_window, qtbot):
    window = demo_window
    window.splitter.setSizes([300, 500, 300])  # a narrow evidence pane
    search = window.viewer.pdf.search_edit
    qtbot.waitUntil(lambda: search.width() > 0)
    assert search.width() >= search.fontMetrics().horizontalAdvance("Find in document")
