"""The lost-laptop figure, as ``make reliability`` measures it: after import, viewing,
the index and SIGKILLs mid-edit, none of 100 known plain strings is on the disk."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.reliability import lost_laptop


def test_nothing_of_the_submissions_is_readable_on_disk(qapp, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))  # restored afterwards: run() changes both
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("EXPERTSCORE_SETTINGS_DIR", str(tmp_path / "settings"))

    figures = lost_laptop.run(tmp_path)

    assert figures.strings == 100
    assert figures.in_plain_session == 100  # the search finds them where they are in clear
    assert figures.viewed > 3 and figures.kills == 4 and figures.crash_problems == 0
    assert figures.wal_bytes > 0  # the last kill's WAL was searched as it was left
    assert figures.found == {"session": 0, "temporary": 0}
    assert figures.wrong_refused and figures.wrong_changed_nothing
