"""The chair's window opens on the screen it is on and as the chair last left it: its size
and the splitters between the ranking, the matrix and the evidence."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QSplitter

from tests.ui.chair.conftest import open_window
from ui.settings import open_qsettings

EXE = Path(sys.executable).with_name("expertscore")


def _scores(window) -> QSplitter:
    return window.place.splitters["scores"]  # the matrix above, the experts' detail below


def test_the_window_opens_as_it_was_left(configured_app, panel, merged, qtbot, settings_dir):
    from ui.chair.window import ChairWindow

    first = ChairWindow()  # not handed to qtbot: closing deletes it
    first.quiet = True
    with qtbot.waitSignal(first.stateLoaded, timeout=60000):
        first.open_merge(panel.package, merged, tuple(panel.cards))
    first.show()
    total = sum(_scores(first).sizes())
    _scores(first).setSizes([total * 4 // 10, total - total * 4 // 10])
    QApplication.processEvents()
    sizes = _scores(first).sizes()
    assert sizes[0] < sizes[1]  # the chair made the detail taller (by default the matrix is)
    first.close()
    again = open_window(qtbot, panel, merged)
    restored = _scores(again).sizes()
    # the same split (this test screen is smaller than the window: its height may differ)
    assert abs(restored[0] / sum(restored) - sizes[0] / sum(sizes)) < 0.02, (restored, sizes)
    assert "chair_window/geometry" in open_qsettings().allKeys()


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_on_a_laptop_screen_the_whole_window_is_on_it(panel, merged, tmp_path):
    screen = tmp_path / "screen.json"
    laptop = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}
    screen.write_text(json.dumps({"screens": [laptop]}))
    shot = tmp_path / "chair.png"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
        "EXPERTSCORE_SETTINGS_DIR": str(tmp_path / "settings"),
    }
    done = subprocess.run(
        [str(EXE), "gui", "--lang", "zh", "--chair", str(panel.package), "--merge-dir",
         str(merged), "--keycard", str(panel.sim), "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    width, height = _png_size(shot)
    assert width <= 1366 and height <= 768 and width > 1200  # the default 1440x900, clamped
