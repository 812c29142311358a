"""SIGKILL during scoring edits: no acknowledged edit is lost, the file stays whole."""

from __future__ import annotations

from pathlib import Path

from bench.reliability import crash


def test_killed_scoring_process_loses_no_acknowledged_edit(tmp_path: Path) -> None:
    session = crash.prepared_session(tmp_path)

    figures = crash.kill_rounds(session, rounds=3, seed=7)

    assert figures.kills == 3
    assert figures.acknowledged > 0  # edits were flowing when the kills came
    assert figures.lost == 0
    assert figures.corrupted == 0
    assert figures.mismatched == 0


def test_killed_process_on_an_encrypted_session_loses_nothing(tmp_path: Path) -> None:
    session = crash.prepared_session(tmp_path, passphrase="crash-test-phrase")
    assert session.read_bytes()[:16] != b"SQLite format 3\x00"

    figures = crash.kill_rounds(session, rounds=3, seed=11, passphrase="crash-test-phrase")

    assert figures.kills == 3
    assert figures.acknowledged > 0
    assert figures.lost == figures.corrupted == figures.mismatched == 0
