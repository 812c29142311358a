"""``expertscore demo-batch``: write a realistic, deterministic demo batch package."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from expertscore.demo.batch import MAX_EXPERTS, MAX_SUBMISSIONS, ProgressCallback, make_demo_batch
from expertscore.errors import ExpertScoreError
from expertscore.terminal import echo


def human_size(size: int) -> str:
    """``31774700`` -> ``30.3 MB``."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


@contextmanager
def progress_bar(total: int) -> Iterator[ProgressCallback | None]:
    """A progress bar on stderr while generating, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    console = Console(stderr=True)
    with Progress(
        TextColumn("generating"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        auto_refresh=False,  # no refresh thread while render workers are forked
    ) as progress:
        task = progress.add_task("submissions", total=total)

        def advance(done: int, _total: int) -> None:
            progress.update(task, completed=done, refresh=True)

        yield advance


@click.command("demo-batch")
@click.option(
    "--scheme",
    "scheme_id",
    default="liaoning-2025-grading",
    show_default=True,
    metavar="ID",
    help="Bundled scheme id or a scheme file.",
)
@click.option(
    "--submissions",
    type=click.IntRange(1, MAX_SUBMISSIONS),
    default=12,
    show_default=True,
    metavar="N",
    help="Number of submissions (platforms).",
)
@click.option(
    "--experts",
    type=click.IntRange(1, MAX_EXPERTS),
    default=5,
    show_default=True,
    metavar="K",
    help="Number of experts on the roster.",
)
@click.option("--seed", type=int, default=1, show_default=True, metavar="S", help="Random seed.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    metavar="FILE",
    help="Package file to write.",
)
@click.option(
    "--hostile",
    is_flag=True,
    help="Add one submission whose names, values and files attack the windows"
    " (markup, control characters, lying file names, an oversized workbook).",
)
def demo_batch_command(
    scheme_id: str, submissions: int, experts: int, seed: int, out: Path, hostile: bool
) -> None:
    """Write a demo batch package; the same options always give the same bytes."""
    try:
        with progress_bar(submissions) as advance:
            manifest = make_demo_batch(
                scheme_id, submissions, experts, seed, out, progress=advance, hostile=hostile
            )
    except (ExpertScoreError, OSError) as exc:
        # the same one line and status as the ``expertscore`` group gives its errors
        echo(f"error: {exc}", err=True)
        sys.exit(2)
    size = out.stat().st_size
    echo(
        f"{out}: {len(manifest.submissions)} submissions, {len(manifest.evidence)} evidence"
        f" files, {len(manifest.roster)} experts, {human_size(size)}"
    )
