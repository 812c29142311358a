"""The window's actions and menus, with their shortcuts (listed on the Help page)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.app import icon
from ui.chair.launch import add_panel_entries


@dataclass
class WindowActions:
    open: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    find_submission: QAction
    find_evidence: QAction
    next_submission: QAction
    previous_submission: QAction
    next_indicator: QAction
    previous_indicator: QAction
    missing: QAction
    locate: QAction
    recuse: QAction
    submit: QAction
    unlock: QAction
    write_again: QAction
    print_sheets: QAction
    key_card: QAction
    language_zh: QAction
    language_en: QAction
    shortcuts: QAction
    about: QAction
    recent_menu: QMenu

    def shortcut_actions(self) -> list[QAction]:
        return [
            self.open,
            self.undo,
            self.redo,
            self.find_submission,
            self.find_evidence,
            self.next_submission,
            self.previous_submission,
            self.next_indicator,
            self.previous_indicator,
            self.missing,
            self.locate,
            self.submit,
            self.print_sheets,
            self.shortcuts,
            self.quit,
        ]

    def session_actions(self) -> list[QAction]:
        """Actions that need an open session."""
        return [
            self.find_submission,
            self.find_evidence,
            self.next_submission,
            self.previous_submission,
            self.next_indicator,
            self.previous_indicator,
            self.missing,
            self.locate,
            self.recuse,
            self.submit,
            self.unlock,
            self.write_again,
            self.print_sheets,
            self.key_card,
        ]


def _action(
    window: QMainWindow, text: str, keys: list[QKeySequence] | None = None, name: str = ""
) -> QAction:
    action = QAction(text, window)
    if name:
        action.setIcon(icon(name))
    if keys:
        action.setShortcuts(keys)
        # Shortcuts work wherever focus is in the window, also inside editors.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.addAction(action)
    return action


def make_actions(window: QMainWindow) -> WindowActions:
    key = QKeySequence
    std = QKeySequence.StandardKey
    actions = WindowActions(
        open=_action(
            window,
            QCoreApplication.translate("Actions", "&Open package or session…"),
            [key(std.Open)],
            "open",
        ),
        quit=_action(window, QCoreApplication.translate("Actions", "&Quit"), [key("Ctrl+Q")]),
        undo=_action(
            window, QCoreApplication.translate("Actions", "&Undo"), [key(std.Undo)], "undo"
        ),
        redo=_action(
            window,
            QCoreApplication.translate("Actions", "&Redo"),
            [key("Ctrl+Shift+Z"), key("Ctrl+Y")],
            "redo",
        ),
        find_submission=_action(
            window,
            QCoreApplication.translate("Actions", "&Find submission"),
            [key(std.Find)],
            "search",
        ),
        find_evidence=_action(
            window,
            QCoreApplication.translate("Actions", "Find in &evidence"),
            [key("Ctrl+Shift+F")],
        ),
        next_submission=_action(
            window,
            QCoreApplication.translate("Actions", "&Next submission"),
            [key("Ctrl+PgDown")],
            "next",
        ),
        previous_submission=_action(
            window,
            QCoreApplication.translate("Actions", "&Previous submission"),
            [key("Ctrl+PgUp")],
            "prev",
        ),
        next_indicator=_action(
            window, QCoreApplication.translate("Actions", "Next indicator"), [key("Ctrl+Down")]
        ),
        previous_indicator=_action(
            window, QCoreApplication.translate("Actions", "Previous indicator"), [key("Ctrl+Up")]
        ),
        missing=_action(
            window,
            QCoreApplication.translate("Actions", "What is &missing…"),
            [key("Ctrl+M")],
            "missing",
        ),
        locate=_action(
            window,
            QCoreApplication.translate("Actions", "Show the reported value in the evidence"),
            [key("Ctrl+L")],
        ),
        recuse=_action(
            window,
            QCoreApplication.translate("Actions", "Declare &conflict of interest…"),
            None,
            "recuse",
        ),
        submit=_action(
            window,
            QCoreApplication.translate("Actions", "Su&bmit scores…"),
            [key("Ctrl+Shift+S")],
            "submit",
        ),
        unlock=_action(
            window,
            QCoreApplication.translate("Actions", "&Unlock submitted scores…"),
            None,
            "unlock",
        ),
        write_again=_action(
            window, QCoreApplication.translate("Actions", "Save the submitted &result file again…")
        ),
        print_sheets=_action(
            window,
            QCoreApplication.translate("Actions", "&Print sheets…"),
            [key(std.Print)],
            "print",
        ),
        key_card=_action(window, QCoreApplication.translate("Actions", "Save my &key card…")),
        language_zh=_action(window, "中文"),
        language_en=_action(window, "English"),
        shortcuts=_action(
            window,
            QCoreApplication.translate("Actions", "&Keyboard shortcuts"),
            [key(std.HelpContents)],
            "help",
        ),
        about=_action(window, QCoreApplication.translate("Actions", "&About ExpertScore")),
        recent_menu=QMenu(QCoreApplication.translate("Actions", "Open &recent"), window),
    )
    group = QActionGroup(window)
    for action in (actions.language_zh, actions.language_en):
        action.setCheckable(True)
        group.addAction(action)
    bar = window.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("Actions", "&File"))
    file_menu.addAction(actions.open)
    file_menu.addMenu(actions.recent_menu)
    file_menu.addSeparator()
    file_menu.addAction(actions.print_sheets)
    file_menu.addAction(actions.key_card)
    add_panel_entries(window, file_menu)  # the panel chair's and the organizer's windows
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)
    edit_menu = bar.addMenu(QCoreApplication.translate("Actions", "&Edit"))
    edit_menu.addAction(actions.undo)
    edit_menu.addAction(actions.redo)
    edit_menu.addSeparator()
    edit_menu.addAction(actions.find_submission)
    edit_menu.addAction(actions.find_evidence)
    go_menu = bar.addMenu(QCoreApplication.translate("Actions", "&Go"))
    for action in (
        actions.next_submission,
        actions.previous_submission,
        actions.next_indicator,
        actions.previous_indicator,
        actions.missing,
        actions.locate,
    ):
        go_menu.addAction(action)
    submission_menu = bar.addMenu(QCoreApplication.translate("Actions", "&Submission"))
    submission_menu.addAction(actions.recuse)
    submission_menu.addSeparator()
    submission_menu.addAction(actions.submit)
    submission_menu.addAction(actions.unlock)
    submission_menu.addAction(actions.write_again)
    view_menu = bar.addMenu(QCoreApplication.translate("Actions", "&View"))
    language_menu = view_menu.addMenu(QCoreApplication.translate("Actions", "&Language"))
    language_menu.addAction(actions.language_zh)
    language_menu.addAction(actions.language_en)
    help_menu = bar.addMenu(QCoreApplication.translate("Actions", "&Help"))
    help_menu.addAction(actions.shortcuts)
    help_menu.addAction(actions.about)
    toolbar = window.addToolBar(QCoreApplication.translate("Actions", "Main"))
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    for action in (
        actions.open,
        actions.undo,
        actions.redo,
        actions.previous_submission,
        actions.next_submission,
        actions.missing,
        actions.submit,
        actions.print_sheets,
        actions.shortcuts,
    ):
        toolbar.addAction(action)
    return actions
