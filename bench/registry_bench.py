"""The authority's registry at scale: 1,000 panel files of 200 submissions x 43 indicators.

Targets (issue: the registry): ingest >= 20 panel files/s on PostgreSQL; one platform's
history in < 50 ms. Figures for SQLite beside them.

How the files are made: one real panel (``chair_bench``'s builders: a batch of 200
submissions, 7 experts who score all of them, merged by the chair and signed with
``write_panel_file``).

- Fully checked: ``CHECKED`` files of that panel, each signed again by the chair at
  another time (so each is a different file of the same batch, taken as a correction of
  the one before), ingested as ``registry ingest`` does (``parallel.ingest_all``: read,
  signature, the whole internal check, stored one transaction per file) with one process
  and with one per core, into a new PostgreSQL database and SQLite file. Every file is
  checked; the time includes starting the worker processes.
- Storing only: ``FILES`` variants of the panel's payload under other batch ids and years,
  with platforms drawn from a pool of 20,000 (each platform then has about 10 rounds),
  each signed again by the chair. Each is read once as the registry reads a file
  (envelope, signature, payload) and stored (one transaction: the file, 200 results, 7
  expert records) in a throwaway PostgreSQL cluster (durable, as a server would be) and a
  SQLite file. These are not checked (their batch hashes belong to no package): the rate
  is the databases' alone. A platform's history is then timed on them.

The check's time per file, by part, is measured on the real panel (CPU time, median).
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
CHECKED = 24
EXPERTS = 7
SUBMISSIONS = 200
POOL = 20_000
HISTORY_QUERIES = 50


def make_panel(folder: Path) -> tuple[Path, Path]:
    """A real signed panel file of 200 submissions and its package."""
    from bench import chair_bench
    from bench.reliability.chair_material import chair_key, write_panel
    from expertscore.batch.package import open_package
    from expertscore.chair.run import ChairRun
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


def check_parts(panel: Path, package) -> dict[str, float]:
    """Seconds of CPU (median of 3) to read the real panel and to check it internally."""
    from expertscore.chair.panel_file import read_panel_bytes
    from expertscore.registry.trust import collector_paused, internal_differences

    data = panel.read_bytes()
    parts: dict[str, list[float]] = {"read": [], "check": []}
    for _ in range(3):
        with collector_paused():  # as ``check_panel`` runs them
            start = time.process_time()
            read = read_panel_bytes(data, str(panel), package)
            middle = time.process_time()
            differences = internal_differences(read, package)
            parts["read"].append(middle - start)
            parts["check"].append(time.process_time() - middle)
        assert not differences, differences[:3]
    return {name: statistics.median(times) for name, times in parts.items()}


def checked_files(base: dict, folder: Path, count: int) -> list[Path]:
    """The real panel signed again ``count`` times, a minute apart: each a whole panel file
    of its batch that passes the internal check."""
    from bench.reliability.chair_material import chair_key
    from expertscore.chair.panel_file import PANEL_PAYLOAD_TYPE, panel_envelope_bytes
    from expertscore.results.payload import payload_bytes

    folder.mkdir()
    key = chair_key()
    paths = []
    for number in range(count):
        payload = {
            **base,
            "created_at": f"2026-06-03T10:{number // 60:02d}:{number % 60:02d}+08:00",
        }
        body = payload_bytes(payload)
        data = panel_envelope_bytes(body, key.info.fingerprint, key.sign(PANEL_PAYLOAD_TYPE, body))
        paths.append(folder / f"checked-{number:03d}.espanel")
        paths[-1].write_bytes(data)
    return paths


def checked_rate(url: str, files: list[Path], package, jobs: int) -> float:
    """Files per second through ``registry ingest``'s path with ``jobs`` checking processes."""
    from expertscore.registry.db import open_registry
    from expertscore.registry.ingest import Ingested
    from expertscore.registry.parallel import ingest_all

    engine = open_registry(url)
    start = time.perf_counter()
    done = list(ingest_all(engine, files, package, jobs=jobs, correction="bench", by="bench"))
    seconds = time.perf_counter() - start
    engine.dispose()
    refused = [d for d in done if not isinstance(d, Ingested)]
    assert not refused, refused[:1]
    return len(files) / seconds


class Target:
    """One database: its engine and the seconds spent storing."""

    def __init__(self, name: str, url: str) -> None:
        from expertscore.registry.db import open_registry

        self.name = name
        self.engine = open_registry(url)
        self.store = 0.0

    def ingest(self, prepared) -> None:
        from expertscore.registry.ingest import store

        start = time.perf_counter()
        store(self.engine, Path("variant.espanel"), prepared, by="bench")
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


def main(files: int = FILES, checked: int = CHECKED) -> None:
    import base64
    import json

    from bench import pgserver
    from expertscore.batch.package import open_package
    from expertscore.chair.panel_file import read_panel_bytes
    from expertscore.registry.ingest import prepared_of
    from expertscore.registry.models import Check
    from expertscore.registry.parallel import cores
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
        parts = check_parts(panel, package)
        base = json.loads(base64.b64decode(json.loads(panel.read_bytes())["payload"]))
        to_check = checked_files(base, folder / "checked", checked)
        server = pgserver.start(durable=True)
        try:
            server_url = pgserver.server_url(server)
            urls = {
                "PostgreSQL": (
                    pgserver.create_database(server_url, "registry_bench"),
                    [pgserver.create_database(server_url, f"registry_checked_{n}") for n in (1, 2)],
                ),
                "SQLite": (
                    str(folder / "r.sqlite"),
                    [str(folder / f"checked-{n}.sqlite") for n in (1, 2)],
                ),
            }
            jobs = cores()
            rates = {
                name: (
                    checked_rate(serial, to_check, package, 1),
                    checked_rate(parallel, to_check, package, jobs),
                )
                for name, (_, (serial, parallel)) in urls.items()
            }
            targets = [Target(name, url) for name, (url, _) in urls.items()]
            read = 0.0
            for number in range(files):
                data = variant(base, number)
                start = time.perf_counter()
                found = read_panel_bytes(data, f"variant-{number}.espanel")
                read += time.perf_counter() - start
                done = Checked(found.payload, found.signer, Check.INTERNAL, [], found.envelope)
                prepared = prepared_of(data, done, package)
                for target in targets:
                    target.ingest(prepared)
            print(
                f"  per file (CPU, one core): read + signature {parts['read'] * 1000:.0f} ms,"
                f" internal check {parts['check'] * 1000:.0f} ms; reading the variants"
                f" {read / files * 1000:.0f} ms (wall)"
            )
            for target in targets:
                _report(target, files, checked, rates[target.name], jobs)
                target.engine.dispose()
        finally:
            pgserver.stop(server)


def _report(
    target: Target, files: int, checked: int, rates: tuple[float, float], jobs: int
) -> None:
    store = target.store / files
    history, rows = target.history_ms()
    serial, parallel = rates
    print(f"  {target.name}:")
    print(f"    storing only:         {1 / store:6.1f} files/s   ({store * 1000:.0f} ms a file)")
    print(f"    fully checked, 1 process:  {serial:6.2f} files/s   ({checked} files)")
    verdict = "MET" if parallel >= 20 else "MISSED"
    target_text = f"   target >= 20/s   {verdict}" if target.name == "PostgreSQL" else ""
    print(
        f"    fully checked, {jobs} processes on {jobs} cores: {parallel:6.2f} files/s{target_text}"
    )
    verdict = "MET" if history < 50 else "MISSED"
    print(
        f"    a platform's history: {history:6.1f} ms (median of {HISTORY_QUERIES},"
        f" {rows} rounds each)   target < 50 ms   {verdict}"
    )


if __name__ == "__main__":
    main()
