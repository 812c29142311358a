"""The line under a reported value is asked again as each evidence file is indexed: a value
is shown found while other files are still being indexed."""

from __future__ import annotations

from expertscore.evidence.index import files_left
from expertscore.storage.session import SessionFile
from ui.main_window import MainWindow
from ui.settings import Settings


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
