"""The chair's three outputs from one picture of a merge folder: workbook, panel file, report.

The chair window, ``expertscore chair export`` and the demo all call these functions, so
the same merge folder gives the same files whichever way they are made. ``at`` is the one
time printed in all three (the workbook's 生成 row, the panel file's ``created_at``, the
report's cover date); by default it is taken once, now, so one export is one moment.
Each writer writes atomically: a failed export leaves no half-written file. Runs on the
calling thread; a ``ChairSnapshot`` is only read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

from expertscore.batch.package import OpenedPackage
from expertscore.batch.sealed_package import write_sealed
from expertscore.chair.aggregate import PanelInput, PanelResult
from expertscore.chair.decisions import Decisions
from expertscore.chair.member_notes import Notes
from expertscore.chair.panel import Gap
from expertscore.chair.panel_advice import Advice, advice_of
from expertscore.chair.panel_file import input_files, write_panel_file
from expertscore.chair.report_pdf import write_report
from expertscore.chair.session import ChairRun
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


@dataclass(frozen=True, eq=False)
class ChairSnapshot:
    """A merge folder opened and aggregated once: what every output is written from."""

    run: ChairRun
    inp: PanelInput
    result: PanelResult
    gaps: list[Gap]
    audit: list[dict]
    notes: Notes = field(default_factory=Notes)

    @classmethod
    def of(cls, run: ChairRun) -> ChairSnapshot:
        inp, result = run.results()
        return cls(run, inp, result, run.gaps(), run.audit(), run.notes(result))

    @cached_property
    def advice(self) -> Advice:
        """The chair's advice on the panel: the workbook's sheet, the report's page, the tab."""
        return advice_of(self.run.package.scheme, self.inp, self.result)

    def shown(
        self,
    ) -> tuple[OpenedPackage, PanelInput, PanelResult, Decisions, list[Gap], list[dict]]:
        """What the workbook and the report both show: package to audit log, in that order."""
        run = self.run
        return (run.package, self.inp, self.result, run.decisions, self.gaps, self.audit)


def default_names(batch_id: str) -> dict[str, str]:
    """The file names an export uses unless told otherwise."""
    return {
        WORKBOOK: f"{batch_id}-results.xlsx",
        PANEL_FILE: f"{batch_id}.espanel",
        REPORT: f"{batch_id}-report.pdf",
    }


def write_workbook(
    snap: ChairSnapshot, out: Path, at: datetime | None = None, recipients: Sequence[str] = ()
) -> Path:
    """The results workbook, encrypted to ``recipients`` (``age``) when any are given."""

    def write(target: Path) -> Path:
        return write_results_workbook(
            target,
            *snap.shown(),
            inputs=input_files(snap.run.folder),
            generated=(at or now()).isoformat(timespec="seconds"),
            notes=snap.notes,
            advice=snap.advice,
        )

    return write_sealed(out, recipients, write) if recipients else write(out)


def write_panel(
    snap: ChairSnapshot,
    out: Path,
    key: ExpertKey,
    at: datetime | None = None,
    recipients: Sequence[str] = (),
) -> Path:
    run = snap.run
    return write_panel_file(
        out,
        run.package,
        run.folder,
        snap.inp,
        snap.result,
        run.decisions,
        key,
        created_at=(at or now()).isoformat(timespec="seconds"),
        recipients=recipients,
    )


def write_report_pdf(
    snap: ChairSnapshot, out: Path, at: datetime | None = None, recipients: Sequence[str] = ()
) -> Path:
    """The PDF report, encrypted to ``recipients`` (``age``) when any are given."""

    def write(target: Path) -> Path:
        return write_report(
            target,
            *snap.shown(),
            snap.run.folder.accepted,
            generated=at or now(),
            notes=snap.notes,
            advice=snap.advice,
        )

    return write_sealed(out, recipients, write) if recipients else write(out)


def export_all(
    snap: ChairSnapshot,
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
    chosen = {**default_names(snap.run.package.manifest.batch.id), **(names or {})}
    kinds = [kind for kind in KINDS if kind != PANEL_FILE or key is not None]
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for index, kind in enumerate(kinds):
        step(kind, index, len(kinds))
        out = out_dir / chosen[kind]
        to = recipients if kind in sealed else ()
        if kind == WORKBOOK:
            written[kind] = write_workbook(snap, out, at, to)
        elif kind == PANEL_FILE:
            assert key is not None  # kinds holds the panel file only with a key
            written[kind] = write_panel(snap, out, key, at, to)
        else:
            written[kind] = write_report_pdf(snap, out, at, to)
    step("", len(kinds), len(kinds))
    return written
