"""Tests open session files with the program's SQLite (SQLCipher's), never Python's own.

Two SQLite libraries in one process do not see each other's locks on a file (each keeps
its own POSIX locks, and closing a file in one drops the other's): a test that read a
session with ``sqlite3`` while the program wrote it failed at random. The one exception
shows that the standard module cannot read an encrypted session at all.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_core_headless import imported_modules

TESTS = Path(__file__).resolve().parent
ALLOWED = {"storage/test_encrypted_session.py"}


def test_no_test_opens_files_with_the_standard_sqlite3_module():
    offenders = sorted(
        str(path.relative_to(TESTS))
        for path in TESTS.rglob("*.py")
        if "sqlite3" in imported_modules(path) and str(path.relative_to(TESTS)) not in ALLOWED
    )
    assert offenders == []
