"""``python -m bench.reliability``: the reliability figures, and whether each target is met.

Runs the four figures and prints a final block; the exit status is 1 when any target is
missed (an acknowledged edit lost, a corrupted session, an altered result file accepted, a
crash on hostile input, a file written outside the target folder, …), else 0:

1. crash: a scoring process killed with SIGKILL ``--rounds`` times (``crash.py``);
2. diskfull: a session on a small disk filled until an edit fails (``diskfull.py``);
3. tamper: ``--tamper`` altered result files checked by the verifier (``tamper.py``);
4. fuzz: ``--fuzz`` hypothesis inputs for each of four readers, and bombs (``fuzz.py``);
5. forgery: forgeries made with genuine keys, each refused or reported (``forgery.py``).
6. hostile: the hostile demo submission in the expert's and chair's windows (``hostile.py``).
7. lostlaptop: known plain strings of the submissions searched on the disk after a
   realistic encrypted session with a crash, and a wrong passphrase (``lost_laptop.py``).

``--only crash tamper`` runs some of them. The short versions run in the test suite
(``tests/reliability``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.reliability import crash, diskfull, forgery, fuzz, hostile, lost_laptop, tamper

FIGURES = ("crash", "diskfull", "tamper", "fuzz", "forgery", "hostile", "lostlaptop")


def _line(label: str, text: str, met: bool) -> str:
    return f"  {'ok    ' if met else 'MISSED'}  {label:<9} {text}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reliability", description=__doc__)
    parser.add_argument("--rounds", type=int, default=100, help="SIGKILL rounds (100)")
    parser.add_argument("--tamper", type=int, default=10_000, help="altered files (10000)")
    parser.add_argument("--fuzz", type=int, default=1000, help="inputs per reader (1000)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--only", nargs="+", choices=FIGURES, default=list(FIGURES))
    args = parser.parse_args(argv)

    start = time.perf_counter()
    lines: list[str] = []
    missed = 0

    def record(label: str, text: str, met: bool) -> None:
        nonlocal missed
        missed += not met
        lines.append(_line(label, text, met))

    if "crash" in args.only:
        figures = crash.main(args.rounds)
        met = (
            figures.kills == args.rounds
            and figures.acknowledged > 0
            and figures.lost == figures.corrupted == figures.mismatched == 0
        )
        record(
            "crash",
            f"{figures.kills} SIGKILLs: {figures.lost} acknowledged edits lost,"
            f" {figures.corrupted} corrupted, {figures.mismatched} not a prefix of the edits",
            met,
        )
        print()
    if "diskfull" in args.only:
        disk = diskfull.main()
        record(
            "diskfull",
            f"{disk.method}: {disk.acknowledged} edits, then {disk.error_type};"
            f" integrity {disk.integrity or '?'}, {disk.lost} lost,"
            f" {'works' if disk.works_after_freeing else 'BROKEN'} after freeing space",
            disk.ok,
        )
        print()
    with tempfile.TemporaryDirectory() as temp:
        material = None
        if "tamper" in args.only or "fuzz" in args.only:
            material = tamper.prepare(Path(temp))
        if "tamper" in args.only:
            figures_t = tamper.main(args.tamper, args.seed, material)
            met = (
                figures_t.accepted == 0
                and figures_t.unexpected == 0
                and figures_t.genuine_accepted == figures_t.genuine_total > 0
            )
            record(
                "tamper",
                f"{figures_t.tried} altered result files: {figures_t.accepted} accepted,"
                f" {figures_t.unexpected} crashes (genuine files accepted:"
                f" {figures_t.genuine_accepted} of {figures_t.genuine_total})",
                met,
            )
            print()
        if "fuzz" in args.only:
            figures_f = fuzz.main(args.fuzz, args.seed, material)
            per_target = ", ".join(f"{t.name} {t.tried}" for t in figures_f.targets.values())
            record(
                "fuzz",
                f"{figures_f.tried} hostile inputs ({per_target}): {figures_f.crashes} crashes,"
                f" {figures_f.escapes} writes outside the target, {figures_f.leftovers}"
                f" leftovers, {figures_f.multiline} multi-line refusals,"
                f" {figures_f.over_budget} over {fuzz.MEMORY_BUDGET >> 20} MiB,"
                f" {figures_f.unbounded} of {len(figures_f.bombs)} bombs missed",
                figures_f.misses == 0,
            )
            print()
    if "hostile" in args.only:
        figures_h = hostile.main()
        bad = figures_h.interpreted or figures_h.hangs or figures_h.stale
        record(
            "hostile",
            f"{figures_h.cases} texts in the windows: {len(figures_h.interpreted)} interpreted,"
            f" {len(figures_h.hangs)} hangs over {hostile.HANG:.0f} s,"
            f" {len(figures_h.stale)} stale panes",
            figures_h.cases > 0 and not bad,
        )
        print()

    if "forgery" in args.only:
        figures_g = forgery.main()
        record(
            "forgery",
            f"{len(figures_g.cases)} cases, {len(figures_g.accepted)} accepted",
            not figures_g.accepted and bool(figures_g.cases),
        )
        print()

    if "lostlaptop" in args.only:
        figures_l = lost_laptop.main()
        package = "encrypted" if figures_l.package_encrypted else "plain"
        clean = figures_l.wrong_refused and figures_l.wrong_changed_nothing
        record(
            "lostlaptop",
            f"{figures_l.leaked} of {figures_l.strings} known strings found on disk (target 0;"
            f" {figures_l.in_plain_session} in a plain session, {figures_l.in_package} in the"
            f" {package} package), wrong passphrase"
            f" {'refused, nothing changed' if clean else 'NOT REFUSED CLEANLY'}",
            figures_l.strings >= 100
            and figures_l.leaked == 0
            and figures_l.crash_problems == 0
            and figures_l.wrong_refused
            and figures_l.wrong_changed_nothing,
        )
        print()

    print(f"reliability figures ({time.perf_counter() - start:.0f} s)")
    for line in lines:
        print(line)
    verdict = "every target met" if not missed else f"{missed} of {len(lines)} figures missed"
    print(f"  {verdict}")
    return 1 if missed else 0


sys.exit(main())
