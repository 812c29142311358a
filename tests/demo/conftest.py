"""Small demo packages, made once per test session, one for each bundled scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from expertscore.demo import make_demo_batch

from .helpers import BUNDLED, SMALL


@pytest.fixture(scope="session")
def demo_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("demo")
    packages = {}
    for scheme_id in BUNDLED:
        out = folder / f"{scheme_id}.zip"
        make_demo_batch(scheme_id, out=out, **SMALL)
        packages[scheme_id] = out
    return packages


@pytest.fixture(scope="session")
def larger_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough submissions that every kind of evidence file appears."""
    out = tmp_path_factory.mktemp("demo-larger") / "liaoning.zip"
    make_demo_batch("liaoning-2025-grading", submissions=14, experts=7, seed=5, out=out)
    return out
