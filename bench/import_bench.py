"""Import of a large batch: 200 submissions, 2,000 evidence files, about 1 GiB.

Targets (issue: batch packages): import time at most 1.5x ``cp -r`` of the same evidence
files in the same run, and peak memory (RSS) of the importing process under 300 MB, both
for a plain session and for one encrypted with a passphrase (SQLCipher; the key
derivation is part of the timed import). The import runs in a child process so that its
peak RSS is its own.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

SUBMISSIONS = 200
FILES_PER_SUBMISSION = 10
FILE_BYTES = 512 * 1024 + 1000  # 2,000 files x ~0.5 MiB = ~1 GiB


def make_evidence(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    block = os.urandom(FILE_BYTES)
    for index in range(SUBMISSIONS * FILES_PER_SUBMISSION):
        path = folder / f"file{index:04d}.pdf"
        # Distinct, incompressible content per file without 1 GiB of urandom calls.
        path.write_bytes(index.to_bytes(4, "big") + block[4:])
        paths.append(path)
    return paths


def make_package(paths: list[Path], out: Path) -> None:
    from expertscore.batch.builder import PackageBuilder
    from expertscore.batch.manifest import Assignment, BatchInfo, Expert, ReportedValue, Submission
    from expertscore.schemes.registry import resolve_scheme

    bundled = resolve_scheme("liaoning-2025-grading")
    builder = PackageBuilder(
        scheme_text=bundled.path.read_text(encoding="utf-8"),
        batch=BatchInfo(
            id="BENCH-1",
            title="导入基准",
            organizer="基准",
            created=datetime(2025, 6, 1, tzinfo=timezone(timedelta(hours=8))),
        ),
    )
    builder.roster.append(Expert(id="E01", name="专家"))
    leaves = bundled.scheme.leaves()
    for number in range(SUBMISSIONS):
        sid = f"S{number:03d}"
        values = {
            leaf.code: ReportedValue(
                value="yes"
                if leaf.reported.unit == "yes/no"
                else ("说明" if leaf.reported.unit == "text" else str(number + 1)),
                unit=leaf.reported.unit,
            )
            for leaf in leaves
        }
        builder.submissions.append(
            Submission(id=sid, platform=f"平台{number}", operator=f"公司{number}", values=values)
        )
        builder.assignments.append(Assignment(expert="E01", submission=sid))
        for k in range(FILES_PER_SUBMISSION):
            path = paths[number * FILES_PER_SUBMISSION + k]
            builder.add_evidence_path(sid, path, title=f"材料{k}", indicators=[leaves[k].code])
    builder.write(out)


IMPORT_CHILD = """
import sys, resource, time
from pathlib import Path
from expertscore.storage.cipher import SessionKey
from expertscore.storage.importer import create_session
start = time.perf_counter()
key = SessionKey.new(sys.argv[3]) if len(sys.argv) > 3 else None
create_session(Path(sys.argv[1]), "E01", Path(sys.argv[2]), key=key)
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.process_time())
"""


ROUNDS = 3


def time_cp(root: Path, round_number: int) -> float:
    target = root / f"cp-copy-{round_number}"
    start = time.perf_counter()
    subprocess.run(["cp", "-r", str(root / "evidence"), str(target)], check=True)
    subprocess.run(["sync"], check=True)
    seconds = time.perf_counter() - start
    shutil.rmtree(target)
    return seconds


def time_import(
    root: Path, package: Path, round_number: int, passphrase: str | None = None
) -> tuple[float, float, float, float]:
    """(seconds including the final sync, peak RSS in MB, session size in MiB, CPU seconds)."""
    target = root / f"bench-{round_number}.esession"
    encrypt = [passphrase] if passphrase else []
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_CHILD, str(package), str(target), *encrypt],
        capture_output=True,
        text=True,
        check=True,
    )
    start = time.perf_counter()
    subprocess.run(["sync"], check=True)
    sync_seconds = time.perf_counter() - start
    seconds_text, rss_kib_text, cpu_text = result.stdout.split()
    size_mib = target.stat().st_size / 2**20
    target.unlink()
    return float(seconds_text) + sync_seconds, int(rss_kib_text) / 1024, size_mib, float(cpu_text)


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as temp:
        root = Path(temp)
        files = SUBMISSIONS * FILES_PER_SUBMISSION
        print(f"import benchmark: {SUBMISSIONS} submissions, {files} evidence files")
        paths = make_evidence(root / "evidence")
        total = sum(p.stat().st_size for p in paths)
        package = root / "bench.esbatch"
        start = time.perf_counter()
        make_package(paths, package)
        written = time.perf_counter() - start
        size = package.stat().st_size / 2**20
        print(f"  package written:  {size:8.1f} MiB in {written:5.1f} s")
        print(f"  evidence bytes:   {total / 2**20:8.1f} MiB")
        cp_times: list[float] = []
        import_times: dict[str, list[float]] = {"plain": [], "encrypted": []}
        peaks: dict[str, list[float]] = {"plain": [], "encrypted": []}
        cpu: dict[str, list[float]] = {"plain": [], "encrypted": []}
        session_mib = 0.0
        for number in range(ROUNDS):
            cp_times.append(time_cp(root, number))
            for kind, passphrase in (("plain", None), ("encrypted", "bench passphrase")):
                seconds, peak, session_mib, cpu_seconds = time_import(
                    root, package, number, passphrase
                )
                import_times[kind].append(seconds)
                cpu[kind].append(cpu_seconds)
                peaks[kind].append(peak)
        cp_seconds = statistics.median(cp_times)
        rounds = f"median of {ROUNDS} alternating rounds; load {os.getloadavg()[0]:.1f}"
        print(f"  cp -r + sync:     {cp_seconds:8.2f} s   ({rounds})")
        for kind in ("plain", "encrypted"):
            import_seconds = statistics.median(import_times[kind])
            ratio = import_seconds / cp_seconds
            peak = max(peaks[kind])
            verdict = "MET" if ratio <= 1.5 else "MISSED"
            figures = f"{import_seconds:8.2f} s   ratio {ratio:.2f}x"
            label = f"import ({kind}):"
            print(f"  {label:<18}{figures}   target <= 1.50x   {verdict}")
            verdict = "MET" if peak < 300 else "MISSED"
            print(f"    peak RSS:       {peak:8.1f} MB   target < 300 MB   {verdict}")
            # the processor time alone: what encryption adds, whatever else the machine runs
            print(f"    CPU time:       {statistics.median(cpu[kind]):8.2f} s")
        print(f"  session file:     {session_mib:8.1f} MiB")


if __name__ == "__main__":
    main()
