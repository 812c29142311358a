"""The panel chair's window: the ranking, each submission's score matrix, decisions, exports.

Left: the ranked submissions with totals, grades and robustness notes, and what is still
missing (experts without a result, unscored submissions). Right, for the chosen
submission: the matrix of indicators by experts with divergence coloured and, below it,
every expert's score and comment on the chosen indicator; the charts; the audit log.

The window holds one ``ChairState`` at a time and never changes it. A merge or a decision
writes to the merge folder through the core, then a fresh state is loaded on the worker
thread and shown, keeping the chosen submission and indicator.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from expertscore import __version__
from expertscore.batch.package import OpenedPackage, open_package
from expertscore.chair.aggregate import IndicatorResult
from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import ExpertKey
from ui.chair import memory
from ui.chair.actions import ChairActions, make_chair_actions
from ui.chair.charts import DistributionChart, ProfileChart
from ui.chair.decision_dialogs import (
    ConfirmKeyDialog,
    DecisionDialog,
    OverrideDialog,
    RoundDialog,
    WithdrawOverrideDialog,
    read_for_confirmation,
)
from ui.chair.detail import DetailView
from ui.chair.evidence_locator import ChairLocator
from ui.chair.evidence_pane import ChairEvidencePane
from ui.chair.exports import PANEL_FILE, REPORT, WORKBOOK, Exporter, default_name
from ui.chair.flag_bar import FlagBar
from ui.chair.matrix import INDICATOR, CommentMarkDelegate, MatrixModel
from ui.chair.members import MembersModel, members_table, merge_notes, paper_statement
from ui.chair.merge_dialog import MergeDialog
from ui.chair.models import (
    AUDIT_DETAIL,
    GAP_DETAIL,
    PLATFORM,
    AuditModel,
    ChairGapsModel,
    RankingModel,
)
from ui.chair.open_dialog import OpenMergeDialog
from ui.chair.panel_export import PanelExportDialog
from ui.chair.panel_quality_tab import PanelQualityTab
from ui.chair.state import ChairState, load_state
from ui.chair.texts import failure_text
from ui.chair.unlock import then_unlocked
from ui.chair.verified_value import request_verified_value
from ui.encrypt_to import AUTHORITY, EncryptToDialog
from ui.plaintext import TITLE_LIMIT, markup, shown, warn
from ui.tasks import BackgroundOp
from ui.window_place import RememberedPlace, refit_when_shown


class ChairWindow(QMainWindow):
    stateLoaded = Signal()  # a (new) state is on screen
    failed = Signal(str)  # opening or reloading failed; the message

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chairWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowFlag(Qt.WindowType.Window)
        self.state: ChairState | None = None
        self.package_path: Path | None = None
        self.keycards: tuple[Path, ...] = ()
        self.dialog: QWidget | None = None  # the decision or merge dialog last opened
        self._shown: tuple[ChairState | None, str | None] = (None, None)
        self.quiet = False  # no message boxes (screenshots, tests): report by signal only
        self.exporter = Exporter(self)
        self.exporter.exported.connect(self._exported)
        self.exporter.failed.connect(self._report_failure)
        self.actions: ChairActions = make_chair_actions(self)
        self._connect_actions()
        scores, beside, charts = self._build()
        self.locator = ChairLocator(self)  # Ctrl+L, Ctrl+Shift+E: the evidence's pages
        self.setWindowTitle(
            self.tr("ExpertScore {version} — panel chair").format(version=__version__)
        )
        self.resize(1440, 900)  # clamped to the screen; then as the chair last left it
        self.place = RememberedPlace(
            self,
            "chair_window",
            {"main": self.splitter, "scores": scores, "beside": beside, "charts": charts},
        )
        self.place.restore()
        self._fitted_shown = False
        self._enable(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted_shown:
            self._fitted_shown = True
            refit_when_shown(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.place.save()
        super().closeEvent(event)

    # --- building -----------------------------------------------------------------------

    def _table(self, name: str) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        return table

    def _build(self) -> tuple[QSplitter, QSplitter, QSplitter]:
        """The widgets; returns the inner splitters (scores, beside, charts) to remember."""
        self.summary = QLabel(self.tr("Open a merge folder: File → Open merge…"), self)
        self.summary.setObjectName("chairSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # our bold title; file text escaped
        self.ranking_model = RankingModel(self)
        self.ranking = self._table("rankingTable")
        self.ranking.setModel(self.ranking_model)
        self.ranking.horizontalHeader().setStretchLastSection(True)
        self.ranking.selectionModel().selectionChanged.connect(self._ranking_selected)
        self.gaps_model = ChairGapsModel(self)
        self.gaps = self._table("gapsTable")
        self.gaps.setModel(self.gaps_model)
        self.gaps.horizontalHeader().setSectionResizeMode(
            GAP_DETAIL, QHeaderView.ResizeMode.Stretch
        )
        self.gaps_title = QLabel(self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.ranking, 3)
        left_layout.addWidget(self.gaps_title)
        left_layout.addWidget(self.gaps, 1)
        self.gaps.setMaximumHeight(220)

        self.heading = QLabel(self)
        self.heading.setObjectName("submissionHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.matrix_model = MatrixModel(self)
        self.matrix = self._table("matrixTable")
        self.matrix.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.matrix.setModel(self.matrix_model)
        self.matrix.setItemDelegate(CommentMarkDelegate(self.matrix))
        self.matrix.horizontalHeader().setStretchLastSection(True)
        self.matrix.selectionModel().currentChanged.connect(self._cell_changed)
        self.matrix.doubleClicked.connect(lambda _index: self.request_override())
        self.detail = DetailView(self)
        self.flag_bar = FlagBar(self.matrix, self.matrix_model, self)
        table = QWidget(self)
        table_layout = QVBoxLayout(table)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.flag_bar)
        table_layout.addWidget(self.matrix, 1)
        scores = QSplitter(Qt.Orientation.Vertical, self)
        scores.addWidget(table)
        scores.addWidget(self.detail)
        scores.setSizes([560, 220])
        self.distribution = DistributionChart(self)
        self.profile = ProfileChart(self)
        charts = QSplitter(Qt.Orientation.Vertical, self)
        charts.addWidget(self.distribution)
        charts.addWidget(self.profile)
        self.audit_model = AuditModel(self)
        self.audit = self._table("auditTable")
        self.audit.setModel(self.audit_model)
        self.audit.horizontalHeader().setSectionResizeMode(
            AUDIT_DETAIL, QHeaderView.ResizeMode.Stretch
        )
        self.tabs = QTabWidget(self)
        self.evidence = ChairEvidencePane(self)
        beside = QSplitter(Qt.Orientation.Horizontal, self)
        beside.addWidget(scores)
        beside.addWidget(self.evidence)
        beside.setSizes([620, 260])  # the pinned pages readable beside the matrix
        self.tabs.addTab(beside, self.tr("Scores"))
        self.tabs.addTab(charts, self.tr("Charts"))
        self.tabs.addTab(self.audit, self.tr("Decisions and audit log"))
        self.members_model = MembersModel(self)
        self.tabs.addTab(
            members_table(self._table("membersTable"), self.members_model), self.tr("Members")
        )
        self.panel_quality = PanelQualityTab(self.tabs, self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 6, 6, 6)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.tabs, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([500, 940])  # on a laptop the matrix needs the room
        self.setCentralWidget(self.splitter)
        return scores, beside, charts

    def _connect_actions(self) -> None:
        a = self.actions
        a.new_merge.triggered.connect(self.new_merge)
        a.open_merge.triggered.connect(self.choose_merge)
        a.merge_files.triggered.connect(self.merge_files)
        a.reload.triggered.connect(self.reload)
        a.close.triggered.connect(self.close)
        a.override.triggered.connect(self.request_override)
        a.withdraw.triggered.connect(self.request_withdraw)
        a.second_round.triggered.connect(self.request_round)
        a.confirm_key.triggered.connect(self.request_key_confirmation)
        a.merge_notes.triggered.connect(lambda: merge_notes(self))
        a.paper_statement.triggered.connect(lambda: paper_statement(self))
        a.verified_value.triggered.connect(lambda: request_verified_value(self))
        a.export_workbook.triggered.connect(lambda: self.export_workbook())
        a.export_panel.triggered.connect(lambda: self.export_panel_file())
        a.export_report.triggered.connect(lambda: self.export_report())

    def _enable(self, opened: bool) -> None:
        for action in self.actions.needs_merge():
            action.setEnabled(opened)

    # --- opening and reloading ----------------------------------------------------------------

    def open_merge(self, package: Path, folder: Path, keycards: tuple[Path, ...] = ()) -> None:
        """Open ``folder`` (a merge folder, possibly new) of the batch ``package``."""
        self.package_path = Path(package)
        self.keycards = tuple(keycards)
        cards = self.keycards

        def work(_report) -> ChairState:
            return load_state(open_package(Path(package)), Path(folder), cards)

        def start() -> None:
            BackgroundOp(self, work).with_progress(
                self.tr("Verifying the merged results…")
            ).success(self.set_state).failure(self._load_failed).run()

        merged = sorted((Path(folder) / "results").glob("*.esresult"))
        asking = then_unlocked(self, [Path(package), *merged], start, self._report_failure)
        if asking is not None:
            self.dialog = asking

    def reload(self) -> None:
        if self.state is None:
            return
        package: OpenedPackage = self.state.package
        folder, cards = self.state.folder, self.keycards

        def work(_report) -> ChairState:
            return load_state(package, folder, cards)

        BackgroundOp(self, work).success(self.set_state).failure(self._load_failed).run()

    def set_state(self, state: ChairState) -> None:
        keep_sid = self.current_submission()
        keep_code, keep_column = self._current_cell()
        self.state = state
        if self.package_path is not None:
            memory.remember(state.folder, self.package_path, list(self.keycards))
        batch = state.package.manifest.batch
        self.setWindowTitle(
            self.tr("ExpertScore {version} — panel chair — {title}").format(
                version=__version__, title=shown(batch.title, TITLE_LIMIT)
            )
        )
        experts = {a.expert for a in state.package.manifest.assignments}
        accepted = len(set(state.accepted) & experts)
        self.summary.setText(
            self.tr(
                "<b>{title}</b> ({batch}) — {accepted} of {experts} experts' results merged"
                " — folder {folder}"
            ).format(
                title=markup(batch.title),
                batch=markup(batch.id),
                accepted=accepted,
                experts=len(experts),
                folder=markup(state.folder),
            )
        )
        self.ranking_model.set_state(state)
        self.ranking.resizeColumnsToContents()
        self.ranking.setColumnWidth(PLATFORM, min(self.ranking.columnWidth(PLATFORM), 230))
        self.gaps_model.set_state(state)
        self.gaps.resizeColumnsToContents()
        self.gaps.horizontalHeader().setSectionResizeMode(
            GAP_DETAIL, QHeaderView.ResizeMode.Stretch
        )
        self.gaps_title.setText(
            self.tr("What is missing: {count}").format(count=len(state.gaps))
            if state.gaps
            else self.tr("Nothing is missing: every assigned expert's result is merged.")
        )
        self.audit_model.set_state(state)
        self.members_model.set_state(state)
        self.panel_quality.set_state(state)
        self.audit.resizeColumnsToContents()
        self.audit.horizontalHeader().setSectionResizeMode(
            AUDIT_DETAIL, QHeaderView.ResizeMode.Stretch
        )
        self._enable(True)
        row = self.ranking_model.row_of(keep_sid) if keep_sid else -1
        self.select_submission(self.ranking_model.submission_at(max(row, 0)))
        if keep_code is not None:
            self.select_indicator(keep_code, keep_column)
        self.statusBar().showMessage(
            self.tr("{count} submissions ranked").format(count=len(state.result.ranking)), 5000
        )
        self.stateLoaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self._report_failure(failure_text(error))

    def _report_failure(self, message: str) -> None:
        self.statusBar().showMessage(message)
        self.failed.emit(message)
        if not self.quiet:
            warn(self, self.tr("Panel chair"), message)

    # --- choosing -------------------------------------------------------------------------

    def current_submission(self) -> str | None:
        return self.matrix_model.submission

    def current_result(self) -> IndicatorResult | None:
        index = self.matrix.currentIndex()
        return self.matrix_model.result_at(index.row()) if index.isValid() else None

    def _current_cell(self) -> tuple[str | None, int]:
        result = self.current_result()
        return (result.code if result else None, max(self.matrix.currentIndex().column(), 0))

    def select_submission(self, sid: str | None) -> None:
        row = self.ranking_model.row_of(sid) if sid else -1
        if row >= 0:
            self.ranking.selectRow(row)
        self._show_submission(sid)

    def select_indicator(self, code: str, column: int = INDICATOR) -> None:
        row = self.matrix_model.row_of(code)
        if row >= 0:
            self.matrix.setCurrentIndex(self.matrix_model.index(row, column))

    def _ranking_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self._show_submission(self.ranking_model.submission_at(indexes[0].row()))

    def _show_submission(self, sid: str | None) -> None:
        state = self.state
        if state is None or (state is self._shown[0] and sid == self._shown[1]):
            return
        self._shown = (state, sid)
        self.matrix_model.set_submission(state, sid)
        self.matrix.resizeColumnsToContents()
        self.matrix.setColumnWidth(INDICATOR, min(self.matrix.columnWidth(INDICATOR), 320))
        self.detail.show_nothing()
        self.distribution.show_submission(state, sid)
        self.profile.show_profiles(state, sid)
        if sid is None:
            self.heading.clear()
            return
        sub = state.result.submissions[sid]
        notes = []
        if sub.fragile:
            notes.append("; ".join(state.fragile_notes(sid)))
        if sub.explanations_needed:
            notes.append(
                self.tr("experts whose total is far from the others': {experts}").format(
                    experts=", ".join(
                        f"{e} ({v}%)" for e, v in sorted(sub.explanations_needed.items())
                    )
                )
            )
        self.heading.setText(
            self.tr(
                "<b>{submission}</b> — rank {rank} — total {total} ({percent}%) — grade {grade}"
            ).format(
                submission=markup(state.submission_label(sid)),
                rank=sub.rank,
                total=state.number(sub.total),
                percent=state.number(sub.percent) or "—",
                grade=markup(state.grade_name(sub)),
            )
            + (
                "<br><span style='color:#b45309'>" + " · ".join(map(markup, notes)) + "</span>"
                if notes
                else ""
            )
        )

    def _cell_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        state, sid = self.state, self.matrix_model.submission
        result = self.matrix_model.result_at(current.row()) if current.isValid() else None
        if state is None or sid is None or result is None:
            self.detail.show_nothing()
            return
        expert = self.matrix_model.expert_at(current.column())
        self.detail.show_indicator(state, sid, result, expert)
        self.evidence.show_cell(state, sid, result.code, expert)
        self.locator.show_cell(state, sid, result.code)

    # --- merging ----------------------------------------------------------------------------

    def new_merge(self) -> None:
        dialog = MergeDialog(self)
        dialog.merged.connect(self.open_merge)
        self._show_dialog(dialog)

    def choose_merge(self) -> None:
        dialog = OpenMergeDialog(self)
        dialog.chosen.connect(self.open_merge)
        self._show_dialog(dialog)

    def merge_files(self) -> None:
        if self.state is None or self.package_path is None:
            return
        dialog = MergeDialog(self, self.package_path, self.state.folder, self.keycards)
        dialog.merged.connect(self.open_merge)
        self._show_dialog(dialog)

    def _show_dialog(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- decisions --------------------------------------------------------------------------

    def _decision_target(self) -> tuple[ChairState, str, IndicatorResult] | None:
        state, sid, result = self.state, self.current_submission(), self.current_result()
        if state is None or sid is None or result is None:
            self.statusBar().showMessage(self.tr("Choose an indicator in the matrix first."), 5000)
            return None
        return state, sid, result

    def _decide(self, dialog: DecisionDialog) -> None:
        dialog.accepted.connect(self.reload)
        self._show_dialog(dialog)

    def request_override(self) -> None:
        target = self._decision_target()
        if target is not None:
            self._decide(OverrideDialog(*target, parent=self))

    def request_withdraw(self) -> None:
        target = self._decision_target()
        if target is None:
            return
        if target[2].override is None:
            self.statusBar().showMessage(self.tr("This indicator has no agreed score."), 5000)
            return
        self._decide(WithdrawOverrideDialog(*target, parent=self))

    def request_round(self) -> None:
        target = self._decision_target()
        if target is not None:
            self._decide(RoundDialog(*target, parent=self))

    def request_key_confirmation(self, path: Path | None = None) -> None:
        if self.state is None:
            return
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("The expert's result file"),
                "",
                self.tr("Result files (*.esresult);;All files (*)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            checked = read_for_confirmation(path)
        except ExpertScoreError as error:
            self._report_failure(failure_text(error))
            return
        self._decide(ConfirmKeyDialog(self.state.folder, self.state.package, checked, self))

    # --- exports ----------------------------------------------------------------------------

    def _target(self, kind: str, caption: str, filters: str, path: Path | None) -> Path | None:
        if path is not None or self.state is None:
            return path
        chosen, _ = QFileDialog.getSaveFileName(
            self, caption, str(default_name(self.state, kind)), filters
        )
        return Path(chosen) if chosen else None

    def export_workbook(
        self, path: Path | None = None, recipients: Sequence[str] | None = None
    ) -> None:
        """Write the workbook; chosen in dialogs (and whether encrypted to the authority)
        unless ``path`` is given (then plain unless ``recipients``)."""
        out = self._target(
            WORKBOOK, self.tr("Results workbook"), self.tr("Workbooks (*.xlsx)"), path
        )
        self._export_maybe_sealed(
            out,
            path is None and recipients is None,
            recipients,
            self.tr("Encrypt the workbook to the &authority"),
            self.exporter.workbook,
        )

    def export_report(
        self, path: Path | None = None, recipients: Sequence[str] | None = None
    ) -> None:
        out = self._target(REPORT, self.tr("PDF report"), self.tr("PDF files (*.pdf)"), path)
        self._export_maybe_sealed(
            out,
            path is None and recipients is None,
            recipients,
            self.tr("Encrypt the report to the &authority"),
            self.exporter.report,
        )

    def _export_maybe_sealed(self, out, ask: bool, recipients, text: str, export) -> None:
        state = self.state
        if out is None or state is None:
            return
        if not ask:
            export(state, out, recipients or ())
            return
        dialog = EncryptToDialog(AUTHORITY, text, out.name, self)
        dialog.accepted.connect(lambda: export(state, out, dialog.recipients()))
        self._show_dialog(dialog)

    def export_panel_file(
        self, path: Path | None = None, key: ExpertKey | None = None, recipients: Sequence[str] = ()
    ) -> None:
        out = self._target(
            PANEL_FILE,
            self.tr("Signed panel results file"),
            self.tr("Panel results files (*.espanel)"),
            path,
        )
        state = self.state
        if out is None or state is None:
            return
        if key is not None:
            self.exporter.panel_file(state, out, key, recipients)
            return
        dialog = PanelExportDialog(
            self.tr("The panel results file is signed with your own key as the panel chair."),
            self,
        )
        dialog.unlocked.connect(
            lambda unlocked: self.exporter.panel_file(state, out, unlocked, dialog.recipients())
        )
        self._show_dialog(dialog)

    def _exported(self, kind: str, path: Path) -> None:
        what = {
            WORKBOOK: self.tr("Results workbook written: {path}"),
            PANEL_FILE: self.tr("Signed panel results file written: {path}"),
            REPORT: self.tr("PDF report written: {path}"),
        }[kind]
        self.statusBar().showMessage(what.format(path=path))
