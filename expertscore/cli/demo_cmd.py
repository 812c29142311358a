"""``expertscore demo``: the main job on built-in demo data.

With a display and the Qt front end installed it opens the scoring window on the demo
batch; without one it runs the whole flow headless and says where the outputs are.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from expertscore.demo.flow import run_demo
from expertscore.terminal import echo


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


@click.command("demo")
@click.option("--scheme", "scheme_id", default="liaoning-2025-grading", show_default=True)
@click.option("--submissions", default=8, show_default=True, type=click.IntRange(1, 500))
@click.option("--experts", default=5, show_default=True, type=click.IntRange(1, 30))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option(
    "--out",
    default=Path("demo-output"),
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
)
@click.option("--headless", is_flag=True, help="Never open the window, even with a display.")
def demo_command(
    scheme_id: str, submissions: int, experts: int, seed: int, out: Path, headless: bool
) -> None:
    """Run the whole flow on a demo batch; open the window when there is a display."""
    outputs = run_demo(
        out, scheme_id, submissions, experts, seed, step=lambda text: echo(f"• {text}")
    )
    echo("\noutputs:")
    rows = [
        ("batch package", outputs.package),
        ("expert result files", outputs.package.parent / "experts"),
        ("merge folder", outputs.merge),
        ("results workbook", outputs.workbook),
        ("signed panel results", outputs.panel_file),
        ("PDF report", outputs.report),
        ("filled scoring sheet", outputs.sheet),
    ]
    for label, path in rows:
        echo(f"  {label:<22} {path}")
    echo(f"\nranking: {', '.join(outputs.ranking)}")
    session = out / "experts" / "E01.esession"
    if headless or not has_display():
        echo(
            "\nno display: the window was not opened; on a screen, open it with"
            f" `expertscore gui {session} --expert E01`"
        )
        return
    echo("\nopening the scoring window on the demo batch …")
    command = [sys.executable, "-m", "expertscore", "gui", str(session), "--expert", "E01"]
    if getattr(sys, "frozen", False):  # the one-folder app is its own interpreter
        command = [sys.executable, "gui", str(session), "--expert", "E01"]
    raise SystemExit(subprocess.call(command))


@click.command("self-test")
def self_test_command() -> None:
    """Run the whole flow on a tiny demo batch and check every step (exit 0 when all pass)."""
    from expertscore.selftest import run_self_test

    raise SystemExit(run_self_test(click.echo))
