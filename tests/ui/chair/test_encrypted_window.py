"""The chair's window on a package encrypted to the panel: the passphrase typed once into
the key dialog, then everything reads as in clear; a key the package is not encrypted to
is refused in one line. (Results encrypted to the chair: ``tests/chair``.)"""

from __future__ import annotations

from PySide6.QtCore import Qt

from expertscore.batch.sealed_package import seal_package
from expertscore.crypto import sealed
from expertscore.identity.keys import ScryptCost, create_key
from tests.ui.helpers import when_modal
from ui.chair.window import ChairWindow

PASSPHRASE = "chair passphrase 2026"
FAST = ScryptCost(n=2**10)


def type_passphrase(qtbot, dialog) -> None:
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)


def sealed_merge(panel, merged, tmp_path, recipient: str):
    return seal_package(panel.package, tmp_path / "sealed.esbatch", [recipient])


def test_the_chair_opens_encrypted_files_with_the_passphrase(
    configured_app, qtbot, panel, merged, tmp_path
):
    chair = create_key("CHAIR", "王组长", PASSPHRASE, role="chair", cost=FAST)
    package = sealed_merge(panel, merged, tmp_path, chair.info.recipient)
    window = ChairWindow()
    window.quiet = True
    qtbot.addWidget(window)
    failures: list[str] = []
    window.failed.connect(failures.append)
    seen = when_modal(lambda dialog: type_passphrase(qtbot, dialog))
    with qtbot.waitSignal(window.stateLoaded, timeout=120000):
        window.open_merge(package, merged, tuple(panel.cards))
    assert failures == []
    assert seen["seen"].windowTitle() == "Open with your key"
    assert window.state.package.encrypted
    assert len(window.state.run.folder.accepted) == 5
    assert sealed.unlocked_owners() == ("CHAIR",)


def test_a_key_the_files_are_not_encrypted_to_is_refused(
    configured_app, qtbot, panel, merged, tmp_path
):
    chair = create_key("CHAIR", "王组长", PASSPHRASE, role="chair", cost=FAST)
    create_key("OTHER", "他人", PASSPHRASE, role="chair", cost=FAST)
    package = sealed_merge(panel, merged, tmp_path, chair.info.recipient)
    window = ChairWindow()
    window.quiet = True
    qtbot.addWidget(window)

    def choose_other(dialog) -> None:
        dialog.choice.setCurrentIndex(dialog.choice.findData("OTHER"))
        type_passphrase(qtbot, dialog)

    when_modal(choose_other)
    with qtbot.waitSignal(window.failed, timeout=120000) as failed:
        window.open_merge(package, merged, tuple(panel.cards))
    assert failed.args[0] == "sealed.esbatch is encrypted, but not to the key of OTHER."
