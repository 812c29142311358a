"""Viewers for images (zoom, fit), text, workbooks (as tables) and anything else."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.evidence.canvas import PageCanvas
from ui.evidence.loading import Sheet
from ui.evidence.models import NAME_LIMIT
from ui.evidence.pdf import ZOOMS, tool_button
from ui.plaintext import plain, plain_roles, shown


class ImagePane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = PageCanvas(self)
        self.original = QImage()
        self.zoom: float | None = None  # None: fit the window
        self.zoom_label = QLabel(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(tool_button(self, "zoom-out", self.tr("Zoom out"), self.zoom_out))
        bar.addWidget(self.zoom_label)
        bar.addWidget(tool_button(self, "zoom-in", self.tr("Zoom in"), self.zoom_in))
        bar.addWidget(tool_button(self, "fit", self.tr("Fit to window"), self.fit))
        actual = QPushButton("100%", self)
        actual.clicked.connect(lambda: self.set_zoom(1.0))
        bar.addWidget(actual)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)

    def show_image(self, image: QImage) -> None:
        """Show ``image`` (decoded on the viewer's worker thread) fitted to the window."""
        self.original = image
        self.zoom = None
        self._show()

    def factor(self) -> float:
        if self.original.isNull():
            return 1.0
        if self.zoom is not None:
            return self.zoom
        width = self.canvas.available_width() / self.original.width()
        height = self.canvas.available_height() / self.original.height()
        return min(1.0, width, height)

    def set_zoom(self, zoom: float | None) -> None:
        self.zoom = zoom
        self._show()

    def zoom_in(self) -> None:
        current = self.factor()
        self.set_zoom(next((z for z in ZOOMS if z > current + 0.01), ZOOMS[-1]))

    def zoom_out(self) -> None:
        current = self.factor()
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < current - 0.01), ZOOMS[0]))

    def fit(self) -> None:
        self.set_zoom(None)

    def _show(self) -> None:
        if self.original.isNull():
            self.canvas.clear()
            return
        factor = self.factor()
        ratio = self.devicePixelRatioF()
        image = self.original.scaled(
            max(1, round(self.original.width() * factor * ratio)),
            max(1, round(self.original.height() * factor * ratio)),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        image.setDevicePixelRatio(ratio)
        self.zoom_label.setText(f"{round(factor * 100)}%")
        self.canvas.set_image(image)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.zoom is None:
            self._show()


class TextPane(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)

    def show_text(self, text: str) -> None:
        self.setPlainText(text)


class WorkbookModel(QAbstractTableModel):
    """One worksheet's cell values (as text), read with openpyxl."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = []
        self._columns = 0

    def set_rows(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._columns = max((len(row) for row in rows), default=0)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    @plain_roles
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        row = self._rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    @plain_roles
    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        name = ""
        number = section + 1
        while number:
            number, rest = divmod(number - 1, 26)
            name = chr(65 + rest) + name
        return name


class TablePane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheets = QComboBox(self)
        self.sheets.currentIndexChanged.connect(self._show_sheet)
        self.model = WorkbookModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("workbookTable")
        self.table.setModel(self.model)
        # Sized by content, but a long title in A1 must not push the data off the pane.
        self.table.horizontalHeader().setMaximumSectionSize(
            self.fontMetrics().horizontalAdvance("0" * 24)
        )
        self._data: list[list[list[str]]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sheets)
        layout.addWidget(self.table, 1)

    def show_sheets(self, sheets: list[Sheet]) -> None:
        """Show the sheets read on the viewer's worker thread, the first one first."""
        self._data = [sheet.rows for sheet in sheets]
        self.sheets.blockSignals(True)
        self.sheets.clear()
        self.sheets.addItems([shown(sheet.name, NAME_LIMIT) for sheet in sheets])
        self.sheets.blockSignals(False)
        self._show_sheet(0)

    def _show_sheet(self, position: int) -> None:
        self.model.set_rows(self._data[position] if 0 <= position < len(self._data) else [])
        self.table.resizeColumnsToContents()


class OtherPane(QWidget):
    """For files the window cannot show: open them in the system's program."""

    openRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = plain(QLabel(self))
        self.message.setObjectName("evidenceMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton(self.tr("Open in the system's program"), self)
        self.button.clicked.connect(self.openRequested.emit)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)

    def show_message(self, text: str, can_open: bool = False) -> None:
        self.message.setText(shown(text))
        self.button.setVisible(can_open)
