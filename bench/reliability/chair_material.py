"""The material of the chair-side forgery cases: a real batch, experts, a chair and a merge.

A demo batch whose roster pins every expert's key is scored by simulated experts
(``simulate``); the chair has a key of their own, merges them with ``ChairRun`` and signs
the panel file with ``write_panel_file``; the chair's transcription of E01's paper sheet
(sequence 2) is ready to be offered over E01's own result. ``prepare`` checks that the
honest panel file re-checks without a difference.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.batch.package import OpenedPackage, open_package
from expertscore.chair.panel_file import (
    write_panel_file,
)
from expertscore.chair.panel_outcome import outcome_of
from expertscore.chair.recheck import recheck
from expertscore.chair.run import ChairRun
from expertscore.demo.batch import make_demo_batch
from expertscore.identity.keycard import make_card, write_card
from expertscore.identity.keys import CHAIR, ExpertKey
from expertscore.results.simulate import simulate, simulated_key
from expertscore.results.submit import submit
from expertscore.results.transcribe import start_transcription
from expertscore.schemes.rules import max_points
from expertscore.scoring.modes import Entry, choices_of, mode_of
from expertscore.scoring.service import RECUSED, Note, ScoringService
from expertscore.storage.session import SessionFile

SCHEME = "provincial-monitoring-2025"  # points, yes/no, fixed and ordinal leaves
SEED = 7
CREATED = "2025-06-03T10:00:00+08:00"


@dataclass
class Material:
    package_path: Path
    package: OpenedPackage
    results: Path  # every expert's own signed result file (and key card)
    chair: ExpertKey
    chair_cards: Path
    merge: Path  # the honest merge folder
    panel: Path  # its signed panel file
    transcription: Path  # the chair's transcription of E01's sheet, sequence 2

    def run(self, folder: Path) -> ChairRun:
        return ChairRun.open(self.package_path, folder, [self.chair_cards])


# -- material ------------------------------------------------------------------------------


def pinned(package: Path, cards: Path, out: Path) -> Path:
    """The batch with every expert's key (from their key card) pinned in the roster."""
    keys = {
        card.stem: json.loads(card.read_text("utf-8"))["public_key"]
        for card in cards.glob("*.eskeycard")
    }
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                for expert in manifest["roster"]:
                    expert["public_key"] = keys.get(expert["id"])
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            target.writestr(info, data)
    return out


def official_key(label: bytes, person: str, name: str, role: str = CHAIR) -> ExpertKey:
    """A key of the panel's officials (the chair's role unless said)."""
    private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label).digest())
    return ExpertKey.from_private_key(private, person, name, "某研究院", CREATED, role=role)


def chair_key() -> ExpertKey:
    return official_key(b"forgery bench chair", "CHAIR", "评审组组长")


def transcribe(material_dir: Path, package: Path, chair: ExpertKey, expert: str) -> Path:
    """The chair types a sheet for ``expert`` (full marks), submits, unlocks, submits again."""
    session_path = material_dir / f"{expert}-transcribed.esession"
    start_transcription(package, expert, session_path, chair.info, "纸质评分表，第1-3页")
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        for row in scoring.submissions():
            if row.state == RECUSED:
                continue
            for leaf in scoring.assigned_leaves(row.id):
                choices = choices_of(leaf)
                top = max_points(scoring.scheme, leaf)
                entry = Entry(choice=choices[0]) if choices else Entry(points=top)
                if mode_of(leaf) in ("yesno", "fixed"):
                    entry = Entry(choice="yes")
                scoring.set_entry(row.id, leaf.code, entry)
            scoring.set_note(row.id, Note(comment="按纸质表录入"))
        submit(session, chair, material_dir / f"{expert}-transcribed-1.esresult")
        scoring.unlock("补录更正")
        out = material_dir / f"{expert}-transcribed-2.esresult"
        submit(session, chair, out)
    return out


def write_panel(run: ChairRun, chair: ExpertKey, out: Path) -> Path:
    return write_panel_file(out, outcome_of(run), chair, created_at=CREATED)


def prepare(folder: Path) -> Material:
    """The batch (keys pinned), the experts' results, the chair's honest merge and panel."""
    folder.mkdir(parents=True, exist_ok=True)
    draft = folder / "draft.esbatch"
    make_demo_batch(SCHEME, submissions=3, experts=6, seed=SEED, out=draft, workers=1)
    simulate(draft, 6, SEED, folder / "draft-results")
    package_path = pinned(draft, folder / "draft-results", folder / "batch.esbatch")
    results = folder / "results"
    simulate(package_path, 6, SEED, results)
    chair = chair_key()
    cards = folder / "chair-card"
    cards.mkdir()
    write_card(make_card(chair, CREATED), cards / "CHAIR.eskeycard")
    transcription = transcribe(folder, package_path, chair, "E01")
    material = Material(
        package_path,
        open_package(package_path),
        results,
        chair,
        cards,
        folder / "merge",
        folder / "panel.espanel",
        transcription,
    )
    run = material.run(material.merge)
    run.apply(run.plan(sorted(results.glob("*.esresult"))))
    run.reload()
    write_panel(run, chair, material.panel)
    differences = recheck(material.panel, material.package, results).differences
    if differences:
        raise RuntimeError(f"the honest panel file does not re-check: {differences[0]}")
    return material


# -- the leaves and experts the cases use --------------------------------------------------


def leaf_of(m: Material, mode: str):
    return next(leaf for leaf in m.package.scheme.leaves() if mode_of(leaf) == mode)


def override_line(m: Material, code: str, points: str, reason: str = "专家组议定") -> dict:
    sid = m.package.manifest.submissions[0].id
    return {
        "action": "override",
        "submission": sid,
        "indicator": code,
        "points": points,
        "reason": reason,
    }


def unassigned(m: Material) -> tuple[str, str]:
    """A (roster expert, submission) pair with no assignment."""
    assigned = {(a.expert, a.submission) for a in m.package.manifest.assignments}
    return next(
        (e.id, s.id)
        for e in m.package.manifest.roster
        for s in m.package.manifest.submissions
        if (e.id, s.id) not in assigned
    )


def expert_key(m: Material, expert: str) -> ExpertKey:
    member = next(e for e in m.package.manifest.roster if e.id == expert)
    return simulated_key(SEED, member, CREATED)
