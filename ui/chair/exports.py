"""Writing the chair's outputs on the worker thread: workbook, signed panel file, report.

Each export takes the window's current ``ChairState`` (which nobody changes) and calls the
core's writer, which writes atomically: a failed export leaves no half-written file.
``exported`` reports the kind and the path written, ``failed`` one translated line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from expertscore.chair.panel_file import input_files, write_panel_file
from expertscore.chair.report_pdf import write_report
from expertscore.chair.workbook import write_results_workbook
from expertscore.identity.keys import ExpertKey
from ui.chair.state import ChairState
from ui.chair.texts import failure_text
from ui.tasks import BackgroundOp

WORKBOOK, PANEL_FILE, REPORT = "workbook", "panel", "report"


def default_name(state: ChairState, kind: str) -> Path:
    batch = state.package.manifest.batch.id
    names = {
        WORKBOOK: f"{batch}-results.xlsx",
        PANEL_FILE: f"{batch}.espanel",
        REPORT: f"{batch}-report.pdf",
    }
    return state.folder / names[kind]


class Exporter(QObject):
    exported = Signal(str, object)  # kind, Path
    failed = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.widget = parent

    def workbook(self, state: ChairState, out: Path) -> BackgroundOp:
        def write(_report) -> Path:
            return write_results_workbook(
                out,
                state.package,
                state.inp,
                state.result,
                state.decisions,
                state.gaps,
                state.audit,
                inputs=input_files(state.run.folder),
            )

        return self._run(WORKBOOK, out, write, self.tr("Writing the results workbook…"))

    def panel_file(self, state: ChairState, out: Path, key: ExpertKey) -> BackgroundOp:
        def write(_report) -> Path:
            return write_panel_file(
                out,
                state.package,
                state.run.folder,
                state.inp,
                state.result,
                state.decisions,
                key,
            )

        return self._run(PANEL_FILE, out, write, self.tr("Signing the panel results file…"))

    def report(self, state: ChairState, out: Path) -> BackgroundOp:
        def write(_report) -> Path:
            return write_report(
                out,
                state.package,
                state.inp,
                state.result,
                state.decisions,
                state.gaps,
                state.audit,
                state.run.folder.accepted,
            )

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
