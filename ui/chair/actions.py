"""The chair window's actions and menus."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from ui.app import icon


@dataclass
class ChairActions:
    new_merge: QAction
    open_merge: QAction
    merge_files: QAction
    reload: QAction
    close: QAction
    override: QAction
    withdraw: QAction
    second_round: QAction
    verified_value: QAction
    confirm_key: QAction
    merge_notes: QAction
    paper_statement: QAction
    export_workbook: QAction
    export_panel: QAction
    export_report: QAction

    def needs_merge(self) -> list[QAction]:
        """Actions that need an open merge folder."""
        return [
            self.merge_files,
            self.reload,
            self.override,
            self.withdraw,
            self.second_round,
            self.verified_value,
            self.confirm_key,
            self.merge_notes,
            self.paper_statement,
            self.export_workbook,
            self.export_panel,
            self.export_report,
        ]


def _action(window: QMainWindow, text: str, keys: str = "", name: str = "") -> QAction:
    action = QAction(text, window)
    if name:
        action.setIcon(icon(name))
    if keys:
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.addAction(action)
    return action


def make_chair_actions(window: QMainWindow) -> ChairActions:
    actions = ChairActions(
        new_merge=_action(
            window, QCoreApplication.translate("ChairActions", "&New merge…"), "Ctrl+N"
        ),
        open_merge=_action(
            window, QCoreApplication.translate("ChairActions", "&Open merge…"), "Ctrl+O", "open"
        ),
        merge_files=_action(
            window, QCoreApplication.translate("ChairActions", "&Merge result files…"), "Ctrl+M"
        ),
        reload=_action(window, QCoreApplication.translate("ChairActions", "&Reload"), "F5"),
        close=_action(window, QCoreApplication.translate("ChairActions", "&Close"), "Ctrl+W"),
        override=_action(
            window, QCoreApplication.translate("ChairActions", "&Agreed panel score…"), "Ctrl+E"
        ),
        withdraw=_action(
            window, QCoreApplication.translate("ChairActions", "&Withdraw agreed score…")
        ),
        second_round=_action(
            window, QCoreApplication.translate("ChairActions", "Send to a &second round…"), "Ctrl+R"
        ),
        verified_value=_action(
            window, QCoreApplication.translate("ChairActions", "Panel's &verified value…")
        ),
        confirm_key=_action(
            window, QCoreApplication.translate("ChairActions", "&Confirm an expert's key…")
        ),
        merge_notes=_action(
            window, QCoreApplication.translate("ChairActions", "Merge members' &notes…")
        ),
        paper_statement=_action(
            window, QCoreApplication.translate("ChairActions", "Type in a &paper statement…")
        ),
        export_workbook=_action(
            window, QCoreApplication.translate("ChairActions", "Export results &workbook…")
        ),
        export_panel=_action(
            window, QCoreApplication.translate("ChairActions", "Export signed &panel results file…")
        ),
        export_report=_action(
            window, QCoreApplication.translate("ChairActions", "Export PDF &report…")
        ),
    )
    bar = window.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("ChairActions", "&File"))
    for action in (actions.new_merge, actions.open_merge, actions.merge_files):
        file_menu.addAction(action)
    file_menu.addSeparator()
    for action in (actions.export_workbook, actions.export_panel, actions.export_report):
        file_menu.addAction(action)
    file_menu.addSeparator()
    file_menu.addAction(actions.reload)
    file_menu.addAction(actions.close)
    decisions = bar.addMenu(QCoreApplication.translate("ChairActions", "&Decisions"))
    for action in (
        actions.override,
        actions.withdraw,
        actions.second_round,
        actions.verified_value,
    ):
        decisions.addAction(action)
    decisions.addSeparator()
    decisions.addAction(actions.confirm_key)
    decisions.addSeparator()
    decisions.addAction(actions.merge_notes)
    decisions.addAction(actions.paper_statement)
    toolbar = window.addToolBar(QCoreApplication.translate("ChairActions", "Chair"))
    toolbar.setObjectName("chairToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for action in (
        actions.open_merge,
        actions.merge_files,
        actions.override,
        actions.second_round,
        actions.export_workbook,
        actions.export_panel,
        actions.export_report,
    ):
        toolbar.addAction(action)
    return actions
