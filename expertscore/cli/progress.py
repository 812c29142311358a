"""A terminal progress bar for long work, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)


@contextmanager
def byte_progress(description: str) -> Iterator[Callable[[int, int], None]]:
    """Yields ``update(done, total)``; draws a bar on a terminal, nothing otherwise."""
    with _progress(description, DownloadColumn(), TransferSpeedColumn()) as update:
        yield update


@contextmanager
def count_progress(description: str) -> Iterator[Callable[[int, int], None]]:
    """Like ``byte_progress`` for a count of things (files, pages)."""
    with _progress(description, MofNCompleteColumn()) as update:
        yield update


@contextmanager
def _progress(description: str, *columns) -> Iterator[Callable[[int, int], None]]:
    console = Console(stderr=True)
    if not sys.stderr.isatty():
        yield lambda _done, _total: None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        *columns,
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        yield update


@contextmanager
def step_progress(description: str) -> Iterator[Callable[[str, int, int], None]]:
    """Yields ``update(label, done, total)`` for work in a few named steps; a bar on a terminal."""
    console = Console(stderr=True)
    if not sys.stderr.isatty():
        yield lambda _label, _done, _total: None
        return
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[label]}"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(description, total=None, label="")

        def update(label: str, done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, label=label)

        yield update
