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


def type_name(kind: FileType) -> str:
    """The real type, in words (``a program``)."""
    translate = QCoreApplication.translate
    names = {
        "pdf": translate("EvidenceTypes", "a PDF document"),
        "png": translate("EvidenceTypes", "a PNG picture"),
        "jpeg": translate("EvidenceTypes", "a JPEG picture"),
        "gif": translate("EvidenceTypes", "a GIF picture"),
        "xlsx": translate("EvidenceTypes", "an Excel workbook"),
        "docx": translate("EvidenceTypes", "a Word document"),
        "pptx": translate("EvidenceTypes", "a PowerPoint presentation"),
        "xlsm": translate("EvidenceTypes", "an Excel workbook with macros"),
        "office-macro": translate("EvidenceTypes", "an Office document with macros"),
        "old-office": translate("EvidenceTypes", "an old-format Office document"),
        "zip": translate("EvidenceTypes", "a zip archive"),
        "broken-zip": translate("EvidenceTypes", "a damaged zip-based file"),
        "program": translate("EvidenceTypes", "a program"),
        "script": translate("EvidenceTypes", "a script"),
        "html": translate("EvidenceTypes", "a web page (HTML)"),
        "svg": translate("EvidenceTypes", "an SVG drawing"),
        "xml": translate("EvidenceTypes", "an XML file"),
        "text": translate("EvidenceTypes", "a text file"),
    }
    return names.get(kind.key) or translate("EvidenceTypes", "a file of unknown type")


def too_large_text(error: TooLarge) -> str:
    translate = QCoreApplication.translate
    what = {
        "rows": translate("EvidenceTypes", "{size} rows (at most {limit} are shown)"),
        "columns": translate("EvidenceTypes", "{size} columns (at most {limit} are shown)"),
        "cells": translate("EvidenceTypes", "{size} cells (at most {limit} are shown)"),
        "pixels": translate("EvidenceTypes", "{size} pixels (at most {limit} are shown)"),
        "bytes": translate("EvidenceTypes", "{size} bytes (at most {limit} are read)"),
    }[error.what].format(size=f"{error.size:,}", limit=f"{error.limit:,}")
    text = translate("EvidenceTypes", "This file is too large to be shown here: {what}.")
    return text.format(what=what)


def cannot_show(error: BaseException) -> str:
    reason = getattr(error, "reason", None) or str(error) or type(error).__name__
    text = QCoreApplication.translate(
        "EvidenceTypes",
        "This file cannot be shown here: it is damaged or not what it claims ({reason}).",
    )
    return text.format(reason=reason)


def _box(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> QMessageBox:
    title = QCoreApplication.translate("EvidenceTypes", "Open in the system's program")
    box = QMessageBox(icon, title, "", parent=parent)
    box.setObjectName("openOutsideBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # the file's title is the operator's text
    box.setText(text)
    return box


def open_outside(
    parent: QWidget | None, record: EvidenceRecord, data: bytes, folder: Path
) -> Path | None:
    """Ask, then write ``data`` to a copy to open; ``None`` when refused, declined or
    unwritable."""
    title = shown(record.title or record.filename, 200)
    kind = sniff(data)
    if not kind.openable:
        allowed = ", ".join(type_name(t) for t in filetypes.OPENABLE)
        text = QCoreApplication.translate(
            "EvidenceTypes",
            "“{title}” is {type} by its content. ExpertScore opens only these types outside"
            " the program: {allowed}.",
        ).format(title=title, type=type_name(kind), allowed=allowed)
        _box(parent, QMessageBox.Icon.Warning, text).exec()
        return None
    text = QCoreApplication.translate(
        "EvidenceTypes",
        "Open “{title}” in the system's program? By its content it is {type}; a copy named"
        " by that type is opened, not the operator's file name.",
    ).format(title=title, type=type_name(kind))
    box = _box(parent, QMessageBox.Icon.Question, text)
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    if box.exec() != QMessageBox.StandardButton.Open:
        return None
    try:
        return export_copy(data, folder / "open", record.filename, kind)
    except OSError as error:
        _box(parent, QMessageBox.Icon.Warning, cannot_show(error)).exec()
        return None
