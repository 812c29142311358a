"""Shared test set-up: Qt runs offscreen, and paths to the repository's own files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def own_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Every test has its own empty data folder (keys, remembered organizer keys) and
    settings folder, so nothing reads or writes the user's, and a key or setting left on
    the developer's machine cannot make a test pass that fails on a fresh one."""
    folder = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("EXPERTSCORE_DATA_DIR", str(folder / "data"))
    monkeypatch.setenv("EXPERTSCORE_SETTINGS_DIR", str(folder / "settings"))
    monkeypatch.delenv("EXPERTSCORE_PASSPHRASE", raising=False)
    yield
    # Keys unlocked for encrypted files, and clear copies of encrypted packages, are held by
    # the process: none outlives its test.
    from expertscore.crypto import sealed

    sealed.forget_all()
    copies = sys.modules.get("expertscore.batch.sealed_package")
    if copies is not None:
        copies.release_all()
    # A command run in this process (CliRunner) set where session passphrases come from.
    from expertscore.storage import passphrase_source

    passphrase_source.source = passphrase_source.passphrase_file = None


@pytest.fixture
def data_dir() -> Path:
    """This test's own data folder (keys, remembered organizer keys), set for every test by
    ``own_user_folders``."""
    return Path(os.environ["EXPERTSCORE_DATA_DIR"])


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def fixtures_dir() -> Path:
    return REPO / "tests" / "fixtures"
