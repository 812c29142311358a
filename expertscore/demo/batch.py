"""``make_demo_batch``: a whole demo package for one scheme, written with ``PackageBuilder``.

Everything is drawn from one ``random.Random`` seeded by the scheme and the seed, in a
fixed order (each submission, its evidence plan and its evidence seed, then the panel), and
the creation time comes from the seed too, so the same arguments give a byte-identical
package. The first submissions of a larger batch are those of a smaller one with the same
seed.

Rendering the evidence files is most of the work. Each submission's files depend only on
its ``EvidenceJob``, so large batches render them in worker processes (forked, on Linux)
and collect them in submission order: the bytes do not depend on the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

from expertscore.batch.builder import PackageBuilder
from expertscore.batch.manifest import BatchInfo, Manifest, Submission
from expertscore.demo.evidence import EvidenceFile, EvidenceJob, plan_evidence, render_evidence
from expertscore.demo.hostile import hostile_files, hostile_submission
from expertscore.demo.names import Namer
from expertscore.demo.panel import make_assignments, make_conflicts, make_roster
from expertscore.demo.profiles import profile_for
from expertscore.demo.submissions import DemoSubmission, make_submission
from expertscore.schemes.registry import resolve_scheme

CHINA = timezone(timedelta(hours=8))
MAX_SUBMISSIONS = 9999
MAX_EXPERTS = 999
PARALLEL_FROM = 24  # fewer submissions render in this process: a pool would not pay off
MAX_WORKERS = 4

ProgressCallback = Callable[[int, int], None]  # (submissions done, submissions in all)


def created_at(seed: int) -> datetime:
    """The batch's creation time: a working morning in spring 2025, chosen by the seed."""
    rng = random.Random(f"created:{seed}")
    start = datetime(2025, 3, 3, 9, 0, tzinfo=CHINA)
    return start + timedelta(days=rng.randrange(120), minutes=5 * rng.randrange(96))


def default_workers() -> int:
    """Worker processes for rendering: the usable cores (at most 4) where forking is safe."""
    if not sys.platform.startswith("linux") or getattr(sys, "frozen", False):
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def _rendered(jobs: list[EvidenceJob], workers: int) -> Iterator[list[EvidenceFile]]:
    """Each job's files, in the order of ``jobs``."""
    if workers <= 1 or len(jobs) < PARALLEL_FROM:
        for job in jobs:
            yield render_evidence(job)
        return
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield from pool.map(render_evidence, jobs, chunksize=2)
    finally:  # on an error or interrupt, drop the jobs not started yet
        pool.shutdown(wait=True, cancel_futures=True)


def make_demo_batch(
    scheme_id: str,
    submissions: int,
    experts: int,
    seed: int,
    out: Path,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    hostile: bool = False,
) -> Manifest:
    """Write a demo package to ``out`` and return its manifest.

    ``scheme_id`` is a bundled scheme's id or a scheme file's path; ``workers`` is the
    number of rendering processes (default: ``default_workers()``); ``hostile`` adds one
    more submission, after the others, whose content attacks the windows (see
    ``demo.hostile``); the others are the same bytes either way. Raises ``ValueError``
    for counts out of range and the registry's ``SchemeNotFound`` for an unknown scheme.
    """
    if not 1 <= submissions <= MAX_SUBMISSIONS:
        raise ValueError(f"submissions must be 1..{MAX_SUBMISSIONS}, not {submissions}")
    if not 1 <= experts <= MAX_EXPERTS:
        raise ValueError(f"experts must be 1..{MAX_EXPERTS}, not {experts}")
    bundled = resolve_scheme(scheme_id)
    scheme = bundled.scheme
    scheme_text = bundled.path.read_text(encoding="utf-8")
    profile = profile_for(scheme.id, scheme.title)
    created = created_at(seed)
    rng = random.Random(f"demo-batch:{scheme.id}:{seed}")
    namer = Namer(rng, profile)
    builder = PackageBuilder(
        scheme_text,
        BatchInfo(
            id=f"DEMO-{profile.short}-{seed}",
            title=profile.title,
            organizer=profile.organizer,
            created=created,
        ),
    )
    basis = f"{scheme.title}（{scheme.version}）"
    width = max(3, len(str(submissions + hostile)))
    jobs = []
    for index in range(submissions):
        sub = make_submission(
            rng, namer, scheme, profile, f"S{index + 1:0{width}d}", created.date()
        )
        builder.submissions.append(sub.record())
        kinds = plan_evidence(rng, sub)
        jobs.append(EvidenceJob(sub, profile, basis, kinds, rng.getrandbits(64)))
    if hostile:
        builder.submissions.append(_hostile_record(jobs[0].sub, f"S{submissions + 1:0{width}d}"))
    builder.roster.extend(make_roster(rng, namer, experts))
    builder.assignments.extend(
        make_assignments(builder.roster, [s.id for s in builder.submissions])
    )
    builder.conflicts.extend(make_conflicts(rng, builder.roster, builder.assignments))
    workers = default_workers() if workers is None else workers
    for done, (job, files) in enumerate(zip(jobs, _rendered(jobs, workers), strict=True), 1):
        for item in files:
            builder.add_evidence_bytes(
                job.sub.id,
                item.data,
                filename=item.filename,
                title=item.title,
                indicators=item.indicators,
            )
        if progress is not None:
            progress(done, submissions)
    if hostile:
        attacker = builder.submissions[-1]
        codes = sorted(attacker.values)[:3]
        for hostile_file in hostile_files():
            builder.add_evidence_bytes(
                attacker.id, hostile_file.data, hostile_file.filename, hostile_file.title, codes
            )
    return builder.write(out)


def _hostile_record(model: DemoSubmission, sub_id: str) -> Submission:
    """The hostile submission, in the category and region of ``model`` (the first one)."""
    category = model.category.code if model.category else None
    return hostile_submission(sub_id, model.leaves, model.region.name, category)
