"""``expertscore demo``: the main job on built-in demo data."""

from __future__ import annotations

import click
from rich.console import Console

from expertscore.schemes.loader import load_scheme
from expertscore.schemes.registry import bundled_paths, resolve_scheme
from expertscore.schemes.table import scheme_summary_table, scheme_tree_table


@click.command("demo")
@click.option("--scheme", "scheme_id", default="liaoning-2025-grading", show_default=True)
def demo_command(scheme_id: str) -> None:
    """Run the demo: the bundled schemes and one scheme's indicator tree."""
    console = Console(width=160, soft_wrap=False)
    console.print(scheme_summary_table([load_scheme(path) for path in bundled_paths()]))
    console.print(scheme_tree_table(resolve_scheme(scheme_id).scheme))
