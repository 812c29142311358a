"""The chair's window on a round signed with SM2 (国密): the panel file is signed by keys
alone with the chair's SM2 key and the batch's signer id, and the pure-Python ``gmssl``
verifies it."""

from __future__ import annotations

import base64
import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from expertscore.batch.package import open_package
from expertscore.chair.panel_file import PANEL_PAYLOAD_TYPE, check_panel_bytes
from expertscore.identity.keys import ScryptCost, create_key
from tests.crypto.gmssl_check import gmssl_verifies
from tests.crypto.test_sm2_round import SIGNER_ID, round_  # noqa: F401  (the round)
from ui.chair.passphrase import PassphraseDialog
from ui.chair.window import ChairWindow

PASSPHRASE = "sm2 chair passphrase"


def test_the_chair_signs_the_panel_file_with_sm2_by_keys(
    configured_app,
    qtbot,
    round_,  # noqa: F811  (the fixture imported above)
    tmp_path,
    monkeypatch,
):
    monkeypatch.setenv("EXPERTSCORE_DATA_DIR", str(tmp_path / "data"))
    chair = create_key("CHAIR2", "李组长", PASSPHRASE, cost=ScryptCost(n=2**12), role="chair",
                       algorithm="sm2")  # fmt: skip
    window = ChairWindow()
    window.quiet = True
    qtbot.addWidget(window)
    cards = tuple(sorted(round_["root"].glob("*.eskeycard")))
    with qtbot.waitSignal(window.stateLoaded, timeout=60000):
        window.open_merge(round_["package"], round_["merge"], cards)
    window.show()
    out = tmp_path / "panel.espanel"
    window.export_panel_file(out)
    dialog = window.dialog
    assert isinstance(dialog, PassphraseDialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.choice.currentData() == "CHAIR2"
    dialog.passphrase.setFocus()
    QTest.keyClicks(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.exporter.exported, timeout=120000):
        QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    data = out.read_bytes()
    payload, signer = check_panel_bytes(data, str(out), open_package(round_["package"]))
    assert signer == chair.info.fingerprint and payload.batch.id == "SM2-ROUND"
    envelope = json.loads(data)
    body = base64.b64decode(envelope["payload"])
    assert json.loads(body)["chair"]["public_key"] == chair.info.public_key
    assert chair.info.public_key.startswith("sm2:")
    sig = envelope["signatures"][0]["sig"]
    assert gmssl_verifies(chair.info.public_key, PANEL_PAYLOAD_TYPE, body, sig, SIGNER_ID)
    assert not gmssl_verifies(chair.info.public_key, PANEL_PAYLOAD_TYPE, body, sig)
