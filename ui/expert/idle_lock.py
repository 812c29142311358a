"""The window locks an encrypted session after a while without input.

After ``Settings.lock_minutes`` (15 by default) without a key press, click or wheel turn,
the session is closed as on quitting (the edits are in the file already, the position is
saved), its key dropped from memory (``cipher.forget``), and the window shows only the lock
page: the file's name and a passphrase field. The right passphrase opens the session
again where the expert was. A plain session has no key to drop and is never locked.
Undo history does not survive a lock: it lives with the open session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from expertscore import __version__
from expertscore.storage import cipher

if TYPE_CHECKING:
    from ui.expert.window import MainWindow

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.MouseMove,
}


class LockPage(QWidget):
    """What a locked window shows: nothing of the session but its file name."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Imported when the window first locks: the cold start does without the dialogs.
        from ui.expert.dialogs.session_passphrase import UnlockForm

        self.setObjectName("lockPage")
        self.form = UnlockForm(
            path,
            self.tr(
                "The session was locked after a time without use; its key is no longer in"
                " memory. Type the passphrase to go on where you were."
            ),
            self,
        )
        self.form.setMaximumWidth(520)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        self.setFocusProxy(self.form)


class IdleLock(QObject):
    def __init__(self, window: MainWindow, minutes: int) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_timeout(minutes * 60_000)
        self.page: LockPage | None = None

    def set_timeout(self, milliseconds: int) -> None:
        """0 never locks; tests give a short time."""
        self.timer.setInterval(milliseconds)
        self._arm()

    def _arm(self) -> None:
        controller = self.window.controller
        app = QApplication.instance()
        on = self.timer.interval() > 0 and controller is not None and controller.session.encrypted
        if on:
            self.timer.start()
        else:
            self.timer.stop()
        # Watching every event of the application costs a Python call each: only while an
        # encrypted session is open.
        if app is not None:
            (app.installEventFilter if on else app.removeEventFilter)(self)

    def session_opened(self) -> None:
        self.page = None
        self._arm()

    def session_closed(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()  # from now again
        return False

    def lock(self) -> None:
        controller = self.window.controller
        if controller is None or not controller.session.encrypted:
            return
        path = controller.session.path
        # Closes any modal dialog first: it belongs to the session being closed.
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isModal() and widget.isVisible():
                widget.close()
        self.window.close_session()
        cipher.forget(path)
        self.window.setWindowTitle(f"ExpertScore {__version__}")
        self.window.statusBar().clearMessage()
        self.page = LockPage(path, self.window)
        self.page.form.unlocked.connect(lambda: self.window.open_path(path))
        self.window.setCentralWidget(self.page)
        self.page.setFocus()

    def locked(self) -> bool:
        return self.page is not None and self.window.centralWidget() is self.page
