"""A chair on a computer without a chair's key makes one from the signing dialog, by keys,
saves its key card for the organizer and the experts, and signs the panel file with it at
once: no command line needed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from expertscore.chair.panel_file import read_panel_file
from expertscore.identity.keycard import read_card
from expertscore.identity.keys import list_keys
from tests.ui.chair.conftest import open_window
from tests.ui.helpers import focused, press, type_keys
from ui.chair.panel_export import PanelExportDialog
from ui.new_key import NewRoleKeyDialog

PASSPHRASE = "chair passphrase 2026"


def test_the_chair_makes_a_key_in_the_dialog_and_signs_with_it(
    configured_app, qtbot, panel, merged, tmp_path: Path, monkeypatch
):
    monkeypatch.setenv("EXPERTSCORE_DATA_DIR", str(tmp_path / "data"))  # no key at all
    window = open_window(qtbot, panel, merged)
    out = tmp_path / "out" / "batch.espanel"
    window.export_panel_file(out)
    dialog = window.dialog
    assert isinstance(dialog, PanelExportDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.choice.count() == 0 and not dialog.ok.isEnabled()
    assert dialog.message.text() == (
        "There is no chair's key on this computer yet: make one with New chair key."
    )
    assert focused() is dialog.new_key
    press(qtbot, Qt.Key.Key_Space)
    maker = dialog.maker
    assert isinstance(maker, NewRoleKeyDialog)
    qtbot.waitUntil(maker.isActiveWindow)
    assert maker.key_id.text() == "CHAIR" and focused() is maker.name
    type_keys(qtbot, "Wang Chair")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "short")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "short")
    press(qtbot, Qt.Key.Key_Return)
    assert maker.message.text() == "A passphrase needs at least 8 characters."
    for edit in (maker.passphrase, maker.again):
        edit.clear()
    maker.passphrase.setFocus()
    type_keys(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is maker.card and maker.card.text() == str(Path.home() / "CHAIR.eskeycard")
    card = tmp_path / "cards" / "CHAIR.eskeycard"
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_keys(qtbot, str(card))
    with qtbot.waitSignal(maker.made, timeout=60000):
        press(qtbot, Qt.Key.Key_Return)

    made = list_keys().keys
    assert [(k.expert_id, k.name, k.role) for k in made] == [("CHAIR", "Wang Chair", "chair")]
    assert dialog.choice.currentData() == "CHAIR" and dialog.ok.isEnabled()
    assert dialog.message.text() == (
        f"Key made; its key card is in {card}: give it to the organizer and the experts."
        " Type the key's passphrase to sign."
    )
    saved = read_card(card)  # the card the organizer and the experts encrypt to
    assert (saved.expert_id, saved.role, saved.fingerprint) == (
        "CHAIR",
        "chair",
        made[0].fingerprint,
    )
    qtbot.waitUntil(lambda: focused() is dialog.passphrase)
    type_keys(qtbot, PASSPHRASE)
    with qtbot.waitSignal(window.exporter.exported, timeout=120000):
        press(qtbot, Qt.Key.Key_Return)
    payload, signer = read_panel_file(out, made[0].fingerprint)
    assert payload.chair.id == "CHAIR" and signer == made[0].fingerprint
