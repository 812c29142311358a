"""Real panels for the registry's tests: one demo batch's platforms graded in several rounds.

``make_demo_batch`` gives the platforms once; each round is that batch under another id and
date (so the same platforms come back), scored by simulated experts with another seed (so
the totals and grades move), merged by the chair (``ChairRun``) and signed as a panel file.
"""

from __future__ import annotations

import base64
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bench.reliability.chair_material import chair_key, write_panel
from expertscore.batch.package import OpenedPackage, open_package
from expertscore.chair.panel_file import PANEL_PAYLOAD_TYPE, panel_envelope_bytes
from expertscore.chair.run import ChairRun
from expertscore.demo.batch import make_demo_batch
from expertscore.identity.keycard import make_card, write_card
from expertscore.identity.keys import ExpertKey
from expertscore.results.payload import payload_bytes
from expertscore.results.simulate import simulate
from expertscore.schemes.registry import resolve_scheme

SCHEME = "liaoning-2025-grading"
CREATED = "2025-06-03T10:00:00+08:00"


@dataclass(frozen=True)
class Round:
    batch_id: str
    package_path: Path
    package: OpenedPackage
    results: Path  # the experts' own result files and key cards
    merge: Path
    panel: Path

    def run(self, chair_cards: Path) -> ChairRun:
        return ChairRun.open(self.package_path, self.merge, [self.results, chair_cards])


def renamed(package: Path, batch_id: str, created: str, out: Path) -> Path:
    """The batch under another id and creation time, nothing pinned (experts' key cards)."""
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["batch"]["id"] = batch_id
                manifest["batch"]["created"] = created
                manifest.pop("signature", None)
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
            target.writestr(info, data)
    return out


def chair_cards(folder: Path) -> Path:
    cards = folder / "chair-card"
    if not cards.is_dir():
        cards.mkdir(parents=True)
        write_card(make_card(chair_key(), CREATED), cards / "CHAIR.eskeycard")
    return cards


def base_batch(folder: Path, scheme: str = SCHEME, submissions: int = 3, experts: int = 5) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "base.esbatch"
    make_demo_batch(scheme, submissions=submissions, experts=experts, seed=5, out=out, workers=1)
    return out


def liaoning_with(folder: Path, aggregation: str, name: str) -> Path:
    """The Liaoning grading scheme with its ``aggregation:`` block replaced by
    ``aggregation`` (YAML text), written to ``folder/name``."""
    text = resolve_scheme("liaoning-2025-grading").path.read_text(encoding="utf-8")
    start, end = text.index("aggregation:\n"), text.index("\n# The tree below")
    scheme = folder / name
    scheme.write_text(text[:start] + aggregation + text[end:], encoding="utf-8")
    return scheme


def panel_round(folder: Path, base: Path, batch_id: str, created: str, seed: int) -> Round:
    """One round: the base batch as ``batch_id``, scored with ``seed``, merged and signed."""
    here = folder / batch_id
    here.mkdir(parents=True)
    package_path = renamed(base, batch_id, created, here / f"{batch_id}.esbatch")
    package = open_package(package_path)
    results = here / "results"
    simulate(package_path, len(package.manifest.roster), seed, results)
    found = Round(batch_id, package_path, package, results, here / "merge", here / "panel.espanel")
    run = found.run(chair_cards(folder))
    run.apply(run.plan(sorted(results.glob("*.esresult"))))
    run.reload()
    write_panel(run, chair_key(), found.panel)
    return found


def payload_of(panel: Path) -> dict:
    return json.loads(base64.b64decode(json.loads(panel.read_bytes())["payload"]))


def signed(payload: dict, out: Path, key: ExpertKey | None = None) -> Path:
    """``payload`` signed as a panel file by ``key`` (the chair's by default)."""
    key = key or chair_key()
    body = payload_bytes(payload)
    out.write_bytes(
        panel_envelope_bytes(body, key.info.fingerprint, key.sign(PANEL_PAYLOAD_TYPE, body))
    )
    return out
