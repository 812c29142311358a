"""The left pane: this expert's submissions with state and progress, filter and search."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from expertscore.scoring.service import SubmissionRow
from ui.app import icon
from ui.models import submissions as sm


class ProgressDelegate(QStyledItemDelegate):
    """Draws the progress column as a bar with "scored/total" on it.

    Drawn directly rather than through the style's progress bar, which costs ten times
    as much and is repainted for every visible row on each switch.
    """

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        palette = option.palette
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, palette.highlight())
        rect = QRect(option.rect.adjusted(4, 4, -4, -4))
        share = index.data(sm.PROGRESS_ROLE) or 0.0
        painter.save()
        painter.setPen(palette.mid().color())
        painter.setBrush(palette.base())
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if share > 0:
            filled = QRect(
                rect.left() + 1,
                rect.top() + 1,
                round((rect.width() - 2) * share),
                rect.height() - 2,
            )
            painter.fillRect(
                filled,
                sm.STATE_COLORS.get(index.data(sm.STATE_ROLE), palette.highlight().color()).lighter(
                    170
                ),
            )
        painter.setPen(palette.text().color())
        painter.drawText(
            rect, Qt.AlignmentFlag.AlignCenter, index.data(Qt.ItemDataRole.DisplayRole) or ""
        )
        painter.restore()


class SubmissionsPane(QWidget):
    submissionSelected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        icons = {state: icon(f"state-{state}") for state in sm.STATES}
        self.model = sm.SubmissionListModel(icons, self)
        self.proxy = sm.SubmissionFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("submissionSearch")
        self.search.setPlaceholderText(self.tr("Search number, platform, operator, region"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search_text)
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.addItem(self.tr("All"), None)
        for state in sm.STATES:
            self.state_filter.addItem(sm.state_label(state), state)
        self.state_filter.currentIndexChanged.connect(
            lambda _row: self.proxy.set_state_filter(self.state_filter.currentData())
        )
        self.table = QTableView(self)
        self.table.setObjectName("submissionTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(sm.PROGRESS, ProgressDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(sm.PLATFORM, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        self.table.setColumnWidth(sm.ID, metrics.horizontalAdvance("S0000") + 40)
        state_width = max(metrics.horizontalAdvance(sm.state_label(s)) for s in sm.STATES)
        self.table.setColumnWidth(sm.STATE, state_width + 16)
        self.table.setColumnWidth(sm.PROGRESS, metrics.horizontalAdvance("00/00") + 36)
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 10)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.state_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def set_rows(self, rows: list[SubmissionRow]) -> None:
        self.model.set_rows(rows)

    def update_row(self, row: SubmissionRow) -> None:
        self.model.update_row(row)

    def current_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(sm.ID_ROLE) if index.isValid() else None

    def select(self, submission_id: str) -> bool:
        """Make ``submission_id`` current (clearing a filter that hides it)."""
        source_row = self.model.row_of(submission_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            self.search.clear()
            self.state_filter.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def step(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) submission in the shown order."""
        count = self.proxy.rowCount()
        if not count:
            return
        current = self.table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        row = max(0, min(row, count - 1))
        submission_id = self.proxy.index(row, 0).data(sm.ID_ROLE)
        if submission_id:
            self.select(submission_id)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        submission_id = current.data(sm.ID_ROLE) if current.isValid() else None
        if submission_id:
            self.submissionSelected.emit(submission_id)
