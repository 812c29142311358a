"""The one temporary folder of a window's evidence copies, gone on exit and at next start.

Each viewer gets ``<temp>/expertscore-evidence-<user>/<random>/`` (the user's own, 0700)
holding a ``QLockFile`` while it lives. At start every other folder there whose lock is
stale (its program ended, even by a crash or a kill) is removed, so evidence copies never
outlive an abnormal exit for longer than the next start; the folder itself is removed when
the window goes and, as a last resort, when the program exits.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import tempfile
import weakref
from pathlib import Path

from PySide6.QtCore import QLockFile

ROOT_NAME = "expertscore-evidence"
LOCK = ".lock"


def root() -> Path:
    """This user's folder of evidence folders (another user's would not be writable)."""
    user = re.sub(r"[^\w-]", "_", getpass.getuser()) if _has_user() else "user"
    return Path(tempfile.gettempdir()) / f"{ROOT_NAME}-{user}"


def _has_user() -> bool:
    try:
        getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password file
        return False
    return True


def _usable(base: Path) -> bool:
    """``base`` exists (made if need be), is a real folder of ours, and only ours."""
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        if base.is_symlink() or not base.is_dir():
            return False
        if os.name != "nt" and base.stat().st_uid != os.getuid():
            return False
        return os.access(base, os.W_OK)
    except OSError:
        return False


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
        if _usable(base):
            remove_stale(base)
        else:  # taken by someone else: a fresh private folder (not cleaned at next start)
            base = Path(tempfile.mkdtemp(prefix=f"{ROOT_NAME}-"))
        self.path = Path(tempfile.mkdtemp(prefix="s-", dir=base))  # 0700 where it matters
        self._lock = QLockFile(str(self.path / LOCK))
        self._lock.setStaleLockTime(0)
        self._lock.tryLock(0)
        # on garbage collection or, failing that, at interpreter exit
        self._finalizer = weakref.finalize(self, _remove, self._lock, self.path)

    def cleanup(self) -> None:
        self._finalizer()
