"""The expert window's File menu opens the chair's and the organizer's windows."""

from __future__ import annotations

from ui.chair.merge_dialog import MergeDialog
from ui.chair.open_dialog import OpenMergeDialog
from ui.chair.window import ChairWindow
from ui.expert.window import MainWindow
from ui.organizer.window import OrganizerWindow
from ui.settings import Settings


def file_actions(window: MainWindow) -> dict[str, object]:
    menu = window.menuBar().actions()[0].menu()
    return {action.text(): action for action in menu.actions() if action.text()}


def test_file_menu_opens_a_new_merge_an_open_merge_and_a_round(configured_app, qtbot):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    actions = file_actions(window)
    assert {
        "New &merge (panel chair)…",
        "Open merge (panel &chair)…",
        "&Prepare a review round…",
    } <= set(actions)

    actions["New &merge (panel chair)…"].trigger()
    [chair] = window.findChildren(ChairWindow)
    assert chair.isVisible() and chair.isWindow()
    assert isinstance(chair.dialog, MergeDialog) and chair.dialog.isVisible()
    assert not chair.dialog.package.edit.isReadOnly()  # a new merge: everything to choose
    assert not chair.actions.export_workbook.isEnabled()  # nothing open yet
    chair.dialog.close()
    chair.close()

    actions["Open merge (panel &chair)…"].trigger()
    opened = [w for w in window.findChildren(ChairWindow) if w.isVisible()]
    assert len(opened) == 1 and isinstance(opened[0].dialog, OpenMergeDialog)
    opened[0].dialog.close()
    opened[0].close()

    actions["&Prepare a review round…"].trigger()
    [organizer] = window.findChildren(OrganizerWindow)
    assert organizer.isVisible() and organizer.isWindow()
    assert not organizer.tabs.isTabEnabled(1)  # the roster waits for the source
    organizer.close()
