"""Where the program's own files are: bundled schemes, fonts, translations.

The same code runs from a source checkout (``pip install -e .``) and from the PyInstaller
folder, where data files sit under ``sys._MEIPASS``. ``EXPERTSCORE_HOME`` overrides both,
which tests use to point at a prepared tree.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    override = os.environ.get("EXPERTSCORE_HOME")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def schemes_dir() -> Path:
    return app_root() / "schemes"


def resources_dir() -> Path:
    return app_root() / "resources"


def cjk_font_path() -> Path:
    """The bundled WenQuanYi Micro Hei (TrueType outlines, Chinese and Latin glyphs).

    Here rather than in the reports package so that the window can register it at start-up
    without importing reportlab.
    """
    return resources_dir() / "fonts" / "wqy-microhei.ttc"
