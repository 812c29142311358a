"""The expert's scoring window: composes the panes, menus and shortcuts; holds no logic.

Three panes in a splitter: the submissions (``SubmissionsPane``), the scoring form
(``ScoringForm``) and the evidence (``EvidenceViewer``). Where the expert left off (the
submission and indicator) is kept in the session; the layout (geometry, splitters) in the
machine's settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from expertscore import __version__
from expertscore.errors import ExpertScoreError
from expertscore.scoring.service import Change, SubmissionRow
from expertscore.storage.session import SessionFile
from expertscore.vocabulary import EditKind
from ui.evidence.viewer import EvidenceViewer
from ui.expert.actions import make_actions
from ui.expert.evidence_indexing import EvidenceIndexing
from ui.expert.evidence_search import ExpertEvidenceSearch
from ui.expert.idle_lock import IdleLock
from ui.expert.lock_banner import unlocked_box
from ui.expert.notes.flow import NotesFlow
from ui.expert.opening import Opener
from ui.expert.scoring.form import ScoringForm
from ui.expert.session_controller import SessionController
from ui.expert.submissions_pane import SubmissionsPane
from ui.expert.submit_flow import SubmitFlow
from ui.expert.undo import WindowUndoKeys
from ui.messages import error_text
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
        self.missing_dialog: MissingDialog | None = None
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
        self.undo_keys = WindowUndoKeys(
            {"undo": self.actions.undo, "redo": self.actions.redo},
            {"undo": self.undo, "redo": self.redo},
            self,
        )
        self._connect_actions()
        self.evidence_search = ExpertEvidenceSearch(self)  # Ctrl+Shift+E
        self.submit_flow = SubmitFlow(self)  # Submit, Unlock, Print, the key
        self.notes_flow = NotesFlow(self)  # the chair's request: explanations, statement
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self.save_position)
        self.setAcceptDrops(True)
        self.setWindowTitle(f"ExpertScore {__version__}")
        self.setCentralWidget(self._welcome())
        self.resize(1440, 900)
        geometry = self.settings.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        fit_to_screen(self)
        self._enable_session_actions(False)
        self._fill_recent()
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

    def _welcome(self) -> QWidget:
        page = QWidget(self)
        text = QLabel(
            self.tr("Open the batch package from the organizer, or your session file."), page
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button = QPushButton(self.tr("Open package or session…"), page)
        button.clicked.connect(self.choose_file)
        drop = QLabel(self.tr("You can also drop the file on this window."), page)
        drop.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(drop)
        layout.addStretch(1)
        return page

    def _connect_actions(self) -> None:
        a = self.actions
        a.open.triggered.connect(self.choose_file)
        a.quit.triggered.connect(self.close)
        a.undo.triggered.connect(self.undo)
        a.redo.triggered.connect(self.redo)
        a.find_submission.triggered.connect(lambda: self.panes and self.panes.focus_search())
        a.find_evidence.triggered.connect(lambda: self.viewer and self.viewer.pdf.focus_search())
        a.next_submission.triggered.connect(lambda: self.step_submission(+1))
        a.previous_submission.triggered.connect(lambda: self.step_submission(-1))
        a.next_indicator.triggered.connect(lambda: self.form and self.form.move(+1))
        a.previous_indicator.triggered.connect(lambda: self.form and self.form.move(-1))
        a.missing.triggered.connect(self.show_missing)
        a.locate.triggered.connect(self.show_found)
        a.recuse.triggered.connect(
            lambda: self.form and self.request_recusal(self.form.submission_id)
        )
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self.show_about)
        a.language_zh.setChecked(self.settings.language == "zh")
        a.language_en.setChecked(self.settings.language == "en")
        a.language_zh.triggered.connect(lambda: self.set_language("zh"))
        a.language_en.triggered.connect(lambda: self.set_language("en"))
        a.undo.setEnabled(False)
        a.redo.setEnabled(False)

    def _enable_session_actions(self, enabled: bool) -> None:
        for action in self.actions.session_actions():
            action.setEnabled(enabled)

    def _fill_recent(self) -> None:
        menu = self.actions.recent_menu
        menu.clear()
        for path in self.settings.recent_files:
            action = menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(Path(p)))
        menu.setEnabled(bool(self.settings.recent_files))

    # --- opening -------------------------------------------------------------------------

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open package or session"),
            str(Path(self.settings.recent_files[0]).parent) if self.settings.recent_files else "",
            self.tr("Batch packages and sessions (*.esbatch *.zip *.esession);;All files (*)"),
        )
        if chosen:
            self.open_path(Path(chosen))

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
        self._restore_layout()
        controller.changed.connect(self._changed)
        controller.errorReported.connect(self.statusBar().showMessage)
        stack = controller.undo_stack
        stack.canUndoChanged.connect(self.actions.undo.setEnabled)
        stack.canRedoChanged.connect(self.actions.redo.setEnabled)
        self.panes.submissionSelected.connect(self.show_submission)
        self.form.indicatorChanged.connect(self._indicator_changed)
        self.form.recuseRequested.connect(self.request_recusal)
        self.viewer.shownChanged.connect(self._save_timer.start)
        self.panes.searchLeft.connect(self.focus_score)
        self._give_undo_keys_to_window()
        self._enable_session_actions(True)
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
        self._fill_recent()
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

    def _restore_layout(self) -> None:
        window_state = self.settings.window_state()
        if window_state is not None:
            self.restoreState(window_state)
        # Give the splitters their real size first, or restored sizes get squeezed.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        for name, splitter in self._splitters().items():
            saved = self.settings.splitter_state(name)
            if saved is not None:
                splitter.restoreState(saved)

    def _splitters(self) -> dict[str, QSplitter]:
        if self.splitter is None or self.form is None or self.viewer is None:
            return {}
        return {
            "main": self.splitter,
            "form": self.form.splitter,
            "evidence": self.viewer.splitter,
        }

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
        self._save_timer.start()
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
        self._save_timer.start()

    def save_position(self) -> None:
        if self.controller is None or self.form is None:
            return
        self.controller.save_ui_state(
            {"submission": self.form.submission_id, "indicator": self.form.current_code}
        )

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
        if self.missing_dialog is not None and self.missing_dialog.isVisible():
            self._fill_missing()

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

    def request_recusal(self, submission_id: str | None) -> None:
        if self.controller is None or self.form is None or not submission_id:
            return
        from ui.expert.dialogs.recusal import RecusalDialog

        shown = self.form.shown
        platform = shown.row.platform if shown else ""
        dialog = RecusalDialog(submission_id, platform, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.controller.recuse(submission_id, dialog.reason_text())
        except ExpertScoreError as error:
            self.show_error(error_text(error))

    # --- dialogs ---------------------------------------------------------------------------

    def show_missing(self) -> None:
        if self.controller is None:
            return
        if self.missing_dialog is None:
            from ui.expert.dialogs.missing import MissingDialog

            self.missing_dialog = MissingDialog(self)
            self.missing_dialog.jumpRequested.connect(self.jump_to)
        self._fill_missing()
        self.missing_dialog.show()
        self.missing_dialog.raise_()
        self.missing_dialog.table.setFocus()

    def _fill_missing(self) -> None:
        assert self.controller is not None and self.missing_dialog is not None
        scoring = self.controller.scoring
        platforms = {row.id: row.platform for row in self.rows.values()}
        self.missing_dialog.set_gaps(scoring.missing(), platforms)

    def show_shortcuts(self) -> None:
        from ui.expert.dialogs.help import ShortcutsDialog

        actions = [*self.actions.shortcut_actions(), self.evidence_search.action]
        ShortcutsDialog(actions, self).exec()

    def show_about(self) -> None:
        from ui.expert.dialogs.about import show_about

        show_about(self)

    def show_error(self, message: str) -> None:
        warn(self, self.tr("ExpertScore"), message)

    def set_language(self, language: str) -> None:
        self.settings.language = language
        QMessageBox.information(
            self,
            self.tr("Language"),
            self.tr("The language changes the next time ExpertScore starts."),
        )

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

    def save_layout(self) -> None:
        if not self.persist_layout:
            return
        splitters: dict[str, QByteArray] = {
            name: splitter.saveState() for name, splitter in self._splitters().items()
        }
        self.settings.save_layout(self.saveGeometry(), self.saveState(), splitters)
        self.settings.sync()

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
        self._save_timer.stop()
        self.save_position()
        self.save_layout()
        if self.missing_dialog is not None:
            self.missing_dialog.close()
            self.missing_dialog.deleteLater()
            self.missing_dialog = None
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
        self.setCentralWidget(self._welcome())
        self.panes = self.form = self.viewer = None
        self.splitter = None
        self._enable_session_actions(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.controller is not None and not self._may_quit():
            event.ignore()
            return
        if self.controller is not None:
            self.close_session()
        else:
            self.save_layout()
        super().closeEvent(event)
