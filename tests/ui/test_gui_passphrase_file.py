"""`expertscore gui --passphrase-file FILE`: the window opens an encrypted session with the
passphrase in the file, asking nothing; a wrong one is said in one line, nothing changed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from expertscore.storage import passphrase_source
from tests.ui.conftest import encrypted_session
from ui.expert.window import MainWindow
from ui.settings import Settings

PASSPHRASE = "file-test-phrase"


@pytest.fixture
def encrypted(demo_package: Path, tmp_path: Path) -> Path:
    return encrypted_session(demo_package, tmp_path, PASSPHRASE)


def passphrase_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "passphrase.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return path


@pytest.fixture
def window(configured_app, qtbot) -> MainWindow:
    shown = MainWindow(Settings())
    qtbot.addWidget(shown)
    shown.opener.failed.disconnect(shown.show_error)  # a message box would wait for a click
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def dialogs() -> list[str]:
    """Every modal dialog that shows up: recorded, then closed (a test must not hang)."""
    seen: list[str] = []

    def watch() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            seen.append(type(modal).__name__)
            modal.close()
        timer.start()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.setInterval(20)
    timer.timeout.connect(watch)
    timer.start()
    yield seen
    timer.stop()


def test_the_session_opens_with_the_files_passphrase_without_a_dialog(
    window, encrypted, tmp_path, qtbot, dialogs
):
    passphrase_source.passphrase_file = passphrase_file(tmp_path, PASSPHRASE)
    with qtbot.waitSignal(window.sessionShown, timeout=60000):
        window.open_path(encrypted)
    assert dialogs == []
    session = window.controller.session
    assert session.path == encrypted and session.encrypted
    assert window.protection.text() == "Encrypted session"


def test_a_wrong_passphrase_in_the_file_is_one_line_and_no_dialog(
    window, encrypted, tmp_path, qtbot, dialogs
):
    passphrase_source.passphrase_file = passphrase_file(tmp_path, "not-the-passphrase")
    before = encrypted.read_bytes()
    with qtbot.waitSignal(window.opener.failed, timeout=60000) as failed:
        window.open_path(encrypted)
    assert failed.args == [
        f"{encrypted}: wrong passphrase, or not a session file; nothing was changed"
    ]
    assert dialogs == []
    assert window.controller is None
    assert encrypted.read_bytes() == before


@pytest.mark.parametrize(
    "how",
    [
        ["-m", "ui", "--passphrase-file", "{file}"],  # the desktop entry point
        ["-m", "expertscore", "gui", "--passphrase-file", "{file}"],
        ["-m", "expertscore", "--passphrase-file", "{file}", "gui"],  # the global option
    ],
)
def test_the_gui_command_takes_the_passphrase_file(encrypted, tmp_path, how):
    secret = passphrase_file(tmp_path, PASSPHRASE)
    arguments = [part.format(file=secret) for part in how]
    shot = tmp_path / "window.png"
    result = subprocess.run(
        [sys.executable, *arguments, str(encrypted), "--lang", "en", "--screenshot", str(shot)],
        capture_output=True,
        text=True,
        # A passphrase dialog would wait for a person: the run would not end by itself.
        timeout=240,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes().startswith(b"\x89PNG")
