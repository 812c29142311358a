"""Every shortcut and mnemonic of the scoring window and of F1: each does what F1 says, and
none is assigned twice (``docs/keyboard.md``)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel

from expertscore.scoring.edits import Edit
from expertscore.vocabulary import EditKind
from ui.expert.dialogs.help import ShortcutsDialog
from ui.translations import TS

from .helpers import focused, press, stored_scores, type_keys, when_modal

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).upper() if found else None


def menu_letters(window) -> list[str]:
    bar = window.menuBar()
    return [mnemonic(action.text()) for action in bar.actions() if action.menu()]


def field_letters(window) -> dict[str, QLabel]:
    letters: dict[str, QLabel] = {}
    for label in window.findChildren(QLabel):
        letter = mnemonic(label.text()) if label.buddy() is not None else None
        if letter:
            assert letter not in letters, f"Alt+{letter} is two fields' mnemonic"
            letters[letter] = label
    return letters


def test_no_key_is_assigned_twice(example_window):
    window = example_window
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key} is both {seen[key]} and {action.text()}"
            seen[key] = action.text()
    menus = menu_letters(window)
    assert len(menus) == len(set(menus)) == 6
    fields = field_letters(window)
    assert set(fields) == {"C", "R", "M", "I"}
    assert not set(fields) & set(menus), "a field mnemonic opens a menu"
    assert not any(f"Alt+{letter}" in seen for letter in [*fields, *menus])


def test_chinese_keeps_the_mnemonic_letters():
    """A translation that moved a letter would clash where the English does not."""
    root = ET.parse(TS).getroot()
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        letter = mnemonic(source)
        if letter and translation:
            assert mnemonic(translation) == letter, f"{source!r} -> {translation!r}"


def f1_rows(window) -> list[tuple[str, str]]:
    dialog = ShortcutsDialog(window.actions.shortcut_actions(), window)
    model = dialog.model
    return [
        (model.item(row, 0).text(), model.item(row, 1).text()) for row in range(model.rowCount())
    ]


def test_every_window_shortcut_in_f1_triggers_its_action(example_window, qtbot):
    window = example_window
    rows = dict(f1_rows(window))
    for action in window.actions.shortcut_actions():
        if action is window.actions.quit:
            continue  # last, below: it closes the window
        keys = action.shortcuts()
        assert rows[action.text().replace("&", "")] == ", ".join(
            key.toString(QKeySequence.SequenceFormat.NativeText) for key in keys
        )
        for key in keys:
            fired: list[int] = []

            def count(*_args, fired=fired) -> None:
                fired.append(1)

            action.triggered.connect(count)
            modal: dict = {}
            if action in (
                window.actions.open,
                window.actions.print_sheets,
                window.actions.shortcuts,
            ):
                modal = when_modal(lambda box: _close_by_esc(qtbot, box))
            window.activateWindow()
            qtbot.waitUntil(window.isActiveWindow)
            _something_to_undo_or_redo(window, action)
            window.form.detail.focus_score()
            combination = key[0]
            qtbot.keyClick(focused(), combination.key(), combination.keyboardModifiers())
            assert fired, f"{key.toString()} did not {action.text()}"
            if modal:
                modal["stop"] = True
                assert modal.get("seen") is not None, f"{action.text()} opened no dialog"
            action.triggered.disconnect(count)
            if action in (window.actions.missing, window.actions.submit):
                # Submit with gaps left lists them (a non-modal list) instead of a dialog.
                assert window.missing_dialog is not None and window.missing_dialog.isVisible()
            if window.missing_dialog is not None:
                window.missing_dialog.close()
            window.form.detail.focus_score()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.form.detail.focus_score()
    assert rows["Quit"] == "Ctrl+Q"
    press(qtbot, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible()


def _close_by_esc(qtbot, box) -> None:
    # The print preview renders on a worker: let it finish before Esc closes it (closing
    # it mid-render is not what is tested here).
    if hasattr(box, "printed"):
        qtbot.waitUntil(lambda: box.printed is not None, timeout=60000)
    qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Escape)


def _something_to_undo_or_redo(window, action: QAction) -> None:
    from expertscore.scoring.modes import Entry

    actions = window.actions
    if action in (actions.undo, actions.redo) and not actions.undo.isEnabled():
        window.controller.edit(Edit(EditKind.SCORE, "S001", "1.1", Entry(points=Decimal(1))))
    if action is actions.redo and not actions.redo.isEnabled():
        actions.undo.trigger()


def test_every_form_key_in_f1_does_what_it_says(example_window, example_session, qtbot):
    window = example_window
    form = window.form
    detail = form.detail
    rows = [what for what, _keys in f1_rows(window)]
    form_rows = [what for what, _keys in ShortcutsDialog([], window).form_keys()]
    assert set(form_rows) <= set(rows)
    checked = set()
    # Enter saves the score and goes to the next indicator's score.
    type_keys(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    assert form.current_code == "1.2"
    checked.add(form_rows[0])
    # 1..9 choose; Ctrl+Up back.
    press(qtbot, Qt.Key.Key_1)
    assert stored_scores(example_session, "S001")["1.2"].choice == "yes"
    checked.add(form_rows[3])
    press(qtbot, Qt.Key.Key_Up, CTRL)
    # Tab / Shift+Tab go round the fields.
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is detail.verified
    press(qtbot, Qt.Key.Key_Backtab)
    assert detail.editor().isAncestorOf(focused())
    checked.add(form_rows[1])
    # Alt+R, Alt+M, Alt+I, Alt+C go to the fields.
    for letter, target in (
        (Qt.Key.Key_R, detail.verified),
        (Qt.Key.Key_M, detail.comment),
        (Qt.Key.Key_I, detail.pins),
    ):
        press(qtbot, letter, ALT)
        assert focused() is target
    press(qtbot, Qt.Key.Key_C, ALT)
    assert detail.editor().isAncestorOf(focused()) or focused() is detail.editor()
    checked.add(form_rows[6])
    # Ctrl+Enter in the comment saves and goes on.
    press(qtbot, Qt.Key.Key_M, ALT)
    type_keys(qtbot, "ok")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert stored_scores(example_session, "S001")["1.1"].comment == "ok"
    assert form.current_code == "1.2"
    checked.add(form_rows[2])
    # Up / Down step the points.
    press(qtbot, Qt.Key.Key_Up, CTRL)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Return)
    assert stored_scores(example_session, "S001")["1.1"].points == Decimal("5.5")
    checked.add(form_rows[5])
    # Enter on an empty band override accepts the suggestion (1.2 -> 2.1).
    press(qtbot, Qt.Key.Key_Return)
    assert form.current_code == "2.1"
    press(qtbot, Qt.Key.Key_Return)
    assert stored_scores(example_session, "S001")["2.1"].choice == "suggested"
    checked.add(form_rows[4])
    # The search: Enter goes to what is found, Esc clears.
    press(qtbot, Qt.Key.Key_F, CTRL)
    type_keys(qtbot, "S002")
    press(qtbot, Qt.Key.Key_Return)
    assert form.submission_id == "S002"
    press(qtbot, Qt.Key.Key_F, CTRL)
    type_keys(qtbot, "x")
    press(qtbot, Qt.Key.Key_Escape)
    assert window.panes.search.text() == "" and not window.panes.searching()
    checked.add(form_rows[7])
    # Alt+O shows the submission opinion, the cursor in its comment; Alt+D goes back.
    form.detail.focus_score()
    press(qtbot, Qt.Key.Key_O, ALT)
    assert form.tabs.currentIndex() == 1 and focused() is form.note.comment
    press(qtbot, Qt.Key.Key_D, ALT)
    assert form.tabs.currentIndex() == 0 and detail.editor().isAncestorOf(focused())
    checked.add(form_rows[8])
    assert checked == set(form_rows)
