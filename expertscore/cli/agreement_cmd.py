"""``expertscore chair agreement``: the chair's advice on the panel (panel_quality)."""

from __future__ import annotations

from pathlib import Path

import click

from expertscore.chair.agreement import Figure
from expertscore.chair.panel_advice import familiarity_of
from expertscore.chair.panel_quality import PanelQuality, panel_quality
from expertscore.chair.run import ChairRun
from expertscore.cli.chair_cmd import FOLDER, KEYCARDS, PACKAGE
from expertscore.terminal import echo


def figure_text(figure: Figure | None) -> str:
    if figure is None or figure.value is None:
        ratings = figure.ratings if figure is not None else 0
        return f"- (not enough ratings: {ratings})"
    return f"{figure.rounded()} {figure.reading} ({figure.ratings} ratings)"


@click.command("agreement")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--dir", "folder", required=True, type=FOLDER, help="The merge folder.")
@KEYCARDS
def agreement_command(package: Path, folder: Path, keycards: tuple[Path, ...]) -> None:
    """How consistent the panel is and who scores harsher or more leniently (advice only)."""
    run = ChairRun.open(package, folder, keycards)
    inp, result = run.results()
    print_quality(panel_quality(run.package.scheme, result), run, familiarity_of(inp))


def print_quality(
    quality: PanelQuality, run: ChairRun, familiarity: dict[str, dict[str, str]] | None = None
) -> None:
    names = {leaf.code: leaf.name for leaf in run.package.scheme.indicators}
    echo("agreement (Krippendorff's alpha, interval; scores as shares of each maximum):")
    echo(f"  all indicators: {figure_text(quality.overall)}")
    for code, figure in quality.groups.items():
        echo(f"  group {code} {names.get(code, '')}: {figure_text(figure)}")
    echo(f"  Kendall's W of the experts' totals: {figure_text(quality.concordance)}")
    echo("per submission (alpha; ICC(2,1) and ICC(2,k) of the experts who scored every leaf):")
    for sub in quality.submissions:
        echo(
            f"  {sub.submission}: alpha {figure_text(sub.alpha)}; ICC(2,1)"
            f" {figure_text(sub.icc.single)}; ICC(2,k) {figure_text(sub.icc.average)}"
        )
        marks = (familiarity or {}).get(sub.submission)
        if marks:
            shown = ", ".join(f"{expert} {level}" for expert, level in marks.items())
            echo(f"    familiarity (the experts' own marks): {shown}")
    echo("severity (each expert against the mean of the others on the same leaves):")
    for found in sorted(quality.severity, key=lambda s: s.percent):
        interval = (
            f", 95% interval {found.interval[0]:+}% to {found.interval[1]:+}%"
            if found.interval
            else ""
        )
        echo(
            f"  {found.expert}: {found.points:+} points per submission ({found.percent:+}% of"
            f" the maxima{interval}), below the others on {found.below} of"
            f" {found.submissions} submissions"
        )
    adjusted = quality.adjusted
    echo("severity-adjusted ranking (advice; the official ranking follows the scheme):")
    if adjusted is None or not adjusted.moves:
        echo("  no rank would change")
        return
    for sid, official, place in adjusted.moves:
        echo(f"  {sid}: rank {official} -> {place} (adjusted total {adjusted.totals[sid]})")
