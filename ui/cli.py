"""``expertscore gui``: the scoring window, found by the core's command line as a plugin.

``--screenshot FILE.png`` renders the window once the session is on screen and every
pending paint is done, saves it and exits 0 (it works with ``QT_QPA_PLATFORM=offscreen``);
``--exit-after-show`` exits as soon as the window is interactive, printing the seconds it
took (the cold-start benchmark uses it).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

STARTED = time.perf_counter()


@click.command("gui")
@click.argument(
    "package_or_session", required=False, type=click.Path(dir_okay=False, path_type=Path)
)
@click.option("--expert", metavar="ID", help="Your expert id on the roster (skips the choice).")
@click.option(
    "--session-out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to put the session when opening a package"
    " (default: beside it, <package>-<expert>.esession; reused if it exists).",
)
@click.option(
    "--screenshot",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Render the window to this PNG file and exit.",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language (default: the last used).")
@click.option("--submission", metavar="ID", help="Show this submission first.")
@click.option("--indicator", metavar="CODE", help="Show this indicator first.")
@click.option("--exit-after-show", is_flag=True, hidden=True)
@click.option(
    "--chair",
    "chair_package",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Open the panel chair's window on this batch package (with --merge-dir).",
)
@click.option(
    "--merge-dir", type=click.Path(file_okay=False, path_type=Path), help="The merge folder."
)
@click.option(
    "--keycard",
    "keycards",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="A key card or a folder of them, for experts whose key the roster does not pin (--chair).",
)
@click.option("--organizer", is_flag=True, help="Open the organizer's window.")
@click.option(
    "--passphrase-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Open an encrypted session with the passphrase in this file's first line, without"
    " asking (as `expertscore --passphrase-file FILE gui …`).",
)
def gui_command(
    package_or_session: Path | None,
    expert: str | None,
    session_out: Path | None,
    screenshot: Path | None,
    lang: str | None,
    submission: str | None,
    indicator: str | None,
    exit_after_show: bool,
    chair_package: Path | None = None,
    merge_dir: Path | None = None,
    keycards: tuple[Path, ...] = (),
    organizer: bool = False,
    passphrase_file: Path | None = None,
) -> None:
    """Open the scoring window (on a batch package or a session file)."""
    from expertscore.storage import passphrase_source

    if passphrase_file is not None:  # else the one before `gui`, if any, stays in force
        passphrase_source.passphrase_file = passphrase_file
    from ui.app import create_app
    from ui.expert.window import MainWindow
    from ui.settings import Settings

    settings = Settings()
    language = lang or settings.language
    app = create_app(language)
    if chair_package is not None or organizer:
        from ui.chair.launch import run_panel_window

        options = (chair_package, merge_dir, keycards, package_or_session, screenshot)
        sys.exit(run_panel_window(app, *options, _settle_then, _save))
    window = MainWindow(settings)
    if screenshot is not None:
        # A render for documents: a fixed size, and the user's layout left alone.
        window.persist_layout = False
        window.resize(1440, 900)
    status = {"code": 0}

    def fail(message: str) -> None:
        if screenshot is not None or exit_after_show:
            click.echo(f"error: {message}", err=True)
            status["code"] = 2
            app.exit(2)

    def shown() -> None:
        if submission or indicator:
            window.jump_to(
                submission or (window.form.submission_id if window.form else ""), indicator or ""
            )
        if exit_after_show:
            app.processEvents()
            window.repaint()
            click.echo(f"{time.perf_counter() - STARTED:.3f}")
            app.exit(0)
        elif screenshot is not None:
            _settle_then(app, lambda: _save(window, screenshot, app), window)

    if screenshot is not None or exit_after_show:
        # Nobody is there to read a message box: report on stderr instead.
        window.opener.failed.disconnect(window.show_error)
    window.opener.failed.connect(fail)
    window.sessionShown.connect(shown)
    window.show()
    from PySide6.QtCore import QTimer

    if package_or_session is not None:
        # Opened from the event loop, so that a failure can end it.
        QTimer.singleShot(0, lambda: window.open_path(package_or_session, expert, session_out))
    elif screenshot is not None:
        _settle_then(app, lambda: _save(window, screenshot, app))
    code = app.exec()
    window.close()
    sys.exit(status["code"] or code)


def _settle_then(app, then, window=None) -> None:
    """Let layouts, pending page renders (up to 20 s) and paints finish, then ``then``."""
    from PySide6.QtCore import QTimer

    def rendering() -> bool:
        viewer = getattr(window, "viewer", None)
        if viewer is None:
            return False
        return viewer.loading() or (viewer.kind == "pdf" and viewer.pdf.pending())

    def settle(rounds: int = 6, patience: int = 400) -> None:
        app.processEvents()
        if rounds or (rendering() and patience):
            QTimer.singleShot(50, lambda: settle(max(0, rounds - 1), patience - 1))
        else:
            then()

    QTimer.singleShot(0, settle)


def _save(window, path: Path, app) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = window.grab()
    if not image.save(str(path), "PNG"):
        click.echo(f"error: cannot write {path}", err=True)
        app.exit(2)
        return
    click.echo(str(path))
    app.exit(0)
