"""Opening an existing merge folder: the folder, its batch package and the key cards.

The package and key cards last used with a folder on this computer are filled in as soon
as the folder is chosen (``ui.chair.memory``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.chair import memory
from ui.chair.fields import FileList, PathField
from ui.chair.merge_dialog import CARD_SUFFIX, PACKAGES


class OpenMergeDialog(QDialog):
    chosen = Signal(object, object, object)  # package Path, folder Path, key cards (tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openMergeDialog")
        self.setWindowTitle(self.tr("Open a merge"))
        self.folder = PathField(PathField.FOLDER, self.tr("Merge folder"), parent=self)
        self.package = PathField(
            PathField.OPEN,
            self.tr("Batch package"),
            self.tr("Batch packages ({patterns})").format(patterns=PACKAGES),
            self,
        )
        self.keycards = FileList(
            self.tr("Key cards"),
            (CARD_SUFFIX,),
            self.tr("Key cards (*.eskeycard);;All files (*)"),
            self,
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.folder.changed.connect(self._recall)
        for field in (self.folder, self.package):
            field.changed.connect(self._update)
        form = QFormLayout()
        form.addRow(self.tr("Merge folder:"), self.folder)
        form.addRow(self.tr("Batch package:"), self.package)
        form.addRow(self.tr("Key cards:"), self.keycards)
        hint = QLabel(
            self.tr(
                "Key cards are needed only for experts whose key the batch roster does not pin."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self._update()
        self.resize(680, 360)

    def _recall(self) -> None:
        folder = self.folder.path()
        if folder is None or not folder.is_dir():
            return
        package, cards = memory.recall(folder)
        if package is not None and self.package.path() is None:
            self.package.set_path(package)
        self.keycards.add_paths(cards)

    def _update(self) -> None:
        ready = self.folder.path() is not None and self.package.path() is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(ready)

    def accept(self) -> None:
        folder, package = self.folder.path(), self.package.path()
        if folder is None or package is None:
            return
        self.chosen.emit(package, folder, tuple(self.keycards.paths()))
        super().accept()
