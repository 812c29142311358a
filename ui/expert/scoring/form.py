"""The scoring form: one submission's indicator tree, the selected indicator and the note.

Subtotals per level and the total come from the core's roll-up and update after every
committed change. Moving on (Enter, Tab, Shift+Tab) walks the assigned leaves in scheme
order. Only this expert's own scores are ever read: the session holds no one else's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from expertscore.schemes.rules import fmt
from expertscore.scoring.service import RECUSED, Change, SubmissionRow
from expertscore.scoring.totals import Rollup, grade_for
from expertscore.vocabulary import EditKind
from ui.expert.models import indicators as im
from ui.expert.models.submissions import state_label
from ui.expert.scoring.detail import IndicatorDetail
from ui.expert.scoring.note import SubmissionNoteForm
from ui.expert.session_controller import SessionController
from ui.plaintext import plain, shown


@dataclass
class Shown:
    """The submission on screen and what was read for it."""

    row: SubmissionRow
    rollup: Rollup | None = None
    scores: dict | None = None


class ScoringForm(QWidget):
    indicatorChanged = Signal(str, str)  # submission id, indicator code
    recuseRequested = Signal(str)

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.shown: Shown | None = None
        self.current_code: str | None = None
        self.lock_notice: str | None = None  # why nothing can be edited: a submitted result
        self.model = im.IndicatorTreeModel(controller.scheme, self)
        self._build()
        controller.changed.connect(self._changed)

    # --- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        # Operator text (the platform's name, its operator) is shown as plain text.
        self.platform = plain(QLabel(self))
        self.platform.setObjectName("platformTitle")
        self.platform.setWordWrap(True)
        self.platform.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.subtitle = plain(QLabel(self))
        self.subtitle.setWordWrap(True)
        self.state = plain(QLabel(self))
        self.state.setObjectName("submissionState")
        self.state.setWordWrap(True)
        self.total = plain(QLabel(self))
        self.total.setObjectName("totalLabel")
        self.total.setStyleSheet("font-weight: bold;")
        self.recuse_button = QPushButton(self.tr("Declare conflict of interest…"), self)
        self.recuse_button.setObjectName("recuseButton")
        self.recuse_button.setAutoDefault(False)
        self.recuse_button.clicked.connect(self._recuse_clicked)
        header_row = QHBoxLayout()
        header_row.addWidget(self.state, 1)
        header_row.addWidget(self.total)
        header_row.addWidget(self.recuse_button)

        self.tree = QTreeView(self)
        self.tree.setObjectName("indicatorTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(im.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (im.CODE, im.MAXIMUM, im.REPORTED, im.SCORE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        depth = max(
            (len(leaf.code.split(".")) for leaf in self.controller.scheme.leaves()), default=1
        )
        self.tree.setColumnWidth(
            im.CODE,
            self.tree.indentation() * depth + self.fontMetrics().horizontalAdvance("0.0.00") + 12,
        )
        self.tree.setColumnWidth(im.MAXIMUM, self.fontMetrics().horizontalAdvance("00.00%*") + 12)
        self.tree.setColumnWidth(im.REPORTED, self.fontMetrics().horizontalAdvance("0" * 14))
        self.tree.setColumnWidth(im.SCORE, self.fontMetrics().horizontalAdvance("00.0 / 00.0") + 12)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(lambda _index: self.detail.focus_score())

        self.detail = IndicatorDetail(self.controller, self)
        self.detail.advance.connect(self.move)
        self.group_info = plain(QLabel(self))
        self.group_info.setWordWrap(True)
        self.group_info.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.group_info.setMargin(8)
        self.detail_stack = QStackedWidget(self)
        self.detail_stack.addWidget(self.detail)
        self.detail_stack.addWidget(self.group_info)
        self.note = SubmissionNoteForm(self.controller, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("formTabs")
        self.tabs.addTab(_scrolled(self.detail_stack), self.tr("In&dicator"))
        self.tabs.addTab(_scrolled(self.note), self.tr("Submission &opinion"))
        # Alt+O / Alt+D (the tabs' mnemonics) or a click: the cursor goes to the opinion's
        # first field, or back to the indicator's score, as every other move lands in a field.
        self.tabs.currentChanged.connect(self._tab_shown)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("formSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.tabs)
        # The indicator (score, guidance, comment) gets the larger share: on a laptop
        # screen it fits without scrolling, the tree scrolls instead.
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.platform)
        layout.addWidget(self.subtitle)
        layout.addLayout(header_row)
        layout.addWidget(self.splitter, 1)

    # --- showing a submission ----------------------------------------------------------

    def _tab_shown(self, index: int) -> None:
        if not self.tabs.isVisible():
            return
        if index == 1:
            self.note.comment.setFocus()
        elif self.note.isAncestorOf(QApplication.focusWidget()):
            self.detail.focus_score()

    @property
    def submission_id(self) -> str | None:
        return self.shown.row.id if self.shown else None

    @property
    def recused(self) -> bool:
        return self.shown is not None and self.shown.row.state == RECUSED

    @property
    def read_only(self) -> bool:
        return self.recused or self.lock_notice is not None

    def set_locked(self, notice: str | None) -> None:
        """Lock the form (``notice`` says why, shown in place) or, with None, reopen it."""
        if notice == self.lock_notice:
            return
        self.lock_notice = notice
        self.detail.lock_notice = notice
        if self.shown is None:
            return
        row = self.shown.row
        self._show_state()
        self.note.load(
            row.id,
            self.controller.scoring.note(row.id),
            row.category,
            self._level_name(),
            self.read_only,
        )
        if self.current_code is not None:
            self._show_indicator(self.current_code, self.model.index_of(self.current_code))

    def show_submission(self, row: SubmissionRow, code: str | None = None) -> None:
        """Fill the form for ``row`` and select ``code`` (else the first gap, else the first)."""
        self.flush()
        scoring = self.controller.scoring
        self.shown = Shown(row)
        self.current_code = None
        scores, rollup = self.controller.scores_and_rollup(row.id)
        self.shown.scores = scores
        self.shown.rollup = rollup
        self.model.load(
            scoring.assigned_leaves(row.id), self.controller.reported(row.id), scores, rollup
        )
        self._show_total()
        self.tree.expandAll()
        self.platform.setText(shown(row.platform))
        details = [row.id, row.operator, row.region or "", self._category_name(row.category)]
        self.subtitle.setText("  ·  ".join(shown(part) for part in details if part))
        self._show_state()
        note = scoring.note(row.id)
        self.note.load(row.id, note, row.category, self._level_name(), self.read_only)
        codes = self.model.leaf_codes()
        if code not in codes:
            code = self._first_gap() or (codes[0] if codes else None)
        if code is not None:
            self.select_indicator(code, focus=False)
            if self.current_code != code:
                # The view saw no change of current index (it was reset to the same row).
                index = self.model.index_of(code)
                self.current_code = code
                self._show_indicator(code, index)
                self.indicatorChanged.emit(row.id, code)

    def _category_name(self, code: str | None) -> str:
        path = self.controller.scheme.category_path(code) if code else []
        return " / ".join(category.name for category in path)

    def _first_gap(self) -> str | None:
        for code in self.model.leaf_codes():
            record = self.model.score(code)
            if record is None or record.points is None:
                return code
        return None

    def _refresh_scores(self) -> None:
        assert self.shown is not None
        scores, rollup = self.controller.scores_and_rollup(self.shown.row.id)
        self.shown.scores = scores
        self.shown.rollup = rollup
        self.model.set_scores(scores, rollup)
        self._show_total()

    def _level_name(self) -> str | None:
        if self.shown is None or self.shown.rollup is None:
            return None
        level = grade_for(
            self.controller.scheme, self.shown.row.category, self.shown.rollup.percent
        )
        return level.name if level else None

    def _show_total(self) -> None:
        rollup = self.shown.rollup if self.shown else None
        if rollup is None:
            self.total.clear()
            return
        percent = rollup.percent
        text = self.tr("Total {total} / {top}").format(
            total=fmt(rollup.total), top=fmt(rollup.base_max)
        )
        if percent is not None:
            text += f"  ({fmt(percent.quantize(Decimal('0.1')))}%)"
        if rollup.bonus:
            text += "  " + self.tr("incl. bonus {bonus}").format(bonus=fmt(rollup.bonus))
        self.total.setText(text)

    def _show_state(self) -> None:
        assert self.shown is not None
        row = self.shown.row
        text = self.tr("{state}: {scored} of {total} indicators scored").format(
            state=state_label(row.state), scored=row.scored, total=row.total
        )
        if row.state == RECUSED:
            text = self.tr("Recused: {reason}. This submission cannot be scored.").format(
                reason=shown(row.recusal_reason or "")
            )
            self.state.setStyleSheet("color: #b91c1c; font-weight: bold;")
        else:
            self.state.setStyleSheet("")
        self.state.setText(text)
        self.recuse_button.setEnabled(row.state != RECUSED and self.lock_notice is None)
        self.detail.read_only_notice = (
            self.tr("Recused: nothing typed here is saved. This submission cannot be scored.")
            if row.state == RECUSED
            else self.lock_notice or ""
        )
        self.detail.set_read_only(self.read_only)

    def update_row(self, row: SubmissionRow) -> None:
        """The submission's state changed (an edit, a recusal): show the new one."""
        if self.shown is None or self.shown.row.id != row.id:
            return
        was_recused = self.recused
        self.shown.row = row
        self._show_state()
        if self.recused != was_recused:
            self.note.load(
                row.id,
                self.controller.scoring.note(row.id),
                row.category,
                self._level_name(),
                self.read_only,
            )

    # --- indicators ----------------------------------------------------------------------

    def select_indicator(self, code: str, focus: bool = True) -> None:
        index = self.model.index_of(code)
        if not index.isValid():
            return
        self.tree.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.tree.scrollTo(index)
        self.tabs.setCurrentIndex(0)
        if focus:
            self.detail.focus_score()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.shown is None or not current.isValid():
            return
        code = current.data(im.CODE_ROLE)
        if code == self.current_code:
            return
        self.detail.flush()
        self.current_code = code
        self._show_indicator(code, current)
        self.indicatorChanged.emit(self.shown.row.id, code)

    def _show_indicator(self, code: str, index: QModelIndex) -> None:
        assert self.shown is not None
        indicator = index.data(im.INDICATOR_ROLE)
        if not indicator.is_leaf:
            rollup = self.shown.rollup
            got = rollup.points.get(code, Decimal(0)) if rollup else Decimal(0)
            top = rollup.maxima.get(code, Decimal(0)) if rollup else Decimal(0)
            lines = [
                f"{indicator.code}  {indicator.name}",
                self.tr("Subtotal {got} of {top}").format(got=fmt(got), top=fmt(top)),
            ]
            lines += [text for text in (indicator.description, indicator.requirement) if text]
            self.group_info.setText("\n".join(shown(line) for line in lines))
            self.detail_stack.setCurrentWidget(self.group_info)
            return
        sid = self.shown.row.id
        titles = {record.id: record.title for record in self.controller.evidence(sid)}
        self.detail.load(
            sid,
            indicator,
            self.model.score(code),
            self.controller.reported(sid).get(code),
            titles,
            self.read_only,
        )
        self.detail_stack.setCurrentWidget(self.detail)

    def move(self, step: int) -> None:
        """Go to the next (+1) or previous (-1) assigned leaf and focus its score."""
        codes = self.model.leaf_codes()
        if not codes or step == 0:
            return
        position = codes.index(self.current_code) + step if self.current_code in codes else 0
        position = max(0, min(position, len(codes) - 1))
        self.select_indicator(codes[position], focus=True)
        # Focus after the event that moved us is done (a key press still being handled).
        QTimer.singleShot(0, self.detail.focus_score)

    def flush(self) -> None:
        if self.shown is not None and not self.read_only:
            self.detail.flush()
            self.note.flush()

    def revert_pending(self) -> bool:
        """Put back the stored values where text is typed but not committed (Ctrl+Z)."""
        if self.shown is None:
            return False
        return self.detail.revert_pending() or self.note.revert_pending()

    def focus_score(self) -> None:
        """Put the cursor in the current indicator's score, its value selected."""
        if self.detail_stack.currentWidget() is self.detail:
            self.tabs.setCurrentIndex(0)
            self.detail.focus_score()
        else:
            self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- changes -----------------------------------------------------------------------

    def _changed(self, change: Change) -> None:
        if self.shown is None or change.submission != self.shown.row.id:
            return
        self._refresh_scores()
        if change.kind != EditKind.RECUSE and self.shown.scores is not None:
            self.update_row(
                self.controller.scoring.row_after_edit(self.shown.row, self.shown.scores)
            )
        self.note.set_suggestion(self._level_name())
        if change.kind == EditKind.NOTE:
            self.note.load(
                self.shown.row.id,
                self.controller.scoring.note(self.shown.row.id),
                self.shown.row.category,
                self._level_name(),
                self.read_only,
            )
        elif change.indicator and change.indicator == self.current_code:
            if self.controller.replaying or change.kind == EditKind.PINS:
                # The value on screen is not the one set: show the indicator again.
                self._show_indicator(change.indicator, self.model.index_of(change.indicator))
            else:
                # The expert typed what is stored now: only the editors' record changes.
                self.detail.update_record(self.model.score(change.indicator))

    def _recuse_clicked(self) -> None:
        if self.shown is not None:
            self.recuseRequested.emit(self.shown.row.id)


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
