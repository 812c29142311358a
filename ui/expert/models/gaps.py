"""The "what is missing" list: every assigned indicator without a score."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from expertscore.scoring.service import Gap
from ui.plaintext import plain_roles

SUBMISSION, CODE, NAME = range(3)
COLUMNS = 3
GAP_ROLE = Qt.ItemDataRole.UserRole + 1  # the core's Gap

Index = QModelIndex | QPersistentModelIndex


class GapsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._gaps: list[Gap] = []
        self._platforms: dict[str, str] = {}

    def set_gaps(self, gaps: list[Gap], platforms: dict[str, str]) -> None:
        self.beginResetModel()
        self._gaps = list(gaps)
        self._platforms = dict(platforms)
        self.endResetModel()

    def gap(self, row: int) -> Gap:
        return self._gaps[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._gaps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    @plain_roles
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            SUBMISSION: self.tr("Submission"),
            CODE: self.tr("Code"),
            NAME: self.tr("Indicator"),
        }.get(section)

    @plain_roles
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._gaps):
            return None
        gap = self._gaps[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == SUBMISSION:
                platform = self._platforms.get(gap.submission)
                return f"{gap.submission} {platform}" if platform else gap.submission
            if index.column() == CODE:
                return gap.indicator
            if index.column() == NAME:
                return gap.name
        if role == GAP_ROLE:
            return gap
        return None
