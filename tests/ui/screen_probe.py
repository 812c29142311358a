"""Opens the expert's window on a session as it opens on the screen Qt was started with, and
prints as JSON what an expert needs to score and whether it is in view: the score field,
the reported value, the guidance and the evidence pane. Also saves a screenshot.

Run in its own process by ``test_laptop_screen``: the screen's size is set when Qt starts
(the offscreen platform's ``configfile``), so the test process's own screen cannot be used.

    python -m tests.ui.screen_probe SESSION LANG INDICATOR SHOT.png
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QWidget


def _in_view(widget: QWidget, screen: QRect) -> dict:
    """Where ``widget`` is on the screen and whether all of it is shown: not hidden, not
    cut by the window, a scroll area or the screen's edge."""
    top_left = widget.mapToGlobal(QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    shown = widget.visibleRegion().boundingRect()
    return {
        "visible": widget.isVisible(),
        "rect": [rect.x(), rect.y(), rect.width(), rect.height()],
        "whole": widget.isVisible() and shown.size() == widget.size(),
        "on_screen": screen.contains(rect),
        "text": widget.text() if isinstance(widget, QLabel) else "",
    }


def show(session: Path, indicator: str, then) -> None:
    """The window on ``session`` at ``indicator``; ``then(window)`` once pages are drawn."""
    from expertscore.storage.session import SessionFile
    from ui.cli import _settle_then
    from ui.expert.window import MainWindow
    from ui.settings import Settings

    window = MainWindow(Settings())  # the default size, clamped to this screen
    window.set_session(SessionFile(session))
    window.show()
    QApplication.processEvents()
    assert window.form is not None and window.viewer is not None
    window.form.select_indicator(indicator, focus=True)
    _settle_then(QApplication.instance(), lambda: then(window), window)


def probe(window, shot: Path) -> dict:
    form = window.form
    screen = window.screen().geometry()
    detail = form.detail
    area = form.tabs.widget(0)
    facts = {
        "screen": [screen.width(), screen.height()],
        "window": [
            window.frameGeometry().x(),
            window.frameGeometry().y(),
            window.frameGeometry().width(),
            window.frameGeometry().height(),
        ],
        "window_on_screen": screen.contains(window.frameGeometry()),
        "form_scrolls": area.verticalScrollBar().maximum() > 0,
        "score": _in_view(detail.editor(), screen),
        "reported": _in_view(detail.reported, screen),
        "guidance": _in_view(detail.help, screen),
        "evidence": _in_view(window.viewer, screen),
        "evidence_list_rows": window.viewer.list.height()
        // max(1, window.viewer.list.sizeHintForRow(0)),
    }
    image = window.grab()
    shot.parent.mkdir(parents=True, exist_ok=True)
    facts["shot"] = image.save(str(shot), "PNG")
    window.persist_layout = False  # the probe's layout is not the user's to keep
    window.close()
    return facts


def main() -> None:
    from ui.app import create_app

    session, language, indicator, shot = sys.argv[1:5]
    app = create_app(language)
    result: dict = {}

    def measure(window) -> None:
        try:
            result.update(probe(window, Path(shot)))
        finally:  # a failed probe ends the process too (the test reads what it printed)
            app.exit(0)

    def start() -> None:
        try:
            show(Path(session), indicator, measure)
        except BaseException:
            app.exit(1)
            raise

    QTimer.singleShot(0, start)
    app.exec()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
