"""A full disk during an edit: a clear error, nothing corrupted, nothing acknowledged lost."""

from __future__ import annotations

from bench.reliability import diskfull


def _assert_survived(figures: diskfull.DiskFullFigures, says: str) -> None:
    assert figures.problems == []
    assert figures.acknowledged > 0  # the disk filled up only after some edits
    assert figures.error_type == "StorageError", figures.error_message
    assert "\n" not in figures.error_message
    assert says in figures.error_message
    assert figures.clear_error
    assert figures.integrity == "ok"
    assert figures.lost == 0
    assert not figures.half_applied
    assert figures.works_after_freeing
    assert figures.ok


def test_full_disk_gives_a_clear_error_and_keeps_every_acknowledged_edit() -> None:
    """A tmpfs where mounting is permitted (root in CI), else the RLIMIT_FSIZE child."""
    figures = diskfull.run("auto")

    says = "disk is full" if figures.method.startswith("tmpfs") else "not saved"
    _assert_survived(figures, says)


def test_file_size_limit_fallback_also_keeps_every_acknowledged_edit() -> None:
    figures = diskfull.run("rlimit")

    assert figures.method.startswith("RLIMIT_FSIZE")
    _assert_survived(figures, "not saved")
