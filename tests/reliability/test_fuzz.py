"""Hostile input: no crash, no file outside the target folder, bounded memory.

Each reader gets about 100 hypothesis inputs (derandomized, so CI sees the same ones) plus
the known attacks of its ``known()`` list; ``python -m bench.reliability`` runs more.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import strategies as st

from bench.reliability import fuzz, tamper
from expertscore.errors import ExpertScoreError

EXAMPLES = 100


def _described(figures: fuzz.TargetFigures) -> str:
    crashes = [f"{c.error} at {c.where} for {c.recipe}" for c in figures.distinct]
    return "\n".join(crashes + figures.problems)


@pytest.mark.parametrize("name", ["package", "workbook", "scheme", "result"])
def test_hostile_input_is_refused_cleanly(
    name: str, tmp_path: Path, material: tamper.Material
) -> None:
    target: fuzz.Target
    if name == "package":
        target = fuzz.PackageTarget(tmp_path)
    elif name == "workbook":
        target = fuzz.WorkbookTarget(tmp_path)
    elif name == "scheme":
        target = fuzz.SchemeTarget(tmp_path)
    else:
        target = fuzz.ResultTarget(tmp_path, material)

    figures = fuzz.run_target(target, EXAMPLES)

    assert figures.tried >= EXAMPLES
    assert figures.refused > EXAMPLES // 2  # the inputs were hostile, and reached a reader
    assert figures.crashes == 0, _described(figures)
    assert figures.escapes == 0, _described(figures)
    assert figures.leftovers == 0, _described(figures)
    assert figures.multiline == 0, _described(figures)
    assert figures.over_budget == 0, _described(figures)


def test_bombs_are_refused_before_they_expand(tmp_path: Path) -> None:
    (tmp_path / "package").mkdir()
    (tmp_path / "bombs").mkdir()
    package = fuzz.PackageTarget(tmp_path / "package")

    bombs = fuzz.bombs(tmp_path / "bombs", package)

    assert len(bombs) == 6
    missed = [
        f"{b.name}: {b.small_bytes >> 20} -> {b.large_bytes >> 20} MiB; {b.outcome}"
        for b in bombs
        if not b.bounded
    ]
    assert missed == []


class _Misbehaving(fuzz.Target):
    """A reader that does each wrong thing once, to show the harness counts it."""

    name = "misbehaving"

    def strategy(self) -> st.SearchStrategy:
        return st.sampled_from(["crash", "escape", "leftover", "multiline", "fine"])

    def known(self) -> list[str]:
        return ["crash", "escape", "leftover", "multiline"]

    def make_input(self, recipe: str, sandbox: Path) -> bytes:
        return recipe.encode()

    def run(self, recipe: str, sandbox: Path, data: bytes | None) -> None:
        if recipe == "crash":
            raise ValueError("boom")
        if recipe == "escape":  # the working directory is the sandbox's cwd/
            Path("../escaped.txt").write_text("outside the target folder")
        if recipe == "leftover":
            (sandbox / "target" / ".half.esession").write_bytes(b"half")
            raise ExpertScoreError("refused, but left a file behind")
        if recipe == "multiline":
            raise ExpertScoreError("refused\nover two lines")


def test_the_harness_counts_crashes_escapes_leftovers_and_long_messages(
    tmp_path: Path,
) -> None:
    figures = fuzz.run_target(_Misbehaving(tmp_path), 10, repro_dir=tmp_path / "repro")

    assert figures.tried >= 4
    assert figures.crashes >= 1
    assert figures.distinct[0].error == "ValueError: boom"
    assert figures.distinct[0].reproducer is not None
    assert figures.distinct[0].reproducer.read_bytes() == b"crash"
    assert figures.escapes >= 1
    assert figures.leftovers >= 1
    assert figures.multiline >= 1
