"""What the expert's window remembers between runs: where the expert left off, and its layout.

Where the expert left off (the submission and indicator) is kept in the session, written
a moment after the position moves (a run of arrow keys writes once); the layout (geometry,
window state, the three splitters) in the machine's settings, restored when a session is
shown and saved when it closes or the window quits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QTimer
from PySide6.QtWidgets import QSplitter

if TYPE_CHECKING:
    from ui.expert.window import MainWindow


class LayoutMemory(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.save_position)

    def position_moved(self) -> None:
        """The submission, indicator or evidence shown changed: save it in a moment."""
        self._save_timer.start()

    def save_position(self) -> None:
        window = self.window
        if window.controller is None or window.form is None:
            return
        window.controller.save_ui_state(
            {"submission": window.form.submission_id, "indicator": window.form.current_code}
        )

    def session_closing(self) -> None:
        """Write the position now (instead of in a moment) and the layout."""
        self._save_timer.stop()
        self.save_position()
        self.save_layout()

    def restore_layout(self) -> None:
        window = self.window
        window_state = window.settings.window_state()
        if window_state is not None:
            window.restoreState(window_state)
        # Give the splitters their real size first, or restored sizes get squeezed.
        layout = window.layout()
        if layout is not None:
            layout.activate()
        for name, splitter in self.splitters().items():
            saved = window.settings.splitter_state(name)
            if saved is not None:
                splitter.restoreState(saved)

    def splitters(self) -> dict[str, QSplitter]:
        window = self.window
        if window.splitter is None or window.form is None or window.viewer is None:
            return {}
        return {
            "main": window.splitter,
            "form": window.form.splitter,
            "evidence": window.viewer.splitter,
        }

    def save_layout(self) -> None:
        window = self.window
        if not window.persist_layout:
            return
        splitters: dict[str, QByteArray] = {
            name: splitter.saveState() for name, splitter in self.splitters().items()
        }
        window.settings.save_layout(window.saveGeometry(), window.saveState(), splitters)
        window.settings.sync()
