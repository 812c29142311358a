"""Where a window opens and how big: on the screen it opens on, as it was last left.

A size saved on a large monitor, or a window's default size, is clamped to the screen the
window opens on (a 1366x768 laptop, or 1920x1080 at 150%), so no part of it is off screen.
``RememberedPlace`` keeps a window's geometry and its splitters' sizes between runs, in the
machine's settings under the window's own name.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtWidgets import QApplication, QSplitter, QWidget

from ui.settings import open_qsettings


def fit_to_screen(window: QWidget) -> None:
    """Clamp ``window`` (frame included, once it is known) to its screen's free area."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()
    width = min(window.width(), room.width() - frame.width())
    height = min(window.height(), room.height() - frame.height())
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(window.x(), room.left()), room.right() - width - frame.width() + 1)
    y = min(max(window.y(), room.top()), room.bottom() - height - frame.height() + 1)
    window.move(max(x, room.left()), max(y, room.top()))


def refit_when_shown(window: QWidget) -> None:
    """Fit again after the first show: before it the frame (title bar, borders) is not
    known, so the window was fitted without it."""
    QTimer.singleShot(0, lambda: _refit(window))


def _refit(window: QWidget) -> None:
    if not (window.isMaximized() or window.isFullScreen()):
        fit_to_screen(window)


class RememberedPlace:
    """A window's geometry and splitter sizes, restored when made and saved when closed."""

    def __init__(self, window: QWidget, name: str, splitters: dict[str, QSplitter]) -> None:
        self.window = window
        self.name = name  # the settings group: one per kind of window
        self.splitters = splitters
        self.enabled = True  # off for screenshots, which want a fixed size

    def restore(self) -> None:
        store = open_qsettings()
        geometry = store.value(f"{self.name}/geometry")
        if isinstance(geometry, QByteArray):
            self.window.restoreGeometry(geometry)
        for key, splitter in self.splitters.items():
            state = store.value(f"{self.name}/splitter/{key}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        fit_to_screen(self.window)

    def save(self) -> None:
        if not self.enabled:
            return
        store = open_qsettings()
        store.setValue(f"{self.name}/geometry", self.window.saveGeometry())
        for key, splitter in self.splitters.items():
            store.setValue(f"{self.name}/splitter/{key}", splitter.saveState())
        store.sync()
