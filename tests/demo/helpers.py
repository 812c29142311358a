"""Constants and helpers shared by the demo tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

from expertscore.batch.manifest import Evidence

BUNDLED = (
    "liaoning-2025-grading",
    "jilin-2025-selection",
    "national-crossindustry-2023",
    "qingdao-maturity",
    "provincial-monitoring-2025",
)
SMALL = {"submissions": 3, "experts": 3, "seed": 11}


def evidence_bytes(package: Path, item: Evidence) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read(f"evidence/{item.sha256}")
