"""The organizer's window: preparing the signed batch package of a review round.

Five pages, in the order of the work: the authority's export (a package, or the Excel
form with its evidence folder), the panel roster from key cards, the organizer-set
values, the assignment (automatic, then by hand) and the export: the package signed with
the organizer's key, and blank scoring sheets for experts who score on paper. A sixth tab
shows the authority's registry of panel results, read-only (``registry_page``).

Opening the source and exporting run on the worker thread; everything else is quick and
checked by the core as the organizer types. Back and Next go through the steps, and the
line between them says what the current step still needs (``ui.organizer.steps``); the
File menu has every action of the steps, Ctrl+Q closes the window.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QMainWindow,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from expertscore import __version__
from expertscore.batch.package import OpenedPackage
from expertscore.errors import ExpertScoreError
from expertscore.identity.keycard import read_card
from expertscore.identity.keys import ExpertKey
from expertscore.organizer.roster import OrganizerCardOnRoster, read_roster, write_roster
from ui.chair.texts import failure_text
from ui.messages import error_text
from ui.organizer.draft import RoundDraft, open_source
from ui.organizer.export_step import ExportStep
from ui.organizer.guide import WindowGuide
from ui.organizer.models import (
    R_ROLE,
    V_DEFAULT,
    V_VALUE,
    V_WHAT,
    AssignmentGridModel,
    RoleDelegate,
    RosterModel,
    ValuesModel,
)
from ui.organizer.pages import AssignmentsPage, ExportPage, RosterPage, SourcePage, ValuesPage
from ui.organizer.registry_page import RegistryPage
from ui.organizer.steps import StepBar
from ui.plaintext import markup, shown, warn
from ui.tasks import BackgroundOp
from ui.window_place import RememberedPlace

SOURCE, ROSTER, VALUES, ASSIGNMENTS, EXPORT = range(5)


class OrganizerWindow(QMainWindow):
    sourceOpened = Signal()
    exported = Signal(object)  # Exported
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("organizerWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle(
            self.tr("ExpertScore {version} — prepare a review round").format(version=__version__)
        )
        self.draft: RoundDraft | None = None
        self.quiet = False  # no message boxes (tests, screenshots)
        self.dialog: QWidget | None = None
        self._work = tempfile.TemporaryDirectory(prefix="expertscore-organizer-")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("organizerSteps")
        self.steps = StepBar(self.tabs, self)
        self.source_page = SourcePage(self)
        self.roster_page = RosterPage(self)
        self.values_page = ValuesPage(self)
        self.assignments_page = AssignmentsPage(self)
        self.export_page = ExportPage(self)
        self.export_step = ExportStep(self)
        self.guide = WindowGuide(self)  # the menu bar, and what each step needs
        for page, title, needs in (
            (self.source_page, self.tr("1 Source"), self.guide.source_needs),
            (self.roster_page, self.tr("2 Roster"), self.guide.roster_needs),
            (self.values_page, self.tr("3 Organizer-set values"), self.guide.values_needs),
            (self.assignments_page, self.tr("4 Assignments"), self.guide.assignments_needs),
            (self.export_page, self.tr("5 Sign and export"), self.guide.export_needs),
        ):
            self.steps.add_step(page, title, needs)
        self.steps.add_view(RegistryPage(self), self.tr("Registry"))  # read-only, not a step
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.steps)
        self.setCentralWidget(central)
        self.roster_model = RosterModel(self)
        self.values_model = ValuesModel(self)
        self.grid_model = AssignmentGridModel(self)
        self.roster_page.table.setModel(self.roster_model)
        self.roster_page.table.setItemDelegateForColumn(R_ROLE, RoleDelegate(self))
        self.values_page.table.setModel(self.values_model)
        self.assignments_page.grid.setModel(self.grid_model)
        self._connect()
        self._enable(False)
        self.resize(1280, 720)  # fits a 1366x768 screen with the task bar; then as last left
        self.place = RememberedPlace(self, "organizer_window", {})
        self.place.restore()

    def _connect(self) -> None:
        src, roster, values, assign, export = (
            self.source_page,
            self.roster_page,
            self.values_page,
            self.assignments_page,
            self.export_page,
        )
        src.open_button.clicked.connect(self._open_clicked)
        roster.add_cards.clicked.connect(self._choose_cards)
        roster.remove.clicked.connect(self._remove_selected)
        roster.open_roster.clicked.connect(self._choose_roster)
        roster.save_roster.clicked.connect(self._save_roster)
        self.roster_model.refused.connect(roster.message.setText)
        self.roster_model.dataChanged.connect(lambda *_: self._roster_changed())
        self.values_model.refused.connect(values.problem.setText)
        self.values_model.problemChanged.connect(self._values_problem)
        values.set_by.textChanged.connect(self._set_by_changed)
        self.grid_model.refused.connect(self._grid_refused)
        self.grid_model.previewChanged.connect(self._preview_changed)
        assign.per_submission.valueChanged.connect(self._plan_changed)
        assign.split_size.valueChanged.connect(self._plan_changed)
        assign.reset.clicked.connect(self._reset_hand_changes)
        export.export.clicked.connect(lambda: self.export())
        export.signing.makeKey.connect(self.export_step._make_organizer_key)
        export.signing.passphrase.returnPressed.connect(lambda: self.export())
        export.signing.passphrase.textChanged.connect(lambda _text: self.steps.refresh())
        export.signing.choice.currentIndexChanged.connect(lambda _i: self.steps.refresh())
        export.organizer.textChanged.connect(lambda _text: self._update_export())
        export.batch_id.textChanged.connect(lambda _text: self._update_export())
        assign.shortfalls.lower.connect(self._lower_count)
        assign.shortfalls.addExpert.connect(self.guide.add_expert_for)
        assign.shortfalls.review.connect(self.guide.review_conflict)

    def _enable(self, opened: bool) -> None:
        for index in (ROSTER, VALUES, ASSIGNMENTS, EXPORT):
            self.tabs.setTabEnabled(index, opened)
        self.steps.refresh()

    def _say(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _fail(self, message: str) -> None:
        self.statusBar().showMessage(message)
        self.failed.emit(message)
        if not self.quiet:
            warn(self, self.tr("Prepare a review round"), message)

    # --- the source ----------------------------------------------------------------------

    def _open_clicked(self) -> None:
        page = self.source_page
        source = page.source.path()
        if source is None:
            return
        self.open_source(source, page.evidence.path(), page.scheme.currentData())

    def open_source(self, source: Path, evidence: Path | None = None, scheme: str | None = None):
        work = Path(tempfile.mkdtemp(dir=self._work.name))
        self.source_page.source.set_path(source)
        self.source_page.info.setText(self.tr("Reading {source}…").format(source=source))

        def read(_report) -> OpenedPackage:
            return open_source(Path(source), evidence, scheme, work)

        BackgroundOp(self, read).with_progress(self.tr("Reading the authority's export…")).success(
            self._source_read
        ).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        self._fail(failure_text(error))

    def _source_read(self, opened: OpenedPackage) -> None:
        roster = self.draft.roster if self.draft is not None else None
        self.draft = RoundDraft(opened) if roster is None else RoundDraft(opened, roster)
        draft = self.draft
        batch = opened.manifest.batch
        self.source_page.info.setText(
            self.tr(
                "<b>{title}</b> ({batch}), from {organizer}: {submissions} submissions,"
                " {evidence} evidence files; scheme {scheme} {version}. The aggregation"
                " policy needs {needed} experts on every indicator."
            ).format(
                title=markup(batch.title),
                batch=markup(batch.id),
                organizer=markup(batch.organizer),
                submissions=len(opened.manifest.submissions),
                evidence=len(opened.manifest.evidence),
                scheme=markup(draft.scheme.title),
                version=markup(draft.scheme.version),
                needed=draft.needed(),
            )
        )
        found = self.source_page.scheme.findData(opened.scheme.id)
        if found >= 0:
            self.source_page.scheme.setCurrentIndex(found)
        self.source_page.submissions.clear()
        for sub in opened.manifest.submissions:
            self.source_page.submissions.addItem(
                shown(f"{sub.id}  {sub.platform} — {sub.operator}")
            )
        export = self.export_page
        export.batch_id.setText(draft.new_batch_id())
        export.organizer.setText(batch.organizer)
        export.title.setText(batch.title)
        if export.out.path() is None:
            export.out.set_path(opened.path.with_name(f"{batch.id}-round.esbatch"))
        self.assignments_page.per_submission.blockSignals(True)
        self.assignments_page.per_submission.setValue(draft.per_submission)
        self.assignments_page.per_submission.blockSignals(False)
        self._fill_split()
        self.roster_model.set_draft(draft)
        self.values_model.set_draft(draft)
        self._size_tables()
        self.grid_model.set_draft(draft)
        self.export_step._refresh_keys()
        self._enable(True)
        self.setWindowTitle(
            self.tr("ExpertScore {version} — prepare a review round — {title}").format(
                version=__version__, title=batch.title
            )
        )
        self.sourceOpened.emit()

    def _size_tables(self) -> None:
        roster = self.roster_page.table
        roster.resizeColumnsToContents()
        roster.setColumnWidth(R_ROLE, max(roster.columnWidth(R_ROLE), 110))
        roster.horizontalHeader().setStretchLastSection(True)
        values = self.values_page.table
        values.resizeColumnsToContents()
        values.horizontalHeader().setSectionResizeMode(V_WHAT, QHeaderView.ResizeMode.Stretch)
        values.setColumnWidth(V_DEFAULT, max(values.columnWidth(V_DEFAULT), 90))
        values.setColumnWidth(V_VALUE, max(values.columnWidth(V_VALUE), 150))

    # --- the roster ----------------------------------------------------------------------

    def _choose_cards(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Key cards"), "", self.tr("Key cards (*.eskeycard);;All files (*)")
        )
        self.add_keycards([Path(p) for p in chosen])

    def add_keycards(self, paths: list[Path]) -> None:
        """Add the experts of ``paths``; a card that fails its check is reported, not added."""
        if self.draft is None:
            return
        problems = []
        for path in paths:
            try:
                self.draft.add_card(read_card(path))
            except OrganizerCardOnRoster as error:
                problems.append(
                    self.tr("{path}: {expert} is an organizer's key card, not an expert's.").format(
                        path=path.name, expert=error.expert
                    )
                )
            except ExpertScoreError as error:
                problems.append(failure_text(error))
        self.roster_page.message.setText("\n".join(problems))
        self._roster_changed(reset=True)

    def _remove_selected(self) -> None:
        index = self.roster_page.table.currentIndex()
        if self.draft is None or not index.isValid():
            return
        self.draft.remove_expert(self.roster_model.experts()[index.row()].id)
        self._roster_changed(reset=True)

    def _choose_roster(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Roster"), "", self.tr("Rosters (*.json);;All files (*)")
        )
        if chosen and self.draft is not None:
            try:
                self.draft.roster = read_roster(Path(chosen))
            except ExpertScoreError as error:
                self.roster_page.message.setText(failure_text(error))
                return
            self._roster_changed(reset=True)

    def _save_roster(self) -> None:
        if self.draft is None:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Roster"), "roster.json", self.tr("Rosters (*.json)")
        )
        if chosen:
            try:
                write_roster(self.draft.roster, Path(chosen))
            except (ExpertScoreError, OSError) as error:
                self.roster_page.message.setText(failure_text(error))
                return
            self._say(self.tr("Roster saved: {path}").format(path=chosen))

    def _roster_changed(self, reset: bool = False) -> None:
        if self.draft is None:
            return
        if reset:
            self.roster_model.refresh()
            self._size_tables()
        else:
            self.roster_page.message.clear()
        self._fill_split()
        self._plan_changed()
        self.export_step._refresh_keys()

    # --- values --------------------------------------------------------------------------

    def _set_by_changed(self, text: str) -> None:
        if self.draft is not None:
            self.draft.set_by = text.strip()

    def _values_problem(self, message: str) -> None:
        self.values_page.problem.setText(message)
        self._update_export()

    # --- assignments ---------------------------------------------------------------------

    def _fill_split(self) -> None:
        draft = self.draft
        table = self.assignments_page.split
        if draft is None:
            return
        table.setRowCount(0)
        roles = draft.roles()
        for node in draft.scheme.indicators:
            row = table.rowCount()
            table.insertRow(row)
            item = QTableWidgetItem(f"{node.code} {node.name}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, item)
            combo = self.assignments_page.role_combo(roles, draft.split.get(node.code))
            combo.setProperty("group", node.code)
            combo.currentIndexChanged.connect(self._split_changed)
            table.setCellWidget(row, 1, combo)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _split_changed(self) -> None:
        if self.draft is None:
            return
        table = self.assignments_page.split
        split = {}
        for row in range(table.rowCount()):
            combo = table.cellWidget(row, 1)
            if combo is not None and combo.currentData():
                split[combo.property("group")] = combo.currentData()
        self.draft.split = split
        self._plan_changed()

    def set_split(self, group: str, role: str) -> None:
        """Send indicator ``group`` to the experts of ``role`` (as the split table does)."""
        table = self.assignments_page.split
        for row in range(table.rowCount()):
            combo = table.cellWidget(row, 1)
            if combo is not None and combo.property("group") == group:
                combo.setCurrentIndex(max(combo.findData(role), 0))

    def _plan_changed(self) -> None:
        draft = self.draft
        if draft is None:
            return
        page = self.assignments_page
        draft.per_submission = page.per_submission.value()
        draft.split_size = page.split_size.value() or None
        if not draft.keep_valid_hand_changes():
            self._say(self.tr("The hand changes no longer fit the new plan and were undone."))
        self.grid_model.refresh()

    def _lower_count(self, submission: str, count: int) -> None:
        if self.draft is not None:
            self.draft.lower_count(submission, count)
            self._plan_changed()
            self._say(
                self.tr("{submission} now asks for {count} experts.").format(
                    submission=submission, count=count
                )
            )

    def _reset_hand_changes(self) -> None:
        if self.draft is not None:
            self.draft.reset_hand_changes()
            self.grid_model.refresh()

    def _grid_refused(self, message: str) -> None:
        self.assignments_page.problem.setText(message)
        self._say(message)

    def _preview_changed(self) -> None:
        draft, preview = self.draft, self.grid_model.preview
        page = self.assignments_page
        grid = page.grid
        grid.resizeColumnsToContents()
        grid.resizeRowsToContents()
        if draft is None or preview is None:
            return
        page.problem.setText(error_text(preview.problem) if preview.problem else "")
        page.shortfalls.show_shortfalls(preview.short, draft.submissions, preview.policy_needs)
        loads = preview.loads()
        hand = len(draft.add) + len(draft.remove)
        if preview.assignments and loads:
            page.summary.setText(
                self.tr(
                    "{assignments} assignments; {low}–{high} submissions per expert;"
                    " {conflicts} conflicts of interest kept apart; {hand} changed by hand."
                ).format(
                    assignments=len(preview.assignments),
                    low=min(loads.get(e.id, 0) for e in draft.roster.experts),
                    high=max(loads.values()),
                    conflicts=len(preview.conflicts),
                    hand=hand,
                )
            )
        else:
            page.summary.clear()
        self._update_export()

    # --- export --------------------------------------------------------------------------

    def export_problem(self) -> str | None:
        """Why the package cannot be exported now, or ``None``."""
        return self.export_step.export_problem()

    def _update_export(self) -> None:
        problem = self.export_problem()
        page = self.export_page
        page.export.setEnabled(problem is None)
        self.steps.refresh()
        page.problem.setText(
            self.tr("Cannot export yet: {problem}").format(problem=problem) if problem else ""
        )
        draft, preview = self.draft, self.grid_model.preview
        if draft is None or preview is None:
            return
        experts = draft.roster.experts
        page.summary.setText(
            self.tr(
                "The package will hold {submissions} submissions, {experts} experts ({keys} with"
                " a pinned key), {assignments} assignments, {values} organizer-set values and"
                " {conflicts} conflicts of interest."
            ).format(
                submissions=len(draft.submissions),
                experts=len(experts),
                keys=sum(1 for e in experts if e.public_key),
                assignments=len(preview.assignments),
                values=len(draft.value_pairs()),
                conflicts=len(preview.conflicts),
            )
        )

    def export(
        self, out: Path | None = None, key: ExpertKey | None = None, unsigned: bool = False
    ) -> None:
        """Sign and write the package (and blank sheets) with the key chosen on the page."""
        self.export_step.export(out, key, unsigned)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.place.save()
        self._work.cleanup()
        super().closeEvent(event)
