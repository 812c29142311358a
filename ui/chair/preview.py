"""The dry run of a merge, grouped by outcome: accepted, replaced, unchanged, refused.

A two-level tree: the four outcome groups (always shown, with their counts), and under
each the files the core's ``plan`` put there, with the expert, the result's number and the
reason. Refused files are listed with the reason and are never counted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from expertscore.chair.merge import ACCEPTED, REFUSED, REPLACED, UNCHANGED, Decision, summary
from ui.chair.texts import OUTCOMES, decision_text, outcome_label
from ui.plaintext import plain_roles

Index = QModelIndex | QPersistentModelIndex

FILE, EXPERT, SEQUENCE, REASON = range(4)
COLUMNS = 4
DECISION_ROLE = Qt.ItemDataRole.UserRole + 1  # the core's Decision (file rows)
OUTCOME_ROLE = Qt.ItemDataRole.UserRole + 2  # the outcome of the row or group

OUTCOME_COLORS = {
    ACCEPTED: QColor("#15803d"),
    REPLACED: QColor("#1d4ed8"),
    UNCHANGED: QColor("#6b7280"),
    REFUSED: QColor("#b91c1c"),
}
_TOP = 0  # internal id of a group row; a file row's id is its group's position + 1


class MergePreviewModel(QAbstractItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._groups: dict[str, list[Decision]] = {outcome: [] for outcome in OUTCOMES}
        self._names: dict[str, str] = {}

    def set_decisions(self, decisions: list[Decision], names: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self._groups = summary(decisions)
        self._names = dict(names or {})
        self.endResetModel()

    def counts(self) -> dict[str, int]:
        return {outcome: len(items) for outcome, items in self._groups.items()}

    def decisions(self, outcome: str) -> list[Decision]:
        return list(self._groups.get(outcome, []))

    def group_index(self, outcome: str) -> QModelIndex:
        return self.index(OUTCOMES.index(outcome), 0)

    # --- Qt's model interface ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        if parent.internalId() == _TOP:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(OUTCOMES)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._groups[OUTCOMES[parent.row()]])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return COLUMNS

    @plain_roles
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            FILE: self.tr("File"),
            EXPERT: self.tr("Expert"),
            SEQUENCE: self.tr("Result no."),
            REASON: self.tr("Reason"),
        }.get(section)

    @plain_roles
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._group_data(OUTCOMES[index.row()], index.column(), role)
        outcome = OUTCOMES[index.internalId() - 1]
        items = self._groups[outcome]
        if not 0 <= index.row() < len(items):
            return None
        return self._file_data(items[index.row()], index.column(), role)

    def _group_data(self, outcome: str, column: int, role: int) -> Any:
        if role == OUTCOME_ROLE:
            return outcome
        if column != FILE:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr("{outcome} ({count})").format(
                outcome=outcome_label(outcome), count=len(self._groups[outcome])
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            return OUTCOME_COLORS[outcome]
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _file_data(self, decision: Decision, column: int, role: int) -> Any:
        if role == DECISION_ROLE:
            return decision
        if role == OUTCOME_ROLE:
            return decision.outcome
        if role == Qt.ItemDataRole.ForegroundRole and column == REASON:
            return OUTCOME_COLORS[decision.outcome] if decision.outcome == REFUSED else None
        if role == Qt.ItemDataRole.ToolTipRole and column in (FILE, REASON):
            return decision.source if column == FILE else decision_text(decision)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == FILE:
            return Path(decision.source).name
        if column == EXPERT:
            if decision.expert is None:
                return ""
            name = self._names.get(decision.expert)
            return f"{decision.expert} {name}" if name else decision.expert
        if column == SEQUENCE:
            return "" if decision.sequence is None else str(decision.sequence)
        return decision_text(decision)
