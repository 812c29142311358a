"""A demo batch with the hostile submission, imported and indexed once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from expertscore.demo import make_demo_batch
from expertscore.evidence.index import build_index
from expertscore.storage.importer import create_session

SCHEME = "liaoning-2025-grading"


@pytest.fixture(scope="session")
def demo_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("locator") / "demo.esbatch"
    make_demo_batch(SCHEME, 8, 3, 5, out, workers=1, hostile=True)
    return out


@pytest.fixture(scope="session")
def plain_session(demo_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """E01's session as imported, without an index."""
    folder = tmp_path_factory.mktemp("locator-session")
    return create_session(demo_package, "E01", folder / "E01.esession")


@pytest.fixture(scope="session")
def indexed_session(plain_session: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("locator-indexed") / "E01.esession"
    shutil.copy(plain_session, path)
    build_index(path)
    return path


def copy_session(source: Path, target: Path) -> Path:
    shutil.copy(source, target)
    return target
