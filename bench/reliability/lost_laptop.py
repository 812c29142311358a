"""The lost laptop: what a finder reads of the operators' data from the expert's disk.

A realistic session on an encrypted session file: the import, the evidence index, every
evidence file of two submissions viewed in the window (offscreen), scoring edits with
comments in child processes killed with SIGKILL mid-edit (so a WAL is left behind, as
after a crash or a pulled plug). Then every file a finder would have is searched for
``STRINGS`` known plain strings and numbers of the submissions (names, operators,
reported figures and texts, case texts, and slices of the evidence files' bytes): the
session file, its WAL and shared memory, and the program's temporary folder (the window's
evidence folder, the index's, anything written there). Target: 0 found. The batch
package is searched too and reported beside: a plain package holds everything (packages
are encrypted to the panel separately). A wrong passphrase must be refused with the typed
error and change no byte.
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

STRINGS = 100
PASSPHRASE = "lost-laptop-bench"
MIN_BYTES = 6  # shorter needles would turn up by chance in encrypted bytes


@dataclass
class LostLaptopFigures:
    strings: int = 0
    found: dict[str, int] = field(default_factory=dict)  # where -> strings found there
    in_package: int = 0
    in_plain_session: int = 0  # the control: the same search finds them in a plain one
    package_encrypted: bool = False
    wrong_refused: bool = False
    wrong_changed_nothing: bool = False
    kills: int = 0
    crash_problems: int = 0  # acknowledged edits lost, corrupted files, wrong states
    viewed: int = 0
    wal_bytes: int = 0  # the WAL the last kill left, searched with the session

    @property
    def leaked(self) -> int:
        return sum(self.found.values())


def known_strings(package: Path, count: int = STRINGS) -> list[bytes]:
    """Up to ``count`` distinct plain needles from the submissions, as stored (UTF-8)."""
    from expertscore.batch.package import EvidenceReader, open_package

    opened = open_package(package)
    texts: list[str] = []
    for sub in opened.manifest.submissions:
        texts += [sub.platform, sub.operator]
        texts += [value.value for value in sub.values.values()]
        texts += [case.text for case in sub.cases]
    needles: list[bytes] = []
    for text in texts:
        needle = text.encode("utf-8")
        if len(needle) >= MIN_BYTES and needle not in needles:
            needles.append(needle)
    needles = needles[: count * 3 // 4]
    with EvidenceReader(package) as reader:
        for item in opened.manifest.evidence:
            data = b"".join(reader.chunks(item.sha256, item.size))
            for at in (len(data) // 3, 2 * len(data) // 3):  # two slices of each file
                piece = data[at : at + 32]
                if len(needles) < count and len(piece) == 32 and piece not in needles:
                    needles.append(piece)
    return needles


def _found(needles: list[bytes], files: list[Path]) -> int:
    data = b"\0".join(p.read_bytes() for p in files if p.is_file())
    return sum(needle in data for needle in needles)


def _found_in_package(needles: list[bytes], package: Path) -> int:
    """As a finder reads a zip: every entry unpacked (plain packages are compressed)."""
    import zipfile

    if not zipfile.is_zipfile(package):
        return _found(needles, [package])
    with zipfile.ZipFile(package) as archive:
        data = b"\0".join(archive.read(info) for info in archive.infolist())
    return sum(needle in data for needle in needles)


def _view_in_window(session: Path) -> int:
    """Open the session in the window, show every file of two submissions; how many."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from expertscore.storage.session import SessionFile
    from ui.app import create_app
    from ui.expert.window import MainWindow
    from ui.settings import Settings

    create_app("en") if QApplication.instance() is None else None
    app = QApplication.instance()
    window = MainWindow(Settings())
    window.set_session(SessionFile(session))
    window.show()
    viewed = 0
    try:
        for submission in list(window.rows)[:2]:
            window.show_submission(submission)
            viewer = window.viewer
            for row in range(viewer.model.rowCount()):
                viewer.show_row(row)
                start = time.perf_counter()
                while viewer.loading() and time.perf_counter() - start < 30:
                    app.processEvents()
                    time.sleep(0.002)
                viewed += 1
        while window.indexing is not None and window.indexing.building:
            app.processEvents()
            time.sleep(0.01)
    finally:
        window.close()
        app.processEvents()
    return viewed


def _killed_mid_edit(session: Path) -> None:
    """One more scoring process killed mid-edit, its WAL left as the crash left it."""
    import signal
    import subprocess
    import sys

    from bench.reliability import crash

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    env["EXPERTSCORE_SESSION_PASSPHRASE"] = PASSPHRASE
    child = subprocess.Popen(
        [sys.executable, "-c", crash.CHILD, str(session), "20000"],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    child.stdout.readline()  # edits are flowing
    time.sleep(0.3)
    child.send_signal(signal.SIGKILL)
    child.stdout.read()
    child.wait()


def _wrong_passphrase(session: Path, figures: LostLaptopFigures) -> None:
    from expertscore.storage import cipher

    files = sorted(session.parent.glob(session.name + "*"))
    before = {p: p.read_bytes() for p in files}
    cipher.forget(session)
    try:
        cipher.unlock(session, "not the passphrase")
    except cipher.WrongSessionPassphrase:
        figures.wrong_refused = True
    after = {p: p.read_bytes() for p in sorted(session.parent.glob(session.name + "*"))}
    figures.wrong_changed_nothing = after == before


def run(folder: Path) -> LostLaptopFigures:
    from bench.reliability import crash
    from expertscore.demo.batch import make_demo_batch
    from expertscore.storage import cipher
    from expertscore.storage.importer import create_session

    figures = LostLaptopFigures()
    temp = folder / "tmp"  # the program's temporary folder: every process's, watched
    temp.mkdir()
    os.environ["TMPDIR"] = str(temp)
    tempfile.tempdir = str(temp)
    os.environ["EXPERTSCORE_SETTINGS_DIR"] = str(folder / "settings")
    package = folder / "batch.esbatch"
    make_demo_batch("liaoning-2025-grading", 8, 3, 11, package, workers=1)
    needles = known_strings(package)
    figures.strings = len(needles)
    session = create_session(
        package, "E01", folder / "E01.esession", key=cipher.SessionKey.new(PASSPHRASE)
    )
    figures.viewed = _view_in_window(session)
    crashes = crash.kill_rounds(session, rounds=3, seed=5, passphrase=PASSPHRASE)
    figures.kills = crashes.kills
    figures.crash_problems = crashes.lost + crashes.corrupted + crashes.mismatched
    _killed_mid_edit(session)
    figures.kills += 1
    figures.wal_bytes = session.with_name(session.name + "-wal").stat().st_size
    session_files = sorted(folder.glob(session.name + "*"))
    figures.found["session"] = _found(needles, session_files)
    figures.found["temporary"] = _found(needles, list(temp.rglob("*")))
    figures.in_package = _found_in_package(needles, package)
    plain = create_session(package, "E01", folder / "plain.esession")
    figures.in_plain_session = _found(needles, [plain])
    with package.open("rb") as handle:
        figures.package_encrypted = handle.read(2) != b"PK"
    _wrong_passphrase(session, figures)
    return figures


def main() -> LostLaptopFigures:
    start = time.perf_counter()
    saved_tmpdir, saved_tempdir = os.environ.get("TMPDIR"), tempfile.tempdir
    with tempfile.TemporaryDirectory() as work:
        try:
            figures = run(Path(work))
        finally:
            tempfile.tempdir = saved_tempdir
            if saved_tmpdir is None:
                os.environ.pop("TMPDIR", None)
            else:
                os.environ["TMPDIR"] = saved_tmpdir
    seconds = time.perf_counter() - start
    where = ", ".join(f"{name} {count}" for name, count in figures.found.items())
    print(
        f"lost laptop: an encrypted session after import, index, {figures.viewed} files viewed,"
        f" {figures.kills} kills mid-edit ({figures.crash_problems} edits lost or files broken)"
    )
    print(f"  known plain strings searched: {figures.strings} ({seconds:.0f} s)")
    print(f"  found on disk:                {figures.leaked} ({where})   target 0")
    print(f"  (searched: the session, its {figures.wal_bytes:,}-byte WAL left by the last kill,")
    print("   its shared memory, and every file in the program's temporary folder)")
    kind = "encrypted" if figures.package_encrypted else "plain"
    print(f"  in the batch package ({kind}): {figures.in_package} of {figures.strings}")
    print(f"  in a plain session (control): {figures.in_plain_session} of {figures.strings}")
    print(
        f"  wrong passphrase: {'refused' if figures.wrong_refused else 'ACCEPTED'},"
        f" {'nothing changed' if figures.wrong_changed_nothing else 'FILES CHANGED'}"
    )
    return figures
