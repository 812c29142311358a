"""The Help page (F1): every keyboard shortcut, from the window's own actions, and the keys
of the scoring form. ``docs/keyboard.md`` says the same; a test presses every one."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class ShortcutsDialog(QDialog):
    def __init__(self, actions: list[QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.model = QStandardItemModel(0, 2, self)
        self.model.setHorizontalHeaderLabels([self.tr("What"), self.tr("Keys")])
        for action in actions:
            keys = ", ".join(
                key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
            )
            if keys:
                self._add(action.text().replace("&", ""), keys)
        for what, keys in self.form_keys():
            self._add(what, keys)
        table = QTableView(self)
        table.setObjectName("shortcutTable")
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def _add(self, what: str, keys: str) -> None:
        first, second = QStandardItem(what), QStandardItem(keys)
        for item in (first, second):
            item.setEditable(False)
        self.model.appendRow([first, second])

    def form_keys(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Save the score and go to the next indicator's score"), "Enter"),
            (
                self.tr(
                    "Next / previous field of the indicator (score, verified value, comment, pins)"
                ),
                "Tab, Shift+Tab",
            ),
            (self.tr("Save the comment and go to the next indicator's score"), "Ctrl+Enter"),
            (self.tr("Choose the n-th grade or yes/no answer"), "1 … 9"),
            (self.tr("Accept the band suggestion (empty override)"), "Enter"),
            (self.tr("Step the points up or down"), "↑ / ↓"),
            (
                self.tr("Go to score / verified value / comment / pins"),
                "Alt+C, Alt+R, Alt+M, Alt+I",
            ),
            (self.tr("In the search: go to the submission found / clear the search"), "Enter, Esc"),
            (
                self.tr("The submission opinion (overall comment, familiarity, category) / back"),
                "Alt+O, Alt+D",
            ),
        ]
