"""The expert's window on an SM2 (国密) batch: the key made on first use is an SM2 key (the
dialog takes the algorithm from the batch and says so), and the result it signs verifies
with the batch and with the pure-Python gmssl. Driven by keys alone."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from expertscore.batch.manifest import Signing
from expertscore.batch.package import open_package
from expertscore.identity.keycard import read_card
from expertscore.identity.keys import find_key
from expertscore.results.envelope import RESULT_PAYLOAD_TYPE
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import verify_file
from expertscore.scoring.service import ScoringService
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.crypto.gmssl_check import gmssl_verifies
from tests.factories import example_builder
from tests.results.helpers import score_everything
from ui.expert.dialogs.passphrase import CreateKeyDialog
from ui.expert.dialogs.submit import SubmitDialog

from .conftest import open_window
from .helpers import focused, press, type_keys
from .test_submit_print import TYPED_PASSPHRASE, keyboard_only

SIGNER_ID = "LN-GXT-2026"


@pytest.fixture
def sm2_package(tmp_path: Path) -> Path:
    builder = example_builder()
    builder.signing = Signing(algorithm="sm2", signer_id=SIGNER_ID)
    out = tmp_path / "sm2.esbatch"
    builder.write(out)
    return out


def test_an_sm2_key_on_first_use_and_submit_by_keyboard_alone(
    configured_app, qtbot, monkeypatch, sm2_package, tmp_path
):
    session = create_session(sm2_package, "E01", tmp_path / "E01.esession")
    with SessionFile(session) as opened:
        score_everything(ScoringService(opened))
    window = open_window(qtbot, session)
    seen: dict = {}

    def make_key(dialog: CreateKeyDialog) -> None:
        seen["algorithm"] = dialog.findChild(QLabel, "keyAlgorithm").text()
        assert focused() is dialog.passphrase
        type_keys(qtbot, TYPED_PASSPHRASE)
        press(qtbot, Qt.Key.Key_Tab)
        type_keys(qtbot, TYPED_PASSPHRASE)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.created is not None, timeout=20000)

    def submit_(dialog: SubmitDialog) -> None:
        seen["out"] = dialog.out_file()
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20000)
        press(qtbot, Qt.Key.Key_Escape)

    monkeypatch.setattr(CreateKeyDialog, "exec", keyboard_only(qtbot, make_key))
    monkeypatch.setattr(SubmitDialog, "exec", keyboard_only(qtbot, submit_))
    try:
        window.activateWindow()
        qtbot.keyClick(
            focused(),
            Qt.Key.Key_S,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        qtbot.waitUntil(lambda: "out" in seen and seen["out"].exists(), timeout=30000)
    finally:
        window.close()
    assert seen["algorithm"] == "SM2 (national SM2/SM3 cryptography), as the batch asks"
    key = find_key("E01")
    assert key is not None and key.algorithm == "sm2"
    package = open_package(sm2_package)
    card = read_card(tmp_path / "E01.eskeycard")  # written by the key dialog, for the chair
    assert card.algorithm == "sm2"
    verdict = verify_file(seen["out"], package, KeyTrust.build(package, [card]))
    assert verdict.ok, verdict.reason
    assert verdict.result.fingerprint == key.fingerprint
    envelope = json.loads(seen["out"].read_bytes())
    body = base64.b64decode(envelope["payload"])
    sig = envelope["signatures"][0]["sig"]
    assert gmssl_verifies(key.public_key, RESULT_PAYLOAD_TYPE, body, sig, SIGNER_ID)
    assert not gmssl_verifies(key.public_key, RESULT_PAYLOAD_TYPE, body, sig)  # standard id
