"""Key tests write only to temp folders, never to the user's data folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("EXPERTSCORE_DATA_DIR", str(folder))
    monkeypatch.delenv("EXPERTSCORE_PASSPHRASE", raising=False)
    return folder
