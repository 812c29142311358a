"""The authority's registry at scale: 1,000 panel files of 200 submissions x 43 indicators.

Targets (issue: the registry): ingest >= 20 panel files/s on PostgreSQL; one platform's
history in < 50 ms. Figures for SQLite beside them.

How the files are made: one real panel (``chair_bench``'s builders: a batch of 200
submissions, 7 experts who score all of them, merged by the chair and signed with
``write_panel_file``) is checked by the registry's internal check (signature, batch, the
aggregation re-run from the scores the file lists) a few times, which gives the check's
time per file. The 1,000 files are that panel's payload under other batch ids and years,
with platforms drawn from a pool of 20,000 (each platform then has about 10 rounds), each
signed again by the chair. Each is then read once as the registry reads a file (envelope,
signature, payload) and stored (one transaction: the file, 200 results, 7 expert records)
in a throwaway PostgreSQL cluster (durable, as a server would be) and a SQLite file. The
full ingest rate is 1 / (read + internal check + store) per file; the variants are not
checked one by one (their batch hashes belong to no package), so the check's time is the
real panel's, added to every file.
"""

from __future__ import annotations

import copy
import hashlib
import random
import statistics
import tempfile
import time
from pathlib import Path

FILES = 1000
EXPERTS = 7
SUBMISSIONS = 200
POOL = 20_000
HISTORY_QUERIES = 50


def make_panel(folder: Path) -> tuple[Path, Path]:
    """A real signed panel file of 200 submissions and its package."""
    from bench import chair_bench
    from bench.reliability.chair_material import chair_key, write_panel
    from expertscore.batch.package import open_package
    from expertscore.chair.session import ChairRun
    from expertscore.identity.keycard import make_card, write_card

    package_path = folder / "bench.esbatch"
    scheme = chair_bench.make_package(package_path, EXPERTS, SUBMISSIONS)
    package = open_package(package_path)
    rng = random.Random(2026)
    results = folder / "results"
    results.mkdir()
    for number in range(1, EXPERTS + 1):
        table = chair_bench.scores(scheme, rng, SUBMISSIONS)
        chair_bench.make_result(number, scheme, package, table, results / f"E{number:02d}.esresult")
    cards = folder / "cards"
    cards.mkdir()
    write_card(make_card(chair_key(), "2025-06-03T10:00:00+08:00"), cards / "CHAIR.eskeycard")
    run = ChairRun.open(package_path, folder / "merge", [cards])
    run.apply(run.plan(sorted(results.glob("*.esresult"))))
    run.reload()
    panel = write_panel(run, chair_key(), folder / "bench.espanel")
    return panel, package_path


def variant(base: dict, number: int) -> bytes:
    """The base payload as panel ``number``: another batch, year and set of platforms."""
    from bench.reliability.chair_material import chair_key
    from expertscore.chair.panel_file import PANEL_PAYLOAD_TYPE, panel_envelope_bytes
    from expertscore.results.payload import payload_bytes

    payload = copy.copy(base)
    year = 2020 + number % 10
    payload["batch"] = {
        **base["batch"],
        "id": f"BENCH-{year}-{number:04d}",
        "sha256": hashlib.sha256(f"bench batch {number}".encode()).hexdigest(),
    }
    payload["created_at"] = f"{year}-06-03T10:00:00+08:00"
    rng = random.Random(number)
    platforms = rng.sample(range(POOL), len(base["submissions"]))
    payload["submissions"] = [
        {**sub, "platform": f"平台{p:05d}", "operator": f"公司{p:05d}"}
        for sub, p in zip(base["submissions"], platforms, strict=True)
    ]
    key = chair_key()
    body = payload_bytes(payload)
    return panel_envelope_bytes(body, key.info.fingerprint, key.sign(PANEL_PAYLOAD_TYPE, body))


def _check_seconds(panel: Path, package) -> float:
    from expertscore.registry.trust import check_panel

    data = panel.read_bytes()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        checked = check_panel(data, str(panel), package, None)
        times.append(time.perf_counter() - start)
        assert not checked.differences, checked.differences[:3]
    return statistics.median(times)


class Target:
    """One database: its engine and the seconds spent storing."""

    def __init__(self, name: str, url: str) -> None:
        from expertscore.registry.db import open_registry

        self.name = name
        self.engine = open_registry(url)
        self.store = 0.0

    def ingest(self, data: bytes, checked, package) -> None:
        from expertscore.registry.ingest import store

        start = time.perf_counter()
        store(self.engine, Path("variant.espanel"), data, checked, package, by="bench")
        self.store += time.perf_counter() - start

    def history_ms(self) -> tuple[float, int]:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from expertscore.registry.models import Platform
        from expertscore.registry.queries import platform_history

        with Session(self.engine) as session:
            ids = session.scalars(select(Platform.id).order_by(Platform.id)).all()
        times, rows = [], 0
        for platform_id in random.Random(7).sample(ids, HISTORY_QUERIES):
            start = time.perf_counter()
            rows += len(platform_history(self.engine, platform_id))
            times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000, rows // HISTORY_QUERIES


def main(files: int = FILES) -> None:
    import base64
    import json

    from bench import pgserver
    from expertscore.batch.package import open_package
    from expertscore.chair.panel_file import PANEL_KIND, check_panel_bytes
    from expertscore.crypto.envelope import parse_envelope
    from expertscore.registry.models import Check
    from expertscore.registry.trust import Checked

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        panel, package_path = make_panel(folder)
        package = open_package(package_path)
        size = panel.stat().st_size / 2**20
        print(
            f"registry benchmark: {files} panel files of {SUBMISSIONS} submissions x"
            f" {len(package.scheme.leaves())} indicators x {EXPERTS} experts ({size:.1f} MiB each)"
        )
        check = _check_seconds(panel, package)
        base = json.loads(base64.b64decode(json.loads(panel.read_bytes())["payload"]))
        server = pgserver.start(durable=True)
        try:
            url = pgserver.create_database(pgserver.server_url(server), "registry_bench")
            targets = [Target("PostgreSQL", url), Target("SQLite", str(folder / "r.sqlite"))]
            read = 0.0
            for number in range(files):
                data = variant(base, number)
                start = time.perf_counter()
                source = f"variant-{number}.espanel"
                payload, signer = check_panel_bytes(data, source)
                envelope = parse_envelope(data, source, PANEL_KIND)
                read += time.perf_counter() - start
                checked = Checked(payload, signer, Check.INTERNAL, [], envelope)
                for target in targets:
                    target.ingest(data, checked, package)
            for target in targets:
                _report(target, files, read / files, check)
                target.engine.dispose()
        finally:
            pgserver.stop(server)


def _report(target: Target, files: int, read: float, check: float) -> None:
    store = target.store / files
    stored_rate = 1 / store
    full_rate = 1 / (read + check + store)
    history, rows = target.history_ms()
    print(f"  {target.name}:")
    print(
        f"    per file: read + signature {read * 1000:.0f} ms, internal check"
        f" {check * 1000:.0f} ms, store {store * 1000:.0f} ms"
    )
    print(f"    storing only:         {stored_rate:6.1f} files/s")
    verdict = "MET" if full_rate >= 20 else "MISSED"
    target_text = f"target >= 20/s   {verdict}" if target.name == "PostgreSQL" else ""
    print(f"    full ingest:          {full_rate:6.1f} files/s   {target_text}")
    verdict = "MET" if history < 50 else "MISSED"
    print(
        f"    a platform's history: {history:6.1f} ms (median of {HISTORY_QUERIES},"
        f" {rows} rounds each)   target < 50 ms   {verdict}"
    )


if __name__ == "__main__":
    main()
