"""Updating and building the Linguist files: ``python -m ui.translations``.

``expertscore_zh_CN.ts`` holds the Chinese text of every English source string in ``ui/``
(edit it with ``pyside6-linguist``); ``expertscore_zh_CN.qm`` is built from it with
``pyside6-lrelease`` and committed, so a checkout runs without the Qt tools. The tests
check that the ``.ts`` covers every string and that the ``.qm`` is built from it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from expertscore.paths import resources_dir

UI = Path(__file__).resolve().parent
TS = resources_dir() / "translations" / "expertscore_zh_CN.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    """A PySide6 tool beside the running Python (the virtual environment's bin folder)."""
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else name


def sources() -> list[str]:
    return sorted(str(path) for path in UI.rglob("*.py"))


def update_ts(ts: Path = TS) -> str:
    """Add new source strings to ``ts`` (as unfinished) and drop vanished ones."""
    done = subprocess.run(
        [
            tool("pyside6-lupdate"),
            *sources(),
            "-ts",
            str(ts),
            "-source-language",
            "en",
            "-target-language",
            "zh_CN",
            "-no-obsolete",
            "-locations",
            "none",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def build_qm(ts: Path = TS, qm: Path = QM) -> str:
    done = subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


if __name__ == "__main__":
    print(update_ts(), end="")
    print(build_qm(), end="")
