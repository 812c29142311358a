"""The hostile-content figure of ``make reliability``, run in full (it takes seconds)."""

from __future__ import annotations

from bench.reliability import hostile


def test_nothing_interpreted_no_hang_no_stale_pane(qapp, monkeypatch, tmp_path):
    monkeypatch.setenv("EXPERTSCORE_SETTINGS_DIR", str(tmp_path))  # restored afterwards
    figures = hostile.main()
    assert figures.cases > 1000
    assert figures.interpreted == []
    assert figures.stale == []
    assert figures.slowest > 0
