"""The scoring window with a 200-submission session.

Targets (issue 4): cold start to an interactive window at most 1.5 s; switching to
another submission (form filled, first evidence page shown) at most 50 ms at the 95th
percentile; an edit committed (through the score editor, views refreshed) at most 10 ms
at the 95th percentile.

Cold start runs ``expertscore gui SESSION --expert E01 --exit-after-show`` in a child
process and times it from launch until the window is shown and its events processed.
The child runs with compiled bytecode, as an installed program does (pip and PyInstaller
compile it): ``PYTHONDONTWRITEBYTECODE`` is dropped, the bytecode goes to a folder of
its own, and an untimed first launch writes it. Switching and editing are timed in this
process; a switch ends once the first evidence page is painted. The package comes from
the demo generator (deterministic) and is kept in the temporary folder between runs,
with a session made from it (brought to the current schema when the program's is newer,
so that no timed run migrates it). Switching and editing are timed on a plain session and
again on the same session encrypted with a passphrase (SQLCipher).
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

SUBMISSIONS = 200
SWITCHES = 100
EDITS = 200
COLD_RUNS = 3
TARGETS = {"cold": 1.5, "switch_p95": 0.050, "edit_p95": 0.010}
PASSPHRASE = "bench passphrase"


def cache_dir() -> Path:
    folder = Path(tempfile.gettempdir()) / "expertscore-bench"
    folder.mkdir(exist_ok=True)
    return folder


def package() -> Path:
    from expertscore.demo import make_demo_batch

    out = cache_dir() / f"ui-{SUBMISSIONS}.esbatch"
    if not out.exists():
        print(f"making a {SUBMISSIONS}-submission demo package (once)…", flush=True)
        make_demo_batch("liaoning-2025-grading", SUBMISSIONS, 5, 1, out.with_suffix(".part"))
        out.with_suffix(".part").rename(out)
    return out


def _up_to_date(session: Path) -> bool:
    from expertscore.storage import cipher
    from expertscore.storage.db import current_revision, head_revision, make_engine

    engine = make_engine(session, cipher.key_for(session))
    try:
        return current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def fresh_session(folder: Path, encrypted: bool = False) -> Path:
    from expertscore.storage import cipher
    from expertscore.storage.importer import create_session
    from expertscore.storage.session import SessionFile

    kind = "-encrypted" if encrypted else ""
    template = cache_dir() / f"ui-{SUBMISSIONS}-E01{kind}.esession"
    if not template.exists():
        key = cipher.SessionKey.new(PASSPHRASE) if encrypted else None
        create_session(package(), "E01", template, key=key)
    if encrypted:
        cipher.unlock(template, PASSPHRASE)
    if not _up_to_date(template):
        SessionFile(template).close()  # migrates it, as the program does on opening
    target = folder / f"bench{kind}.esession"
    shutil.copy2(template, target)
    if encrypted:
        cipher.unlock(target, PASSPHRASE)
    return target


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def verdict(value: float, target: float) -> str:
    return "MET" if value <= target else "MISSED"


def cold_start(session: Path, settings: Path, entry: list[str]) -> list[float]:
    """Seconds from launching the program until it reports an interactive window."""
    env = dict(
        os.environ,
        EXPERTSCORE_SETTINGS_DIR=str(settings),
        PYTHONPYCACHEPREFIX=str(cache_dir() / "pycache"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    times = []
    for run in range(COLD_RUNS + 1):  # the first writes the bytecode: not timed
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", *entry, str(session), "--expert", "E01", "--exit-after-show"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        assert child.stdout is not None
        line = child.stdout.readline()  # printed once the window is shown and painted
        if run:
            times.append(time.perf_counter() - start)
        child.wait()
        if child.returncode != 0 or not line.strip():
            raise RuntimeError(f"{' '.join(entry)} failed (exit {child.returncode})")
    return times


def _wait_for_page(app, window, deadline: float = 10.0) -> None:
    """Process events until the first evidence page (or image) is on screen."""
    viewer = window.viewer
    limit = time.perf_counter() + deadline
    while True:
        app.processEvents()
        pdf_shown = viewer.kind != "pdf" or not viewer.pdf.shown_image.isNull()
        shown = not viewer.loading() and pdf_shown
        if shown or time.perf_counter() > limit:
            app.processEvents()  # the paint that puts a page rendered meanwhile on screen
            return


def switching_and_edits(session: Path) -> tuple[list[float], list[float], str]:
    from PySide6.QtWidgets import QApplication

    from expertscore.storage.session import SessionFile
    from ui.app import create_app
    from ui.evidence.pdfsource import QPdfDocument
    from ui.expert.window import MainWindow
    from ui.settings import Settings

    app = QApplication.instance() or create_app("zh")
    window = MainWindow(Settings())
    window.persist_layout = False
    window.set_session(SessionFile(session))
    window.show()
    _wait_for_page(app, window)
    ids = list(window.rows)
    rng = random.Random(4)
    switches = []
    for _ in range(SWITCHES):
        target = rng.choice([sid for sid in ids if sid != window.form.submission_id])
        start = time.perf_counter()
        window.panes.select(target)
        _wait_for_page(app, window)
        switches.append(time.perf_counter() - start)

    edits = []
    window.panes.select(next(r.id for r in window.rows.values() if r.state != "recused"))
    app.processEvents()
    form = window.form
    codes = [c for c in form.model.leaf_codes() if form.model.index_of(c).data() is not None]
    for number in range(EDITS):
        form.select_indicator(codes[number % len(codes)], focus=False)
        editor = form.detail.editor()
        spin = getattr(editor, "spin", None)
        if spin is None:
            continue
        value = min(spin.top, spin.step * (1 + number % 5))
        spin.set_text_value(str(Decimal(value)))
        start = time.perf_counter()
        editor.commit(0)
        edits.append(time.perf_counter() - start)
    renderer = "QtPdf" if QPdfDocument is not None else "poppler (no QtPdf wheel)"
    window.close()
    return switches, edits, renderer


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        os.environ["EXPERTSCORE_SETTINGS_DIR"] = str(root / "settings")
        session = fresh_session(root)
        cold_app = cold_start(session, root / "settings", ["ui"])
        cold_cli = cold_start(session, root / "settings", ["expertscore", "gui"])
        plain = switching_and_edits(session)
        encrypted = switching_and_edits(fresh_session(root, encrypted=True))
    renderer = plain[2]
    median_app, median_cli = statistics.median(cold_app), statistics.median(cold_cli)
    print(
        f"scoring window, {SUBMISSIONS} submissions (PDF pages by {renderer}; load average"
        f" {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors)"
    )
    print(
        f"  cold start to interactive window (python -m ui): median of {COLD_RUNS}"
        f" {median_app:.2f} s (runs {', '.join(f'{t:.2f}' for t in cold_app)};"
        f" target <= {TARGETS['cold']} s) {verdict(median_app, TARGETS['cold'])}"
    )
    print(
        f"  cold start through 'expertscore gui': median {median_cli:.2f} s"
        f" (the core command line first; it imports only the command it runs)"
    )
    for kind, (switches, edits, _renderer) in (("plain", plain), ("encrypted", encrypted)):
        switch_p50, switch_p95 = percentile(switches, 0.5), percentile(switches, 0.95)
        edit_p50, edit_p95 = percentile(edits, 0.5), percentile(edits, 0.95)
        print(
            f"  switch submission, {kind} ({len(switches)}x): p50 {switch_p50 * 1000:.1f} ms,"
            f" p95 {switch_p95 * 1000:.1f} ms (target <= {TARGETS['switch_p95'] * 1000:.0f} ms)"
            f" {verdict(switch_p95, TARGETS['switch_p95'])}"
        )
        print(
            f"  edit committed and synced (durable), {kind} ({len(edits)}x):"
            f" p50 {edit_p50 * 1000:.2f} ms,"
            f" p95 {edit_p95 * 1000:.2f} ms (target <= {TARGETS['edit_p95'] * 1000:.0f} ms)"
            f" {verdict(edit_p95, TARGETS['edit_p95'])}"
        )


if __name__ == "__main__":
    main()
