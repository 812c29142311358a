"""The chair's advice on the panel: severity worked by hand, the adjusted view, the command."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

from expertscore.chair.aggregate import PanelInput, Sheet, aggregate
from expertscore.chair.panel_advice import familiarity_of
from expertscore.chair.panel_quality import panel_quality, t_975
from expertscore.chair.run import ChairRun
from expertscore.demo.batch import make_demo_batch
from expertscore.results.simulate import simulate
from expertscore.schemes import load_scheme
from tests.factories import EXAMPLE_SCHEME

SCHEME = load_scheme(EXAMPLE_SCHEME)
ROW = {"1.1": D("6"), "1.2": D("30"), "2.1": D("10"), "2.2": D("32"), "9.1": D("3")}
MAXIMA = 10 + 30 + 20 + 40 + 3
EXE = Path(sys.executable).with_name("expertscore")


def panel(recused: set[tuple[str, str]] = frozenset()):
    """E1 and E2 score ROW everywhere; E3 gives one point less on 1.1."""
    sheets = []
    for sid in ("S1", "S2", "S3"):
        for expert in ("E1", "E2", "E3"):
            if (expert, sid) in recused:
                continue
            scores = dict(ROW)
            if expert == "E3":
                scores["1.1"] -= 1
            sheets.append(Sheet(expert, sid, scores))
    inp = PanelInput(SCHEME, dict.fromkeys(("S1", "S2", "S3"), "industry"), sheets)
    return aggregate(inp)


def test_a_harsh_expert_is_found_and_measured():
    quality = panel_quality(SCHEME, panel())
    found = {s.expert: s for s in quality.severity}
    # On 1.1 E3 is 1 below the others' mean; E1 and E2 are each 0.5 above theirs.
    assert (found["E3"].points, found["E3"].below, found["E3"].submissions) == (D("-1.00"), 3, 3)
    assert found["E3"].percent == (D(-100) / MAXIMA).quantize(D("0.01"))
    assert found["E3"].interval == (found["E3"].percent, found["E3"].percent)  # no spread
    assert (found["E1"].points, found["E1"].below) == (D("0.50"), 0)
    # A complete panel: every submission moves alike, no rank changes.
    assert quality.adjusted is not None and quality.adjusted.moves == []


def test_the_adjusted_view_moves_what_a_harsh_expert_left_out():
    result = panel(recused={("E3", "S2")})
    quality = panel_quality(SCHEME, result)
    found = {s.expert: s.points for s in quality.severity}
    # E1: +0.5 on S1 and S3, 0 on S2 (no E3 there): mean 1/3.
    assert found == {"E1": D("0.33"), "E2": D("0.33"), "E3": D("-1.00")}
    adjusted = quality.adjusted
    assert adjusted is not None
    s1 = result.submissions["S1"].total - (D("0.33") + D("0.33") + D("-1.00")) / 3
    s2 = result.submissions["S2"].total - (D("0.33") + D("0.33")) / 2
    assert adjusted.totals["S1"] == s1.quantize(D("0.01"))
    assert adjusted.totals["S2"] == s2.quantize(D("0.01"))
    # Officially S2 (no harsh expert) ranks first; adjusted, it falls behind S1 and S3.
    assert result.ranking[0] == "S2"
    assert adjusted.ranking[-1] == "S2"
    assert ("S2", 1, 3) in adjusted.moves


def test_t_quantiles_match_scipy():
    from scipy.stats import t

    for degrees in (1, 2, 5, 10, 29, 30):
        assert float(t_975(degrees)) == round(t.ppf(0.975, degrees), 3)
    assert t_975(35) == D("2.042")  # the next lower listed: never narrower


def test_the_command_prints_agreement_severity_and_the_adjusted_view(tmp_path):
    package = tmp_path / "b.esbatch"
    make_demo_batch("liaoning-2025-grading", submissions=6, experts=4, seed=5, out=package)
    simulate(package, experts=4, seed=5, out=tmp_path / "sim")
    run = ChairRun.open(package, tmp_path / "m", [tmp_path / "sim"])
    run.apply(run.plan(sorted((tmp_path / "sim").glob("*.esresult"))))
    run.reload()
    _, result = run.results()
    quality = panel_quality(run.package.scheme, result)
    printed = subprocess.run(
        [str(EXE), "chair", "agreement", "--batch", str(package), "--dir", str(tmp_path / "m"),
         "--keycard", str(tmp_path / "sim")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    out = printed.stdout
    overall = quality.overall
    assert (
        f"all indicators: {overall.rounded()} {overall.reading} ({overall.ratings} ratings)" in out
    )
    harshest = min(quality.severity, key=lambda s: s.percent)
    assert (
        f"{harshest.expert}: {harshest.points:+} points per submission ({harshest.percent:+}% of"
        in out
    )
    assert f"below the others on {harshest.below} of {harshest.submissions} submissions" in out
    for sub in quality.submissions:
        assert f"  {sub.submission}: alpha {sub.alpha.rounded()}" in out
    # The simulated experts' familiarity marks, as their result files carry them.
    marks = familiarity_of(run.results()[0])
    assert marks
    for by_expert in marks.values():
        shown = ", ".join(f"{expert} {level}" for expert, level in by_expert.items())
        assert f"    familiarity (the experts' own marks): {shown}" in out
