"""The chair's merge at scale: 30 experts x 200 submissions x ~40 indicators.

Targets (issue: the chair): verify the 30 signed result files (every check, the replay of
each edit log included: what merging them does), aggregate, and run the leave-one-out check
in at most 2 s with peak memory under 300 MB. Reading the same scores from 30 Excel
workbooks with openpyxl, in the same run, is printed beside it for information (the
earlier 10x-faster target was retired).

The same 30 results signed with SM2 (国密, GmSSL) are verified too, and the verify time of
both algorithms is printed side by side (information: the 2 s target is the Ed25519 merge's).

Result files are made directly in the result format (a session per expert would take the
benchmark far longer to prepare than to run); they pass the same verification as files
written by ``expertscore submit``. Timed work runs in a child process, so its peak RSS
is its own.
"""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

EXPERTS = 30
SUBMISSIONS = 200
SCHEME = "liaoning-2025-grading"  # 43 leaf indicators
CHINA = timezone(timedelta(hours=8))


_SM2_KEYS: dict[int, object] = {}  # one per expert and run (GmSSL makes SM2 keys at random)


def _key(number: int, algorithm: str = "ed25519"):
    if algorithm == "sm2":
        from expertscore.crypto.sm2 import Sm2PrivateKey

        return _SM2_KEYS.setdefault(number, Sm2PrivateKey.generate())
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    secret = hashlib.sha256(f"bench-chair/{number}".encode()).digest()
    return Ed25519PrivateKey.from_private_bytes(secret)


def make_package(
    out: Path, experts: int = EXPERTS, submissions: int = SUBMISSIONS, algorithm: str = "ed25519"
):
    from expertscore.batch.builder import PackageBuilder
    from expertscore.batch.manifest import Assignment, BatchInfo, Expert, Signing, Submission
    from expertscore.crypto.dsse import public_key_b64
    from expertscore.schemes.registry import resolve_scheme

    bundled = resolve_scheme(SCHEME)
    builder = PackageBuilder(
        scheme_text=bundled.path.read_text(encoding="utf-8"),
        batch=BatchInfo(
            id="BENCH-CHAIR",
            title="合并基准",
            organizer="基准",
            created=datetime(2025, 6, 1, tzinfo=CHINA),
        ),
    )
    if algorithm == "sm2":
        builder.signing = Signing(algorithm="sm2", signer_id="1234567812345678")
    for number in range(1, experts + 1):
        builder.roster.append(
            Expert(
                id=f"E{number:02d}",
                name=f"专家{number}",
                public_key=public_key_b64(_key(number, algorithm).public_key()),
            )
        )
    for number in range(1, submissions + 1):
        sid = f"S{number:03d}"
        builder.submissions.append(
            Submission(id=sid, platform=f"平台{number}", operator=f"公司{number}")
        )
        for expert in builder.roster:
            builder.assignments.append(Assignment(expert=expert.id, submission=sid))
    builder.write(out)
    return bundled.scheme


def scores(
    scheme, rng: random.Random, submissions: int = SUBMISSIONS
) -> dict[str, dict[str, Decimal]]:
    from expertscore.schemes.rules import max_points

    table = {}
    for number in range(1, submissions + 1):
        quality = rng.uniform(0.3, 0.95)
        row = {}
        for leaf in scheme.leaves():
            top = max_points(scheme, leaf)
            steps = int(top * 10)
            share = min(1.0, max(0.0, rng.gauss(quality, 0.12)))
            row[leaf.code] = Decimal(round(share * steps)) / 10
        table[f"S{number:03d}"] = row
    return table


def make_result(number: int, scheme, package, table, out: Path, algorithm: str = "ed25519") -> None:
    from expertscore.crypto.dsse import fingerprint, public_key_b64, sign
    from expertscore.results.envelope import RESULT_PAYLOAD_TYPE, envelope_bytes
    from expertscore.results.payload import (
        PAYLOAD_FORMAT,
        log_block,
        payload_bytes,
        score_columns,
    )
    from expertscore.scoring.editlog import entry_hash, stored_line

    expert = f"E{number:02d}"
    key = _key(number, algorithm)
    public = public_key_b64(key.public_key())
    log: list[str] = []
    prev = package.manifest_sha256

    def add(action: str, submission: str | None, indicator: str | None, detail) -> None:
        nonlocal prev
        entry = {
            "seq": len(log) + 1,
            "at": "2025-06-02T10:00:00+08:00",
            "action": action,
            "submission": submission,
            "indicator": indicator,
            "detail": detail,
            "prev": prev,
        }
        prev = entry_hash(entry)
        log.append(stored_line(entry))

    submissions = []
    for sid, row in table.items():
        scores = []
        for code, points in row.items():
            scores.append(
                {
                    "indicator": code,
                    "round": 1,
                    "points": str(points),
                    "choice": None,
                    "verified_value": None,
                    "comment": "",
                    "evidence": [],
                }
            )
            add(
                "score",
                sid,
                code,
                {"round": 1, "old": None, "new": {"points": str(points), "choice": None}},
            )
        total = sum(row.values(), Decimal(0))
        submissions.append(
            {
                "id": sid,
                "platform": "",
                "operator": "",
                "recusal": None,
                "comment": "",
                "classification": None,
                "familiarity": None,
                "totals": {
                    "base": str(total),
                    "bonus": "0",
                    "total": str(total),
                    "attainable": "100",
                },
                "scores": score_columns(scores),
            }
        )
    add("submit", None, None, {"sequence": 1})
    info = package.manifest
    for sub, source in zip(submissions, info.submissions, strict=True):
        sub["platform"], sub["operator"] = source.platform, source.operator
    payload = {
        "format": PAYLOAD_FORMAT,
        "batch": {
            "id": info.batch.id,
            "sha256": package.manifest_sha256,
            "title": info.batch.title,
            "organizer": info.batch.organizer,
            "scheme": {"id": scheme.id, "version": scheme.version, "sha256": info.scheme.sha256},
        },
        "expert": {
            "id": expert,
            "name": f"专家{number}",
            "organization": None,
            "public_key": public,
        },
        "transcribed_by": None,
        "sequence": 1,
        "submitted_at": "2025-06-02T11:00:00+08:00",
        "supersedes": None,
        "program": {"name": "ExpertScore", "version": "bench"},
        "submissions": submissions,
        "log": log_block(log, prev),
    }
    body = payload_bytes(payload)
    signature = sign(key, RESULT_PAYLOAD_TYPE, body, package.manifest.signer_id)
    out.write_bytes(envelope_bytes(body, fingerprint(public), signature))


def make_workbook(table, out: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    codes = list(next(iter(table.values())))
    sheet.append(["编号", *codes])
    for sid, row in table.items():
        sheet.append([sid, *(float(row[c]) for c in codes)])
    book.save(out)


CHILD = """
import json, resource, sys, time
from pathlib import Path
from decimal import Decimal
folder = Path(sys.argv[1])
mode = sys.argv[2]
start = time.perf_counter()
if mode in ("merge", "reopen"):
    import hashlib
    from expertscore.batch.package import open_package
    from expertscore.chair.aggregate import aggregate
    from expertscore.chair.panel import panel_input
    from expertscore.chair.robustness import leave_one_out
    from expertscore.results.trust import KeyTrust
    from expertscore.chair.merge import verify_many
    package = open_package(folder / "bench.esbatch")
    trust = KeyTrust.build(package)
    files = sorted(folder.glob("*.esresult"))
    # Reopening a merge folder: every file's log was replayed when it was merged.
    replayed = ()
    if mode == "reopen":
        replayed = {hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    start = time.perf_counter()
    checked = verify_many(files, package, trust, replayed)
    verified = time.perf_counter()
    inp = panel_input(package, checked)
    result = aggregate(inp)
    aggregated = time.perf_counter()
    leave_one_out(inp, result)
    done = time.perf_counter()
    fragile = sum(1 for r in result.submissions.values() if r.fragile)
    print(json.dumps({"seconds": done - start, "verify": verified - start,
                      "aggregate": aggregated - verified, "loo": done - aggregated,
                      "fragile": fragile,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
else:
    from openpyxl import load_workbook
    start = time.perf_counter()  # as for the merge: imports are not part of the figure
    count = 0
    for path in sorted(folder.glob("*.xlsx")):
        book = load_workbook(path, read_only=True)
        for row in book.active.iter_rows(min_row=2, values_only=True):
            for value in row[1:]:
                Decimal(repr(value))
                count += 1
        book.close()
    print(json.dumps({"seconds": time.perf_counter() - start, "values": count}))
"""


def _child(folder: Path, mode: str) -> dict:
    output = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), mode], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)


def main() -> None:
    from expertscore.batch.package import open_package

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        scheme = make_package(folder / "bench.esbatch")
        package = open_package(folder / "bench.esbatch")
        leaves = len(scheme.leaves())
        print(
            f"chair benchmark: {EXPERTS} experts x {SUBMISSIONS} submissions x {leaves} indicators"
        )
        rng = random.Random(2026)
        for number in range(1, EXPERTS + 1):
            table = scores(scheme, rng)
            make_result(number, scheme, package, table, folder / f"E{number:02d}.esresult")
            make_workbook(table, folder / f"E{number:02d}.xlsx")
        size = sum(p.stat().st_size for p in folder.glob("*.esresult")) / 2**20
        print(f"  result files:        {EXPERTS} files, {size:.1f} MiB")
        merge = min((_child(folder, "merge") for _ in range(3)), key=lambda r: r["seconds"])
        reopen = min((_child(folder, "reopen") for _ in range(3)), key=lambda r: r["seconds"])
        excel = min((_child(folder, "excel") for _ in range(3)), key=lambda r: r["seconds"])
        seconds = merge["seconds"]
        speedup = excel["seconds"] / seconds
        print(
            f"  verify {merge['verify']:.2f} s + aggregate {merge['aggregate']:.2f} s"
            f" + leave-one-out {merge['loo']:.2f} s ({merge['fragile']} fragile submissions)"
        )
        verdict = "MET" if seconds <= 2 else "MISSED"
        print(f"  merge total:         {seconds:6.2f} s   target <= 2 s      {verdict}")
        print(
            f"  reopening the folder: {reopen['seconds']:5.2f} s (verify {reopen['verify']:.2f} s:"
            " every check but the edit log replay, done when each file was merged)"
        )
        verdict = "MET" if merge["rss_mb"] < 300 else "MISSED"
        print(f"  merge peak RSS:      {merge['rss_mb']:6.1f} MB  target < 300 MB   {verdict}")
        print(f"  openpyxl reading:    {excel['seconds']:6.2f} s   ({excel['values']} values)")
        print(f"  speed-up vs Excel:   {speedup:6.1f}x   (information, no target)")
        _sm2_beside(folder, merge)


def _signatures_only(folder: Path) -> float:
    """Seconds to check the signature (only) of every result file in ``folder``."""
    import base64
    import time

    from expertscore.crypto.dsse import verify
    from expertscore.results.envelope import RESULT_PAYLOAD_TYPE

    signed = []
    for path in sorted(folder.glob("*.esresult")):
        envelope = json.loads(path.read_bytes())
        body = base64.b64decode(envelope["payload"])
        key = json.loads(body)["expert"]["public_key"]
        signed.append((key, body, envelope["signatures"][0]["sig"]))
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for key, body, sig in signed:
            verify(key, RESULT_PAYLOAD_TYPE, body, sig)
        best = min(best, time.perf_counter() - start)
    return best


def _sm2_beside(ed25519: Path, ed_merge: dict) -> None:
    """The same scores signed with SM2: the chair's verify time beside Ed25519's."""
    from expertscore.batch.package import open_package

    folder = ed25519 / "sm2"
    folder.mkdir()
    scheme = make_package(folder / "bench.esbatch", algorithm="sm2")
    package = open_package(folder / "bench.esbatch")
    rng = random.Random(2026)  # the same scores as the Ed25519 files
    for number in range(1, EXPERTS + 1):
        table = scores(scheme, rng)
        make_result(number, scheme, package, table, folder / f"E{number:02d}.esresult", "sm2")
    merge = min((_child(folder, "merge") for _ in range(3)), key=lambda r: r["seconds"])
    extra = (merge["verify"] - ed_merge["verify"]) * 1000 / EXPERTS
    ed_sigs, sm2_sigs = _signatures_only(ed25519), _signatures_only(folder)
    print(
        f"  signatures alone:    SM2 {sm2_sigs * 1000:.1f} ms, Ed25519 {ed_sigs * 1000:.1f} ms"
        f" for {EXPERTS} result files (best of 5)"
    )
    print(
        f"  SM2 (国密) verify:    {merge['verify']:6.2f} s"
        f"   beside Ed25519 {ed_merge['verify']:.2f} s ({extra:+.1f} ms a file;"
        f" merge total {merge['seconds']:.2f} s, information)"
    )


if __name__ == "__main__":
    main()
