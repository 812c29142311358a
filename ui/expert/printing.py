"""Printing a PDF on a ``QPrinter``: each page rendered by QtPdf and drawn to fit the paper.

Runs on the UI thread (``QPainter`` on a printer belongs to it). Pages are rendered at the
printer's resolution, but at most ``MAX_DPI``: an A4 page at 1200 dpi would be a 550 MB
image, while 300 dpi is a sharp print of the sheets' text and QR code at 35 MB a page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from expertscore.errors import ExpertScoreError

MAX_DPI = 300
POINTS_PER_INCH = 72.0


class PrintError(ExpertScoreError):
    """The PDF could not be read or the printer could not be started."""


def open_pdf(path: Path) -> QPdfDocument:
    document = QPdfDocument()
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_ or document.pageCount() == 0:
        raise PrintError(f"{path}: cannot read the PDF ({error.name})")
    return document


def prepare_printer(printer: QPrinter, document: QPdfDocument) -> None:
    """Paper as the PDF's first page (A4 for the sheets), no margins: the sheets have theirs."""
    size = document.pagePointSize(0)
    orientation = (
        QPageLayout.Orientation.Landscape
        if size.width() > size.height()
        else QPageLayout.Orientation.Portrait
    )
    portrait = QSizeF(min(size.width(), size.height()), max(size.width(), size.height()))
    printer.setPageSize(QPageSize(portrait, QPageSize.Unit.Point))
    printer.setPageOrientation(orientation)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def fitted(page: QSizeF, paper: QRectF) -> QRectF:
    """``page`` scaled to fit ``paper`` keeping its shape, centred."""
    scale = min(paper.width() / page.width(), paper.height() / page.height())
    width, height = page.width() * scale, page.height() * scale
    return QRectF(
        paper.x() + (paper.width() - width) / 2,
        paper.y() + (paper.height() - height) / 2,
        width,
        height,
    )


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page of ``document``; returns the number of pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("the printer could not be started")
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        paper.moveTo(0, 0)  # full-page mode: the painter's origin is the paper's corner
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            points = document.pagePointSize(page)
            pixels = QSize(
                round(points.width() * dpi / POINTS_PER_INCH),
                round(points.height() * dpi / POINTS_PER_INCH),
            )
            image = document.render(page, pixels)
            painter.drawImage(fitted(points, paper), image)
        return document.pageCount()
    finally:
        painter.end()
