"""``python -m bench evidence``: how long a hostile evidence file holds the expert's window.

Opens the hostile demo submission in the expert's window (offscreen) and, for each of its
evidence files, times ``show_row`` (until control returns to the window: the target is
under 100 ms) and until the pane shows the file or its message (target: under 1 s). The
workbook whose ``<dimension>`` claims A1:XFD5000 froze the window for minutes when it was
read on the interface thread. Printed, not asserted.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

ROUNDS = 5


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench.reliability.hostile import hostile_package, wait_shown
    from expertscore.storage.importer import create_session
    from expertscore.storage.session import SessionFile
    from ui.app import create_app
    from ui.expert.window import MainWindow
    from ui.settings import Settings

    create_app("en")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        os.environ["EXPERTSCORE_SETTINGS_DIR"] = str(folder / "settings")
        session = create_session(hostile_package(folder), "E01", folder / "E01.esession")
        window = MainWindow(Settings())
        window.set_session(SessionFile(session))
        window.show()
        window.panes.select(max(window.rows))
        viewer = window.viewer
        print("evidence files of the hostile submission (median of 5 openings, ms):")
        print(f"  {'file':<24} {'returns':>8} {'shown':>8}  pane")
        for row in range(viewer.model.rowCount()):
            returns, shown = [], []
            for _ in range(ROUNDS):
                viewer.set_submission(viewer.submission, None)  # another file first
                wait_shown(viewer)
                if viewer.record is not None and viewer.record.id == viewer.model.record(row).id:
                    viewer.show_row((row + 1) % viewer.model.rowCount())
                    wait_shown(viewer)
                start = time.perf_counter()
                viewer.show_row(row)
                returns.append(time.perf_counter() - start)
                shown.append(returns[-1] + wait_shown(viewer))
            name = viewer.model.record(row).filename[:22]
            print(
                f"  {name:<24} {statistics.median(returns) * 1000:>8.1f}"
                f" {statistics.median(shown) * 1000:>8.1f}  {viewer.kind}"
            )
        window.close()
