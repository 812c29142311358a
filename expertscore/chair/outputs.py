"""The chair's three outputs from one panel outcome: workbook, panel file, report.

The chair window, ``expertscore chair export`` and the demo all call these functions, so
the same merge folder gives the same files whichever way they are made. ``at`` is the one
time printed in all three (the workbook's 生成 row, the panel file's ``created_at``, the
report's cover date); by default it is taken once, now, so one export is one moment.
Each writer writes atomically: a failed export leaves no half-written file. Runs on the
calling thread; the ``PanelOutcome`` (``outcome_of`` a ``ChairRun``) is only read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from expertscore.batch.sealed_package import write_sealed
from expertscore.chair.panel_file import write_panel_file
from expertscore.chair.panel_outcome import PanelOutcome
from expertscore.chair.report import write_report
from expertscore.chair.workbook import write_results_workbook
from expertscore.identity.keys import ExpertKey
from expertscore.identity.roles import PANEL, require_role

WORKBOOK, PANEL_FILE, REPORT = "workbook", "panel", "report"
KINDS = (WORKBOOK, PANEL_FILE, REPORT)

# Told before each output is written: (kind, index from 0, how many are written).
Step = Callable[[str, int, int], None]


def now() -> datetime:
    """The time an export is stamped with (one place, so tests can fix it)."""
    return datetime.now().astimezone().replace(microsecond=0)


def default_names(batch_id: str) -> dict[str, str]:
    """The file names an export uses unless told otherwise."""
    return {
        WORKBOOK: f"{batch_id}-results.xlsx",
        PANEL_FILE: f"{batch_id}.espanel",
        REPORT: f"{batch_id}-report.pdf",
    }


def write_workbook(
    outcome: PanelOutcome, out: Path, at: datetime | None = None, recipients: Sequence[str] = ()
) -> Path:
    """The results workbook, encrypted to ``recipients`` (``age``) when any are given."""

    def write(target: Path) -> Path:
        return write_results_workbook(
            target, outcome, generated=(at or now()).isoformat(timespec="seconds")
        )

    return write_sealed(out, recipients, write) if recipients else write(out)


def write_panel(
    outcome: PanelOutcome,
    out: Path,
    key: ExpertKey,
    at: datetime | None = None,
    recipients: Sequence[str] = (),
) -> Path:
    return write_panel_file(
        out,
        outcome,
        key,
        created_at=(at or now()).isoformat(timespec="seconds"),
        recipients=recipients,
    )


def write_report_pdf(
    outcome: PanelOutcome, out: Path, at: datetime | None = None, recipients: Sequence[str] = ()
) -> Path:
    """The PDF report, encrypted to ``recipients`` (``age``) when any are given."""

    def write(target: Path) -> Path:
        return write_report(target, outcome, generated=at or now())

    return write_sealed(out, recipients, write) if recipients else write(out)


def export_all(
    outcome: PanelOutcome,
    out_dir: Path,
    key: ExpertKey | None,
    *,
    names: Mapping[str, str] | None = None,
    at: datetime | None = None,
    step: Step = lambda _kind, _index, _count: None,
    recipients: Sequence[str] = (),
    sealed: Collection[str] = (PANEL_FILE,),
) -> dict[str, Path]:
    """Write the workbook, the panel file (only with a ``key``) and the report into ``out_dir``.

    The outputs of the kinds ``sealed`` (by default the panel file alone) are encrypted to
    ``recipients`` (the authority's) when any are given.

    Returns the paths written by kind. All three carry the same time ``at``.
    """
    if key is not None:  # before any file is written: a wrong key leaves nothing half-done
        require_role(key.info, PANEL)
    at = at or now()
    chosen = {**default_names(outcome.package.manifest.batch.id), **(names or {})}
    kinds = [kind for kind in KINDS if kind != PANEL_FILE or key is not None]
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for index, kind in enumerate(kinds):
        step(kind, index, len(kinds))
        out = out_dir / chosen[kind]
        to = recipients if kind in sealed else ()
        if kind == WORKBOOK:
            written[kind] = write_workbook(outcome, out, at, to)
        elif kind == PANEL_FILE:
            assert key is not None  # kinds holds the panel file only with a key
            written[kind] = write_panel(outcome, out, key, at, to)
        else:
            written[kind] = write_report_pdf(outcome, out, at, to)
    step("", len(kinds), len(kinds))
    return written
