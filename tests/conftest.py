"""Shared test set-up: Qt runs offscreen, and paths to the repository's own files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def fixtures_dir() -> Path:
    return REPO / "tests" / "fixtures"


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> Path:
    """Every test gets its own data folder: keys and known organizer keys never leak."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("EXPERTSCORE_DATA_DIR", str(folder))
    return folder
