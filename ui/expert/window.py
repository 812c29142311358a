"""The expert's scoring window: composes the panes, menus and shortcuts; holds no logic.

Three panes in a splitter: the submissions (``SubmissionsPane``), the scoring form
(``ScoringForm``) and the evidence (``EvidenceViewer``). Where the expert left off (the
submission and indicator) is kept in the session; the layout (geometry, splitters) in the
machine's settings (``LayoutMemory``). What a menu item opens is ``MenuCommands``; the page
shown with no session open is ``WelcomePage``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
)

from expertscore import __version__
from expertscore.scoring.service import Change, SubmissionRow
from expertscore.storage.session import SessionFile
from expertscore.vocabulary import EditKind
from ui.evidence.viewer import EvidenceViewer
from ui.expert.actions import make_actions
from ui.expert.evidence_indexing import EvidenceIndexing
from ui.expert.evidence_search import ExpertEvidenceSearch
from ui.expert.idle_lock import IdleLock
from ui.expert.layout_memory import LayoutMemory
from ui.expert.lock_banner import unlocked_box
from ui.expert.menu_commands import MenuCommands
from ui.expert.notes.flow import NotesFlow
from ui.expert.opening import Opener
from ui.expert.scoring.form import ScoringForm
from ui.expert.session_controller import SessionController
from ui.expert.submissions_pane import SubmissionsPane
from ui.expert.submit_flow import SubmitFlow
from ui.expert.undo import WindowUndoKeys
from ui.expert.welcome import WelcomePage
from ui.plaintext import TITLE_LIMIT, shown, warn
from ui.settings import Settings
from ui.window_place import fit_to_screen, refit_when_shown

if TYPE_CHECKING:
    from ui.expert.dialogs.missing import MissingDialog

OPENABLE = (".esbatch", ".zip", ".esession")


class MainWindow(QMainWindow):
    sessionShown = Signal()  # a session is open and its first submission is on screen

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings or Settings()
        self.controller: SessionController | None = None
        self.panes: SubmissionsPane | None = None
        self.form: ScoringForm | None = None
        self.viewer: EvidenceViewer | None = None
        self.splitter: QSplitter | None = None
        self.indexing: EvidenceIndexing | None = None
        self.unlocked_notice: QMessageBox | None = None  # the warning on reopening
        self._switching = False
        self.persist_layout = True  # off for one-shot renders (--screenshot)
        self._fitted_shown = False
        self._resume_indicator: str | None = None
        self.rows: dict[str, SubmissionRow] = {}
        self.opener = Opener(self, self.settings)
        self.opener.opened.connect(self.set_session)
        self.opener.failed.connect(self.show_error)
        self.opener.notice.connect(lambda text: self.statusBar().showMessage(text, 30000))
        self.actions = make_actions(self)
        self.commands = MenuCommands(self)  # what the menus open
        self.memory = LayoutMemory(self)  # the position in the session, the layout
        self.undo_keys = WindowUndoKeys(
            {"undo": self.actions.undo, "redo": self.actions.redo},
            {"undo": self.undo, "redo": self.redo},
            self,
        )
        self.commands.connect_actions()
        self.evidence_search = ExpertEvidenceSearch(self)  # Ctrl+Shift+E
        self.submit_flow = SubmitFlow(self)  # Submit, Unlock, Print, the key
        self.notes_flow = NotesFlow(self)  # the chair's request: explanations, statement
        self.setAcceptDrops(True)
        self.setWindowTitle(f"ExpertScore {__version__}")
        self.setCentralWidget(WelcomePage(self.commands.choose_file, self))
        self.resize(1440, 900)
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        fit_to_screen(self)
        self.commands.enable_session_actions(False)
        self.commands.fill_recent()
        self.protection = QLabel(self)  # says whether the open session is encrypted
        self.protection.setObjectName("sessionProtection")
        self.statusBar().addPermanentWidget(self.protection)
        self.idle_lock = IdleLock(self, self.settings.lock_minutes)

    # --- building ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.persist_layout and not self._fitted_shown:
            self._fitted_shown = True
            refit_when_shown(self)

    # --- opening -------------------------------------------------------------------------

    def open_path(
        self, path: Path, expert: str | None = None, session_out: Path | None = None
    ) -> None:
        self.opener.open_path(path, expert, session_out)

    def set_session(self, session: SessionFile) -> None:
        """Show ``session`` (closing one that is open) where the expert left off."""
        self.close_session()
        controller = SessionController(session, self)
        self.controller = controller
        self.panes = SubmissionsPane(self)
        self.form = ScoringForm(controller, self)
        self.viewer = EvidenceViewer(controller, self)
        self.form.detail.current_evidence = self.viewer.current_evidence
        self.form.detail.pinActivated.connect(self.viewer.show_evidence)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        # Explicit minimums let the expert narrow a pane further than its contents would
        # like (a 1366-pixel laptop screen holds all three).
        for pane, minimum in ((self.panes, 200), (self.form, 300), (self.viewer, 240)):
            pane.setMinimumWidth(minimum)
            self.splitter.addWidget(pane)
        self.splitter.setChildrenCollapsible(False)
        # A narrower list on a narrow screen: the evidence gets the room (fit width).
        width = max(self.width(), 1000)
        self.splitter.setSizes([round(width * 0.2), round(width * 0.42), round(width * 0.38)])
        self.setCentralWidget(self.submit_flow.wrap(self.splitter))
        self.memory.restore_layout()
        controller.changed.connect(self._changed)
        controller.errorReported.connect(self.statusBar().showMessage)
        stack = controller.undo_stack
        stack.canUndoChanged.connect(self.actions.undo.setEnabled)
        stack.canRedoChanged.connect(self.actions.redo.setEnabled)
        self.panes.submissionSelected.connect(self.show_submission)
        self.form.indicatorChanged.connect(self._indicator_changed)
        self.form.recuseRequested.connect(self.commands.request_recusal)
        self.viewer.shownChanged.connect(self.memory.position_moved)
        self.panes.searchLeft.connect(self.focus_score)
        self._give_undo_keys_to_window()
        self.commands.enable_session_actions(True)
        summary = session.summary()
        self.setWindowTitle(
            f"ExpertScore {__version__} — {shown(summary.batch_title, TITLE_LIMIT)}"
            f" — {shown(summary.expert_name, TITLE_LIMIT)} ({summary.expert_id})"
        )
        self.statusBar().showMessage(
            self.tr("{expert}: {assigned} submissions assigned, {recused} recused").format(
                expert=summary.expert_name, assigned=summary.assigned, recused=summary.recused
            )
        )
        self.commands.fill_recent()
        rows = controller.scoring.submissions()
        self.rows = {row.id: row for row in rows}
        self.panes.set_rows(rows)
        state = controller.ui_state()
        self._resume_indicator = state.get("indicator")
        start = state.get("submission")
        if start not in {row.id for row in rows}:
            start = rows[0].id if rows else None
        if start is not None:
            self.panes.select(start)
        self.submit_flow.session_opened()
        self.protection.setText(
            self.tr("Encrypted session") if session.encrypted else self.tr("Not encrypted")
        )
        self.idle_lock.session_opened()
        self.indexing = EvidenceIndexing(self, session)
        self.indexing.finished.connect(self.form.detail.found.refresh)
        self.indexing.keep_current(self.form.detail.found)  # as its submission's files come
        self.indexing.start()
        self.focus_score()
        self.unlocked_notice = None
        unlocked = controller.scoring.unlocked_since()
        if unlocked is not None:
            # After the window shows: a warning that the chair has an older result.
            self.unlocked_notice = unlocked_box(self, unlocked, quitting=False)
            QTimer.singleShot(0, self.unlocked_notice.open)
        self.sessionShown.emit()

    def _give_undo_keys_to_window(self) -> None:
        assert self.splitter is not None
        fields = [
            *self.splitter.findChildren(QLineEdit),
            *self.splitter.findChildren(QPlainTextEdit),
            *self.splitter.findChildren(QAbstractSpinBox),
        ]
        for field in fields:
            field.installEventFilter(self.undo_keys)

    # --- navigating ------------------------------------------------------------------------

    def show_submission(self, submission_id: str, code: str | None = None) -> None:
        assert self.controller is not None and self.form is not None and self.viewer is not None
        row = self.rows.get(submission_id)
        if row is None:
            return
        code = code or self._resume_indicator
        self._resume_indicator = None
        self._switching = True
        try:
            self.form.show_submission(row, code)
        finally:
            self._switching = False
        self.viewer.set_submission(submission_id, self.form.current_code)
        self.memory.position_moved()
        assert self.panes is not None
        if not self.panes.searching():
            self.focus_score()

    def focus_score(self) -> None:
        """Land in the score editor with its value selected (now, and once more after the
        key press that brought us here is done)."""
        if self.form is not None:
            self.form.focus_score()
            QTimer.singleShot(0, lambda: self.form and self.form.focus_score())

    def step_submission(self, step: int) -> None:
        if self.panes is not None:
            self.panes.step(step)

    def jump_to(self, submission_id: str, code: str) -> None:
        """Show an indicator of a submission and put the cursor in its score."""
        if self.panes is None or self.form is None:
            return
        if self.form.submission_id != submission_id:
            self._resume_indicator = code
            self.panes.select(submission_id)
        self.form.select_indicator(code, focus=True)

    def show_found(self) -> None:
        """Show the (next) evidence page with the reported value; the cursor stays in the
        score (the expert reads, then types)."""
        if self.form is None or self.viewer is None:
            return
        page = self.form.detail.found.next_page()
        if page is None:
            self.statusBar().showMessage(self.tr("No evidence page shows this value"), 5000)
            return
        self.evidence_search.show_in_viewer(page, self.form.detail.found.hit_on(page))
        self.focus_score()

    def _indicator_changed(self, _submission: str, code: str) -> None:
        if not self._switching and self.viewer is not None:
            self.viewer.set_indicator(code)
        self.memory.position_moved()

    # --- edits -----------------------------------------------------------------------------

    def undo(self) -> None:
        """Ctrl+Z: typed, uncommitted text goes first; then the last committed edit."""
        if self.controller is None or self.form is None:
            return
        if self.form.revert_pending():
            return
        self.controller.undo_stack.undo()

    def redo(self) -> None:
        if self.controller is None or self.form is None:
            return
        self.form.revert_pending()
        self.controller.undo_stack.redo()

    def _changed(self, change: Change) -> None:
        assert self.controller is not None and self.panes is not None and self.form is not None
        elsewhere = bool(change.submission) and change.submission != self.form.submission_id
        if elsewhere:
            # An undo or redo of another submission's edit: show what changed.
            self.jump_to(change.submission, change.indicator or "")
        elif change.indicator and change.indicator != self.form.current_code:
            self.form.select_indicator(change.indicator, focus=False)
        if self.controller.replaying:
            self._land_on(change)
        shown = self.form.shown
        if change.kind == EditKind.RECUSE or elsewhere or shown is None:
            self.rows = {row.id: row for row in self.controller.scoring.submissions()}
            row = self.rows.get(change.submission)
        else:
            row = shown.row  # the form recomputed it from the scores it just read
            self.rows[row.id] = row
        if row is not None:
            self.panes.update_row(row)
            self.form.update_row(row)
        self.statusBar().showMessage(self.tr("Saved"), 3000)
        self.commands.refresh_missing()

    def _land_on(self, change: Change) -> None:
        """After an undo or redo, the cursor goes where the value changed."""
        assert self.form is not None
        if change.kind in (EditKind.NOTE, EditKind.FAMILIARITY):
            self.form.tabs.setCurrentIndex(1)
            note = self.form.note
            shown = note.familiarity if change.kind == EditKind.FAMILIARITY else note.comment
            shown.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.focus_score()

    # --- dialogs ---------------------------------------------------------------------------

    @property
    def missing_dialog(self) -> MissingDialog | None:
        """The list of missing scores, once it has been shown."""
        return self.commands.missing_dialog

    def show_missing(self) -> None:
        self.commands.show_missing()

    def show_error(self, message: str) -> None:
        warn(self, self.tr("ExpertScore"), message)

    # --- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.open_path(Path(urls[0].toLocalFile()))

    # --- closing -------------------------------------------------------------------------

    def _may_quit(self) -> bool:
        """Unlocked and not submitted again: quitting needs a second thought."""
        assert self.controller is not None
        self.form and self.form.flush()
        unlocked = self.controller.scoring.unlocked_since()
        if unlocked is None:
            return True
        box = unlocked_box(self, unlocked, quitting=True)
        box.exec()
        return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.AcceptRole

    def close_session(self) -> None:
        if self.controller is None:
            return
        if self.form is not None:
            self.form.flush()
        self.memory.session_closing()
        self.commands.close_missing()
        self.submit_flow.session_closed()
        if self.indexing is not None:
            self.indexing.stop()
            self.indexing = None
        self.controller.close()
        self.controller = None
        self.protection.clear()
        self.idle_lock.session_closed()
        if self.viewer is not None:
            self.viewer.cleanup()  # the evidence copies go with the session
        self.setCentralWidget(WelcomePage(self.commands.choose_file, self))
        self.panes = self.form = self.viewer = None
        self.splitter = None
        self.commands.enable_session_actions(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.controller is not None and not self._may_quit():
            event.ignore()
            return
        if self.controller is not None:
            self.close_session()
        else:
            self.memory.save_layout()
        super().closeEvent(event)
