"""Opening a batch package: who prepared it, and who you are on its roster.

By keyboard: the roster has the focus, the arrows choose a name (nobody is chosen until
then, unless the last choice on this computer is remembered), Tab goes to the session
file and its button, Enter opens, Esc cancels.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from expertscore.batch.package import OpenedPackage
from ui.expert.dialogs.session_passphrase import NewPassphraseFields
from ui.plaintext import plain_label

EXPERT_ROLE = Qt.ItemDataRole.UserRole + 1


def default_session_path(package: Path, expert_id: str) -> Path:
    """Beside the package: ``<package stem>-<expert>.esession``."""
    return package.with_name(f"{package.stem}-{expert_id}.esession")


def signature_text(opened: OpenedPackage) -> tuple[str, bool]:
    """What to say about the organizer's signature, and whether it is signed."""
    if opened.signature is None:
        return (
            QCoreApplication.translate(
                "ChooseExpertDialog", "Not signed: ask the organizer whether this is their batch."
            ),
            False,
        )
    return (
        QCoreApplication.translate("ChooseExpertDialog", "Prepared by {signer} (key {key})").format(
            signer=opened.signature.signer, key=opened.signature.fingerprint
        ),
        True,
    )


class ChooseExpertDialog(QDialog):
    """Shows the batch and its roster; the expert picks their own name."""

    def __init__(
        self, opened: OpenedPackage, last_expert: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chooseExpertDialog")
        self.opened = opened
        self.setWindowTitle(self.tr("Open batch package"))
        manifest = opened.manifest
        assigned = {a.expert for a in manifest.assignments}
        self.model = QStandardItemModel(self)
        for expert in manifest.roster:
            parts = [expert.id, expert.name]
            extra = " · ".join(p for p in (expert.organization, expert.role) if p)
            text = "  ".join(parts) + (f"  ({extra})" if extra else "")
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(expert.id, EXPERT_ROLE)
            if expert.id not in assigned:
                item.setEnabled(False)
                item.setToolTip(self.tr("No submissions are assigned to this expert"))
            self.model.appendRow(item)
        self.roster = QListView(self)
        self.roster.setObjectName("rosterList")
        self.roster.setModel(self.model)
        self.roster.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.roster.selectionModel().currentChanged.connect(self._expert_changed)
        self.roster.doubleClicked.connect(lambda _index: self._accept_if_ready())
        self.session_path = QLineEdit(self)
        self.session_path.setObjectName("sessionPath")
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        self.existing = QLabel(self)
        self.protection = NewPassphraseFields(self)
        self.protection.changed.connect(self._update)
        signed_text, signed = signature_text(opened)
        signature = plain_label(signed_text, self)
        signature.setObjectName("signatureLabel")
        signature.setWordWrap(True)
        if not signed:
            signature.setStyleSheet("color: #b45309;")
        info = QFormLayout()
        batch = manifest.batch
        info.addRow(self.tr("Batch:"), plain_label(f"{batch.title} ({batch.id})", self))
        info.addRow(self.tr("Organizer:"), plain_label(batch.organizer, self))
        info.addRow(self.tr("Signature:"), signature)
        scheme = opened.scheme
        info.addRow(self.tr("Scheme:"), plain_label(f"{scheme.title} {scheme.version}", self))
        path_row = QHBoxLayout()
        path_row.addWidget(self.session_path, 1)
        path_row.addWidget(browse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept_if_ready)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(info)
        layout.addWidget(QLabel(self.tr("Who are you? Choose your name from the roster:"), self))
        layout.addWidget(self.roster, 1)
        layout.addWidget(QLabel(self.tr("Your session file:"), self))
        layout.addLayout(path_row)
        layout.addWidget(self.existing)
        layout.addWidget(self.protection)
        layout.addWidget(self.buttons)
        self.resize(560, 560)
        self._path_edited = False
        self.session_path.textEdited.connect(lambda _text: setattr(self, "_path_edited", True))
        self.session_path.textChanged.connect(lambda _text: self._update())
        if not (last_expert and self.select_expert(last_expert)):
            # Nobody is chosen until the expert chooses: without this, the list makes its
            # first name current when it gets the focus, unhighlighted, and Enter would
            # open the batch as that expert.
            self.roster.setCurrentIndex(QModelIndex())
        self.roster.setFocus()  # arrows choose, Tab goes on to the session file, Enter opens
        self._update()

    def select_expert(self, expert_id: str) -> bool:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.data(EXPERT_ROLE) == expert_id and item.isEnabled():
                self.roster.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def expert_id(self) -> str | None:
        index = self.roster.currentIndex()
        if not index.isValid() or not self.model.itemFromIndex(index).isEnabled():
            return None
        return index.data(EXPERT_ROLE)

    def session_file(self) -> Path:
        return Path(self.session_path.text().strip())

    def _expert_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        expert = self.expert_id()
        if expert and not self._path_edited:
            self.session_path.setText(
                str(default_session_path(self.opened.sealed_path or self.opened.path, expert))
            )
        self._update()

    def new_passphrase(self) -> str | None:
        """The passphrase the new session is encrypted with (None: plain, or it exists)."""
        return self.protection.new_passphrase()

    def _ready(self) -> bool:
        chosen = self.expert_id() is not None and bool(self.session_path.text().strip())
        return chosen and self.protection.problem() is None

    def _update(self) -> None:
        chosen = self.expert_id() is not None and bool(self.session_path.text().strip())
        exists = chosen and self.session_file().exists()
        # an existing session is reopened as it is: there is nothing to choose
        self.protection.setEnabled(not exists)
        ready = self._ready()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)
        self.existing.setText(
            self.tr("This session file exists: your work in it will be reopened.") if exists else ""
        )

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Session file"),
            self.session_path.text(),
            self.tr("Sessions (*.esession)"),
        )
        if chosen:
            self._path_edited = True
            self.session_path.setText(chosen)
            self._update()

    def _accept_if_ready(self) -> None:
        if self._ready():
            self.accept()
