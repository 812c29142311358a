"""A full disk during scoring: a clear error, nothing corrupted, nothing acknowledged lost.

A real session is put on a small disk and filled with long comments through
``ScoringService.set_comment`` (the service the window calls) until an edit fails. The rules:

* the failing edit raises an ``ExpertScoreError`` whose message is one line and says the
  disk is full (not a raw SQLAlchemy or sqlite error);
* the session then passes ``PRAGMA integrity_check`` and holds every edit acknowledged
  before the failure, with the failed edit absent (not half-applied);
* after space is freed, the same open session takes edits again, and they are there when
  the session is opened anew.

The small disk is a tmpfs mounted for the run (``mount -t tmpfs -o size=…``, as root).
Where mounting is not permitted, a child process runs the same scenario with
``RLIMIT_FSIZE`` capping the size of any file it writes (``SIGXFSZ`` ignored, so a write
past the cap fails with ``EFBIG`` instead of killing the process); freeing space then means
raising the cap. The figures say which was used.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from expertscore.storage.cipher import driver

SCHEME = "national-crossindustry-2023"
COMMENT_CHARS = 20_000  # about 60 KB of UTF-8 per comment
HEADROOM = 4 << 20  # free space on the small disk beside the session
BALLAST = 2 << 20  # a file on the small disk, deleted to free space
MAX_EDITS = 2_000


@dataclass
class DiskFullFigures:
    method: str = ""  # "tmpfs" or "RLIMIT_FSIZE"
    acknowledged: int = 0  # edits that returned before the failure
    error_type: str = ""
    error_message: str = ""
    clear_error: bool = False  # an ExpertScoreError, one line, says the disk is full
    integrity: str = ""
    lost: int = 0  # acknowledged edits missing afterwards
    half_applied: bool = False  # the failed edit is (partly) in the file
    works_after_freeing: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            self.acknowledged > 0
            and self.clear_error
            and self.integrity == "ok"
            and self.lost == 0
            and not self.half_applied
            and self.works_after_freeing
        )


def prepared_session(folder: Path) -> Path:
    from expertscore.demo.batch import make_demo_batch
    from expertscore.storage.importer import create_session

    package = folder / "diskfull.esbatch"
    make_demo_batch(SCHEME, submissions=2, experts=2, seed=4, out=package, workers=1)
    return create_session(package, "E01", folder / "diskfull.esession")


def _comment(number: int) -> str:
    """A long comment, different for every edit (so the file grows with every edit)."""
    head = f"第{number}次评审意见："
    return (
        head + ("平台连接设备数量核实无误，" * (COMMENT_CHARS // 12))[: COMMENT_CHARS - len(head)]
    )


def _stored_comments(path: Path) -> tuple[str, int, dict[tuple[str, str], str]]:
    raw = driver.connect(str(path))  # the program's SQLite (SQLCipher's), as in the window
    try:
        integrity = raw.execute("PRAGMA integrity_check").fetchone()[0]
        edits = raw.execute("SELECT count(*) FROM edit_log").fetchone()[0]
        rows = raw.execute("SELECT submission_id, indicator, comment FROM score")
        comments = {(s, c): text for s, c, text in rows}
    finally:
        raw.close()
    return integrity, edits, comments


def fill_until_full(
    session_path: Path, free_space, figures: DiskFullFigures, says: str = "disk is full"
) -> None:
    """Comment until an edit fails; check the failure, the file, and recovery.

    ``says``: what the message must say. Past ``RLIMIT_FSIZE`` a write fails with EFBIG,
    which sqlite reports as an I/O error, not as a full disk; there it is "not saved".
    """
    from expertscore.errors import ExpertScoreError
    from expertscore.scoring.service import ScoringService
    from expertscore.storage.session import SessionFile

    acknowledged: dict[tuple[str, str], str] = {}
    failed: tuple[str, str, str] | None = None
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        targets = [
            (row.id, leaf.code)
            for row in scoring.submissions()
            if row.recusal_reason is None
            for leaf in scoring.assigned_leaves(row.id)
        ]
        with session.engine.connect() as connection:
            edits_before = connection.exec_driver_sql("SELECT count(*) FROM edit_log").scalar()
        for number in range(1, MAX_EDITS + 1):
            submission, code = targets[number % len(targets)]
            text = _comment(number)
            try:
                scoring.set_comment(submission, code, text)
            except ExpertScoreError as exc:
                figures.error_type = type(exc).__name__
                figures.error_message = str(exc)
                figures.clear_error = "\n" not in str(exc) and says in str(exc)
                failed = (submission, code, text)
                break
            except Exception as exc:  # a raw error escaping the scoring services
                figures.error_type = f"{type(exc).__module__}.{type(exc).__name__}"
                figures.error_message = str(exc).splitlines()[0][:300]
                failed = (submission, code, text)
                break
            acknowledged[(submission, code)] = text
            figures.acknowledged += 1
        else:
            figures.problems.append(f"the disk never filled up in {MAX_EDITS} edits")
            return

        free_space()
        try:  # the same open session, as the window would retry
            scoring.set_comment(failed[0], failed[1], "空间释放后的修改")
            acknowledged[(failed[0], failed[1])] = "空间释放后的修改"
            figures.works_after_freeing = True
        except Exception as exc:
            figures.problems.append(f"after freeing space: {type(exc).__name__}: {exc}")

    integrity, edits, comments = _stored_comments(session_path)
    figures.integrity = integrity
    figures.lost = sum(1 for key, text in acknowledged.items() if comments.get(key) != text)
    expected_edits = edits_before + figures.acknowledged + int(figures.works_after_freeing)
    if edits < expected_edits:
        figures.lost = max(figures.lost, expected_edits - edits)
    if edits > expected_edits or failed[2] in comments.values():
        figures.half_applied = True
    if figures.works_after_freeing:  # and it is still there when opened anew
        with SessionFile(session_path) as session:
            rows = ScoringService(session).scores(failed[0])
            if rows[failed[1]].comment != "空间释放后的修改":
                figures.works_after_freeing = False
                figures.problems.append("the edit made after freeing space is missing on reopen")


# ----------------------------------------------------------------------- tmpfs


def _mount(point: Path, size: int) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
        capture_output=True,
        text=True,
    )
    return done.returncode == 0


def _unmount(point: Path) -> None:
    if subprocess.run(["umount", str(point)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def run_tmpfs(session: Path, point: Path) -> DiskFullFigures | None:
    size = session.stat().st_size + HEADROOM + BALLAST
    point.mkdir()
    if not _mount(point, size):
        return None
    figures = DiskFullFigures(method=f"tmpfs of {size >> 10} KiB")
    try:
        target = point / session.name
        shutil.copyfile(session, target)
        ballast = point / "ballast"
        ballast.write_bytes(b"\0" * BALLAST)
        fill_until_full(target, lambda: ballast.unlink(), figures)
    finally:
        _unmount(point)
    return figures


# ---------------------------------------------------------------- RLIMIT_FSIZE

CHILD = """
import json, sys
from pathlib import Path
from bench.reliability.diskfull import child_rlimit
print(json.dumps(child_rlimit(Path(sys.argv[1]))))
"""


def child_rlimit(session: Path) -> dict:
    """In the child: cap the size of written files, fill, then lift the cap."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    cap = session.stat().st_size + HEADROOM
    figures = DiskFullFigures(method=f"RLIMIT_FSIZE of {cap >> 10} KiB (no tmpfs)")
    resource.setrlimit(resource.RLIMIT_FSIZE, (cap, hard))
    fill_until_full(
        session,
        lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard)),
        figures,
        says="not saved",
    )
    return asdict(figures)


def run_rlimit(session: Path) -> DiskFullFigures:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(session)],
        capture_output=True,
        text=True,
        env=env,
    )
    if done.returncode != 0 or not done.stdout.strip():
        figures = DiskFullFigures(method="RLIMIT_FSIZE (no tmpfs)")
        figures.problems.append(
            f"the child failed ({done.returncode}): {done.stderr.strip()[-500:]}"
        )
        return figures
    return DiskFullFigures(**json.loads(done.stdout.strip().splitlines()[-1]))


def run(method: str = "auto") -> DiskFullFigures:
    """``method``: ``auto`` (tmpfs when permitted), ``tmpfs`` or ``rlimit``."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        session = prepared_session(folder)
        figures = None
        if method in ("auto", "tmpfs"):
            figures = run_tmpfs(session, folder / "small-disk")
            if figures is None and method == "tmpfs":
                figures = DiskFullFigures(method="tmpfs")
                figures.problems.append("mounting a tmpfs is not permitted here")
        if figures is None:
            figures = run_rlimit(session)
    return figures


def report(figures: DiskFullFigures) -> None:
    print(f"diskfull: a session filled with long comments on a small disk ({figures.method})")
    print(f"  edits acknowledged before the disk was full: {figures.acknowledged}")
    print(f"  error: {figures.error_type}: {figures.error_message}")
    print(f"  clear one-line ExpertScoreError:  {'yes' if figures.clear_error else 'NO'}")
    print(f"  integrity_check afterwards:       {figures.integrity}")
    print(f"  acknowledged edits lost:          {figures.lost}   (target 0)")
    print(f"  failed edit half-applied:         {'YES' if figures.half_applied else 'no'}")
    print(f"  edits work after freeing space:   {'yes' if figures.works_after_freeing else 'NO'}")
    for problem in figures.problems:
        print(f"  ! {problem}")


def main(method: str = "auto") -> DiskFullFigures:
    figures = run(method)
    report(figures)
    return figures


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "auto")
