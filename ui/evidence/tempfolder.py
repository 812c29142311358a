"""The one temporary folder of a window's evidence copies, gone on exit and at next start.

Each viewer gets ``<temp>/expertscore-evidence/<random>/`` holding a ``QLockFile`` while
it lives. At start every other folder there whose lock is stale (its program ended,
even by a crash or a kill) is removed, so evidence copies never outlive an abnormal exit
for longer than the next start; the folder itself is removed when the window goes and,
as a last resort, when the program exits.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from pathlib import Path

from PySide6.QtCore import QLockFile

ROOT_NAME = "expertscore-evidence"
LOCK = ".lock"


def root() -> Path:
    return Path(tempfile.gettempdir()) / ROOT_NAME


def remove_stale(base: Path) -> int:
    """Remove the folders under ``base`` whose program is no longer running; how many."""
    removed = 0
    if not base.is_dir():
        return 0
    for folder in base.iterdir():
        if not folder.is_dir():
            continue
        lock = QLockFile(str(folder / LOCK))
        lock.setStaleLockTime(0)  # decided by the owner's process id, not by age
        if lock.tryLock(0):  # free or stale: nobody uses this folder any more
            lock.unlock()
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


def _remove(lock: QLockFile, path: Path) -> None:
    lock.unlock()
    shutil.rmtree(path, ignore_errors=True)


class EvidenceFolder:
    """A private folder for this window's copies, locked while it lives."""

    def __init__(self, base: Path | None = None) -> None:
        base = base or root()
        base.mkdir(parents=True, exist_ok=True)
        remove_stale(base)
        self.path = Path(tempfile.mkdtemp(prefix="s-", dir=base))  # 0700 where it matters
        self._lock = QLockFile(str(self.path / LOCK))
        self._lock.setStaleLockTime(0)
        self._lock.tryLock(0)
        # on garbage collection or, failing that, at interpreter exit
        self._finalizer = weakref.finalize(self, _remove, self._lock, self.path)

    def cleanup(self) -> None:
        self._finalizer()
