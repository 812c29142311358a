"""The expert's window on a real 1366x768 screen, in Chinese and in English, and on a
1920x1080 screen at 150% (1280x720 logical pixels at a device pixel ratio of 1.5).

Qt's offscreen platform takes its screens from a JSON file given at start-up
(``offscreen:configfile=FILE``), so each language runs in its own process
(``tests.ui.screen_probe``), which prints what is in view and saves a screenshot.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import copy_session

LAPTOP = {"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}
SCALED = {"name": "fhd150", "x": 0, "y": 0, "width": 1280, "height": 720, "dpr": 1.5}
NEEDED = ("score", "reported", "guidance", "evidence")  # what scoring an indicator needs


def run_probe(session: Path, language: str, screen: Path, shot: Path, tmp_path: Path) -> dict:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
        "EXPERTSCORE_SETTINGS_DIR": str(tmp_path / f"settings-{language}"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.screen_probe", str(session), language, "1.1.1", str(shot)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("language", "shape"),
    [("zh", LAPTOP), ("en", LAPTOP), ("zh", SCALED)],
    ids=["zh-1366x768", "en-1366x768", "zh-1920x1080-at-150%"],
)
def test_scoring_fits_a_laptop_screen(demo_template, tmp_path, language, shape):
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [shape]}))
    session = copy_session(demo_template, tmp_path / "demo-E01.esession")
    shot = tmp_path / f"laptop-{language}.png"
    facts = run_probe(session, language, screen, shot, tmp_path)
    assert facts["screen"] == [shape["width"], shape["height"]]
    # The whole window, frame included, is on the screen (a saved 1440x900 is clamped).
    assert facts["window_on_screen"], facts["window"]
    assert not facts["form_scrolls"]
    for name in NEEDED:
        seen = facts[name]
        assert seen["visible"] and seen["whole"] and seen["on_screen"], (name, seen)
    assert facts["reported"]["text"].startswith("29.05 %")
    rubric = {"zh": "评分要点：", "en": "Rubric: "}[language]
    assert facts["guidance"]["text"].startswith(rubric)
    # Guidance and reported value above the score field, all within the first screen.
    assert facts["guidance"]["rect"][1] < facts["reported"]["rect"][1] < facts["score"]["rect"][1]
    assert facts["evidence_list_rows"] >= 6
    assert facts["shot"] and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
