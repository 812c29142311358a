"""Ingesting signed panel files, on a SQLite file and on a real PostgreSQL server: stored
once by SHA-256, refused unless an honest program could have written them, corrections
recorded with their cause, and nothing half-written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from expertscore.chair.panel_file import panel_envelope_bytes
from expertscore.registry.db import open_registry
from expertscore.registry.ingest import IngestRefused, Outcome, ingest
from expertscore.registry.models import (
    Check,
    Expert,
    PanelExpert,
    PanelFile,
    Platform,
    PlatformResult,
    Status,
)
from tests.registry.material import payload_of, signed


def counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (PanelFile, Platform, PlatformResult, Expert, PanelExpert)
        }


def test_a_panel_file_is_stored_once(db_url, rounds):
    r = rounds["LN-2025-1"]
    engine = open_registry(db_url)
    first = ingest(engine, r.panel, r.package, by="张三")
    assert (first.outcome, first.check, first.batch) == (Outcome.ADDED, Check.INTERNAL, r.batch_id)
    after = counts(engine)
    assert after == {"panel_file": 1, "platform": 3, "platform_result": 3, "expert": 5,
                     "panel_expert": 5}  # fmt: skip
    again = ingest(engine, r.panel, r.package, results_dir=r.results)
    assert (again.outcome, again.sha256, again.check) == (Outcome.UNCHANGED, first.sha256, None)
    assert counts(engine) == after
    with Session(engine) as session:
        row = session.scalars(select(PanelFile)).one()
        assert (row.ingested_by, row.status, row.batch_sha256) == (
            "张三",
            Status.CURRENT,
            r.package.manifest_sha256,
        )
        # The stored payload and signature give back the very file.
        import zlib

        stored = panel_envelope_bytes(zlib.decompress(row.payload_zlib), row.keyid, row.signature)
        assert stored == r.panel.read_bytes()
    engine.dispose()


def test_with_the_result_files_the_whole_merge_is_rerun(db_url, rounds, tmp_path):
    r = rounds["LN-2025-1"]
    engine = open_registry(db_url)
    done = ingest(engine, r.panel, r.package, results_dir=r.results)
    assert (done.outcome, done.check) == (Outcome.ADDED, Check.RECHECKED)
    # A folder without one expert's result: the panel's numbers no longer follow.
    other = rounds["LN-2026-1"]
    short = tmp_path / "short"
    short.mkdir()
    for path in sorted(other.results.glob("*.esresult"))[1:]:
        (short / path.name).write_bytes(path.read_bytes())
    with pytest.raises(IngestRefused) as refused:
        ingest(engine, other.panel, other.package, results_dir=short)
    assert "the panel file lists" in refused.value.reason or "not in" in refused.value.reason
    assert counts(engine)["panel_file"] == 1
    engine.dispose()


def test_a_changed_file_for_the_batch_is_refused_or_recorded_as_a_correction(
    db_url, rounds, tmp_path
):
    r = rounds["LN-2025-1"]
    engine = open_registry(db_url)
    ingest(engine, r.panel, r.package)
    payload = payload_of(r.panel)
    payload["created_at"] = "2025-06-04T09:00:00+08:00"  # signed again the next day
    later = signed(payload, tmp_path / "later.espanel")
    before = counts(engine)
    with pytest.raises(IngestRefused) as refused:
        ingest(engine, later, r.package)
    assert refused.value.reason.startswith(f"batch {r.batch_id} already has panel file ")
    assert counts(engine) == before
    done = ingest(engine, later, r.package, correction="组长重签：日期有误")
    assert done.outcome == Outcome.CORRECTION
    with Session(engine) as session:
        rows = session.scalars(select(PanelFile).order_by(PanelFile.id)).all()
        assert [(f.status, f.correction_cause) for f in rows] == [
            (Status.SUPERSEDED, None),
            (Status.CURRENT, "组长重签：日期有误"),
        ]
        assert rows[1].supersedes_id == rows[0].id
        assert done.replaced == rows[0].sha256
    assert ingest(engine, later, r.package).outcome == Outcome.UNCHANGED
    assert ingest(engine, r.panel, r.package).outcome == Outcome.UNCHANGED  # kept, not again
    engine.dispose()


def test_a_re_signed_file_whose_numbers_do_not_follow_is_refused(db_url, rounds, tmp_path):
    r = rounds["LN-2025-1"]
    engine = open_registry(db_url)
    payload = payload_of(r.panel)
    first = payload["submissions"][0]
    first["total"] = "99.00"
    forged = signed(payload, tmp_path / "forged.espanel")
    with pytest.raises(IngestRefused) as refused:
        ingest(engine, forged, r.package)
    assert f'submissions.{first["id"]}.total: the file says "99.00"' in "\n".join(
        refused.value.differences
    )
    assert str(refused.value).startswith(f"{forged}: refused: ")
    assert counts(engine)["panel_file"] == 0
    engine.dispose()


def test_a_score_raised_with_its_numbers_left_is_refused(db_url, rounds, tmp_path):
    r = rounds["LN-2026-1"]
    engine = open_registry(db_url)
    payload = payload_of(r.panel)
    item = payload["submissions"][0]["indicators"][0]
    expert = sorted(item["scores"])[0]
    item["scores"][expert] = item["maximum"]
    forged = signed(payload, tmp_path / "forged.espanel")
    with pytest.raises(IngestRefused) as refused:
        ingest(engine, forged, r.package)
    assert any(line.startswith("submissions.") for line in refused.value.differences)
    engine.dispose()


def test_a_changed_byte_another_batch_and_an_expert_as_signer_are_refused(db_url, rounds, tmp_path):
    r, other = rounds["LN-2025-1"], rounds["LN-2026-1"]
    engine = open_registry(db_url)
    data = bytearray(r.panel.read_bytes())
    data[-10] ^= 1
    changed = tmp_path / "changed.espanel"
    changed.write_bytes(bytes(data))
    with pytest.raises(IngestRefused):
        ingest(engine, changed, r.package)
    with pytest.raises(IngestRefused) as refused:
        ingest(engine, r.panel, other.package)
    assert refused.value.reason.endswith(
        f"from what its batch allows: batch: the panel file is for {r.batch_id} (hash "
        f"{r.package.manifest_sha256[:16]}…), the package is {other.batch_id} (hash "
        f"{other.package.manifest_sha256[:16]}…)"
    )
    payload = payload_of(r.panel)
    roster = r.package.manifest.roster[0]
    payload["chair"]["id"] = roster.id
    with pytest.raises(IngestRefused) as refused:
        ingest(engine, signed(payload, tmp_path / "expert.espanel"), r.package)
    assert "an expert cannot sign the panel's results" in refused.value.reason
    missing = tmp_path / "nothing.espanel"
    with pytest.raises(IngestRefused) as refused:
        ingest(engine, missing, r.package)
    assert refused.value.reason == "No such file or directory"
    assert counts(engine)["panel_file"] == 0
    engine.dispose()


def test_re_signed_advice_that_the_scores_do_not_give_is_refused(db_url, rounds, tmp_path):
    """The advice (agreement, severity, the adjusted ranking) is re-computed from the listed
    scores at ingest, as the chair's export computes it; a changed figure is named."""
    r = rounds["LN-2025-1"]
    engine = open_registry(db_url)
    payload = payload_of(r.panel)
    severity = payload["advice"]["severity"][0]
    severity["below"] = severity["submissions"] - severity["below"]  # a milder expert
    payload["advice"]["kendall_w"]["reading"] = "高"
    payload["advice"]["kendall_w"]["value"] = "0.99"
    forged = signed(payload, tmp_path / "forged-advice.espanel")
    with pytest.raises(IngestRefused) as refused:
        ingest(engine, forged, r.package)
    lines = "\n".join(refused.value.differences)
    assert "advice.kendall_w.value" in lines and "advice.severity" in lines
    assert counts(engine)["panel_file"] == 0
    engine.dispose()
