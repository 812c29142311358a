"""Writing the chair's outputs on the worker thread: workbook, signed panel file, report.

Each export takes the panel outcome of the window's current ``ChairState`` (which nobody
changes) and calls the core's writer, which writes atomically: a failed export leaves no
half-written file.
``exported`` reports the kind and the path written, ``failed`` one translated line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from expertscore.chair.outputs import (
    PANEL_FILE,
    REPORT,
    WORKBOOK,
    default_names,
    write_panel,
    write_report_pdf,
    write_workbook,
)
from expertscore.identity.keys import ExpertKey
from ui.chair.state import ChairState
from ui.chair.texts import failure_text
from ui.tasks import BackgroundOp

__all__ = ["PANEL_FILE", "REPORT", "WORKBOOK", "Exporter", "default_name"]


def default_name(state: ChairState, kind: str) -> Path:
    return state.folder / default_names(state.package.manifest.batch.id)[kind]


class Exporter(QObject):
    """The window's exports: the core's writers (as ``chair export`` uses) on the worker."""

    exported = Signal(str, object)  # kind, Path
    failed = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.widget = parent

    def workbook(
        self, state: ChairState, out: Path, recipients: Sequence[str] = ()
    ) -> BackgroundOp:
        def write(_report) -> Path:
            return write_workbook(state.outcome, out, recipients=recipients)

        return self._run(WORKBOOK, out, write, self.tr("Writing the results workbook…"))

    def panel_file(
        self, state: ChairState, out: Path, key: ExpertKey, recipients: Sequence[str] = ()
    ) -> BackgroundOp:
        """Sign and write the panel file, encrypted to ``recipients`` (the authority's) when
        any are given, as ``chair export --encrypt-to`` writes it."""

        def write(_report) -> Path:
            return write_panel(state.outcome, out, key, recipients=recipients)

        return self._run(PANEL_FILE, out, write, self.tr("Signing the panel results file…"))

    def report(self, state: ChairState, out: Path, recipients: Sequence[str] = ()) -> BackgroundOp:
        def write(_report) -> Path:
            return write_report_pdf(state.outcome, out, recipients=recipients)

        return self._run(REPORT, out, write, self.tr("Writing the PDF report…"))

    def _run(self, kind: str, out: Path, write, title: str) -> BackgroundOp:
        def work(report) -> Path:
            out.parent.mkdir(parents=True, exist_ok=True)  # a new folder chosen for outputs
            return write(report)

        def failed(error: BaseException) -> None:
            self.failed.emit(failure_text(error))

        return (
            BackgroundOp(self.widget, work)
            .with_progress(title)
            .success(lambda path: self.exported.emit(kind, Path(path)))
            .failure(failed)
            .run()
        )
