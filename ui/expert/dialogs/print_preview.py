"""Print preview of the scoring sheets: choose which, look at the pages, save or print them.

The sheets are rendered by the core (``expertscore.reports.sheets``) on the worker into a
temporary folder that lives as long as the dialog; the preview is the evidence viewer's
PDF pane. "Save as PDF…" copies the rendered file; "Print…" draws its pages on the
printer chosen in the system's print dialog (``ui.expert.printing``).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTemporaryDir, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertscore.errors import ExpertScoreError
from ui.evidence.pdf import PdfPane
from ui.evidence.pdfsource import PdfError, QPdfDocument
from ui.messages import error_text
from ui.tasks import BackgroundOp, Report

if TYPE_CHECKING:  # the PDF renderer loads only when a sheet is printed
    from expertscore.reports.pdfbase import Printed

RenderSheets = Callable[[str, Path], "Printed"]  # (choice, out) -> what was written; on the worker

FILLED_CURRENT, FILLED_ALL, BLANK_CURRENT, BLANK_ALL = (
    "filled-current",
    "filled-all",
    "blank-current",
    "blank-all",
)


class PrintPreviewDialog(QDialog):
    rendered = Signal(int)  # pages of the sheets now shown

    def __init__(
        self,
        render: RenderSheets,
        choices: list[tuple[str, str]],
        initial: str,
        save_to: Path,
        note: str,
        parent: QWidget | None = None,
    ) -> None:
        """``choices`` are (choice, label); ``save_to`` the suggested PDF; ``note`` says
        which result digest and key the filled sheets carry."""
        super().__init__(parent)
        self.setObjectName("printPreviewDialog")
        self.setWindowTitle(self.tr("Print scoring sheets"))
        self.render_sheets = render
        self.save_to = save_to
        self.folder = QTemporaryDir()
        self.printed: Printed | None = None
        self._renders = 0
        self._build(choices, note)
        index = self.choice.findData(initial)
        self.choice.setCurrentIndex(max(0, index))
        self.choice.currentIndexChanged.connect(lambda _index: self.refresh())
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(900, screen.width() - 40), min(980, screen.height() - 60))
        self.refresh()

    def _build(self, choices: list[tuple[str, str]], note: str) -> None:
        self.choice = QComboBox(self)
        self.choice.setObjectName("sheetChoice")
        for key, label in choices:
            self.choice.addItem(label, key)
        self.status = QLabel(self)
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("&Print:"), self))
        top.itemAt(0).widget().setBuddy(self.choice)
        top.addWidget(self.choice)
        top.addWidget(self.status, 1)
        self.note = QLabel(note, self)
        self.note.setObjectName("previewNote")
        self.note.setWordWrap(True)
        self.pane = PdfPane(self)
        self.pane.setObjectName("previewPane")
        self.save_button = QPushButton(self.tr("Save as PDF…"), self)
        self.save_button.setObjectName("savePdf")
        self.save_button.clicked.connect(self._save_clicked)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("printSheets")
        self.print_button.clicked.connect(self._print_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.pane, 1)
        layout.addWidget(buttons)

    # --- rendering -------------------------------------------------------------------------

    def current_choice(self) -> str:
        return str(self.choice.currentData())

    def refresh(self) -> None:
        """Render the chosen sheets (on the worker) and show them."""
        self._renders += 1
        out = Path(self.folder.path()) / f"sheets-{self._renders}.pdf"
        choice = self.current_choice()
        self.note.setVisible(choice in (FILLED_CURRENT, FILLED_ALL))  # blank sheets carry none
        self.printed = None
        self._enable(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Preparing the sheets…"))

        def work(_report: Report) -> Printed:
            return self.render_sheets(choice, out)

        BackgroundOp(self, work).success(
            lambda printed, number=self._renders: self._rendered(number, printed)
        ).failure(lambda error, number=self._renders: self._failed(number, error)).run()

    def done(self, result: int) -> None:
        # A rendering still under way when the dialog closes (Esc) finds nothing to fill.
        self._renders += 1
        super().done(result)

    def _rendered(self, number: int, printed: Printed) -> None:
        if number != self._renders:
            return  # the expert chose something else meanwhile
        try:
            self.pane.load(printed.path.read_bytes())  # our own sheets, read into memory
        except (PdfError, OSError) as error:
            self._failed(number, error)
            return
        self.printed = printed
        self.status.setText(self.tr("{pages} pages").format(pages=printed.pages))
        self._enable(True)
        self.rendered.emit(printed.pages)

    def _failed(self, number: int, error: BaseException) -> None:
        if number != self._renders:
            return
        if not isinstance(error, ExpertScoreError | OSError | PdfError):
            raise error
        self.pane.canvas.clear()
        self.status.setStyleSheet("color: #b91c1c;")
        self.status.setText(error_text(error))
        self._enable(False)

    def _enable(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready and QPdfDocument is not None)
        if QPdfDocument is None:
            self.print_button.setToolTip(self.tr("Printing needs QtPdf (the PySide6-Pdf wheel)."))

    # --- saving and printing ---------------------------------------------------------------

    def save_as(self, target: Path) -> Path:
        """Copy the rendered sheets to ``target`` (replaced only when the copy is whole)."""
        assert self.printed is not None
        temp = target.with_name(f".{target.name}.part")
        shutil.copyfile(self.printed.path, temp)
        temp.replace(target)
        return target

    def _save_clicked(self) -> None:
        if self.printed is None:
            return
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save sheets as PDF"), str(self.save_to), self.tr("PDF files (*.pdf)")
        )
        if not chosen:
            return
        try:
            target = self.save_as(Path(chosen))
        except OSError as error:
            self._failed(self._renders, error)
            return
        self.save_to = target
        self.status.setText(self.tr("Saved to {path}").format(path=target))

    def _print_clicked(self) -> None:
        if self.printed is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from ui.expert.printing import PrintError, open_pdf, prepare_printer, print_pdf

        try:
            document = open_pdf(self.printed.path)
        except PrintError as error:
            self._failed(self._renders, error)
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.save_to.stem)
        prepare_printer(printer, document)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print scoring sheets"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.status.setText(self.tr("Printing…"))
        QApplication.processEvents()
        try:
            pages = print_pdf(document, printer)
        except PrintError as error:
            self._failed(self._renders, error)
            return
        self.status.setText(self.tr("{pages} pages sent to the printer").format(pages=pages))
