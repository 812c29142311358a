"""Above the score matrix: "unresolved flags only", and what the matrix's marks mean.

The filter hides the rows of the matrix whose flags the panel has resolved (or that have
none), so the chair works down what is left; it is applied again whenever the matrix
shows another submission or a new state. The legend names every colour and mark the
matrix uses, so none is discovered by accident.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QTableView, QWidget

from ui.chair import matrix as mx


def _swatch(colour: QColor, text: str, parent: QWidget, style: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(
        f"background: {colour.name()}; padding: 1px 5px; border-radius: 3px; {style}"
    )
    return label


class FlagBar(QWidget):
    def __init__(self, view: QTableView, model: mx.MatrixModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("flagBar")
        self.view, self.model = view, model
        self.unresolved = QCheckBox(self.tr("Unresolved flags only"), self)
        self.unresolved.setObjectName("unresolvedOnly")
        self.unresolved.toggled.connect(lambda _on: self.apply())
        model.modelReset.connect(self.apply)
        legend = [
            _swatch(mx.SPREAD_COLOR, self.tr("far apart"), self),
            _swatch(mx.EXTREME_COLOR, self.tr("highest / lowest"), self),
            _swatch(mx.REVERIFY_COLOR, self.tr("re-verify"), self),
            _swatch(mx.TOO_FEW_COLOR, self.tr("too few experts"), self),
            _swatch(mx.ROUND_COLOR, self.tr("second round"), self),
            _swatch(mx.OVERRIDE_COLOR, self.tr("agreed score"), self),
            _swatch(
                QColor("white"),
                self.tr("grey italic: trimmed"),
                self,
                f"color: {mx.TRIMMED_COLOR.name()}; font-style: italic;",
            ),
            _swatch(
                QColor("white"),
                self.tr("red corner: comment"),
                self,
                f"border-right: 3px solid {mx.COMMENT_MARK.name()};",
            ),
        ]
        self.legend = legend
        # Two rows of four, so the legend does not widen the matrix beside the evidence.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.unresolved, 0, 0, 2, 1)
        for number, label in enumerate(legend):
            layout.addWidget(label, number // 4, 1 + number % 4)
        layout.setColumnStretch(5, 1)

    def apply(self) -> None:
        """Hide the rows without an open flag while the filter is on; show all otherwise."""
        only_open = self.unresolved.isChecked()
        for row in range(self.model.rowCount()):
            index = self.model.index(row, self.model.flags_column())
            hidden = only_open and not index.data(mx.OPEN_FLAG_ROLE)
            self.view.setRowHidden(row, hidden)
