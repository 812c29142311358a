"""The score matrix of one submission: indicators by experts, divergence coloured.

Rows are the leaves that apply to the submission, in scheme order; columns are the
indicator, its maximum, one column per assigned expert, then the panel score, the spread
and the flags. Colours come from the aggregation's flags: a row whose scores lie far apart
is tinted and its highest and lowest scores stand out; a score the trimming dropped is
grey; an agreed panel score is green; too few experts is red; data to verify again is
violet. Each expert cell carries that expert's comment and verified value (tooltip and
``COMMENT_ROLE`` / ``VERIFIED_ROLE``) for the drill-down.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPolygonF
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from expertscore.chair.aggregate import IndicatorResult
from expertscore.chair.flag_states import FlagState, distinct_values, has_open_flag, status
from ui.chair.state import ChairState
from ui.chair.texts import flag_explanation, flag_label
from ui.plaintext import plain_roles

Index = QModelIndex | QPersistentModelIndex

CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the leaf's code
EXPERT_ROLE = Qt.ItemDataRole.UserRole + 2  # the column's expert id (expert columns only)
POINTS_ROLE = Qt.ItemDataRole.UserRole + 3  # Decimal: the expert's score or the panel's
COMMENT_ROLE = Qt.ItemDataRole.UserRole + 4  # the expert's comment on the indicator
VERIFIED_ROLE = Qt.ItemDataRole.UserRole + 5  # the value the expert verified, or None
FLAGS_ROLE = Qt.ItemDataRole.UserRole + 6  # the aggregation's flags of the row
RESULT_ROLE = Qt.ItemDataRole.UserRole + 7  # the row's IndicatorResult
OPEN_FLAG_ROLE = Qt.ItemDataRole.UserRole + 8  # bool: a flag the panel has not resolved

INDICATOR, MAXIMUM = 0, 1
FIXED_BEFORE = 2  # columns before the experts'
TAIL = 3  # panel, spread, flags

SPREAD_COLOR = QColor("#fef3c7")  # amber 100: the row's scores lie far apart
EXTREME_COLOR = QColor("#fcd34d")  # amber 300: the highest or lowest of such a row
OVERRIDE_COLOR = QColor("#bbf7d0")  # green 200: the panel agreed a score
TOO_FEW_COLOR = QColor("#fecaca")  # red 200: fewer experts than the policy needs
REVERIFY_COLOR = QColor("#ede9fe")  # violet 100: an objective item scored differently
RECUSED_COLOR = QColor("#e5e7eb")  # grey 200: the expert declared a conflict
TRIMMED_COLOR = QColor("#9ca3af")  # grey 400 text: the trimming dropped this score
ROUND_COLOR = QColor("#dbeafe")  # blue 100: sent to a second round
COMMENT_MARK = QColor("#dc2626")  # the corner mark of a cell with a comment


class MatrixModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._state: ChairState | None = None
        self._sid: str | None = None
        self._rows: list[IndicatorResult] = []
        self._experts: list[str] = []

    # --- content ------------------------------------------------------------------------

    def set_submission(self, state: ChairState | None, sid: str | None) -> None:
        self.beginResetModel()
        self._state = state
        self._sid = sid
        sub = state.result.submissions.get(sid) if state is not None and sid else None
        self._rows = list(sub.indicators.values()) if sub is not None else []
        self._experts = state.experts_of(sid) if state is not None and sid else []
        self.endResetModel()

    @property
    def submission(self) -> str | None:
        return self._sid

    @property
    def experts(self) -> list[str]:
        return list(self._experts)

    def panel_column(self) -> int:
        return FIXED_BEFORE + len(self._experts)

    def spread_column(self) -> int:
        return self.panel_column() + 1

    def flags_column(self) -> int:
        return self.panel_column() + 2

    def expert_column(self, expert: str) -> int:
        return FIXED_BEFORE + self._experts.index(expert)

    def row_of(self, code: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.code == code), -1)

    def result_at(self, row: int) -> IndicatorResult | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def expert_at(self, column: int) -> str | None:
        position = column - FIXED_BEFORE
        return self._experts[position] if 0 <= position < len(self._experts) else None

    # --- Qt's model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return (
            0 if parent.isValid() or self._sid is None else FIXED_BEFORE + len(self._experts) + TAIL
        )

    @plain_roles
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        expert = self.expert_at(section)
        if role == Qt.ItemDataRole.ToolTipRole and expert is not None and self._state:
            return self._state.expert_label(expert)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if expert is not None:
            name = self._state.names.get(expert, "") if self._state else ""
            return f"{expert}\n{name}" if name else expert
        if section == INDICATOR:
            return self.tr("Indicator")
        if section == MAXIMUM:
            return self.tr("Max")
        if section == self.panel_column():
            return self.tr("Panel")
        if section == self.spread_column():
            return self.tr("Spread")
        if section == self.flags_column():
            return self.tr("Flags")
        return None

    @plain_roles
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        state = self._state
        if state is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        result = self._rows[index.row()]
        column = index.column()
        if role == CODE_ROLE:
            return result.code
        if role == RESULT_ROLE:
            return result
        if role == FLAGS_ROLE:
            return list(result.flags)
        expert = self.expert_at(column)
        if expert is not None:
            return self._expert_data(state, result, expert, role)
        if column == INDICATOR:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{result.code} {state.node_name(result.code)}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._indicator_tip(state, result)
        elif column == MAXIMUM:
            if role == Qt.ItemDataRole.DisplayRole:
                return plain_number(result.maximum)
            if role == POINTS_ROLE:
                return result.maximum
        elif column == self.panel_column():
            return self._panel_data(state, result, role)
        elif column == self.spread_column():
            if role == Qt.ItemDataRole.DisplayRole:
                return plain_number(result.spread) if result.scores else ""
            if role == POINTS_ROLE:
                return result.spread
            if role == Qt.ItemDataRole.BackgroundRole and _open(result, "spread"):
                return EXTREME_COLOR
        elif column == self.flags_column():
            return self._flags_data(state, result, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != INDICATOR:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- the cells ----------------------------------------------------------------------

    def _expert_data(
        self, state: ChairState, result: IndicatorResult, expert: str, role: int
    ) -> Any:
        assert self._sid is not None
        points = result.scores.get(expert)
        recused = state.recusal(expert, self._sid)
        item = state.score_item(expert, self._sid, result.code)
        if role == EXPERT_ROLE:
            return expert
        if role == POINTS_ROLE:
            return points
        if role == COMMENT_ROLE:
            return item.comment if item is not None else ""
        if role == VERIFIED_ROLE:
            return item.verified_value if item is not None else None
        if role == Qt.ItemDataRole.DisplayRole:
            if recused is not None:
                return self.tr("recused")
            if points is None:
                return ""
            marks = " ²" if item is not None and item.round > 1 else ""
            return plain_number(points) + marks
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if recused is not None:
                return RECUSED_COLOR
            if _open(result, "spread") and points is not None:
                values = list(result.scores.values())
                extreme = points in (max(values), min(values))
                return EXTREME_COLOR if extreme else SPREAD_COLOR
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if points is not None and expert not in result.kept:
                return TRIMMED_COLOR
            return None
        if role == Qt.ItemDataRole.FontRole and points is not None and expert not in result.kept:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._expert_tip(state, result, expert, points, recused)
        return None

    def _expert_tip(
        self,
        state: ChairState,
        result: IndicatorResult,
        expert: str,
        points: Decimal | None,
        recused: str | None,
    ) -> str:
        assert self._sid is not None
        lines = [state.expert_label(expert)]
        if recused is not None:
            lines.append(
                self.tr("Declared a conflict of interest: {reason}").format(reason=recused)
            )
            return "\n".join(lines)
        if not state.has_result(expert):
            lines.append(self.tr("No result file accepted yet."))
            return "\n".join(lines)
        if points is None:
            lines.append(self.tr("Not scored."))
            return "\n".join(lines)
        item = state.score_item(expert, self._sid, result.code)
        lines.append(
            self.tr("Score: {points} of {maximum}").format(
                points=plain_number(points), maximum=plain_number(result.maximum)
            )
        )
        if item is not None and item.round > 1:
            lines.append(self.tr("Second round score"))
        if expert not in result.kept:
            lines.append(self.tr("Dropped by the trimming (highest or lowest)."))
        if item is not None and item.verified_value:
            lines.append(self.tr("Verified value: {value}").format(value=item.verified_value))
        if item is not None and item.comment:
            lines.append(self.tr("Comment: {comment}").format(comment=item.comment))
        return "\n".join(lines)

    def _panel_data(self, state: ChairState, result: IndicatorResult, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return state.number(result.panel)
        if role == POINTS_ROLE:
            return result.panel
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if result.override is not None:
                return OVERRIDE_COLOR
            if "too_few_experts" in result.flags:
                return TOO_FEW_COLOR
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if result.override is not None:
                return self.tr("Agreed panel score {points}: {reason}").format(
                    points=plain_number(result.override.points), reason=result.override.reason
                )
            if not result.kept:
                return None
            return self.tr("Computed from {experts}").format(experts=", ".join(result.kept))
        return None

    def _round_request(self, state: ChairState, result: IndicatorResult):
        assert self._sid is not None
        return state.decisions.rounds.get((self._sid, result.code))

    def _flags_data(self, state: ChairState, result: IndicatorResult, role: int) -> Any:
        request = self._round_request(state, result)
        if role == Qt.ItemDataRole.DisplayRole:
            words = [flag_label(flag) for flag in result.flags]
            if result.override is not None and words:
                words = [
                    self.tr("{flags}: resolved by the agreed score").format(flags=", ".join(words))
                ]
            elif result.override is not None:
                words = [self.tr("agreed score")]
            elif result.agreed_value is not None and "reverify" in result.flags:
                words = [
                    flag_label(f) if f != "reverify" else self.tr("re-verify: resolved by the"
                    " verified value {value}").format(value=result.agreed_value.value)
                    for f in result.flags
                ]  # fmt: skip
            if request is not None:
                words.append(self.tr("second round"))
            return ", ".join(words)
        if role == Qt.ItemDataRole.BackgroundRole:
            if _open(result, "spread"):
                return EXTREME_COLOR
            if _open(result, "too_few_experts"):
                return TOO_FEW_COLOR
            if request is not None:
                return ROUND_COLOR
            if _open(result, "reverify"):
                return REVERIFY_COLOR
            return None
        if role == OPEN_FLAG_ROLE:
            return has_open_flag(result)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [flag_explanation(flag) for flag in result.flags]
            if "reverify" in result.flags:
                lines.append(self.tr("Values given: {values}").format(values=self._values(result)))
            if request is not None:
                lines.append(
                    self.tr("Second round requested from {experts}: {reason}").format(
                        experts=", ".join(request.experts), reason=request.reason
                    )
                )
            return "\n".join(lines) or None
        return None

    def _values(self, result: IndicatorResult) -> str:
        state, sid = self._state, self._sid
        assert state is not None and sid is not None
        sheets = [s for s in state.inp.sheets if s.submission == sid]
        return "; ".join(
            f"{value} ({', '.join(experts)})" for value, experts in distinct_values(sheets, result)
        )

    def _indicator_tip(self, state: ChairState, result: IndicatorResult) -> str:
        assert self._sid is not None
        lines = [f"{result.code} {state.node_name(result.code)}"]
        reported = state.reported(self._sid, result.code)
        if reported:
            lines.append(self.tr("Reported value: {value}").format(value=reported))
        return "\n".join(lines)


def _open(result: IndicatorResult, flag: str) -> bool:
    """The row has ``flag`` and no decision (agreed score, verified value) resolved it."""
    return flag in result.flags and status(result, flag).state is FlagState.OPEN


def plain_number(value: Decimal) -> str:
    """A decimal as written, without trailing zeros after the point (0.90 -> 0.9)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


class CommentMarkDelegate(QStyledItemDelegate):
    """Draws a small corner triangle on cells whose expert wrote a comment (as a sheet does)."""

    SIZE = 7.0

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        if not index.data(COMMENT_ROLE):
            return
        rect = option.rect
        corner = QPointF(rect.right() + 1, rect.top())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(COMMENT_MARK)
        painter.drawPolygon(
            QPolygonF([corner - QPointF(self.SIZE, 0), corner, corner + QPointF(0, self.SIZE)])
        )
        painter.restore()
