"""The worked example of ``docs/formats.md``: a tiny result file made by the real code.

Run ``.venv/bin/python -m tests.results.docs_example`` to print it again (after a format
change); ``test_docs_example.py`` checks that the docs show exactly what this makes.
"""

from __future__ import annotations

import hashlib
import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from unittest import mock

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.batch.builder import PackageBuilder
from expertscore.batch.manifest import Assignment, BatchInfo, Expert, ReportedValue, Submission
from expertscore.identity.keys import ExpertKey
from expertscore.results.simulate import SimClock
from expertscore.results.submit import submit
from expertscore.scoring.familiarity import FAIRLY, set_familiarity
from expertscore.scoring.service import Entry, ScoringService
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile

SCHEME = Path(__file__).resolve().parents[1] / "fixtures" / "example-scheme.yaml"
CST = timezone(timedelta(hours=8))
# Published on purpose: a key for this example only. Never sign anything real with it.
PRIVATE_KEY = hashlib.sha256(b"expertscore docs example key").digest()


def example_key() -> ExpertKey:
    return ExpertKey.from_private_key(
        Ed25519PrivateKey.from_private_bytes(PRIVATE_KEY),
        "E01",
        "张伟",
        "示例大学",
        "2025-06-02T08:30:00+08:00",
    )


def write_package(path: Path) -> Path:
    builder = PackageBuilder(
        scheme_text=SCHEME.read_text(encoding="utf-8"),
        batch=BatchInfo(
            id="DOC-1",
            title="示例批次",
            organizer="示例组织方",
            created=datetime(2025, 6, 1, 9, 0, tzinfo=CST),
        ),
    )
    builder.roster.append(Expert(id="E01", name="张伟", organization="示例大学"))
    builder.submissions.append(
        Submission(
            id="S001",
            platform="示例平台",
            operator="示例科技有限公司",
            category="industry",
            values={"1.2": ReportedValue(value="yes", unit="yes/no")},
        )
    )
    builder.assignments.append(Assignment(expert="E01", submission="S001", indicators=["1.2"]))
    builder.write(path)
    return path


def make_example(folder: Path) -> bytes:
    """The example result file's bytes (also leaves the package and session in ``folder``)."""
    package = write_package(folder / "DOC-1.esbatch")
    session_path = create_session(package, "E01", folder / "E01.esession")
    clock = SimClock(datetime(2025, 6, 2, 9, 0, tzinfo=CST), random.Random(1))
    with (
        SessionFile(session_path) as session,
        mock.patch("expertscore.results.payload.__version__", "0.1.0"),
    ):
        scoring = ScoringService(session, clock)
        scoring.set_entry("S001", "1.2", Entry(choice="yes"))
        clock.think()
        scoring.set_comment("S001", "1.2", "营业执照已核实")
        clock.think()
        set_familiarity(scoring, "S001", FAIRLY)
        clock.think()
        submit(session, example_key(), folder / "E01.esresult", clock)
    return (folder / "E01.esresult").read_bytes()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as temp:
        sys.stdout.write(make_example(Path(temp)).decode("ascii"))
