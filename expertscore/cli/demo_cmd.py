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
@click.option(
    "--encrypted",
    is_flag=True,
    help="A confidential round: the package encrypted to the panel, the sessions with a"
    " passphrase, the result files to the chair, the panel file to a demo authority.",
)
def demo_command(
    scheme_id: str,
    submissions: int,
    experts: int,
    seed: int,
    out: Path,
    headless: bool,
    encrypted: bool = False,
) -> None:
    """Run the whole flow on a demo batch; open the window when there is a display."""
    outputs = run_demo(
        out,
        scheme_id,
        submissions,
        experts,
        seed,
        step=lambda text: echo(f"• {text}"),
        encrypted=encrypted,
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
    secrets = outputs.secrets
    if secrets is not None:
        rows += [
            ("session passphrase", secrets.passphrase_file),
            ("chair's age identity", secrets.chair_identity_file),
            ("authority's identity", secrets.authority_identity_file),
        ]
    for label, path in rows:
        echo(f"  {label:<22} {path}")
    echo(f"\nranking: {', '.join(outputs.ranking)}")
    if secrets is not None:
        echo(
            "\nencrypted: the package, the sessions, the result files and the panel file."
            " This is a demo, so its session passphrase and the chair's and the authority's"
            f" keys are in {secrets.passphrase_file.parent}; in a real round each stays with"
            " its owner. Decrypt with the standard tool:"
            f" `age -d -i {secrets.authority_identity_file} {outputs.panel_file}`"
        )
    session = out / "experts" / "E01.esession"
    options = ["--passphrase-file", str(secrets.passphrase_file)] if secrets else []
    arguments = [*options, "gui", str(session), "--expert", "E01"]
    if headless or not has_display():
        echo(
            "\nno display: the window was not opened; on a screen, open it with"
            f" `expertscore {' '.join(arguments)}`"
        )
        return
    echo("\nopening the scoring window on the demo batch …")
    command = [sys.executable, "-m", "expertscore", *arguments]
    if getattr(sys, "frozen", False):  # the one-folder app is its own interpreter
        command = [sys.executable, *arguments]
    raise SystemExit(subprocess.call(command))


@click.command("self-test")
def self_test_command() -> None:
    """Run the whole flow on a tiny demo batch and check every step (exit 0 when all pass)."""
    from expertscore.selftest import run_self_test

    raise SystemExit(run_self_test(click.echo))
