"""Small input widgets of the chair's and organizer's dialogs: a path, a list of files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class PathField(QWidget):
    """A path typed in or chosen with Browse…: a file to open, a file to save, or a folder."""

    changed = Signal()

    OPEN, SAVE, FOLDER = "open", "save", "folder"

    def __init__(
        self, kind: str, caption: str, filters: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.caption = caption
        self.filters = filters
        self.edit = QLineEdit(self)
        self.edit.textChanged.connect(self.changed)
        self.browse = QPushButton(self.tr("Browse…"), self)
        self.browse.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None

    def set_path(self, path: Path | None) -> None:
        self.edit.setText(str(path) if path is not None else "")

    def set_fixed(self, fixed: bool) -> None:
        self.edit.setReadOnly(fixed)
        self.browse.setEnabled(not fixed)

    def choose(self) -> None:
        start = str(self.path() or "")
        if self.kind == self.FOLDER:
            chosen = QFileDialog.getExistingDirectory(self, self.caption, start)
        elif self.kind == self.SAVE:
            chosen, _ = QFileDialog.getSaveFileName(self, self.caption, start, self.filters)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, self.caption, start, self.filters)
        if chosen:
            self.set_path(Path(chosen))


class FileList(QWidget):
    """Files chosen one by one or by folder (every file with one of ``suffixes`` in it)."""

    changed = Signal()
    folderAdded = Signal(object)  # Path: a folder whose files were added

    def __init__(
        self, caption: str, suffixes: tuple[str, ...], filters: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.caption = caption
        self.suffixes = suffixes
        self.filters = filters
        self.list = QListWidget(self)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.add_files_button = QPushButton(self.tr("Add files…"), self)
        self.add_folder_button = QPushButton(self.tr("Add folder…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_files_button.clicked.connect(self._choose_files)
        self.add_folder_button.clicked.connect(self._choose_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_files_button)
        buttons.addWidget(self.add_folder_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def paths(self) -> list[Path]:
        return [Path(self.list.item(row).text()) for row in range(self.list.count())]

    def add_paths(self, paths: list[Path]) -> None:
        known = set(self.paths())
        added = False
        for path in paths:
            if path not in known:
                self.list.addItem(QListWidgetItem(str(path)))
                known.add(path)
                added = True
        if added:
            self.changed.emit()

    def add_folder(self, folder: Path) -> None:
        found = sorted(
            p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in self.suffixes
        )
        self.add_paths(found)
        self.folderAdded.emit(folder)

    def remove_selected(self) -> None:
        rows = sorted((self.list.row(item) for item in self.list.selectedItems()), reverse=True)
        for row in rows:
            self.list.takeItem(row)
        if rows:
            self.changed.emit()

    def clear(self) -> None:
        if self.list.count():
            self.list.clear()
            self.changed.emit()

    def _choose_files(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.caption, "", self.filters)
        self.add_paths([Path(p) for p in chosen])

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.caption)
        if chosen:
            self.add_folder(Path(chosen))
