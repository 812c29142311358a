"""``expertscore gui ... --screenshot``: the window renders to a PNG and the command exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def run_gui(*args: str, settings: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EXPERTSCORE_SETTINGS_DIR=str(settings))
    return subprocess.run(
        [sys.executable, "-m", "expertscore", "gui", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def distinct_colors(image: QImage) -> int:
    seen = set()
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            seen.add(image.pixel(x, y))
    return len(seen)


def test_screenshot_of_a_package(example_package, tmp_path, settings_dir):
    package = tmp_path / "batch.esbatch"
    package.write_bytes(example_package.read_bytes())
    shot = tmp_path / "shot.png"
    done = run_gui(
        str(package),
        "--expert",
        "E01",
        "--screenshot",
        str(shot),
        "--lang",
        "zh",
        settings=settings_dir,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "batch-E01.esession").is_file()  # the default session beside it
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1440, 900)
    assert distinct_colors(image) > 20  # not a blank window


def test_screenshot_of_a_session_in_english(demo_session, tmp_path, settings_dir):
    shot = tmp_path / "en.png"
    done = run_gui(
        str(demo_session),
        "--expert",
        "E01",
        "--lang",
        "en",
        "--submission",
        "S002",
        "--screenshot",
        str(shot),
        settings=settings_dir,
    )
    assert done.returncode == 0, done.stderr
    assert distinct_colors(QImage(str(shot))) > 20


def test_wrong_expert_is_an_error(demo_session, tmp_path, settings_dir):
    done = run_gui(
        str(demo_session),
        "--expert",
        "E02",
        "--screenshot",
        str(tmp_path / "x.png"),
        settings=settings_dir,
    )
    assert done.returncode == 2
    assert "E02" in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_window_title_names_the_version(qtbot, settings_dir):
    from expertscore import __version__
    from ui.expert.window import MainWindow
    from ui.settings import Settings

    window = MainWindow(Settings())
    qtbot.addWidget(window)
    assert window.windowTitle() == f"ExpertScore {__version__}"
