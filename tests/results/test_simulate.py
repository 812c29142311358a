"""The simulation: K experts, K valid signed files, the same bytes for the same seed."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.identity.keycard import read_cards
from expertscore.results.simulate import SimulationError, simulate, simulated_key
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import read_result
from expertscore.scoring.service import ScoringService
from expertscore.storage.session import SessionFile
from tests.factories import edit_manifest, example_builder


@pytest.fixture(scope="module")
def panel_package(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sim") / "panel.esbatch"
    example_builder(submissions=6, experts=4).write(path)
    return path


@pytest.fixture(scope="module")
def run(panel_package, tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    return out, simulate(panel_package, 4, 11, out)


def test_k_experts_give_k_valid_signed_files(panel_package, run):
    out, experts = run
    assert [e.expert_id for e in experts] == ["E01", "E02", "E03", "E04"]
    opened = open_package(panel_package)
    trust = KeyTrust.build(opened, read_cards([out]))
    for expert in experts:
        assert expert.session == out / f"{expert.expert_id}.esession"
        assert expert.keycard == out / f"{expert.expert_id}.eskeycard"
        checked = read_result(expert.result, opened, trust)
        assert checked.payload.expert.id == expert.expert_id
        assert checked.fingerprint == expert.fingerprint
        assert checked.identity.how == f"matches key card {expert.keycard} of {expert.expert_id}"
        assert checked.counts.scored == expert.scored
        assert checked.counts.recused == expert.recused
        assert checked.counts.comments > 0
        with SessionFile(expert.session) as session:
            scoring = ScoringService(session)
            assert scoring.missing() == []
            assert scoring.locked_by() is not None
            assert scoring.verify_log() == checked.counts.log_entries


def test_roster_conflicts_are_recusals(run):
    out, _experts = run
    payload = read_result(out / "E02.esresult").payload
    s001 = next(s for s in payload.submissions if s.id == "S001")
    assert s001.recusal is not None and s001.recusal.source == "roster"
    assert s001.scores == []


def test_same_seed_same_bytes_other_seed_other_panel(panel_package, run, tmp_path):
    _out, experts = run
    again = simulate(panel_package, 4, 11, tmp_path / "again")
    for first, second in zip(experts, again, strict=True):
        assert first.result.read_bytes() == second.result.read_bytes()
        assert first.keycard.read_bytes() == second.keycard.read_bytes()
    other = simulate(panel_package, 2, 12, tmp_path / "other")
    assert other[0].fingerprint != experts[0].fingerprint
    first_scores = read_result(experts[0].result).payload.submissions
    other_scores = read_result(other[0].result).payload.submissions
    assert first_scores != other_scores


def panel_points(out: Path) -> dict[tuple[str, str], dict[str, Decimal]]:
    points: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
    for path in sorted(out.glob("*.esresult")):
        payload = read_result(path).payload
        for sub in payload.submissions:
            for item in sub.scores:
                if item.points is not None:
                    points[(sub.id, item.indicator)][payload.expert.id] = Decimal(item.points)
    return points


def test_experts_disagree_realistically(run):
    out, _experts = run
    points = panel_points(out)
    spread = {key: max(v.values()) - min(v.values()) for key, v in points.items() if len(v) > 1}
    objective = [spread[key] for key in spread if key[1] in ("1.2", "2.1")]
    subjective = [spread[key] for key in spread if key[1] == "2.2"]
    assert sum(1 for s in objective if s == 0) >= len(objective) * 0.6  # facts mostly agree
    assert any(s > 0 for s in subjective)  # judgements differ
    far = [
        (key, expert)
        for key, scores in points.items()
        if len(scores) >= 3
        for expert, value in scores.items()
        if (mean := sum(scores.values()) / len(scores)) > 0 and abs(value - mean) > mean * 3 / 10
    ]
    assert far, "one expert should be far off somewhere, for the chair's deviation rule"


def test_more_experts_than_the_roster_has_is_refused(panel_package, tmp_path):
    with pytest.raises(SimulationError, match="asked for 5 experts; the batch has 4"):
        simulate(panel_package, 5, 1, tmp_path / "out")


def test_simulated_keys_match_a_roster_pinned_from_their_cards(panel_package, tmp_path):
    opened = open_package(panel_package)
    keys = {e.id: simulated_key(5, e, "2025-06-02T09:00:00+08:00") for e in opened.manifest.roster}

    def pin(manifest):
        for expert in manifest["roster"]:
            expert["public_key"] = keys[expert["id"]].info.public_key

    pinned = edit_manifest(panel_package, tmp_path / "pinned.esbatch", pin)
    done = simulate(pinned, 2, 5, tmp_path / "ok")
    checked = read_result(done[0].result, open_package(pinned))
    assert checked.identity.how == "pinned for E01 in the batch roster"
    with pytest.raises(SimulationError, match="roster pins another key for E01"):
        simulate(pinned, 2, 6, tmp_path / "bad")
