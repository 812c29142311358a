"""The chair window's panel-file export encrypts to the authority: its ``age`` recipients
file (or key card) chosen in the export dialog by clicks and keys, remembered for the next
export; the file opens with the authority's key only, and verifies."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from expertscore.chair.panel_file import PanelRefused, read_panel_file, recheck_panel_file
from expertscore.crypto import sealed
from expertscore.identity.keys import ScryptCost, create_key
from tests.ui.chair.conftest import open_window
from ui.chair.panel_export import PanelExportDialog
from ui.encrypt_to import AUTHORITY
from ui.settings import Settings

CHAIR_PASSPHRASE = "chair passphrase 2025"


@pytest.fixture
def window(configured_app, qtbot, panel, merged):
    return open_window(qtbot, panel, merged)


def test_the_panel_file_goes_encrypted_to_the_authority(window, qtbot, tmp_path):
    chair = create_key("CHAIR", "王组长", CHAIR_PASSPHRASE, cost=ScryptCost(n=2**12), role="chair")
    authority = sealed.new_identity()
    recipients = tmp_path / "authority.txt"  # as `age-keygen -y` writes it
    recipients.write_text(f"# the authority\n{sealed.recipient_of(authority)}\n", "utf-8")
    not_a_card = tmp_path / "notes.txt"
    not_a_card.write_text("hello\n", "utf-8")
    out = tmp_path / "out" / "batch.espanel"

    window.export_panel_file(out)
    dialog = window.dialog
    assert isinstance(dialog, PanelExportDialog)
    field = dialog.encrypt_to
    assert not field.encrypt.isChecked()
    box = field.encrypt  # clicked on its indicator, at the left of the stretched row
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert field.path.isEnabled()
    field.path.setFocus()
    qtbot.keyClicks(field.path, str(not_a_card))
    assert "neither a key card nor an age recipients file" in field.whom.text()
    dialog.passphrase.setFocus()
    qtbot.keyClicks(dialog.passphrase, CHAIR_PASSPHRASE)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not out.exists()  # refused in place: nothing signed
    field.path.clear()
    qtbot.keyClicks(field.path, str(recipients))
    assert field.whom.text() == "Encrypted to 1 age recipients."
    with qtbot.waitSignal(window.exporter.exported, timeout=120000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    assert out.read_bytes().startswith(sealed.AGE_MAGIC)
    sealed.unlock(chair.age_identity, "CHAIR")
    with pytest.raises(PanelRefused, match="not to the key of CHAIR"):
        read_panel_file(out)
    sealed.unlock(authority, "AUTHORITY")
    payload, _signer = read_panel_file(out, chair.info.fingerprint)
    assert payload.ranking == window.state.result.ranking
    assert recheck_panel_file(out, window.state.package, window.state.folder / "results") == []
    assert Settings().encrypt_to(AUTHORITY) == (True, str(recipients))

    # The next export starts with the authority chosen.
    window.export_panel_file(tmp_path / "out" / "again.espanel")
    again = window.dialog
    assert isinstance(again, PanelExportDialog)
    assert again.encrypt_to.encrypt.isChecked()
    assert again.encrypt_to.recipients() == [sealed.recipient_of(authority)]
    again.reject()


def test_a_key_card_of_the_authority_is_read_as_the_command_line_reads_it(tmp_path: Path):
    from expertscore.cli.unlock import recipients_of
    from expertscore.identity.keycard import make_card, write_card
    from expertscore.identity.recipients import read_recipients

    owner = create_key("AUTH", "主管部门", CHAIR_PASSPHRASE, cost=ScryptCost(n=2**12))
    card = write_card(make_card(owner), tmp_path / "AUTH.eskeycard")
    read = read_recipients(card)
    assert read.recipients == (owner.info.recipient,) and read.owner == "主管部门 (AUTH)"
    assert recipients_of((card,)) == [owner.info.recipient]


@pytest.mark.parametrize("kind", ["workbook", "report"])
def test_the_workbook_and_report_go_encrypted_to_the_remembered_authority(
    window, qtbot, tmp_path, monkeypatch, kind
):
    from openpyxl import load_workbook

    from tests.chair.chair_case import pdf_text
    from ui.encrypt_to import EncryptToDialog

    authority, chair = sealed.new_identity(), sealed.new_identity()
    recipients = tmp_path / "authority.txt"
    recipients.write_text(f"{sealed.recipient_of(authority)}\n", "utf-8")
    out = tmp_path / "out" / ("results.xlsx" if kind == "workbook" else "report.pdf")
    monkeypatch.setattr(
        "ui.chair.window.QFileDialog.getSaveFileName", lambda *_args: (str(out), "")
    )
    getattr(window.actions, f"export_{kind}").trigger()
    dialog = window.dialog
    assert isinstance(dialog, EncryptToDialog)
    field = dialog.encrypt_to
    box = field.encrypt
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
    assert not dialog.ok.isEnabled()  # on, and no one chosen yet
    field.path.setFocus()
    qtbot.keyClicks(field.path, str(recipients))
    assert field.whom.text() == "Encrypted to 1 age recipients."
    with qtbot.waitSignal(window.exporter.exported, timeout=120000):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)

    assert out.read_bytes().startswith(sealed.AGE_MAGIC)
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]  # nothing in clear
    sealed.unlock(chair, "CHAIR")
    with pytest.raises(sealed.NotARecipient):
        sealed.read_file(out)
    sealed.unlock(authority, "AUTHORITY")
    clear = tmp_path / f"clear{out.suffix}"
    clear.write_bytes(sealed.read_file(out))
    if kind == "workbook":
        assert "排名汇总" in load_workbook(clear, read_only=True).sheetnames
    else:
        assert window.state.result.ranking[0] in pdf_text(clear)
    assert Settings().encrypt_to(AUTHORITY) == (True, str(recipients))
