"""Result tests run against real packages and sessions in temp folders, never the user's home."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import example_builder


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("EXPERTSCORE_DATA_DIR", str(folder))
    monkeypatch.delenv("EXPERTSCORE_PASSPHRASE", raising=False)
    return folder


@pytest.fixture
def package(tmp_path: Path) -> Path:
    path = tmp_path / "batch.esbatch"
    example_builder(submissions=3).write(path)
    return path
