"""Kill a scoring process at random moments; no acknowledged edit may be lost.

A child process opens a session and makes scoring edits through ``ScoringService``, the same
services the window calls, printing ``ack N`` only after edit ``N`` has returned (its
transaction committed). The parent kills it with SIGKILL at a random moment, then checks
that the session passes ``PRAGMA integrity_check`` and holds exactly the first ``L`` edits
of the deterministic edit sequence, where ``L`` is at least the last acknowledged edit
(one more edit may have committed before its acknowledgement was printed).

With a passphrase the session is encrypted (SQLCipher): the child unlocks it with the
passphrase it is given in ``EXPERTSCORE_SESSION_PASSPHRASE``, as a script would.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

CHILD = """
import os, sys
from pathlib import Path
from bench.reliability.crash import run_edits
from expertscore.storage import cipher
if os.environ.get("EXPERTSCORE_SESSION_PASSPHRASE"):
    cipher.unlock(Path(sys.argv[1]), os.environ["EXPERTSCORE_SESSION_PASSPHRASE"])
run_edits(Path(sys.argv[1]), int(sys.argv[2]))
"""


def edit_plan(session_path: Path) -> list[tuple[str, str, str, str]]:
    """(submission, indicator, kind, value) for every edit, the same in every process."""
    from expertscore.schemes.rules import max_points
    from expertscore.scoring.modes import step_of
    from expertscore.scoring.service import ScoringService
    from expertscore.storage.session import SessionFile

    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        scheme = session.scheme
        targets = []
        for row in scoring.submissions():
            if row.recusal_reason is not None:
                continue
            for leaf in scoring.assigned_leaves(row.id):
                if leaf.scoring is None or leaf.scoring.mode == "points":
                    step, top = step_of(scheme, leaf), max_points(scheme, leaf)
                    targets.append((row.id, leaf.code, [Decimal(0), step, top]))
    plan = []
    for number in range(20_000):
        submission, code, allowed = targets[number % len(targets)]
        if number % 3 == 2:
            plan.append((submission, code, "comment", f"第{number}次修改"))
        else:
            plan.append((submission, code, "points", str(allowed[number % len(allowed)])))
    return plan


def run_edits(session_path: Path, limit: int) -> None:
    """The child: edit until killed (or ``limit`` edits), acknowledging each commit."""
    from expertscore.scoring.modes import Entry
    from expertscore.scoring.service import ScoringService
    from expertscore.storage.session import SessionFile

    plan = edit_plan(session_path)[:limit]
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        done = len(list(session.engine.connect().exec_driver_sql("SELECT seq FROM edit_log")))
        for number, (submission, code, kind, value) in enumerate(plan[done:], start=done + 1):
            if kind == "comment":
                scoring.set_comment(submission, code, value)
            else:
                scoring.set_entry(submission, code, Entry(points=Decimal(value)))
            sys.stdout.write(f"ack {number}\n")
            sys.stdout.flush()


def expected_state(plan, count: int) -> dict[tuple[str, str], tuple[str | None, str]]:
    state: dict[tuple[str, str], tuple[str | None, str]] = {}
    for submission, code, kind, value in plan[:count]:
        points, comment = state.get((submission, code), (None, ""))
        if kind == "comment":
            comment = value
        else:
            points = value
        state[(submission, code)] = (points, comment)
    return state


def stored_state(session_path: Path, passphrase: str | None = None) -> tuple[str, int, dict]:
    from expertscore.storage import cipher

    key = cipher.SessionKey.for_file(session_path, passphrase) if passphrase else None
    raw = cipher.connect(session_path, key)
    try:
        integrity = raw.execute("PRAGMA integrity_check").fetchone()[0]
        edits = raw.execute("SELECT count(*) FROM edit_log").fetchone()[0]
        rows = raw.execute("SELECT submission_id, indicator, points, comment FROM score")
        state = {(s, c): (p, m) for s, c, p, m in rows}
    finally:
        raw.close()
    return integrity, edits, state


@dataclass
class CrashFigures:
    kills: int = 0
    acknowledged: int = 0
    lost: int = 0
    corrupted: int = 0
    mismatched: int = 0


def kill_rounds(
    session_path: Path,
    rounds: int,
    seed: int,
    max_wait: float = 0.6,
    passphrase: str | None = None,
) -> CrashFigures:
    """Run ``rounds`` child processes on the same session, killing each at random."""
    rng = random.Random(seed)
    plan = edit_plan(session_path)
    figures = CrashFigures()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    env["EXPERTSCORE_SESSION_PASSPHRASE"] = passphrase or ""
    for _ in range(rounds):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(session_path), str(len(plan))],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert child.stdout is not None
        first = child.stdout.readline()  # wait until edits are flowing
        time.sleep(rng.uniform(0, max_wait))
        child.send_signal(signal.SIGKILL)
        rest = child.stdout.read()
        child.wait()
        acks = [
            int(line.split()[1]) for line in (first + rest).splitlines() if line.startswith("ack")
        ]
        last_ack = max(acks, default=0)
        integrity, edits, state = stored_state(session_path, passphrase)
        figures.kills += 1
        figures.acknowledged = max(figures.acknowledged, last_ack)
        if integrity != "ok":
            figures.corrupted += 1
        if edits < last_ack:
            figures.lost += last_ack - edits
        elif edits > last_ack + 1 or state != expected_state(plan, edits):
            figures.mismatched += 1
    return figures


def prepared_session(folder: Path, passphrase: str | None = None) -> Path:
    from expertscore.demo.batch import make_demo_batch
    from expertscore.storage.cipher import SessionKey
    from expertscore.storage.importer import create_session

    package = folder / "crash.esbatch"
    make_demo_batch("liaoning-2025-grading", submissions=4, experts=3, seed=7, out=package)
    key = SessionKey.new(passphrase) if passphrase else None
    return create_session(package, "E01", folder / "crash.esession", key=key)


def main(rounds: int = 100, passphrase: str | None = None) -> CrashFigures:
    with tempfile.TemporaryDirectory() as temp:
        session = prepared_session(Path(temp), passphrase)
        start = time.perf_counter()
        figures = kill_rounds(session, rounds, seed=2026, passphrase=passphrase)
        seconds = time.perf_counter() - start
    kind = "encrypted" if passphrase else "plain"
    print(
        f"crash: {figures.kills} SIGKILLs during scoring edits ({kind} session) in {seconds:.1f} s"
    )
    print(f"  acknowledged edits reached: {figures.acknowledged}")
    print(f"  acknowledged edits lost:    {figures.lost}   (target 0)")
    print(f"  corrupted session files:    {figures.corrupted}   (target 0)")
    print(f"  states not a prefix:        {figures.mismatched}   (target 0)")
    return figures
