"""A real merge folder for the chair's command-line tests: a demo batch, five simulated
experts with their own keys and key cards, their signed results merged with the cards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from expertscore.chair.run import ChairRun
from expertscore.demo.batch import make_demo_batch
from expertscore.results.simulate import simulate

EXE = Path(sys.executable).with_name("expertscore")
EXPERTS = 5


@dataclass
class Case:
    package: Path
    sim: Path
    merge: Path

    @property
    def cards(self) -> list[Path]:
        return sorted(self.sim.glob("*.eskeycard"))

    @property
    def results(self) -> list[Path]:
        return sorted(self.sim.glob("*.esresult"))

    def copy(self, target: Path) -> Case:
        shutil.copytree(self.merge, target)
        return Case(self.package, self.sim, target)


def make_case(root: Path, scheme: str = "liaoning-2025-grading", submissions: int = 4) -> Case:
    package = root / "batch.esbatch"
    make_demo_batch(scheme, submissions, EXPERTS, 5, package, workers=1)
    simulate(package, EXPERTS, 5, root / "sim")
    case = Case(package, root / "sim", root / "merge")
    run = ChairRun.open(package, case.merge, case.cards)
    run.apply(run.plan(case.results))
    return case


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXE), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def cells(workbook: Path) -> dict[str, list[tuple]]:
    """Every sheet's values, row by row."""
    book = load_workbook(workbook, read_only=True)
    return {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}


def pdf_text(pdf: Path, layout: bool = True) -> str:
    """The PDF's text layer (poppler); ``layout=False`` keeps each table cell's text together."""
    options = ["-layout"] if layout else []
    done = subprocess.run(
        ["pdftotext", *options, str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout
