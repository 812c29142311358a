"""A real panel for the chair window's tests: a demo batch, five simulated experts with
their own keys, signed result files and key cards; and merge folders made from them."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest

from expertscore.chair.run import ChairRun
from expertscore.demo.batch import make_demo_batch
from expertscore.results.envelope import envelope_bytes
from expertscore.results.simulate import simulate

EXPERTS = 5


class Panel:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.package = root / "batch.esbatch"
        self.sim = root / "sim"

    @property
    def results(self) -> list[Path]:
        return sorted(self.sim.glob("*.esresult"))

    @property
    def cards(self) -> list[Path]:
        return sorted(self.sim.glob("*.eskeycard"))


@pytest.fixture(scope="session")
def panel(tmp_path_factory: pytest.TempPathFactory) -> Panel:
    made = Panel(tmp_path_factory.mktemp("chair-panel"))
    make_demo_batch("liaoning-2025-grading", 4, EXPERTS, 3, made.package, workers=1)
    simulate(made.package, EXPERTS, 3, made.sim)
    return made


@pytest.fixture(scope="session")
def merged_template(panel: Panel, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A merge folder with every expert's result accepted (copied per test)."""
    folder = tmp_path_factory.mktemp("merged") / "merge"
    run = ChairRun.open(panel.package, folder, panel.cards)
    run.apply(run.plan(panel.results))
    return folder


@pytest.fixture
def merged(merged_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "merge"
    shutil.copytree(merged_template, target)
    return target


@pytest.fixture
def tampered(panel: Panel, tmp_path: Path) -> Path:
    """E02's result with its payload changed under the old signature.

    The change is made in the decoded payload: a flipped byte at a fixed place would be
    refused for a reason that depends on where it falls.
    """
    envelope = json.loads(panel.results[1].read_bytes())
    body = base64.b64decode(envelope["payload"])
    assert body.count(b'"sequence":1,') == 1
    body = body.replace(b'"sequence":1,', b'"sequence":2,')
    [signature] = envelope["signatures"]
    path = tmp_path / "E02-changed.esresult"
    path.write_bytes(envelope_bytes(body, signature["keyid"], signature["sig"]))
    return path


def open_window(qtbot, panel: Panel, merged: Path):
    """The chair's window on the merged demo panel, shown (pytest-qt closes it)."""
    from ui.chair.window import ChairWindow

    shown = ChairWindow()
    shown.quiet = True
    qtbot.addWidget(shown)
    with qtbot.waitSignal(shown.stateLoaded, timeout=60000):
        shown.open_merge(panel.package, merged, tuple(panel.cards))
    shown.show()
    return shown
