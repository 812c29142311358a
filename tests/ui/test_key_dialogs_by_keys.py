"""The dialogs that ask for the passphrase of an existing key, and the one that opens a batch
package, driven by keys to the focused widget only; then the files on disk are checked: the
result signed, the key card written, the session created.

Keys are made cheap (scrypt n=2^12: the same format, quicker to open) in a temporary data
folder; passphrases are typed key by key, so they are ASCII.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QLineEdit, QListView

from expertscore.identity.keycard import read_card
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.results.verify import verify_file
from expertscore.scoring.service import ScoringService
from expertscore.storage import cipher
from expertscore.storage.session import SessionFile
from tests.results.helpers import score_everything
from ui.expert.dialogs.open_package import ChooseExpertDialog, default_session_path
from ui.expert.dialogs.passphrase import OpenKeyDialog
from ui.expert.dialogs.submit import SubmitDialog
from ui.expert.window import MainWindow
from ui.settings import Settings

from .conftest import open_window
from .helpers import focused, press, type_keys

PASSPHRASE = "my own passphrase 7"
SESSION_PASSPHRASE = "session passphrase 8"
WRONG = "not my passphrase"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def existing_key(data_dir):
    return create_key("E01", "专家1", PASSPHRASE, "某大学", cost=ScryptCost(n=2**12))


@pytest.fixture
def complete_window(configured_app, qtbot, example_session: Path, existing_key):
    with SessionFile(example_session) as session:
        score_everything(ScoringService(session))
    window = open_window(qtbot, example_session)
    yield window
    window.close()


def by_keys(qtbot, run):
    """Replace a dialog's ``exec``: show it modal, wait until it has the keyboard, then let
    ``run`` press keys to the focused widget; the dialog's result once it closed."""

    def exec_(dialog: QDialog) -> int:
        dialog.open()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
        run(dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
        return dialog.result()

    return exec_


def tab_chain(qtbot, count: int, back: bool = False) -> list:
    """The widgets Tab (or Shift+Tab) lands on, ``count`` presses from the focused one."""
    seen = []
    for _ in range(count):
        press(qtbot, Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab)
        seen.append(focused())
    return seen


def wrong_then_right(qtbot, dialog, field: QLineEdit, error, done) -> dict:
    """Type a wrong passphrase and Enter: the message in place, the field still focused with
    its text selected; then the right one typed over it and Enter, until ``done()``."""
    seen: dict = {}
    type_keys(qtbot, WRONG)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: error.isVisibleTo(dialog), timeout=30000)
    qtbot.waitUntil(lambda: focused() is field, timeout=5000)
    seen["message"] = error.text()
    seen["selected"] = field.selectedText() == WRONG
    seen["open"] = dialog.isVisible()
    type_keys(qtbot, PASSPHRASE)  # typing replaces the selected wrong passphrase
    seen["typed"] = field.text() == PASSPHRASE
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(done, timeout=30000)
    return seen


# --- submitting with the key already on this computer ----------------------------------


def test_submit_with_an_existing_key_by_keys(
    complete_window, example_session, existing_key, qtbot, monkeypatch
):
    """Ctrl+Shift+S; the passphrase field has the focus; Tab goes to Submit and Cancel,
    Shift+Tab back through the result path; a wrong passphrase is said in place; the right
    one and Enter sign; Esc closes the last page."""
    window = complete_window
    seen: dict = {}

    def submit(dialog: SubmitDialog) -> None:
        seen["out"] = dialog.out_file()
        seen["first"] = focused()
        seen["submit_before_typing"] = dialog.ok.isEnabled()
        type_keys(qtbot, WRONG)  # Submit waits for a passphrase; Tab reaches it once typed
        seen["forward"] = tab_chain(qtbot, 3)
        seen["backward"] = tab_chain(qtbot, 5, back=True)
        press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Tab)
        seen["back_home"] = focused()
        seen["home_selected"] = dialog.passphrase.selectedText() == WRONG
        seen["entered"] = wrong_then_right(
            qtbot, dialog, dialog.passphrase, dialog.error, lambda: dialog.pages.currentIndex() == 1
        )
        seen["file_after_wrong"] = seen["out"].exists()
        assert focused() is dialog.print_button
        press(qtbot, Qt.Key.Key_Escape)

    monkeypatch.setattr(SubmitDialog, "exec", by_keys(qtbot, submit))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "file_after_wrong" in seen, timeout=60000)

    dialog = seen["first"].window()
    assert seen["first"] is dialog.passphrase and not seen["submit_before_typing"]
    buttons = {dialog.ok, dialog.buttons.button(dialog.buttons.StandardButton.Cancel)}
    encrypt = dialog.encrypt_to.findChild(QCheckBox, "encryptTo")
    assert seen["forward"][0] is encrypt and not encrypt.isChecked()  # plain unless asked
    assert set(seen["forward"][1:]) == buttons  # in the order the platform lays them out
    assert seen["backward"][0] in buttons and seen["backward"][1] is encrypt
    assert seen["backward"][2] is dialog.passphrase
    browse = seen["backward"][3]
    assert browse.text() == "Choose…" and seen["backward"][4] is dialog.out_path
    assert seen["back_home"] is dialog.passphrase and seen["home_selected"]
    assert seen["entered"] == {
        "message": "Wrong passphrase. Type it again.",
        "selected": True,
        "open": True,
        "typed": True,
    }
    verdict = verify_file(seen["out"])
    assert verdict.ok, verdict.reason
    assert verdict.result.fingerprint == existing_key.info.fingerprint
    with SessionFile(example_session) as session:
        locked = ScoringService(session).locked_by()
    assert locked is not None and locked.sequence == 1


def test_esc_in_the_submit_dialog_writes_nothing(
    complete_window, example_session, qtbot, monkeypatch
):
    window = complete_window
    seen: dict = {}

    def cancel(dialog: SubmitDialog) -> None:
        seen["out"] = dialog.out_file()
        type_keys(qtbot, PASSPHRASE)  # typed, then Esc: nothing is signed
        press(qtbot, Qt.Key.Key_Escape)

    monkeypatch.setattr(SubmitDialog, "exec", by_keys(qtbot, cancel))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: "out" in seen, timeout=30000)
    assert not seen["out"].exists()
    with SessionFile(example_session) as session:
        assert ScoringService(session).locked_by() is None
    assert not window.form.read_only


# --- the key card: the passphrase dialog of an existing key ---------------------------------


def save_card_by_menu(qtbot, window) -> None:
    """Alt+F opens the File menu; K (the entry's mnemonic) takes "Save my key card…"."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    menu = QApplication.activePopupWidget()
    assert menu is not None, "Alt+F did not open the File menu"
    qtbot.keyClick(menu, Qt.Key.Key_K)


def test_key_card_passphrase_dialog_by_keys(
    complete_window, existing_key, qtbot, monkeypatch, tmp_path
):
    from PySide6.QtWidgets import QFileDialog

    window = complete_window
    target = tmp_path / "cards" / "E01.eskeycard"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args, **_kw: (str(target), ""))
    )
    seen: dict = {}

    def cancel(dialog: OpenKeyDialog) -> None:
        seen["cancel_focus"] = focused() is dialog.passphrase
        type_keys(qtbot, PASSPHRASE)
        press(qtbot, Qt.Key.Key_Escape)

    monkeypatch.setattr(OpenKeyDialog, "exec", by_keys(qtbot, cancel))
    save_card_by_menu(qtbot, window)
    qtbot.waitUntil(lambda: "cancel_focus" in seen, timeout=30000)
    assert seen["cancel_focus"]
    assert not target.exists()  # Esc: no card

    def enter(dialog: OpenKeyDialog) -> None:
        seen["focus"] = focused()
        seen["chain"] = tab_chain(qtbot, 3)
        seen["entered"] = wrong_then_right(
            qtbot, dialog, dialog.passphrase, dialog.error, lambda: dialog.key is not None
        )

    monkeypatch.setattr(OpenKeyDialog, "exec", by_keys(qtbot, enter))
    save_card_by_menu(qtbot, window)
    qtbot.waitUntil(lambda: target.exists(), timeout=60000)
    dialog = seen["focus"].window()
    assert seen["focus"] is dialog.passphrase
    cancel_button = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert set(seen["chain"][:2]) == {dialog.ok, cancel_button}
    assert seen["chain"][2] is dialog.passphrase
    assert seen["entered"] == {
        "message": "Wrong passphrase. Type it again.",
        "selected": True,
        "open": True,
        "typed": True,
    }
    card = read_card(target)
    assert card.fingerprint == existing_key.info.fingerprint and card.expert_id == "E01"


# --- opening a batch package ------------------------------------------------------------


@pytest.fixture
def package(example_package, tmp_path) -> Path:
    return Path(shutil.copy(example_package, tmp_path / "batch.esbatch"))


def test_open_package_dialog_by_keys(configured_app, package, tmp_path, qtbot, monkeypatch):
    """The roster has the focus; Enter with nobody chosen does nothing; Down chooses; Tab
    goes to the session path and on; Enter takes the choice; the session is created."""
    seen: dict = {}

    def choose(dialog: ChooseExpertDialog) -> None:
        seen["first"] = focused()
        press(qtbot, Qt.Key.Key_Return)  # nobody chosen yet: stays open
        seen["open_without_choice"] = dialog.isVisible()
        press(qtbot, Qt.Key.Key_Down)
        seen["after_down"] = dialog.expert_id()
        press(qtbot, Qt.Key.Key_Down)
        seen["after_second_down"] = dialog.expert_id()
        seen["path"] = dialog.session_file()
        press(qtbot, Qt.Key.Key_Return)  # encrypted by default: no passphrase yet, stays open
        seen["open_without_passphrase"] = dialog.isVisible()
        seen["chain"] = tab_chain(qtbot, 6)  # ends on Cancel: OK waits for a passphrase
        press(qtbot, Qt.Key.Key_Backtab)
        press(qtbot, Qt.Key.Key_Backtab)  # back in the new passphrase
        seen["passphrase_focused"] = focused() is dialog.protection.passphrase
        type_keys(qtbot, SESSION_PASSPHRASE)
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, SESSION_PASSPHRASE)
        press(qtbot, Qt.Key.Key_Return)

    monkeypatch.setattr(ChooseExpertDialog, "exec", by_keys(qtbot, choose))
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sessionShown, timeout=60000):
        window.open_path(package)
    dialog = seen["first"].window()
    assert isinstance(seen["first"], QListView) and seen["first"] is dialog.roster
    assert seen["open_without_choice"]
    assert (seen["after_down"], seen["after_second_down"]) == ("E01", "E02")
    assert seen["path"] == default_session_path(package, "E02")
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert seen["chain"][0] is dialog.session_path
    assert seen["chain"][1].text() == "Choose…"
    protection = dialog.protection
    assert seen["chain"][2:5] == [protection.encrypt, protection.passphrase, protection.repeat]
    assert seen["chain"][5] is cancel and ok not in seen["chain"]
    assert seen["open_without_passphrase"] and seen["passphrase_focused"]
    session = tmp_path / "batch-E02.esession"
    assert session.is_file() and cipher.is_encrypted(session)
    assert window.controller.expert_id == "E02"
    with SessionFile(session) as opened:
        assert opened.info.expert_id == "E02"
    window.close()


def test_open_package_dialog_typed_path_and_esc(
    configured_app, package, tmp_path, qtbot, monkeypatch
):
    """Esc creates nothing; a path typed over the default is where the session goes."""
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    seen: dict = {}

    def cancel(dialog: ChooseExpertDialog) -> None:
        press(qtbot, Qt.Key.Key_Down)
        seen["cancelled"] = dialog.expert_id()
        press(qtbot, Qt.Key.Key_Escape)

    monkeypatch.setattr(ChooseExpertDialog, "exec", by_keys(qtbot, cancel))
    window.open_path(package)
    qtbot.waitUntil(lambda: "cancelled" in seen, timeout=60000)
    assert seen["cancelled"] == "E01"
    assert list(tmp_path.glob("*.esession")) == []
    assert window.controller is None

    typed = tmp_path / "mine.esession"

    def typed_path(dialog: ChooseExpertDialog) -> None:
        press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        type_keys(qtbot, str(typed))
        press(qtbot, Qt.Key.Key_Tab)
        press(qtbot, Qt.Key.Key_Tab)  # past Choose… to "Encrypt the session file"
        press(qtbot, Qt.Key.Key_Space)  # a plain session, then
        press(qtbot, Qt.Key.Key_Return)

    monkeypatch.setattr(ChooseExpertDialog, "exec", by_keys(qtbot, typed_path))
    with qtbot.waitSignal(window.sessionShown, timeout=60000):
        window.open_path(package)
    assert typed.is_file() and window.controller.session.path == typed
    assert not cipher.is_encrypted(typed)
    assert not default_session_path(package, "E01").exists()
    window.close()


def test_a_key_of_another_role_is_refused_in_place(
    configured_app, qtbot, example_session, data_dir, monkeypatch
):
    """E01's key on this computer is a chair's: the passphrase opens it, the core refuses
    it for an expert's result, the dialog says so (in Chinese) and nothing is written."""
    from ui.app import install_translators

    chair = create_key("E01", "专家1", PASSPHRASE, role="chair", cost=ScryptCost(n=2**12))
    with SessionFile(example_session) as session:
        score_everything(ScoringService(session))
    window = open_window(qtbot, example_session)
    seen: dict = {}

    def submit(dialog: SubmitDialog) -> None:
        seen["out"] = dialog.out_file()
        type_keys(qtbot, PASSPHRASE)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=30000)
        seen["message"] = dialog.error.text()
        seen["open"] = dialog.isVisible() and dialog.pages.currentIndex() == 0
        press(qtbot, Qt.Key.Key_Escape)

    monkeypatch.setattr(SubmitDialog, "exec", by_keys(qtbot, submit))
    install_translators(configured_app, "zh")
    try:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        press(qtbot, Qt.Key.Key_S, CTRL_SHIFT)
        qtbot.waitUntil(lambda: "open" in seen, timeout=60000)
    finally:
        install_translators(configured_app, "en")
    assert seen["open"]
    assert seen["message"] == (
        f"密钥 {chair.info.fingerprint}（E01）是评审组长的密钥；专家的评分结果文件须用专家的密钥签名"
        "（请先生成专家的密钥）"
    )
    assert not seen["out"].exists()
    with SessionFile(example_session) as session:
        assert ScoringService(session).locked_by() is None
    window.close()
