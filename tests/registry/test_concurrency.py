"""Two members of staff ingesting at once, as two processes on one registry: the same files
and different ones, and two different files for one batch. Nothing is lost or duplicated,
and exactly one of the two files for one batch is taken."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from expertscore.registry.db import open_registry
from expertscore.registry.models import PanelExpert, PanelFile, Platform, PlatformResult
from tests.registry.material import payload_of, signed

STAFF = """
import json, sys, time
from pathlib import Path
from expertscore.batch.package import open_package
from expertscore.registry.db import open_registry
from expertscore.registry.ingest import IngestRefused, ingest
url, go, jobs = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
packages = {p: open_package(Path(p)) for _, p in jobs}
engine = open_registry(url)
while not go.exists():
    time.sleep(0.005)
outcomes = []
for panel, package in jobs:
    try:
        outcomes.append([panel, ingest(engine, Path(panel), packages[package]).outcome])
    except IngestRefused as exc:
        outcomes.append([panel, "refused: " + exc.reason])
print(json.dumps(outcomes))
"""


def test_two_staff_ingesting_at_once_lose_and_duplicate_nothing(db_url, rounds, tmp_path):
    open_registry(db_url).dispose()  # the schema exists before the staff start
    r1, r2, r3 = (rounds[b] for b in ("LN-2025-1", "LN-2026-1", "LN-2026-2"))
    payload = payload_of(r1.panel)
    payload["created_at"] = "2025-06-04T09:00:00+08:00"
    r1x = signed(payload, tmp_path / "r1-again.espanel")
    jobs_a = [(r1.panel, r1.package_path), (r2.panel, r2.package_path),
              (r3.panel, r3.package_path)]  # fmt: skip
    jobs_b = [(r1x, r1.package_path), (r3.panel, r3.package_path),
              (r2.panel, r2.package_path)]  # fmt: skip
    go = tmp_path / "go"
    staff = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                STAFF,
                db_url,
                str(go),
                json.dumps([[str(p), str(k)] for p, k in jobs]),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for jobs in (jobs_a, jobs_b)
    ]
    time.sleep(0.5)  # let both import and connect; then start them together
    go.touch()
    outputs = [process.communicate(timeout=300) for process in staff]
    assert [process.returncode for process in staff] == [0, 0], [err for _, err in outputs]
    a, b = (dict(json.loads(out)) for out, _ in outputs)
    for panel in (r2.panel, r3.panel):
        assert sorted([a[str(panel)], b[str(panel)]]) == ["added", "unchanged"]
    pair = sorted([a[str(r1.panel)], b[str(r1x)]])
    assert pair[0] == "added" and pair[1].startswith("refused: batch LN-2025-1 ")
    engine = open_registry(db_url)
    with Session(engine) as session:
        count = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (PanelFile, Platform, PlatformResult, PanelExpert)
        }
        batches = session.scalars(select(PanelFile.batch_id).order_by(PanelFile.batch_id)).all()
    assert count == {"panel_file": 3, "platform": 3, "platform_result": 9, "panel_expert": 15}
    assert batches == ["LN-2025-1", "LN-2026-1", "LN-2026-2"]
    engine.dispose()
