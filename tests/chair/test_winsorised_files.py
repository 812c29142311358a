"""A scheme with the winsorised mean on real files: a batch of that scheme, simulated
experts, the chair's merge, the signed panel file and its re-check (``expertscore
verify``). The file's numbers are recomputed the way docs/formats.md tells an independent
reader to: from its own scores and policy, with plain ``Decimal`` and none of the program's
aggregation code."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest
from click.testing import CliRunner

from expertscore.cli.main import cli
from tests.registry import material

AGGREGATION = """aggregation:
  method: winsorised_mean
  trim_min_experts: 4
  min_experts: 3
  decimals: 2
  rounding: half_up
  spread_threshold: 30%
  deviation_limit: 30%
"""


@pytest.fixture(scope="module")
def winsorised(tmp_path_factory: pytest.TempPathFactory) -> material.Round:
    folder = tmp_path_factory.mktemp("winsorised")
    scheme = material.liaoning_with(folder, AGGREGATION, "liaoning-winsorised.yaml")
    base = material.base_batch(folder / "base", scheme=str(scheme))
    return material.panel_round(folder, base, "WM-2025-1", "2025-06-01T09:00:00+08:00", 11)


def written(number: Decimal) -> str:
    """``exact`` as docs/formats.md writes it: half-even to 10 places, zeros dropped."""
    text = format(number.quantize(Decimal("1E-10"), rounding=ROUND_HALF_EVEN), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def test_the_panel_file_says_the_policy_and_its_numbers_follow_from_the_file(winsorised):
    payload = material.payload_of(winsorised.panel)
    policy = payload["policy"]
    assert (policy["method"], policy["trim_min_experts"]) == ("winsorised_mean", 4)
    assert "familiarity_weights" not in policy
    replaced = 0
    for sub in payload["submissions"]:
        for item in sub["indicators"]:
            if not item["scores"]:
                continue
            values = sorted(Decimal(score) for score in item["scores"].values())
            if len(values) >= policy["trim_min_experts"]:
                values[0], values[-1] = values[1], values[-2]
            exact = sum(values, Decimal(0)) / len(values)
            assert item["exact"] == written(exact), (sub["id"], item["code"])
            if item["override"] is None:
                step = Decimal(1).scaleb(-policy["decimals"])
                assert item["panel"] == str(exact.quantize(step, rounding=ROUND_HALF_UP))
            plain = sum(map(Decimal, item["scores"].values()), Decimal(0)) / len(values)
            replaced += written(plain) != item["exact"]
            assert sorted(item["kept"]) == sorted(item["scores"])  # everyone counts
    assert replaced, "replacing the extremes changed some panel score"


def test_the_panel_file_re_checks_from_the_result_files(winsorised):
    result = CliRunner().invoke(
        cli,
        ["verify", str(winsorised.panel), "--batch", str(winsorised.package_path),
         "--results", str(winsorised.results)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "VALID: the re-run gives the same results" in result.output


def test_a_re_signed_file_with_another_method_is_refused(winsorised, tmp_path):
    payload = material.payload_of(winsorised.panel)
    payload["policy"]["method"] = "trimmed_mean"
    panel = material.signed(payload, tmp_path / "forged.espanel")
    result = CliRunner().invoke(
        cli,
        ["verify", str(panel), "--batch", str(winsorised.package_path),
         "--results", str(winsorised.results)],
    )  # fmt: skip
    assert result.exit_code != 0
    assert "policy.method" in result.output
