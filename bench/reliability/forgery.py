"""Forgeries made with genuine keys: how many do the program's checks accept? Target 0.

Each case module (``forgery_chair``: a dishonest chair's merge folder, audit log and panel
file) has ``run(workdir) -> [(case name, reason or None)]``: the reason is the refusal or
the re-check's difference that caught the forgery, ``None`` means it was ACCEPTED.
``MODULES`` lists the modules the figure runs; a new one is one more line.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from bench.reliability import forgery_chair, forgery_results

MODULES: tuple[ModuleType, ...] = (forgery_results, forgery_chair)


@dataclass
class Figures:
    cases: list[tuple[str, str, str | None]] = field(default_factory=list)  # module, name, why
    seconds: float = 0.0

    @property
    def accepted(self) -> list[tuple[str, str]]:
        return [(module, name) for module, name, why in self.cases if why is None]


def _short(module: ModuleType) -> str:
    return module.__name__.rsplit(".", 1)[-1]


def check_all(workdir: Path, modules: Sequence[ModuleType] = MODULES) -> Figures:
    figures = Figures()
    start = time.perf_counter()
    for module in modules:
        folder = workdir / _short(module)
        folder.mkdir(parents=True)
        for name, why in module.run(folder):
            figures.cases.append((_short(module), name, why))
    figures.seconds = time.perf_counter() - start
    return figures


def main(modules: Sequence[ModuleType] = MODULES) -> Figures:
    with tempfile.TemporaryDirectory() as temp:
        figures = check_all(Path(temp), modules)
    for module, name, why in figures.cases:
        verdict = "ACCEPTED" if why is None else f"refused: {why}"
        print(f"  {module}: {name}: {verdict}")
    print(
        f"forgery: {len(figures.cases)} cases, {len(figures.accepted)} accepted"
        f" ({figures.seconds:.0f} s)"
    )
    return figures
