"""The expert's Submit encrypts the result file to the chair's key card, chosen in the
submit dialog by keys; the file is an ``age`` file that the chair's key opens and that
verifies, and the choice is remembered for the next submission."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from expertscore.crypto import sealed
from expertscore.identity.keycard import make_card, write_card
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.results.submit import submit
from expertscore.results.verify import ResultRefused, read_result, verify_file
from expertscore.scoring.service import ScoringService
from expertscore.storage.session import SessionFile
from tests.results.helpers import fixed_key, score_everything
from ui.encrypt_to import CHAIR, EncryptToDialog
from ui.expert.dialogs.passphrase import CreateKeyDialog
from ui.expert.dialogs.submit import SubmitDialog
from ui.settings import Settings

from .conftest import open_window
from .helpers import focused, press, type_keys
from .test_submit_print import keyboard_only

TYPED_PASSPHRASE = "long enough 2025"


@pytest.fixture
def scored_window(configured_app, qtbot, example_session: Path):
    """The window on the example session with every assigned indicator scored."""
    with SessionFile(example_session) as session:
        score_everything(ScoringService(session))
    window = open_window(qtbot, example_session)
    yield window
    window.close()


@pytest.fixture
def chair_card(tmp_path: Path):
    chair = create_key("CHAIR", "王组长", "chair pass 2025", cost=ScryptCost(n=2**12), role="chair")
    return chair, write_card(make_card(chair), tmp_path / "CHAIR.eskeycard")


def make_key(qtbot):
    def run(dialog: CreateKeyDialog) -> None:
        type_keys(qtbot, TYPED_PASSPHRASE)
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, TYPED_PASSPHRASE)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.created is not None, timeout=20000)

    return run


def test_the_result_goes_encrypted_to_the_chairs_card(
    scored_window, chair_card, tmp_path, qtbot, monkeypatch
):
    chair, card = chair_card
    seen: dict = {}

    def submit_(dialog: SubmitDialog) -> None:
        seen["out"] = dialog.out_file()
        field = dialog.encrypt_to
        assert not field.encrypt.isChecked()  # nothing remembered yet: plain, as before
        press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # the check box
        qtbot.waitUntil(field.encrypt.isChecked)  # a mnemonic clicks once its animation ends
        assert focused() is field.encrypt
        seen["without_card"] = (dialog.ok.isEnabled(), field.whom.text())
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is field.path
        type_keys(qtbot, str(tmp_path / "nothing.eskeycard"))
        seen["missing"] = field.whom.text()
        focused().clear()
        type_keys(qtbot, str(card))
        seen["whom"] = field.whom.text()
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20000)
        seen["digest"] = dialog.done_digest.text()
        press(qtbot, Qt.Key.Key_Escape)

    monkeypatch.setattr(CreateKeyDialog, "exec", keyboard_only(qtbot, make_key(qtbot)))
    monkeypatch.setattr(SubmitDialog, "exec", keyboard_only(qtbot, submit_))
    scored_window.actions.submit.trigger()

    assert seen["without_card"] == (False, "Choose the key card to encrypt to.")
    assert "no such key card or recipients file" in seen["missing"]
    assert seen["whom"] == "Encrypted to 王组长 (CHAIR)."
    result = seen["out"]
    data = result.read_bytes()
    assert data.startswith(sealed.AGE_MAGIC)
    with pytest.raises(ResultRefused, match="unlock a key it was encrypted to"):
        read_result(result)
    sealed.unlock(chair.age_identity, "CHAIR")
    verdict = verify_file(result)
    assert verdict.ok, verdict.reason
    assert verdict.result.payload.expert.id == "E01"
    # The dialog shows the signed result's SHA-256, which the filled sheet prints.
    assert seen["digest"] == hashlib.sha256(sealed.read_file(result)).hexdigest()
    assert Settings().encrypt_to(CHAIR) == (True, str(card))


@pytest.fixture
def submitted(example_session: Path) -> tuple[Path, Path]:
    """The example session scored and submitted plain through the core (a fixed key)."""
    out = example_session.with_name("E01-TEST-1-1.esresult")
    with SessionFile(example_session) as session:
        score_everything(ScoringService(session))
        submit(session, fixed_key("E01"), out)
    return example_session, out


def test_the_result_written_again_goes_encrypted_to_the_chair(
    configured_app, qtbot, submitted, chair_card, tmp_path, monkeypatch
):
    session_path, result = submitted
    chair, card = chair_card
    window = open_window(qtbot, session_path)
    again = tmp_path / "usb" / "E01-again.esresult"
    again.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(again), "")))
    seen: dict = {}

    def encrypt(dialog: EncryptToDialog) -> None:
        field = dialog.encrypt_to
        seen["first"] = field.encrypt.isChecked()
        press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # the check box
        qtbot.waitUntil(field.encrypt.isChecked)
        seen["without_card"] = dialog.ok.isEnabled()
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is field.path
        type_keys(qtbot, str(card))
        seen["whom"] = field.whom.text()
        press(qtbot, Qt.Key.Key_Return)

    monkeypatch.setattr(EncryptToDialog, "exec", keyboard_only(qtbot, encrypt))
    window.actions.write_again.trigger()
    assert (seen["first"], seen["without_card"]) == (False, False)
    assert seen["whom"] == "Encrypted to 王组长 (CHAIR)."
    assert again.read_bytes().startswith(sealed.AGE_MAGIC)
    stranger = sealed.new_identity()
    sealed.unlock(stranger, "STRANGER")
    with pytest.raises(ResultRefused, match="not to the key of STRANGER"):
        read_result(again)
    sealed.unlock(chair.age_identity, "CHAIR")
    assert sealed.read_file(again) == result.read_bytes()  # the very file that was signed
    verdict = verify_file(again)
    assert verdict.ok, verdict.reason
    assert Settings().encrypt_to(CHAIR) == (True, str(card))

    # The next time (the submit dialog's choice too) starts encrypted to the chair: Enter.
    def keep(dialog: EncryptToDialog) -> None:
        seen["next"] = dialog.recipients()
        press(qtbot, Qt.Key.Key_Return)

    monkeypatch.setattr(EncryptToDialog, "exec", keyboard_only(qtbot, keep))
    again.unlink()
    window.actions.write_again.trigger()
    assert seen["next"] == [chair.info.recipient]
    assert sealed.read_file(again) == result.read_bytes()
    window.close()
