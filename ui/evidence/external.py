"""Words for evidence types and problems, and opening a file in the system's program.

``open_outside`` decides by the file's content (``filetypes.sniff``), never its name: an
allowed document type is confirmed with the chair or expert, naming its real type, and
copied under a safe name with the real type's extension (marked as downloaded on
Windows); anything else (programs, scripts, macro-enabled workbooks, HTML, SVG, ...) is
refused with its real type named.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from expertscore import filetypes
from expertscore.filetypes import FileType, export_copy, sniff
from expertscore.storage.evidence import EvidenceRecord
from ui.evidence.loading import TooLarge
from ui.plaintext import shown


def _tr(text: str) -> str:
    return QCoreApplication.translate("EvidenceTypes", text)


def type_name(kind: FileType) -> str:
    """The real type, in words (``a Windows or Linux program``)."""
    names = {
        "pdf": _tr("a PDF document"),
        "png": _tr("a PNG picture"),
        "jpeg": _tr("a JPEG picture"),
        "gif": _tr("a GIF picture"),
        "xlsx": _tr("an Excel workbook"),
        "docx": _tr("a Word document"),
        "pptx": _tr("a PowerPoint presentation"),
        "xlsm": _tr("an Excel workbook with macros"),
        "office-macro": _tr("an Office document with macros"),
        "old-office": _tr("an old-format Office document (it may carry macros)"),
        "zip": _tr("a zip archive"),
        "broken-zip": _tr("a damaged zip-based file"),
        "program": _tr("a program"),
        "script": _tr("a script"),
        "html": _tr("a web page (HTML)"),
        "svg": _tr("an SVG drawing"),
        "xml": _tr("an XML file"),
        "text": _tr("a text file"),
    }
    return names.get(kind.key, _tr("a file of unknown type"))


def too_large_text(error: TooLarge) -> str:
    what = {
        "rows": _tr("{size} rows (this viewer shows at most {limit})"),
        "columns": _tr("{size} columns (this viewer shows at most {limit})"),
        "cells": _tr("{size} cells (this viewer shows at most {limit})"),
        "pixels": _tr("{size} pixels (this viewer shows at most {limit})"),
        "bytes": _tr("{size} bytes (this viewer reads at most {limit})"),
    }[error.what].format(size=f"{error.size:,}", limit=f"{error.limit:,}")
    return _tr("This file is too large to be shown here: {what}.").format(what=what)


def cannot_show(error: BaseException) -> str:
    reason = getattr(error, "reason", None) or str(error) or type(error).__name__
    return _tr(
        "This file cannot be shown here: it is damaged or not what it claims ({reason})."
    ).format(reason=reason)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> QMessageBox:
    box = QMessageBox(icon, _tr("Open in the system's program"), "", parent=parent)
    box.setObjectName("openOutsideBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the file's title is the operator's text
    box.setText(text)
    return box


def open_outside(
    parent: QWidget | None, record: EvidenceRecord, path: Path, folder: Path
) -> Path | None:
    """Ask, then copy ``path`` to open it; ``None`` when refused, declined or unreadable."""
    title = shown(record.title or record.filename, 200)
    try:
        kind = sniff(path)
    except OSError as error:
        _box(parent, QMessageBox.Icon.Warning, cannot_show(error)).exec()
        return None
    if not kind.openable:
        allowed = ", ".join(type_name(t) for t in filetypes.OPENABLE)
        text = _tr(
            "“{title}” is {type} by its content. ExpertScore opens only these types outside"
            " the program: {allowed}."
        ).format(title=title, type=type_name(kind), allowed=allowed)
        _box(parent, QMessageBox.Icon.Warning, text).exec()
        return None
    text = _tr(
        "Open “{title}” in the system's program? By its content it is {type}; a copy named"
        " by that type is opened, not the operator's file name."
    ).format(title=title, type=type_name(kind))
    box = _box(parent, QMessageBox.Icon.Question, text)
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if box.exec() != QMessageBox.StandardButton.Open:
        return None
    try:
        return export_copy(path, folder / "open", record.filename, kind)
    except OSError as error:
        _box(parent, QMessageBox.Icon.Warning, cannot_show(error)).exec()
        return None
