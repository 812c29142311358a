"""A merge folder shared by the chair's command-line tests (copied for each test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.chair.chair_case import Case, make_case


@pytest.fixture(scope="session")
def chair_case_template(tmp_path_factory: pytest.TempPathFactory) -> Case:
    return make_case(tmp_path_factory.mktemp("chair-case"))


@pytest.fixture
def merged_case(chair_case_template: Case, tmp_path: Path) -> Case:
    return chair_case_template.copy(tmp_path / "merge")
