"""The left pane: this expert's submissions with state and progress, filter and search.

The search box takes keys only after Ctrl+F (it is not in the Tab chain): Enter goes to
the first submission found, Esc clears the search; both return to the score.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
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
from ui.expert.models import submissions as sm


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


class SearchBox(QLineEdit):
    """The search: Enter and Esc hand the keyboard back (``left``), Esc clearing first."""

    left = Signal(bool)  # True: Enter (go to what was found), False: Esc

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.left.emit(False)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.left.emit(True)
            return
        super().keyPressEvent(event)


class SubmissionsPane(QWidget):
    submissionSelected = Signal(str)
    searchLeft = Signal()  # the search gave the keyboard back: the score takes it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current_id: str | None = None
        icons = {state: icon(f"state-{state}") for state in sm.STATES}
        self.model = sm.SubmissionListModel(icons, self)
        self.proxy = sm.SubmissionFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = SearchBox(self)
        self.search.setObjectName("submissionSearch")
        self.search.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Ctrl+F, not typing or Tab
        self.search.left.connect(self._search_left)
        self.search.setPlaceholderText(self.tr("Search number, platform, operator, region"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search_text)
        self.search.textChanged.connect(self._show_no_match)
        self.state_filter = QComboBox(self)
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
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
        self.no_match = QLabel(self)
        self.no_match.setObjectName("noMatch")
        self.no_match.setWordWrap(True)
        self.no_match.setStyleSheet("color: #b91c1c;")
        self.no_match.hide()
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset):
            signal.connect(self._show_no_match)
        self.proxy.layoutChanged.connect(self._show_no_match)
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.state_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.no_match)
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
        """Go to the next (+1) or previous (-1) submission in the shown (filtered) order.

        When the filter hides the one on screen, the next is the first shown after it in
        the list's order (the previous, the last shown before it).
        """
        count = self.proxy.rowCount()
        if not count:
            return
        current = self.table.currentIndex()
        if current.isValid():
            row = max(0, min(current.row() + step, count - 1))
        else:
            row = self._nearest_shown(step)
            if row is None:
                return
        submission_id = self.proxy.index(row, 0).data(sm.ID_ROLE)
        if submission_id and submission_id != self._current_id:
            self.select(submission_id)

    def _nearest_shown(self, step: int) -> int | None:
        here = self.model.row_of(self._current_id) if self._current_id else -1
        shown = [
            (self.proxy.mapToSource(self.proxy.index(row, 0)).row(), row)
            for row in range(self.proxy.rowCount())
        ]
        if step > 0:
            return next((row for source, row in shown if source > here), None)
        return next((row for source, row in reversed(shown) if source < here), None)

    def searching(self) -> bool:
        """The expert is typing a search or choosing a filter: leave the keyboard there."""
        return self.search.hasFocus() or self.state_filter.hasFocus()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_left(self, go: bool) -> None:
        shown = self.table.currentIndex().isValid()
        if go and not shown and self.proxy.rowCount():
            self.select(self.proxy.index(0, 0).data(sm.ID_ROLE))
        elif not shown and self._current_id:
            self.select(self._current_id)
        self.searchLeft.emit()

    def _show_no_match(self, *_args: object) -> None:
        empty = self.proxy.rowCount() == 0 and self.model.rowCount() > 0
        text = self.search.text().strip()
        if text:
            message = self.tr("No submission matches “{text}”. Esc clears the search.")
        else:
            message = self.tr("No submission in this state.")
        self.no_match.setText(message.format(text=text))
        self.no_match.setVisible(empty)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        submission_id = current.data(sm.ID_ROLE) if current.isValid() else None
        if submission_id:
            self._current_id = submission_id
            self.submissionSelected.emit(submission_id)
