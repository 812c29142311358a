"""A scheme that weighs the experts' scores by their familiarity marks, on real files: a
batch of that scheme, simulated experts (who mark their familiarity), the chair's merge,
the signed panel file, its re-check (``expertscore verify``) and the registry's ingest,
both with the result files and with the package alone.

The panel file's numbers are also recomputed here the way docs/formats.md tells an
independent reader to: from the file's own scores, the marks in its advice and the weights
in its policy, with plain ``Decimal`` and none of the program's aggregation code.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from click.testing import CliRunner

from bench.reliability.chair_material import chair_key
from expertscore.chair.panel_file.model import limited
from expertscore.cli.main import cli
from expertscore.registry.db import open_registry
from expertscore.registry.ingest import IngestRefused, Outcome, ingest
from expertscore.registry.models import Check
from tests.registry import material

WEIGHTS = {"familiar": "1", "fairly": "0.8", "moderate": "0.6", "unmarked": "0.9"}
AGGREGATION = """aggregation:
  method: familiarity_weighted
  familiarity_weights: {familiar: 1, fairly: 0.8, moderate: 0.6, unmarked: 0.9}
  min_experts: 3
  decimals: 2
  rounding: half_up
  spread_threshold: 30%
  deviation_limit: 30%
"""


@pytest.fixture(scope="module")
def weighted(tmp_path_factory: pytest.TempPathFactory) -> material.Round:
    folder = tmp_path_factory.mktemp("familiarity-weighted")
    scheme = material.liaoning_with(folder, AGGREGATION, "liaoning-weighted.yaml")
    base = material.base_batch(folder / "base", scheme=str(scheme))
    return material.panel_round(folder, base, "FW-2025-1", "2025-06-01T09:00:00+08:00", 11)


def test_the_panel_file_says_the_policy_and_its_numbers_follow_from_the_file(weighted):
    payload = material.payload_of(weighted.panel)
    assert payload["policy"]["method"] == "familiarity_weighted"
    assert payload["policy"]["familiarity_weights"] == WEIGHTS
    weights = {key: Decimal(value) for key, value in WEIGHTS.items()}
    decimals = payload["policy"]["decimals"]
    marks = {item["id"]: item["familiarity"] for item in payload["advice"]["submissions"]}
    assert any(marks.values()), "the simulated experts mark their familiarity"
    differs = 0
    for sub in payload["submissions"]:
        for item in sub["indicators"]:
            if not item["scores"]:
                continue
            shares = [
                (weights[marks[sub["id"]].get(expert, "unmarked")], Decimal(score))
                for expert, score in item["scores"].items()
            ]
            exact = sum(w * s for w, s in shares) / sum(w for w, _ in shares)
            assert item["exact"] == limited(exact), (sub["id"], item["code"])
            if item["override"] is None:
                step = Decimal(1).scaleb(-decimals)
                assert item["panel"] == str(exact.quantize(step, rounding=ROUND_HALF_UP))
            plain = sum(s for _, s in shares) / len(shares)
            differs += limited(plain) != item["exact"]
            assert sorted(item["kept"]) == sorted(item["scores"])  # everyone counts
    assert differs, "the weights changed some panel score"


def test_the_panel_file_re_checks_from_the_result_files(weighted):
    result = CliRunner().invoke(
        cli,
        ["verify", str(weighted.panel), "--batch", str(weighted.package_path),
         "--results", str(weighted.results)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "VALID: the re-run gives the same results" in result.output


@pytest.mark.parametrize("results", [False, True], ids=["package-only", "with-results"])
def test_the_registry_takes_it_in(weighted, tmp_path, results):
    engine = open_registry(f"sqlite:///{tmp_path / 'registry.sqlite'}")
    done = ingest(
        engine,
        weighted.panel,
        weighted.package,
        results_dir=weighted.results if results else None,
    )
    assert done.outcome == Outcome.ADDED
    assert done.check == (Check.RECHECKED if results else Check.INTERNAL)
    engine.dispose()


def _one_mark_changed(payload: dict) -> tuple[str, str]:
    """Change one expert's familiarity mark in the advice; (submission, expert)."""
    for item in payload["advice"]["submissions"]:
        for expert, mark in item["familiarity"].items():
            item["familiarity"][expert] = "moderate" if mark != "moderate" else "familiar"
            return item["id"], expert
    raise AssertionError("no familiarity mark in the panel file")


@pytest.mark.parametrize("forged", ["weights", "mark"])
def test_a_re_signed_file_whose_weights_or_marks_do_not_give_its_numbers_is_refused(
    weighted, tmp_path, forged
):
    payload = material.payload_of(weighted.panel)
    if forged == "weights":
        payload["policy"]["familiarity_weights"]["moderate"] = "1"
    else:
        _one_mark_changed(payload)
    panel = material.signed(payload, tmp_path / "forged.espanel", chair_key())
    engine = open_registry(f"sqlite:///{tmp_path / 'registry.sqlite'}")
    with pytest.raises(IngestRefused) as refused:
        ingest(engine, panel, weighted.package)
    said = refused.value.reason
    assert (
        ("policy.familiarity_weights.moderate" in said)
        if forged == "weights"
        else ("submissions." in said)
    ), said
    engine.dispose()
