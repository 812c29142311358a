"""Forged results and packages made with genuine keys: every one is refused, honest ones not."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from bench.reliability import forgery_results
from bench.reliability.forgery_material import Material, genuine_key, resubmit
from expertscore.chair.merge import ACCEPTED, REPLACED, MergeFolder, apply, plan
from expertscore.identity.keycard import read_cards
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import verify_file
from expertscore.scoring.modes import Entry
from expertscore.scoring.service import ScoringService


def test_every_forgery_is_refused(tmp_path: Path) -> None:
    found = forgery_results.run(tmp_path)

    assert [name for name, _ in found] == [name for name, _ in forgery_results.CASES]
    accepted = [name for name, reason in found if reason is None]
    assert accepted == []
    assert all(reason and "\n" not in reason for _, reason in found)


def test_the_honest_results_of_the_same_material_are_accepted(tmp_path: Path) -> None:
    """0 accepted must not come from readers that refuse everything."""
    material = Material(tmp_path / "material")
    trust = KeyTrust.build(material.package, read_cards([material.cards]))
    for expert, path in material.first.items():
        verdict = verify_file(path, material.package, trust)
        assert verdict.ok, (expert, verdict.reason)
    folder = MergeFolder(tmp_path / "merge")
    decisions = plan(folder, list(material.first.values()), material.package, trust)
    assert [d.outcome for d in decisions] == [ACCEPTED] * 3
    apply(folder, decisions)

    session = material.session_copy("E01", "honest-second")

    def rethink(scoring: ScoringService) -> None:
        scoring.set_entry("S002", "3.1.1", Entry(points=Decimal(2)))
        scoring.set_comment("S002", "3.1.1", "复核后上调")
        scoring.recuse("S004", "后来发现曾为其提供咨询")

    second = resubmit(session, genuine_key("E01"), tmp_path / "E01-2.esresult", rethink)
    [decision] = plan(folder, [second], material.package, trust)
    assert decision.outcome == REPLACED, decision.reason
    assert decision.reason.startswith(
        "replaces result 1: 1 score changed (S002 3.1.1 1.2 → 2); 1 comment changed"
        " (S002 3.1.1); newly recused: S004; key "
    )
    assert decision.changes is not None and decision.changes.recusals == ("S004",)
