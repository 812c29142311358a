"""Sessions, result files, key cards and merge folders are readable by their owner only."""

from __future__ import annotations

import os
import stat

from expertscore.chair.run import ChairRun
from expertscore.demo.batch import make_demo_batch
from expertscore.results.simulate import simulate
from expertscore.storage.importer import create_session

# On Windows permission bits mean nothing (the profile's ACL keeps files private).
FILE, FOLDER, SHARED = (0o666, 0o777, 0o666) if os.name == "nt" else (0o600, 0o700, 0o644)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_private_file_is_created_owner_only(tmp_path):
    old = os.umask(0o022)  # the usual umask: files would be 0644, folders 0755
    try:
        package = tmp_path / "batch.esbatch"
        make_demo_batch("liaoning-2025-grading", 1, 2, 3, package, workers=1)
        session = create_session(package, "E01", tmp_path / "E01.esession")
        simulate(package, 2, 3, tmp_path / "sim")
        results = sorted((tmp_path / "sim").glob("*.esresult"))
        cards = sorted((tmp_path / "sim").glob("*.eskeycard"))
        run = ChairRun.open(package, tmp_path / "merge", cards)
        run.apply(run.plan(results))
    finally:
        os.umask(old)
    assert mode(session) == FILE
    assert results and cards
    assert {mode(p) for p in [*results, *cards]} == {FILE}
    merge = tmp_path / "merge"
    assert mode(merge) == mode(merge / "results") == FOLDER
    assert {mode(p) for p in merge.rglob("*") if p.is_file()} == {FILE}
    assert mode(package) == SHARED  # a package is for sharing: the usual permissions
