"""Opening a package encrypted to the panel in the expert's window: the passphrase typed
into the key dialog, a wrong one said in place, the kind of package shown, the clear copy
removed after the import; a key the package is not encrypted to is refused in one line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from expertscore.batch.sealed_package import seal_package
from expertscore.identity.keys import ScryptCost, create_key, data_dir
from expertscore.storage.session import SessionFile
from tests.ui.helpers import when_modal
from ui.expert.window import MainWindow
from ui.settings import Settings

PASSPHRASE = "expert passphrase 1"


def type_passphrase(qtbot, dialog, text: str) -> None:
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, text)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)


def sealed_example(example_package: Path, tmp_path: Path, recipient: str) -> Path:
    return seal_package(example_package, tmp_path / "sealed.esbatch", [recipient])


def test_an_encrypted_package_opens_with_the_passphrase_typed(
    configured_app, example_package, tmp_path, qtbot, monkeypatch
):
    key = create_key("E02", "王建国", PASSPHRASE, cost=ScryptCost(n=2**10))
    package = sealed_example(example_package, tmp_path, key.info.recipient)
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    notices: list[str] = []
    window.opener.notice.connect(notices.append)
    seen: dict = {}

    def answer(dialog) -> None:
        seen["title"] = dialog.windowTitle()
        type_passphrase(qtbot, dialog, "not my passphrase")
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=20000)
        seen["error"] = dialog.error.text()
        type_passphrase(qtbot, dialog, PASSPHRASE)

    when_modal(answer)
    out = tmp_path / "mine.esession"
    with qtbot.waitSignal(window.sessionShown, timeout=60000):
        window.open_path(package, "E02", out)
    assert seen["error"] == "Wrong passphrase. Type it again."
    assert notices[0].startswith("sealed.esbatch: encrypted to the panel, opened with your key.")
    with SessionFile(out) as session:
        assert session.info.expert_id == "E02"
    assert list((data_dir() / "decrypting").rglob("*.zip")) == []
    assert str(package.resolve()) in Settings().recent_files
    window.close()


def test_a_key_the_package_is_not_encrypted_to_is_refused(
    configured_app, example_package, tmp_path, qtbot, monkeypatch
):
    cost = ScryptCost(n=2**10)
    insider = create_key("E01", "李明", PASSPHRASE, cost=cost)
    create_key("E02", "王建国", PASSPHRASE, cost=cost)
    package = sealed_example(example_package, tmp_path, insider.info.recipient)
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "show_error", lambda _message: None)
    when_modal(lambda dialog: type_passphrase(qtbot, dialog, PASSPHRASE))
    with qtbot.waitSignal(window.opener.failed, timeout=60000) as failed:
        window.open_path(package, "E02", tmp_path / "x.esession")
    assert failed.args[0] == "sealed.esbatch is encrypted, but not to the key of E02."
    assert not (tmp_path / "x.esession").exists()
    window.close()


def test_encryption_refusals_read_in_chinese(configured_app, tmp_path):
    import pytest

    from expertscore.crypto import sealed
    from expertscore.results.verify import ResultRefused, check_result
    from ui.app import install_translators
    from ui.messages import error_text

    secret = sealed.seal_bytes(b"{}", [sealed.recipient_of(sealed.new_identity())], "r")
    with pytest.raises(ResultRefused) as no_key:
        check_result(secret, "E01.esresult")
    sealed.unlock(sealed.new_identity(), "E02")
    with pytest.raises(ResultRefused) as wrong_key:
        check_result(secret, "E01.esresult")
    install_translators(configured_app, "zh")
    try:
        assert error_text(no_key.value) == "E01.esresult 已加密：请用它所加密给的密钥打开。"
        assert error_text(wrong_key.value) == "E01.esresult 已加密，但不是加密给 E02 的密钥。"
    finally:
        install_translators(configured_app, "en")
