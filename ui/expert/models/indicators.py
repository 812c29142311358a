"""The scheme's indicator tree for one submission, with reported values and live scores.

Only the leaves assigned to the expert for the submission appear, with the groups above
them. Scores and subtotals come from the core (``ScoringService.scores`` and
``ScoringService.rollup``); after an edit ``set_scores`` refreshes the score column alone,
so the view keeps its selection, expansion and scroll.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from expertscore.schemes.model import Indicator, Scheme
from expertscore.schemes.rules import fmt
from expertscore.schemes.table import amount_text
from expertscore.scoring.service import ScoreRecord
from expertscore.scoring.totals import Rollup
from ui.plaintext import shown, tip

CODE, NAME, MAXIMUM, REPORTED, SCORE = range(5)
COLUMNS = 5

CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # indicator code
LEAF_ROLE = Qt.ItemDataRole.UserRole + 2  # True for a leaf the expert scores
INDICATOR_ROLE = Qt.ItemDataRole.UserRole + 3  # the scheme's Indicator
MISSING_ROLE = Qt.ItemDataRole.UserRole + 4  # True for a leaf without a score
POINTS_ROLE = Qt.ItemDataRole.UserRole + 5  # Decimal points (leaf) or subtotal (group)

Index = QModelIndex | QPersistentModelIndex
MISSING_COLOR = QColor("#fde8e8")
ITEM_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
DISPLAY = Qt.ItemDataRole.DisplayRole
FONT = Qt.ItemDataRole.FontRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def reported_text(value: str | None, unit: str | None) -> str:
    if value is None:
        return ""
    if unit == "yes/no":
        yes = QCoreApplication.translate("IndicatorTreeModel", "yes")
        no = QCoreApplication.translate("IndicatorTreeModel", "no")
        return {"yes": yes, "no": no}.get(value, value)
    if unit in (None, "text"):
        return value
    return f"{value} {unit}"


@dataclass(eq=False)
class _Node:
    indicator: Indicator
    parent: _Node | None
    row: int
    children: list[_Node] = field(default_factory=list)


class IndicatorTreeModel(QAbstractItemModel):
    def __init__(self, scheme: Scheme, parent=None) -> None:
        super().__init__(parent)
        self.scheme = scheme
        self._roots: list[_Node] = []
        self._by_code: dict[str, _Node] = {}
        self._leaf_codes: list[str] = []
        self._scores: Mapping[str, ScoreRecord] = {}
        self._reported: dict[str, tuple[str, str]] = {}
        self._rollup: Rollup | None = None
        self._bold = QFont()
        self._bold.setBold(True)

    # --- content ---------------------------------------------------------------------

    def load(
        self,
        leaves: Iterable[Indicator],
        reported: Mapping[str, Any],
        scores: Mapping[str, ScoreRecord],
        rollup: Rollup | None,
    ) -> None:
        """Show another submission: its leaves, reported values and scores (a reset).

        ``reported`` holds the core's rows (with ``value`` and ``unit``) by leaf code.
        """
        self.beginResetModel()
        codes = [leaf.code for leaf in leaves]
        if codes != self._leaf_codes or not self._roots:
            self._by_code = {}
            self._roots = self._build(self.scheme.indicators, None, set(codes))
            self._leaf_codes = codes
        self._reported = {code: (row.value, row.unit) for code, row in reported.items()}
        self._scores = scores
        self._rollup = rollup
        self.endResetModel()

    def _build(self, nodes: list[Indicator], parent: _Node | None, wanted: set[str]):
        built: list[_Node] = []
        for indicator in nodes:
            if indicator.is_leaf:
                if indicator.code not in wanted:
                    continue
                node = _Node(indicator, parent, len(built))
            else:
                node = _Node(indicator, parent, len(built))
                node.children = self._build(indicator.children, node, wanted)
                if not node.children:
                    continue
            self._by_code[indicator.code] = node
            built.append(node)
        return built

    def set_scores(self, scores: Mapping[str, ScoreRecord], rollup: Rollup | None) -> None:
        """New scores of the same submission: only the cells that show a change update."""
        before = {
            code: self._display(node.indicator, SCORE) for code, node in self._by_code.items()
        }
        missing = {code: self._missing(code) for code in self._leaf_codes}
        self._scores = scores
        self._rollup = rollup
        for code, node in self._by_code.items():
            changed = self._display(node.indicator, SCORE) != before[code]
            if changed or (code in missing and self._missing(code) != missing[code]):
                cell = self.createIndex(node.row, SCORE, node)
                self.dataChanged.emit(cell, cell)

    def leaf_codes(self) -> list[str]:
        return list(self._leaf_codes)

    def index_of(self, code: str, column: int = 0) -> QModelIndex:
        node = self._by_code.get(code)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def score(self, code: str) -> ScoreRecord | None:
        return self._scores.get(code)

    # --- QAbstractItemModel ------------------------------------------------------------

    def _node(self, index: Index) -> _Node | None:
        return index.internalPointer() if index.isValid() else None

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= COLUMNS or row < 0:
            return QModelIndex()
        parent_node = self._node(parent)
        siblings = parent_node.children if parent_node is not None else self._roots
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self._node(index)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self._node(parent)
        return len(node.children) if node is not None else len(self._roots)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        weight = self.tr("Weight") if self.scheme.weighting == "percent" else self.tr("Points")
        return {
            CODE: self.tr("Code"),
            NAME: self.tr("Indicator"),
            MAXIMUM: weight,
            REPORTED: self.tr("Reported"),
            SCORE: self.tr("Score"),
        }.get(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return ITEM_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every role of every visible cell on each paint: cheapest checks first.
        node = index.internalPointer() if index.isValid() else None
        if node is None:
            return None
        indicator = node.indicator
        column = index.column()
        if role == DISPLAY:
            return self._display(indicator, column)
        leaf = not indicator.children
        if role == FONT:
            return None if leaf else self._bold
        if role == BACKGROUND:
            missing = column == SCORE and leaf and self._missing(indicator.code)
            return MISSING_COLOR if missing else None
        if role == ALIGNMENT:
            return RIGHT if column in (MAXIMUM, SCORE) else None
        if role == TOOLTIP:
            if column == REPORTED and leaf:
                return tip(self._display(indicator, REPORTED)) or None
            return tip(indicator.description or indicator.rubric or indicator.name)
        if role == CODE_ROLE:
            return indicator.code
        if role == LEAF_ROLE:
            return leaf
        if role == INDICATOR_ROLE:
            return indicator
        if role == MISSING_ROLE:
            return leaf and self._missing(indicator.code)
        if role == POINTS_ROLE:
            return self._points(indicator.code, leaf)
        return None

    def _missing(self, code: str) -> bool:
        record = self._scores.get(code)
        return record is None or record.points is None

    def _points(self, code: str, leaf: bool) -> Decimal | None:
        if leaf:
            record = self._scores.get(code)
            return record.points if record is not None else None
        return self._rollup.points.get(code) if self._rollup is not None else None

    def _display(self, indicator: Indicator, column: int) -> str | None:
        if column == CODE:
            return indicator.code
        if column == NAME:
            return shown(indicator.name)
        if column == MAXIMUM:
            if indicator.weight is not None:
                return amount_text(indicator.weight, percent=True)
            return amount_text(indicator.points)
        if column == REPORTED:
            value, unit = self._reported.get(indicator.code, (None, None))
            return shown(reported_text(value, unit))
        if column == SCORE:
            points = self._points(indicator.code, indicator.is_leaf)
            if indicator.is_leaf:
                return fmt(points) if points is not None else ""
            if self._rollup is None:
                return ""
            top = self._rollup.maxima.get(indicator.code, Decimal(0))
            return f"{fmt(points or Decimal(0))} / {fmt(top)}"
        return None
