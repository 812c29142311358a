"""Fixtures of the window tests: packages, sessions, settings in a temporary folder.

Every test gets its own settings folder (``EXPERTSCORE_SETTINGS_DIR``) so nothing touches
the user's settings, and its own copy of a session. The application is pytest-qt's one
``qapp``, configured once in English (the source language, so tests can name labels);
the translation tests switch languages themselves.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from expertscore.demo import make_demo_batch
from expertscore.storage import cipher
from expertscore.storage.cipher import SessionKey
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import write_example_package
from ui.app import configure_app
from ui.expert.window import MainWindow
from ui.settings import Settings


@pytest.fixture(scope="session")
def configured_app(qapp):
    configure_app(qapp, "en")
    return qapp


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "settings"
    monkeypatch.setenv("EXPERTSCORE_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def example_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small example batch: every scoring mode (points, fixed, bands, ordinal, yesno)."""
    return write_example_package(tmp_path_factory.mktemp("example") / "example.esbatch")


@pytest.fixture(scope="session")
def demo_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A realistic demo batch with real PDFs, PNGs and a workbook."""
    out = tmp_path_factory.mktemp("demo") / "demo.esbatch"
    make_demo_batch("liaoning-2025-grading", submissions=5, experts=3, seed=7, out=out, workers=1)
    return out


def _session_template(package: Path, folder: Path, expert: str = "E01") -> Path:
    return create_session(package, expert, folder / f"{expert}.esession")


@pytest.fixture(scope="session")
def example_template(example_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _session_template(example_package, tmp_path_factory.mktemp("example-session"))


@pytest.fixture(scope="session")
def demo_template(demo_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _session_template(demo_package, tmp_path_factory.mktemp("demo-session"))


def copy_session(template: Path, target: Path) -> Path:
    shutil.copy2(template, target)
    return target


def encrypted_session(package: Path, folder: Path, passphrase: str) -> Path:
    """Expert E01's session of ``package``, encrypted with ``passphrase`` and forgotten
    by the process, as at a new start of the program: nothing is unlocked."""
    out = create_session(package, "E01", folder / "E01.esession", key=SessionKey.new(passphrase))
    cipher.forget(out)
    return out


@pytest.fixture
def example_session(example_template: Path, tmp_path: Path) -> Path:
    return copy_session(example_template, tmp_path / "E01.esession")


@pytest.fixture
def demo_session(demo_template: Path, tmp_path: Path) -> Path:
    return copy_session(demo_template, tmp_path / "demo-E01.esession")


def open_window(qtbot, path: Path) -> MainWindow:
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_session(SessionFile(path))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture
def example_window(configured_app, qtbot, example_session: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, example_session)
    yield window
    window.close()


@pytest.fixture
def demo_window(configured_app, qtbot, demo_session: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, demo_session)
    yield window
    window.close()
