"""The expert's window's menus: their actions wired to the window, and the commands that
open a dialog (open a file, missing scores, recusal, shortcuts, about, language).

The actions themselves (texts, shortcuts, menus) are made by ``ui.expert.actions``; the
window keeps what edits and navigates, this keeps what a menu item opens.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from expertscore.errors import ExpertScoreError
from ui.messages import error_text

if TYPE_CHECKING:
    from ui.expert.dialogs.missing import MissingDialog
    from ui.expert.window import MainWindow


class MenuCommands(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.missing_dialog: MissingDialog | None = None

    def connect_actions(self) -> None:
        w = self.window
        a = w.actions
        a.open.triggered.connect(self.choose_file)
        a.quit.triggered.connect(w.close)
        a.undo.triggered.connect(w.undo)
        a.redo.triggered.connect(w.redo)
        a.find_submission.triggered.connect(lambda: w.panes and w.panes.focus_search())
        a.find_evidence.triggered.connect(lambda: w.viewer and w.viewer.pdf.focus_search())
        a.next_submission.triggered.connect(lambda: w.step_submission(+1))
        a.previous_submission.triggered.connect(lambda: w.step_submission(-1))
        a.next_indicator.triggered.connect(lambda: w.form and w.form.move(+1))
        a.previous_indicator.triggered.connect(lambda: w.form and w.form.move(-1))
        a.missing.triggered.connect(self.show_missing)
        a.locate.triggered.connect(w.show_found)
        a.recuse.triggered.connect(lambda: w.form and self.request_recusal(w.form.submission_id))
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self.show_about)
        a.language_zh.setChecked(w.settings.language == "zh")
        a.language_en.setChecked(w.settings.language == "en")
        a.language_zh.triggered.connect(lambda: self.set_language("zh"))
        a.language_en.triggered.connect(lambda: self.set_language("en"))
        a.undo.setEnabled(False)
        a.redo.setEnabled(False)

    def enable_session_actions(self, enabled: bool) -> None:
        for action in self.window.actions.session_actions():
            action.setEnabled(enabled)

    def fill_recent(self) -> None:
        settings = self.window.settings
        menu = self.window.actions.recent_menu
        menu.clear()
        for path in settings.recent_files:
            action = menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.window.open_path(Path(p)))
        menu.setEnabled(bool(settings.recent_files))

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        recent = self.window.settings.recent_files
        chosen, _filter = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open package or session"),
            str(Path(recent[0]).parent) if recent else "",
            self.tr("Batch packages and sessions (*.esbatch *.zip *.esession);;All files (*)"),
        )
        if chosen:
            self.window.open_path(Path(chosen))

    def request_recusal(self, submission_id: str | None) -> None:
        w = self.window
        if w.controller is None or w.form is None or not submission_id:
            return
        from ui.expert.dialogs.recusal import RecusalDialog

        shown = w.form.shown
        platform = shown.row.platform if shown else ""
        dialog = RecusalDialog(submission_id, platform, w)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            w.controller.recuse(submission_id, dialog.reason_text())
        except ExpertScoreError as error:
            w.show_error(error_text(error))

    # --- the missing scores ----------------------------------------------------------------

    def show_missing(self) -> None:
        if self.window.controller is None:
            return
        if self.missing_dialog is None:
            from ui.expert.dialogs.missing import MissingDialog

            self.missing_dialog = MissingDialog(self.window)
            self.missing_dialog.jumpRequested.connect(self.window.jump_to)
        self._fill_missing()
        self.missing_dialog.show()
        self.missing_dialog.raise_()
        self.missing_dialog.table.setFocus()

    def refresh_missing(self) -> None:
        """After a change: the open list of missing scores follows."""
        if self.missing_dialog is not None and self.missing_dialog.isVisible():
            self._fill_missing()

    def _fill_missing(self) -> None:
        controller = self.window.controller
        assert controller is not None and self.missing_dialog is not None
        platforms = {row.id: row.platform for row in self.window.rows.values()}
        self.missing_dialog.set_gaps(controller.scoring.missing(), platforms)

    def close_missing(self) -> None:
        if self.missing_dialog is not None:
            self.missing_dialog.close()
            self.missing_dialog.deleteLater()
            self.missing_dialog = None

    # --- help and settings -----------------------------------------------------------------

    def show_shortcuts(self) -> None:
        from ui.expert.dialogs.help import ShortcutsDialog

        actions = [*self.window.actions.shortcut_actions(), self.window.evidence_search.action]
        ShortcutsDialog(actions, self.window).exec()

    def show_about(self) -> None:
        from ui.expert.dialogs.about import show_about

        show_about(self.window)

    def set_language(self, language: str) -> None:
        self.window.settings.language = language
        QMessageBox.information(
            self.window,
            self.tr("Language"),
            self.tr("The language changes the next time ExpertScore starts."),
        )
