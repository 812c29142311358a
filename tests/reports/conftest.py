"""A real example package and one expert's session, scored the way the window scores."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.scoring.service import Entry, Note, ScoringService
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import example_builder


@pytest.fixture
def package(tmp_path: Path) -> Path:
    out = tmp_path / "batch.esbatch"
    example_builder(submissions=3).write(out)
    return out


@pytest.fixture
def session_path(package: Path, tmp_path: Path) -> Path:
    """E02: S001 recused (roster conflict), S002 fully scored, S003 scored in part."""
    path = create_session(package, "E02", tmp_path / "e02.esession")
    with SessionFile(path) as session:
        scoring = ScoringService(session)
        scoring.set_entry("S002", "1.1", Entry(points=Decimal("7.5")))
        scoring.set_entry("S002", "1.2", Entry(choice="yes"))
        scoring.set_entry("S002", "2.1", Entry(choice="suggested"))
        scoring.set_entry("S002", "2.2", Entry(choice="良"))
        scoring.set_entry("S002", "9.1", Entry(choice="yes"))
        scoring.set_verified_value("S002", "1.1", "41.5")
        scoring.set_comment("S002", "1.1", "与审计报告一致")
        scoring.set_note("S002", Note(comment="平台整体能力较强，建议关注数据安全。"))
        scoring.set_entry("S003", "1.1", Entry(points=Decimal("5")))
        scoring.set_entry("S003", "2.2", Entry(choice="中"))
    return path
