"""Import of a batch package encrypted to the panel, beside the same package in clear.

The package is import_bench's (200 submissions, 2,000 evidence files, about 1 GiB;
``BENCH_SCALE=0.25`` makes a quarter of it). The encrypted import reads the package in one
pass (``batch.sealed_stream``: decrypted once, straight into the session); both run in a
child process so that each peak RSS is its own. Targets: the encrypted import's peak
memory under 300 MB like the plain one's (decryption streams, never holding the package),
and its time is printed beside the plain import's and ``cp``'s. The whole confidential
import (the encrypted package into a session encrypted with a passphrase, the key
derivation included) is held to the import target: at most 1.5x ``cp``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import import_bench

ROUNDS = 2
PASSPHRASE = "bench passphrase"

IMPORT_CHILD = """
import sys, resource, time
from pathlib import Path
from expertscore.batch.sealed_stream import open_for_import
from expertscore.batch.sealed_package import release
from expertscore.crypto import sealed
from expertscore.storage.cipher import SessionKey
from expertscore.storage.importer import create_session
if len(sys.argv) > 3 and sys.argv[3]:
    sealed.unlock(sys.argv[3], "E01")
start = time.perf_counter()
key = SessionKey.new(sys.argv[4]) if len(sys.argv) > 4 else None
opened = open_for_import(Path(sys.argv[1]))
create_session(opened, "E01", Path(sys.argv[2]), key=key)
release(opened.path)
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.process_time())
"""


def time_import(
    package: Path, target: Path, identity: str | None, passphrase: str | None = None
) -> tuple[float, float, float]:
    """(seconds including the final sync, peak RSS in MB, CPU seconds of the importing
    process, all its threads) of one import; with ``passphrase`` into an encrypted session."""
    extra = [identity or "", *([passphrase] if passphrase else [])]
    env = {**os.environ, "EXPERTSCORE_DATA_DIR": str(target.parent / "data")}
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_CHILD, str(package), str(target), *extra],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    start = time.perf_counter()
    subprocess.run(["sync"], check=True)
    seconds_text, rss_kib_text, cpu_text = result.stdout.split()
    target.unlink()
    seconds = float(seconds_text) + time.perf_counter() - start
    return seconds, int(rss_kib_text) / 1024, float(cpu_text)


def main() -> None:
    from expertscore.batch.sealed_package import seal_package
    from expertscore.crypto.sealed import new_identity, recipient_of

    scale = float(os.environ.get("BENCH_SCALE", "1"))
    submissions = max(1, round(import_bench.SUBMISSIONS * scale))
    import_bench.SUBMISSIONS = submissions
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as temp:
        root = Path(temp)
        files = submissions * import_bench.FILES_PER_SUBMISSION
        print(f"encrypted package benchmark: {submissions} submissions, {files} evidence files")
        paths = import_bench.make_evidence(root / "evidence")
        plain = root / "plain.esbatch"
        import_bench.make_package(paths, plain)
        identity = new_identity()
        start = time.perf_counter()
        encrypted = seal_package(plain, root / "sealed.esbatch", [recipient_of(identity)])
        sealing = time.perf_counter() - start
        size = plain.stat().st_size / 2**20
        print(f"  package:            {size:8.1f} MiB; encrypted in {sealing:6.2f} s")
        cp, clear, secret, whole, peaks = [], [], [], [], []
        cpu: dict[str, list[float]] = {"clear": [], "secret": [], "whole": []}
        for number in range(ROUNDS):
            cp.append(import_bench.time_cp(root, number))
            seconds, peak, used = time_import(plain, root / f"p{number}.esession", None)
            clear.append(seconds)
            cpu["clear"].append(used)
            seconds, secret_peak, used = time_import(
                encrypted, root / f"s{number}.esession", identity
            )
            secret.append(seconds)
            cpu["secret"].append(used)
            seconds, whole_peak, used = time_import(
                encrypted, root / f"w{number}.esession", identity, PASSPHRASE
            )
            whole.append(seconds)
            cpu["whole"].append(used)
            peaks.append((peak, max(secret_peak, whole_peak)))
        # Processor time of the importing process (all its threads): what the import
        # costs whatever else the machine runs, beside the wall time the target is in.
        cpu_s = {kind: statistics.median(times) for kind, times in cpu.items()}
        cp_s, clear_s, secret_s, whole_s = (
            statistics.median(x) for x in (cp, clear, secret, whole)
        )
        load = os.getloadavg()[0]
        print(
            f"  cp -r + sync:       {cp_s:8.2f} s   (median of {ROUNDS} rounds;"
            f" load average {load:.1f} on {os.cpu_count()} processors)"
        )
        print(
            f"  import, plain:      {clear_s:8.2f} s   {clear_s / cp_s:.2f}x cp"
            f"   CPU {cpu_s['clear']:.2f} s"
        )
        print(
            f"  import, encrypted:  {secret_s:8.2f} s   {secret_s / cp_s:.2f}x cp,"
            f" {secret_s / clear_s:.2f}x the plain import (decryption included)"
            f"   CPU {cpu_s['secret']:.2f} s"
        )
        ratio = whole_s / cp_s
        print(
            f"  import, encrypted package into an encrypted session: {whole_s:8.2f} s"
            f"   {ratio:.2f}x cp   target <= 1.50x   {'MET' if ratio <= 1.5 else 'MISSED'}"
            f"   CPU {cpu_s['whole']:.2f} s"
        )
        plain_peak, secret_peak = (max(p[i] for p in peaks) for i in (0, 1))
        verdict = "MET" if secret_peak < 300 else "MISSED"
        print(
            f"  peak RSS:           plain {plain_peak:.1f} MB, encrypted {secret_peak:.1f} MB"
            f"   target < 300 MB   {verdict}"
        )


if __name__ == "__main__":
    main()
