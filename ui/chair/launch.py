"""Opening the chair's and the organizer's windows: from ``expertscore gui`` and from the
expert window's File menu.

``expertscore gui --chair PACKAGE --merge-dir DIR [--keycard CARD]... [--screenshot FILE]``
and ``expertscore gui --organizer [SOURCE] [--screenshot FILE]`` (SOURCE: the authority's
package or Excel form). With ``--screenshot`` the window is
rendered once it shows its data, saved, and the program exits (0, or 2 with the reason on
stderr when the folder cannot be opened).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget

Settle = Callable[..., None]
Save = Callable[[QWidget, Path, QApplication], None]


def open_chair_window(parent: QWidget | None = None, new: bool = True) -> QMainWindow:
    """A chair window beside ``parent``, starting with the new-merge or open-merge dialog."""
    from ui.chair.window import ChairWindow

    window = ChairWindow(parent)
    window.show()
    if new:
        window.new_merge()
    else:
        window.choose_merge()
    return window


def open_organizer_window(parent: QWidget | None = None) -> QMainWindow:
    from ui.organizer.window import OrganizerWindow

    window = OrganizerWindow(parent)
    window.show()
    return window


def add_panel_entries(window: QMainWindow, menu: QMenu) -> list[QAction]:
    """File menu entries of the expert window that open the chair's and organizer's windows."""

    def entry(text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, window)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    menu.addSeparator()
    return [
        entry(
            QCoreApplication.translate("PanelEntries", "New &merge (panel chair)…"),
            lambda: open_chair_window(window, new=True),
        ),
        entry(
            QCoreApplication.translate("PanelEntries", "Open merge (panel &chair)…"),
            lambda: open_chair_window(window, new=False),
        ),
        entry(
            QCoreApplication.translate("PanelEntries", "&Prepare a review round…"),
            lambda: open_organizer_window(window),
        ),
    ]


def run_chair(
    app: QApplication,
    package: Path,
    merge_dir: Path | None,
    keycards: tuple[Path, ...],
    screenshot: Path | None,
    settle: Settle,
    save: Save,
) -> int:
    from ui.chair.window import ChairWindow

    if merge_dir is None:
        click.echo("error: --chair needs --merge-dir DIR", err=True)
        return 2
    window = ChairWindow()
    status = {"code": 0}
    if screenshot is not None:
        window.quiet = True
        window.place.enabled = False  # a screenshot neither takes nor leaves a size
        window.resize(1440, 900)  # clamped to the screen when shown

        def failed(message: str) -> None:
            click.echo(f"error: {message}", err=True)
            status["code"] = 2
            app.exit(2)

        window.failed.connect(failed)
        window.stateLoaded.connect(lambda: settle(app, lambda: save(window, screenshot, app)))
    window.show()
    QTimer.singleShot(0, lambda: window.open_merge(package, merge_dir, keycards))
    code = app.exec()
    return status["code"] or code


def run_organizer(
    app: QApplication, source: Path | None, screenshot: Path | None, settle: Settle, save: Save
) -> int:
    from ui.organizer.window import OrganizerWindow

    window = OrganizerWindow()
    status = {"code": 0}
    if screenshot is not None:
        window.quiet = True
        window.place.enabled = False  # a screenshot neither takes nor leaves a size
        window.resize(1440, 900)

        def failed(message: str) -> None:
            click.echo(f"error: {message}", err=True)
            status["code"] = 2
            app.exit(2)

        window.failed.connect(failed)
        if source is not None:
            window.sourceOpened.connect(lambda: settle(app, lambda: save(window, screenshot, app)))
        else:
            settle(app, lambda: save(window, screenshot, app))
    window.show()
    if source is not None:
        QTimer.singleShot(0, lambda: window.open_source(source))
    code = app.exec()
    return status["code"] or code


def run_panel_window(
    app: QApplication,
    chair_package: Path | None,
    merge_dir: Path | None,
    keycards: tuple[Path, ...],
    source: Path | None,
    screenshot: Path | None,
    settle: Settle,
    save: Save,
) -> int:
    """``expertscore gui --chair …`` or ``--organizer [SOURCE]``: the exit status."""
    if chair_package is not None:
        return run_chair(app, chair_package, merge_dir, keycards, screenshot, settle, save)
    return run_organizer(app, source, screenshot, settle, save)
