"""Files only their owner may read: sessions, result files, key cards, merge folders.

Scores, comments and the signed results are the expert's and the chair's business; on a
shared computer another account must not read them. Where the system has POSIX
permissions ``owner_only`` sets 0600 on a file and 0700 on a folder; on Windows files
under the user's profile are private by their inherited ACL and permission bits mean
nothing, so it does nothing there. Called at the write sites, on the file before it is
renamed into place, so the finished file is never readable by others even for a moment.
"""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def owner_only(path: Path) -> Path:
    """Make ``path`` readable and writable by its owner only (where the OS can)."""
    if os.name != "nt":
        os.chmod(path, FOLDER_MODE if path.is_dir() else FILE_MODE)
    return path
