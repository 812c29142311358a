"""The whole flow on demo data, headless: what ``expertscore demo`` and the self-test run.

organizer: a demo batch package -> experts: simulated sessions and signed result files ->
chair: merge, aggregate, leave-one-out, results workbook, signed panel file, PDF report,
and a filled scoring sheet. Everything goes through the same core code the program uses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.chair.outputs import PANEL_FILE, REPORT, WORKBOOK, ChairSnapshot, export_all
from expertscore.chair.session import ChairRun
from expertscore.demo.batch import make_demo_batch
from expertscore.identity.keys import CHAIR, ExpertKey
from expertscore.reports.sheets import render_filled_sheet
from expertscore.results.simulate import simulate

Step = Callable[[str], None]
DEMO_NAMES = {WORKBOOK: "results.xlsx", PANEL_FILE: "panel.espanel", REPORT: "report.pdf"}


@dataclass
class DemoOutputs:
    folder: Path
    package: Path
    results: list[Path] = field(default_factory=list)
    merge: Path | None = None
    workbook: Path | None = None
    panel_file: Path | None = None
    report: Path | None = None
    sheet: Path | None = None
    ranking: list[str] = field(default_factory=list)


def demo_chair_key(seed: int) -> ExpertKey:
    """The demo chair's key: derived from the seed, held only in memory."""
    secret = hashlib.sha256(f"expertscore-demo-chair/{seed}".encode()).digest()
    return ExpertKey.from_private_key(
        Ed25519PrivateKey.from_private_bytes(secret), "CHAIR", "评审组组长（演示）", role=CHAIR
    )


def run_demo(
    folder: Path,
    scheme_id: str = "liaoning-2025-grading",
    submissions: int = 8,
    experts: int = 5,
    seed: int = 1,
    step: Step = lambda _text: None,
) -> DemoOutputs:
    folder.mkdir(parents=True, exist_ok=True)
    outputs = DemoOutputs(folder, folder / "batch.esbatch")
    step(f"organizer: demo batch of {submissions} submissions ({scheme_id})")
    if outputs.package.exists():
        outputs.package.unlink()
    make_demo_batch(scheme_id, submissions, experts, seed, outputs.package)
    step(f"experts: {experts} simulated experts score and sign their results")
    experts_dir = folder / "experts"
    for stale in experts_dir.glob("*") if experts_dir.exists() else []:
        stale.unlink()
    simulate(outputs.package, experts, seed, experts_dir)
    outputs.results = sorted(experts_dir.glob("*.esresult"))
    cards = sorted(experts_dir.glob("*.eskeycard"))
    step("chair: verify and merge the result files")
    outputs.merge = folder / "merge"
    run = ChairRun.open(outputs.package, outputs.merge, cards)
    run.apply(run.plan(outputs.results))
    run.reload()
    snap = ChairSnapshot.of(run)
    outputs.ranking = list(snap.result.ranking)
    step("chair: results workbook, signed panel file and PDF report")
    written = export_all(snap, folder, demo_chair_key(seed), names=DEMO_NAMES)
    outputs.workbook = written[WORKBOOK]
    outputs.panel_file = written[PANEL_FILE]
    outputs.report = written[REPORT]
    first = outputs.results[0]
    digest = hashlib.sha256(first.read_bytes()).hexdigest()
    fingerprint = run.folder.accepted[first.stem].fingerprint
    step("expert: a filled scoring sheet to sign by hand")
    outputs.sheet = render_filled_sheet(
        experts_dir / f"{first.stem}.esession",
        None,
        folder / f"sheet-{first.stem}.pdf",
        digest,
        fingerprint,
    ).path
    return outputs
