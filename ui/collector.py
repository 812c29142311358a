"""The cyclic garbage collector runs on the interface thread only.

Python runs its collector on whichever thread happens to allocate when a threshold is
passed. When that is a worker thread (signing, indexing evidence, rendering a preview) and
the garbage holds Qt objects, Qt destroys widgets off the interface thread and the process
can crash. So automatic collection is turned off, and a timer on the interface thread runs
what the collector would have run, by the same thresholds (the pattern of PyQt
applications that share objects with worker threads).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class InterfaceThreadCollector(QObject):
    """Owned by the application; checks the collector's counts every ``INTERVAL_MS``."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> int:
        """Collect the generations whose thresholds were passed; the objects found."""
        first, second, third = gc.get_threshold()
        count0, count1, count2 = gc.get_count()
        if count0 <= first:
            return 0
        generation = 2 if count2 > third else 1 if count1 > second else 0
        return gc.collect(generation)


def collect_on_interface_thread(app: QObject) -> InterfaceThreadCollector:
    """Install the collector once per application (tests configure one app many times)."""
    found = app.findChild(InterfaceThreadCollector)
    return found if found is not None else InterfaceThreadCollector(app)
