"""The organizer window's choice of signature algorithm, by keys: an SM2 (国密) round whose
roster holds SM2 key cards, signed by a new SM2 organizer key made in the window."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from expertscore.batch.package import open_package
from expertscore.batch.signature import ORGANIZER_PAYLOAD
from expertscore.identity.keycard import make_card, write_card
from expertscore.identity.keys import ScryptCost, create_key, read_key_info
from tests.crypto.gmssl_check import gmssl_verifies
from tests.ui.organizer.test_organizer_window import (  # noqa: F401 (fixtures)
    authority,
    press,
    type_into,
    window,
)
from ui.new_key import NewRoleKeyDialog
from ui.organizer import models as om

CHEAP = ScryptCost(n=2**12)
PASSPHRASE = "organizer passphrase 2026"


@pytest.fixture
def sm2_cards(data_dir: Path, tmp_path: Path) -> list[Path]:
    made = []
    for number in range(1, 7):
        key = create_key(f"X{number:02d}", f"专家{number}", "expert passphrase", f"大学{number}",
                         cost=CHEAP, algorithm="sm2")  # fmt: skip
        made.append(write_card(make_card(key), tmp_path / f"X{number:02d}.eskeycard"))
    return made


def test_the_organizer_chooses_sm2_by_keys_and_the_round_is_signed_with_it(
    window,  # noqa: F811 (the window module's fixture)
    qtbot,
    sm2_cards,
    data_dir,
    tmp_path,
):
    create_key("ORG0", "旧组织方", PASSPHRASE, cost=CHEAP, role="organizer")  # an Ed25519 key
    window.add_keycards(sm2_cards)
    window.roster_model.setData(window.roster_model.index(3, om.R_CONFLICTS), "S002")
    values = window.values_model
    values.setData(values.index(1, om.V_VALUE), "9")
    values.setData(values.index(2, om.V_VALUE), "1")
    for _ in range(4):
        press(qtbot, window.steps.next, Qt.Key.Key_Space)
    page = window.export_page
    assert page.algorithm.currentData() == "ed25519"
    assert page.problem.text() == (
        "Cannot export yet: The key of X01 is SM2, but this round is signed with Ed25519:"
        " ask for a key card of Ed25519, or choose SM2."
    )
    keys = lambda: [page.signing.choice.itemData(i) for i in range(page.signing.choice.count())]  # noqa: E731
    assert keys() == ["ORG0"]
    press(qtbot, page.algorithm, Qt.Key.Key_Down)
    assert page.algorithm.currentData() == "sm2" and window.draft.algorithm == "sm2"
    assert page.problem.text() == ""
    assert keys() == [""]  # the Ed25519 organizer key cannot sign an SM2 round
    press(qtbot, page.signing.new_key, Qt.Key.Key_Space)
    dialog = window.dialog
    assert isinstance(dialog, NewRoleKeyDialog) and dialog.algorithm == "sm2"
    type_into(qtbot, dialog.passphrase, PASSPHRASE)
    type_into(qtbot, dialog.again, PASSPHRASE)
    with qtbot.waitSignal(dialog.made, timeout=60000):
        press(qtbot, dialog.again, Qt.Key.Key_Return)
    organizer = read_key_info(data_dir / "keys" / "ORG.eskey")
    assert organizer.algorithm == "sm2" and keys() == ["ORG"]
    out = tmp_path / "round" / "round.esbatch"
    out.parent.mkdir()
    page.out.set_path(out)
    type_into(qtbot, page.signing.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.exported, timeout=120000):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    opened = open_package(out)
    assert opened.manifest.algorithm == "sm2"
    assert opened.manifest.signer_id == "1234567812345678"
    assert opened.signature.public_key == organizer.public_key
    with zipfile.ZipFile(out) as archive:
        body, signature = archive.read("manifest.json"), json.loads(archive.read("manifest.sig"))
    assert gmssl_verifies(signature["public_key"], ORGANIZER_PAYLOAD, body, signature["sig"])
