"""``expertscore schemes`` and ``expertscore scheme show|check``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from expertscore.errors import SchemeFileError, SchemeInvalid
from expertscore.schemes.loader import load_scheme
from expertscore.schemes.registry import bundled_paths, resolve_scheme
from expertscore.schemes.table import scheme_summary_table, scheme_tree_table
from expertscore.terminal import echo


def _console() -> Console:
    # A fixed width when piped keeps the table whole instead of wrapping at 80 columns.
    return Console(width=None if sys.stdout.isatty() else 160, soft_wrap=False)


@click.command("schemes")
def schemes_command() -> None:
    """List the bundled schemes."""
    schemes = [load_scheme(path) for path in bundled_paths()]
    _console().print(scheme_summary_table(schemes))


@click.group("scheme")
def scheme_group() -> None:
    """Show or check one scheme."""


@scheme_group.command("show")
@click.argument("id_or_path")
def show(id_or_path: str) -> None:
    """Print the indicator tree of a bundled scheme (by id) or a scheme file."""
    bundled = resolve_scheme(id_or_path)
    _console().print(scheme_tree_table(bundled.scheme))


@scheme_group.command("check")
@click.argument("path", type=click.Path(path_type=Path))
def check(path: Path) -> None:
    """Validate a scheme file; list every problem and exit 1 if there is any."""
    try:
        scheme = load_scheme(path)
    except SchemeFileError as exc:
        echo(str(exc), err=True)
        sys.exit(1)
    except SchemeInvalid as exc:
        for issue in exc.issues:
            echo(str(issue), err=True)
        echo(f"{len(exc.issues)} problem(s) in {path}", err=True)
        sys.exit(1)
    leaves = len(scheme.leaves())
    echo(f"{path}: valid scheme '{scheme.id}' version {scheme.version}, {leaves} indicators")
