"""Ingesting many panel files: checked on every core, stored by one process in order.

Checking a 200-submission panel file (reading it, re-running its aggregation, leave-one-out
and advice from the scores it lists) costs most of a second of one core; storing it tens
of milliseconds. ``ingest_all`` reads each file and asks the registry whether it holds
these bytes already (then, as with ``ingest``, it is not checked again); the others' clear
bytes go to worker processes, which run the whole check (``ingest.prepare``: nothing
sampled or skipped) and give back the rows to store, or the refusal. This process stores
each file in its own transaction, in the order given, and reports each in that order, so
the database and the report are those of checking and storing one file after another.

Workers are started with ``spawn`` (no copy of this process's database connections or
threads) and get the package this process opened, so every file is checked against the
very batch it was read from.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from expertscore.batch.package import OpenedPackage
from expertscore.registry.ingest import (
    Ingested,
    IngestRefused,
    Prepared,
    clear_bytes,
    known,
    prepare,
    store,
)

Check = Callable[[Path, bytes], "Future[Prepared]"]


def cores() -> int:
    """The cores this process may run on (all of them unless restricted)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class _Started:
    path: Path
    done: Ingested | IngestRefused | None  # decided without a check
    checked: Future[Prepared] | None = None


def ingest_all(
    engine: Engine,
    paths: Sequence[Path],
    package: OpenedPackage,
    *,
    jobs: int | None = None,
    results_dir: Path | None = None,
    correction: str | None = None,
    by: str | None = None,
) -> Iterator[Ingested | IngestRefused]:
    """Each file's outcome or refusal, in the order of ``paths``; ``jobs`` processes check
    (default: one per core; 1: checked here, one file after another)."""
    workers = max(1, min(jobs or cores(), len(paths)))
    # A few files read ahead per worker keep them busy while this process stores.
    ahead = 0 if workers == 1 else 2 * workers
    with _checker(package, results_dir, workers) as check:
        pending: deque[_Started] = deque()
        for path in paths:
            pending.append(_start(engine, path, check))
            if len(pending) > ahead:
                yield _finish(engine, pending.popleft(), correction, by)
        while pending:
            yield _finish(engine, pending.popleft(), correction, by)


def _start(engine: Engine, path: Path, check: Check) -> _Started:
    try:
        data, sha256 = clear_bytes(path)
    except IngestRefused as exc:
        return _Started(path, exc)
    done = known(engine, path, sha256)
    if done is not None:
        return _Started(path, done)
    return _Started(path, None, check(path, data))


def _finish(
    engine: Engine, started: _Started, correction: str | None, by: str | None
) -> Ingested | IngestRefused:
    if started.checked is None:
        assert started.done is not None
        return started.done
    try:
        prepared = started.checked.result()
        return store(engine, started.path, prepared, correction=correction, by=by)
    except IngestRefused as exc:
        return exc


@contextmanager
def _checker(package: OpenedPackage, results_dir: Path | None, workers: int) -> Iterator[Check]:
    if workers == 1:
        yield lambda path, data: _checked_here(path, data, package, results_dir)
        return
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_start,
        initargs=(package, results_dir),
    ) as pool:
        try:
            yield lambda path, data: pool.submit(_worker_check, path, data)
        finally:
            # Stopped early (an error while storing): the files not yet begun are not checked.
            pool.shutdown(cancel_futures=True)


def _checked_here(
    path: Path, data: bytes, package: OpenedPackage, results_dir: Path | None
) -> Future[Prepared]:
    future: Future[Prepared] = Future()
    try:
        future.set_result(prepare(path, data, package, results_dir))
    except IngestRefused as exc:
        future.set_exception(exc)
    return future


# -- in a worker process -------------------------------------------------------------------

# The package and results folder every file is checked against, set once per process.
_given: tuple[OpenedPackage, Path | None] | None = None


def _worker_start(package: OpenedPackage, results_dir: Path | None) -> None:
    global _given
    _given = package, results_dir


def _worker_check(path: Path, data: bytes) -> Prepared:
    assert _given is not None, "started by _worker_start"
    package, results_dir = _given
    return prepare(path, data, package, results_dir)
