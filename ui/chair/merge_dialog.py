"""Merging result files: choose them, see the dry run grouped by outcome, then apply.

The dry run (``ChairRun.plan``) verifies every file (signature, batch hash, roster: the
pinned key, a key card, or a key the chair confirmed against the signed paper sheet) and
says what merging would do; nothing is written until Apply. A refused file is listed with
its reason and is never counted; one refused for an unknown key can be confirmed against
the expert's paper sheet from here, after which the dry run is repeated.

Everything that reads or writes files runs on the worker thread (``ui.tasks``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from expertscore.batch.package import OpenedPackage, open_package
from expertscore.chair.merge import REFUSED, Decision
from expertscore.chair.run import ChairRun
from expertscore.results.envelope import ResultRefused
from ui.chair import memory
from ui.chair.decision_dialogs import ConfirmKeyDialog, read_for_confirmation
from ui.chair.fields import FileList, PathField
from ui.chair.preview import DECISION_ROLE, REASON, MergePreviewModel
from ui.chair.texts import OUTCOMES, failure_text, outcome_label
from ui.chair.unlock import then_unlocked
from ui.tasks import BackgroundOp

PACKAGES = "*.esbatch *.zip"
RESULT_SUFFIX = ".esresult"
CARD_SUFFIX = ".eskeycard"


@dataclass(frozen=True)
class Planned:
    run: ChairRun
    decisions: list[Decision]


class MergeDialog(QDialog):
    merged = Signal(object, object, object)  # package Path, folder Path, key cards (tuple)

    def __init__(
        self,
        parent: QWidget | None = None,
        package: Path | None = None,
        folder: Path | None = None,
        keycards: tuple[Path, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Merge result files"))
        self._opened: OpenedPackage | None = None
        self.planned: Planned | None = None
        self.package = PathField(
            PathField.OPEN,
            self.tr("Batch package"),
            self.tr("Batch packages ({patterns})").format(patterns=PACKAGES),
            self,
        )
        self.folder = PathField(PathField.FOLDER, self.tr("Merge folder"), parent=self)
        self.results = FileList(
            self.tr("Result files"),
            (RESULT_SUFFIX,),
            self.tr("Result files (*.esresult);;All files (*)"),
            self,
        )
        self.keycards = FileList(
            self.tr("Key cards"),
            (CARD_SUFFIX,),
            self.tr("Key cards (*.eskeycard);;All files (*)"),
            self,
        )
        self.keycards.add_paths(list(keycards))
        for files in (self.results, self.keycards):
            files.setMaximumHeight(120)  # the dry run below gets the room
        fixed = package is not None and folder is not None
        self.package.set_path(package)
        self.folder.set_path(folder)
        self.package.set_fixed(fixed)
        self.folder.set_fixed(fixed)
        self.model = MergePreviewModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("mergePreview")
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(REASON, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self.tr("Choose the result files, then preview the merge."), self)
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        self._build_buttons()
        self._build_layout()
        for field in (self.package, self.folder):
            field.changed.connect(self._inputs_changed)
        self.folder.changed.connect(self._recall)
        for files in (self.results, self.keycards):
            files.changed.connect(self._inputs_changed)
        # Experts send their key card with their result: take the cards of the same folder.
        self.results.folderAdded.connect(self.keycards.add_folder)
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)
        self.resize(860, 680)

    def _build_buttons(self) -> None:
        self.preview_button = QPushButton(self.tr("Preview (dry run)"), self)
        self.preview_button.setObjectName("previewButton")
        self.confirm_button = QPushButton(self.tr("Confirm key…"), self)
        self.confirm_button.setToolTip(
            self.tr("Accept the key of the selected refused file after checking the paper sheet")
        )
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setObjectName("applyButton")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in (self.preview_button, self.confirm_button, self.apply_button):
            button.setAutoDefault(False)
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.clicked.connect(self.preview)
        self.confirm_button.clicked.connect(self.confirm_selected_key)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self._update_buttons()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Batch package:"), self.package)
        form.addRow(self.tr("Merge folder:"), self.folder)
        form.addRow(self.tr("Result files:"), self.results)
        form.addRow(self.tr("Key cards:"), self.keycards)
        hint = QLabel(
            self.tr(
                "Key cards are needed only for experts whose key the batch roster does not pin."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)

    # --- inputs -------------------------------------------------------------------------

    def _recall(self) -> None:
        folder = self.folder.path()
        if folder is None or not folder.is_dir() or self.package.edit.isReadOnly():
            return
        package, cards = memory.recall(folder)
        if package is not None and self.package.path() is None:
            self.package.set_path(package)
        self.keycards.add_paths(cards)

    def _inputs_changed(self) -> None:
        if self.planned is not None:
            self.planned = None
            self.model.set_decisions([])
            self.summary.setText(self.tr("The choice changed: preview the merge again."))
        self._update_buttons()

    def _update_buttons(self, *_args) -> None:
        ready = self.package.path() is not None and self.folder.path() is not None
        self.preview_button.setEnabled(ready and bool(self.results.paths()))
        self.apply_button.setEnabled(self.planned is not None and bool(self.planned.decisions))
        selected = self.selected_decision()
        self.confirm_button.setEnabled(
            selected is not None and selected.outcome == REFUSED and selected.expert is None
        )

    def selected_decision(self) -> Decision | None:
        current = self.tree.currentIndex()
        decision = current.siblingAtColumn(0).data(DECISION_ROLE) if current.isValid() else None
        return decision if isinstance(decision, Decision) else None

    # --- dry run and apply ----------------------------------------------------------------

    def preview(self) -> None:
        package, folder = self.package.path(), self.folder.path()
        if package is None or folder is None:
            return
        files, cards = self.results.paths(), tuple(self.keycards.paths())
        cached = self._opened if self._opened and self._opened.path == package else None

        def plan(_report) -> Planned:
            opened = cached or open_package(package)
            run = ChairRun(opened, folder, cards)
            return Planned(run, run.plan(files))

        def start() -> None:
            self.preview_button.setEnabled(False)
            self.summary.setText(self.tr("Checking the files…"))
            BackgroundOp(self, plan).with_progress(self.tr("Checking the result files…")).success(
                self._planned
            ).failure(self._failed).run()

        self.asking = then_unlocked(self, [package, *files], start, self.summary.setText)

    def _planned(self, planned: Planned) -> None:
        self._opened = planned.run.package
        self.planned = planned
        names = {e.id: e.name for e in planned.run.package.manifest.roster}
        self.model.set_decisions(planned.decisions, names)
        self.tree.expandAll()
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        counts = self.model.counts()
        parts = [f"{outcome_label(o)} {counts[o]}" for o in OUTCOMES]
        self.summary.setText(
            self.tr("Dry run: {counts}. Nothing has been written yet; Apply merges.").format(
                counts=" · ".join(parts)
            )
        )
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self.summary.setText(failure_text(error))
        self._update_buttons()

    def apply(self) -> None:
        planned = self.planned
        package, folder = self.package.path(), self.folder.path()
        if planned is None or package is None or folder is None:
            return
        cards = tuple(self.keycards.paths())
        self.apply_button.setEnabled(False)

        def write(_report) -> None:
            planned.run.apply(planned.decisions)

        def done(_result) -> None:
            memory.remember(folder, package, cards)
            counts = self.model.counts()
            self.summary.setText(
                self.tr("Merged into {folder}: {counts}.").format(
                    folder=folder,
                    counts=" · ".join(f"{outcome_label(o)} {counts[o]}" for o in OUTCOMES),
                )
            )
            self.planned = None
            self.merged.emit(package, folder, cards)
            self.accept()

        BackgroundOp(self, write).with_progress(self.tr("Merging…")).success(done).failure(
            self._failed
        ).run()

    # --- keys the roster does not pin -------------------------------------------------------

    def confirm_selected_key(self) -> None:
        decision, planned = self.selected_decision(), self.planned
        folder = self.folder.path()
        if decision is None or folder is None or planned is None:
            return
        try:
            checked = read_for_confirmation(Path(decision.source))
        except ResultRefused as error:
            self.summary.setText(failure_text(error))
            return
        dialog = ConfirmKeyDialog(folder, planned.run.package, checked, self)
        dialog.accepted.connect(self.preview)
        dialog.open()
