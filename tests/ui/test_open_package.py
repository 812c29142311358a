"""Opening a batch package through the real dialogs, and an existing session."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from expertscore.batch.package import open_package
from tests.factories import example_builder
from ui.expert.dialogs.open_package import ChooseExpertDialog, default_session_path, signature_text
from ui.expert.window import MainWindow
from ui.settings import Settings


def _choosing(qtbot, expert: str):
    def run(dialog: ChooseExpertDialog) -> int:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        row = next(
            r
            for r in range(dialog.model.rowCount())
            if dialog.model.item(r).text().startswith(expert)
        )
        rect = dialog.roster.visualRect(dialog.model.index(row, 0))
        qtbot.mouseClick(dialog.roster.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert dialog.expert_id() == expert
        assert dialog.session_file() == default_session_path(dialog.opened.path, expert)
        assert not ok.isEnabled()  # encrypted by default: a passphrase is needed
        qtbot.mouseClick(dialog.protection.encrypt, Qt.MouseButton.LeftButton)  # a plain one
        assert ok.isEnabled() and dialog.new_passphrase() is None
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    return run


def test_open_package_choose_expert_and_import(
    configured_app, example_package, tmp_path, qtbot, monkeypatch
):
    package = shutil.copy(example_package, tmp_path / "batch.esbatch")
    monkeypatch.setattr(ChooseExpertDialog, "exec", _choosing(qtbot, "E02"))
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sessionShown, timeout=20000):
        window.open_path(package)
    session = tmp_path / "batch-E02.esession"
    assert session.is_file()
    assert window.controller.expert_id == "E02"
    assert window.panes.model.rowCount() == 2
    assert Settings().last_expert == "E02"
    assert str(package.resolve()) in Settings().recent_files
    window.close()

    # Opening the package again reuses the session (the choice is remembered).
    calls = []

    def remembered(dialog: ChooseExpertDialog) -> int:
        calls.append(dialog.expert_id())
        assert "exists" in dialog.existing.text()
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ChooseExpertDialog, "exec", remembered)
    again = MainWindow(Settings())
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.sessionShown, timeout=20000):
        again.open_path(package)
    assert calls == ["E02"]
    assert again.controller.session.path == session
    again.close()


def test_open_with_expert_given_skips_the_dialog(configured_app, example_package, tmp_path, qtbot):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    out = tmp_path / "mine.esession"
    with qtbot.waitSignal(window.sessionShown, timeout=20000):
        window.open_path(example_package, "E01", out)
    assert out.is_file()
    assert window.form.submission_id == "S001"
    window.close()


def test_a_session_of_another_expert_is_refused(
    configured_app, example_session, qtbot, monkeypatch
):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.opener.failed) as failed:
        monkeypatch.setattr(window, "show_error", lambda _message: None)
        window.open_path(example_session, "E02")
    assert "E01" in failed.args[0] and "E02" in failed.args[0]
    assert window.controller is None


def test_a_broken_package_is_reported(configured_app, tmp_path, qtbot, monkeypatch):
    broken = tmp_path / "broken.esbatch"
    broken.write_bytes(b"not a zip")
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "show_error", lambda _message: None)
    with qtbot.waitSignal(window.opener.failed, timeout=20000) as failed:
        window.open_path(broken)
    assert "not a batch package" in failed.args[0]


def test_signature_line(tmp_path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    example_builder().write(tmp_path / "u.esbatch")
    unsigned = open_package(tmp_path / "u.esbatch")
    text, signed = signature_text(unsigned)
    assert not signed and "Not signed" in text
    builder = example_builder()
    key = Ed25519PrivateKey.generate()
    builder.write(tmp_path / "s.esbatch", signer=(key, "测试组织方"))
    opened = open_package(tmp_path / "s.esbatch")
    text, signed = signature_text(opened)
    assert signed
    assert text == f"Prepared by 测试组织方 (key {opened.signature.fingerprint})"


def test_a_package_signed_by_another_key_than_first_seen_is_refused(
    configured_app, tmp_path, qtbot, monkeypatch
):
    """The organizer's key is remembered on the first import; a re-signed copy is refused."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    real, impostor = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    example_builder().write(tmp_path / "real.esbatch", signer=(real, "测试组织方"))
    example_builder().write(tmp_path / "other.esbatch", signer=(impostor, "测试组织方"))
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sessionShown, timeout=20000):
        window.open_path(tmp_path / "real.esbatch", "E01", tmp_path / "real.esession")
    monkeypatch.setattr(window, "show_error", lambda _message: None)
    with qtbot.waitSignal(window.opener.failed, timeout=20000) as failed:
        window.open_path(tmp_path / "other.esbatch", "E01", tmp_path / "other.esession")
    known = open_package(tmp_path / "real.esbatch").signature.fingerprint
    new = open_package(tmp_path / "other.esbatch").signature.fingerprint
    assert known in failed.args[0] and new in failed.args[0]
    assert not (tmp_path / "other.esession").exists()
    window.close()


def test_an_unsigned_package_opened_without_the_dialog_warns_in_the_status_bar(
    configured_app, example_package, tmp_path, qtbot
):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.opener.notice, timeout=20000) as notice:
        window.open_path(example_package, "E01", tmp_path / "mine.esession")
    qtbot.waitUntil(lambda: window.controller is not None, timeout=20000)
    assert example_package.name in notice.args[0]
    assert "测试组织方" in notice.args[0]
    window.close()
