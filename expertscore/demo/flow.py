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

from expertscore.chair.outputs import PANEL_FILE, REPORT, WORKBOOK, export_all
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.run import ChairRun
from expertscore.crypto import sealed
from expertscore.demo.batch import make_demo_batch
from expertscore.demo.sealed_round import (
    AUTHORITY_OWNER,
    CHAIR_OWNER,
    DemoSecrets,
    make_secrets,
)
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
    secrets: DemoSecrets | None = None  # the keys and passphrase of an encrypted demo


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
    encrypted: bool = False,
) -> DemoOutputs:
    """The whole flow into ``folder``; ``encrypted``: a confidential round (``sealed_round``):
    the package encrypted to the roster and the chair, the sessions with a passphrase, the
    result files to the chair and the panel file to a demo authority."""
    folder.mkdir(parents=True, exist_ok=True)
    outputs = DemoOutputs(folder, folder / "batch.esbatch")
    step(f"organizer: demo batch of {submissions} submissions ({scheme_id})")
    if outputs.package.exists():
        outputs.package.unlink()
    if encrypted:
        outputs.secrets = _sealed_demo_batch(folder, scheme_id, submissions, experts, seed)
        step("organizer: the package is encrypted to the roster and the chair")
    else:
        make_demo_batch(scheme_id, submissions, experts, seed, outputs.package)
    secrets = outputs.secrets
    step(f"experts: {experts} simulated experts score and sign their results")
    experts_dir = folder / "experts"
    for stale in experts_dir.glob("*") if experts_dir.exists() else []:
        stale.unlink()
    simulate(
        outputs.package,
        experts,
        seed,
        experts_dir,
        session_passphrase=secrets.passphrase if secrets else None,
        recipients=[secrets.recipient(CHAIR_OWNER)] if secrets else (),
    )
    outputs.results = sorted(experts_dir.glob("*.esresult"))
    cards = sorted(experts_dir.glob("*.eskeycard"))
    step("chair: verify and merge the result files")
    outputs.merge = folder / "merge"
    run = ChairRun.open(outputs.package, outputs.merge, cards)
    run.apply(run.plan(outputs.results))
    run.reload()
    outcome = outcome_of(run)
    outputs.ranking = list(outcome.result.ranking)
    step("chair: results workbook, signed panel file and PDF report")
    authority = [secrets.recipient(AUTHORITY_OWNER)] if secrets else ()
    written = export_all(
        outcome, folder, demo_chair_key(seed), names=DEMO_NAMES, recipients=authority
    )
    outputs.workbook = written[WORKBOOK]
    outputs.panel_file = written[PANEL_FILE]
    outputs.report = written[REPORT]
    first = outputs.results[0]
    # The sheet carries the digest of the signed result (the plain one, as the window's).
    digest = hashlib.sha256(sealed.read_file(first)).hexdigest()
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


def _sealed_demo_batch(
    folder: Path, scheme_id: str, submissions: int, experts: int, seed: int
) -> DemoSecrets:
    """The demo package encrypted to its roster and the chair, at ``folder/batch.esbatch``:
    built in clear in the private folder only, as ``batch prepare --encrypt`` does."""
    from expertscore.batch.package import open_package
    from expertscore.batch.sealed_package import plain_build_path, seal_package

    out = folder / "batch.esbatch"
    with plain_build_path(out) as plain:
        make_demo_batch(scheme_id, submissions, experts, seed, plain)
        roster = [expert.id for expert in open_package(plain).manifest.roster]
        made = make_secrets(folder, roster)
        seal_package(plain, out, made.package_recipients(roster))
    made.unlock_panel()
    return made
