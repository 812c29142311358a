"""The evidence files of a submission, those linked to the current indicator first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QIcon

from expertscore.storage.evidence import EvidenceRecord, linked_first
from ui.plaintext import shown, tip

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the EvidenceRecord
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # evidence id
LINKED_ROLE = Qt.ItemDataRole.UserRole + 3  # True when linked to the current indicator
NAME_LIMIT = 300  # characters of a title and file name in the list (the rest is cut)

Index = QModelIndex | QPersistentModelIndex


def kind_of(media_type: str) -> str:
    """The viewer that shows a media type: pdf, image, text, table or other."""
    if media_type == "application/pdf":
        return "pdf"
    if media_type.startswith("image/"):
        return "image"
    if media_type.startswith("text/") or media_type in ("application/json", "application/xml"):
        return "text"
    if media_type in (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel.sheet.macroEnabled.12",
    ):
        return "table"
    return "other"


def size_text(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


class EvidenceListModel(QAbstractListModel):
    def __init__(self, icons: dict[str, QIcon] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._records: list[EvidenceRecord] = []
        self._indicator: str | None = None
        self._icons = icons or {}
        self._bold = QFont()
        self._bold.setBold(True)

    def set_records(self, records: list[EvidenceRecord], indicator: str | None) -> None:
        ordered = linked_first(records, indicator)
        if ordered == self._records and indicator == self._indicator:
            return
        self.beginResetModel()
        self._records = ordered
        self._indicator = indicator
        self.endResetModel()

    def record(self, row: int) -> EvidenceRecord:
        return self._records[row]

    def records(self) -> list[EvidenceRecord]:
        return list(self._records)

    def row_of(self, evidence_id: str) -> int:
        for row, record in enumerate(self._records):
            if record.id == evidence_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        linked = record.supports(self._indicator)
        if role == Qt.ItemDataRole.DisplayRole:
            if not record.title or record.filename.startswith(record.title):
                return shown(record.filename, NAME_LIMIT)
            return shown(f"{record.title} ({record.filename})", NAME_LIMIT)
        if role == Qt.ItemDataRole.ToolTipRole:
            codes = ", ".join(record.indicators) or "—"
            return tip(
                self.tr("{file}, {size}\nSupports: {codes}").format(
                    file=record.filename, size=size_text(record.size), codes=codes
                )
            )
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(kind_of(record.media_type))
        if role == Qt.ItemDataRole.FontRole and linked:
            return self._bold
        if role == RECORD_ROLE:
            return record
        if role == ID_ROLE:
            return record.id
        if role == LINKED_ROLE:
            return linked
        return None
