"""Short versions of the reliability figures (``python -m bench.reliability`` runs the long ones)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.reliability import tamper


@pytest.fixture(scope="session")
def material(tmp_path_factory: pytest.TempPathFactory) -> tamper.Material:
    """A simulated panel's real result files, key cards and package, made once."""
    return tamper.prepare(Path(tmp_path_factory.mktemp("reliability-material")))
