"""The expert's submissions as a table model, and the proxy that filters and searches it.

Rows are the core's ``SubmissionRow`` records, in batch order. After an edit only the
changed row is replaced (``update_row``), so the view keeps its selection and scroll.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QIcon

from expertscore.scoring.service import (
    COMPLETE,
    IN_PROGRESS,
    NOT_STARTED,
    RECUSED,
    SubmissionRow,
)
from expertscore.vocabulary import Progress
from expertscore.wording.labels import label
from ui.plaintext import shown, tip

ID, PLATFORM, STATE, PROGRESS = range(4)
COLUMNS = 4

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the SubmissionRow
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # submission id
STATE_ROLE = Qt.ItemDataRole.UserRole + 3  # not_started / in_progress / complete / recused
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 4  # scored share, 0.0 .. 1.0
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 5  # the text a search looks in

STATES = (NOT_STARTED, IN_PROGRESS, COMPLETE, RECUSED)
STATE_COLORS = {
    NOT_STARTED: QColor("#6b7280"),
    IN_PROGRESS: QColor("#b45309"),
    COMPLETE: QColor("#15803d"),
    RECUSED: QColor("#b91c1c"),
}

Index = QModelIndex | QPersistentModelIndex

# The view asks for every role of every visible cell on each paint (and a switch that
# scrolls the table repaints all of it), through Python: plain ints, and the roles this
# model answers checked first, keep those calls cheap.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
DECORATION = int(Qt.ItemDataRole.DecorationRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
ANSWERED = frozenset(
    {DISPLAY, TOOLTIP, FOREGROUND, DECORATION, ALIGNMENT}
    | {int(r) for r in (ROW_ROLE, ID_ROLE, STATE_ROLE, PROGRESS_ROLE, SEARCH_ROLE)}
)
CENTER = int(Qt.AlignmentFlag.AlignCenter)


def state_label(state: str) -> str:
    return label(Progress, state)


class SubmissionListModel(QAbstractTableModel):
    def __init__(self, icons: dict[str, QIcon] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[SubmissionRow] = []
        self._position: dict[str, int] = {}
        self._icons = icons or {}

    # --- content ---------------------------------------------------------------------

    def set_rows(self, rows: list[SubmissionRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._position = {row.id: index for index, row in enumerate(self._rows)}
        self.endResetModel()

    def update_row(self, row: SubmissionRow) -> None:
        position = self._position.get(row.id)
        if position is None:
            return
        if self._rows[position] == row:
            return
        self._rows[position] = row
        self.dataChanged.emit(self.index(position, 0), self.index(position, COLUMNS - 1))

    def row_of(self, submission_id: str) -> int:
        return self._position.get(submission_id, -1)

    def submission(self, row: int) -> SubmissionRow:
        return self._rows[row]

    def ids(self) -> list[str]:
        return [row.id for row in self._rows]

    # --- QAbstractTableModel -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # The base class asks rowCount and columnCount (two calls into Python) each time.
        if 0 <= row < len(self._rows) and 0 <= column < COLUMNS and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            ID: self.tr("No."),
            PLATFORM: self.tr("Platform"),
            STATE: self.tr("State"),
            PROGRESS: self.tr("Progress"),
        }.get(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED:
            return None
        position = index.row()  # -1 for an invalid index
        if not 0 <= position < len(self._rows):
            return None
        row = self._rows[position]
        column = index.column()
        if role == DISPLAY:
            if column == ID:
                return row.id
            if column == PLATFORM:
                return shown(row.platform)
            if column == STATE:
                return state_label(row.state)
            if column == PROGRESS:
                return f"{row.scored}/{row.total}"
            return None
        if role == TOOLTIP:
            lines = [row.platform, row.operator, row.region or ""]
            if row.recusal_reason:
                lines.append(self.tr("Recused: {reason}").format(reason=row.recusal_reason))
            return tip("\n".join(line for line in lines if line))
        if role == FOREGROUND:
            return STATE_COLORS.get(row.state) if column == STATE else None
        if role == DECORATION:
            return self._icons.get(row.state) if column == ID else None
        if role == ALIGNMENT:
            return CENTER if column == PROGRESS else None
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        if role == STATE_ROLE:
            return row.state
        if role == PROGRESS_ROLE:
            return row.scored / row.total if row.total else 0.0
        if role == SEARCH_ROLE:
            return " ".join([row.id, row.platform, row.operator, row.region or ""]).casefold()
        return None


class SubmissionFilterProxy(QSortFilterProxyModel):
    """Filters by state and by a search text (number, platform, operator or region)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._state: str | None = None
        self._needle = ""

    def set_state_filter(self, state: str | None) -> None:
        self.beginFilterChange()
        self._state = state
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._state is not None and index.data(STATE_ROLE) != self._state:
            return False
        return not self._needle or self._needle in (index.data(SEARCH_ROLE) or "")
