"""An encrypted session in the window: made with a passphrase typed twice, opened through
the passphrase dialog by keystrokes, locked after idle time, and nothing of its evidence
written to disk in clear while it is viewed."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from expertscore.storage import cipher
from tests.ui.conftest import encrypted_session
from ui.expert.dialogs.open_package import ChooseExpertDialog
from ui.expert.dialogs.session_passphrase import UnlockSessionDialog
from ui.expert.window import MainWindow
from ui.settings import Settings

PASSPHRASE = "window-test-phrase"


@pytest.fixture
def encrypted(demo_package: Path, tmp_path: Path) -> Path:
    return encrypted_session(demo_package, tmp_path, PASSPHRASE)


def on_disk(session: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in session.parent.iterdir() if p.is_file()}


def type_into_focus(qtbot, text: str) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    QTest.keyClicks(focused, text)
    QTest.keyClick(focused, Qt.Key.Key_Return)


def answer_unlock_dialog(qtbot, attempts: list[str], seen: list[str]) -> None:
    """When the passphrase dialog shows, type each attempt into its focused field."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockSessionDialog):
            QTimer.singleShot(50, answer)
            return
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
        for attempt in attempts:
            type_into_focus(qtbot, attempt)
            seen.append(dialog.form.error.text() if dialog.form.error.isVisible() else "")

    QTimer.singleShot(0, answer)


@pytest.fixture
def window(configured_app, qtbot) -> MainWindow:
    shown = MainWindow(Settings())
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_opened_by_typing_the_passphrase_after_a_wrong_one(window, encrypted, qtbot):
    before = on_disk(encrypted)
    seen: list[str] = []
    answer_unlock_dialog(qtbot, ["wrong-guess", PASSPHRASE], seen)
    with qtbot.waitSignal(window.sessionShown, timeout=60000):
        window.open_path(encrypted)
    assert seen[0] == "Wrong passphrase; nothing was changed. Try again."
    assert seen[1] == ""
    assert window.controller.session.encrypted
    assert window.protection.text() == "Encrypted session"
    window.close()
    assert before[encrypted.name] != b""  # it was a real file, and the wrong try left no mark


def test_a_wrong_passphrase_then_cancel_writes_nothing(window, encrypted, qtbot):
    before = on_disk(encrypted)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockSessionDialog):
            QTimer.singleShot(50, answer)
            return
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
        type_into_focus(qtbot, "not-it-at-all")
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, answer)
    window.open_path(encrypted)
    assert window.controller is None
    assert on_disk(encrypted) == before
    assert not cipher.is_unlocked(encrypted)


def test_viewing_every_evidence_file_writes_none_to_disk(
    window, encrypted, qtbot, tmp_path, monkeypatch
):
    temp = tmp_path / "temp"  # the program's temporary folder, watched alone
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    cipher.unlock(encrypted, PASSPHRASE)
    with qtbot.waitSignal(window.sessionShown, timeout=60000):
        window.open_path(encrypted)
    viewer = window.viewer
    shown: dict[str, bytes] = {}
    for submission in list(window.rows)[:2]:
        window.show_submission(submission)
        for row in range(viewer.model.rowCount()):
            viewer.show_row(row)
            qtbot.waitUntil(lambda: not viewer.loading(), timeout=30000)
            assert viewer.kind in {"pdf", "image", "table", "text"}, viewer.kind
            shown[viewer.record.sha256] = window.controller.session.evidence_bytes(
                viewer.record.sha256
            )
    assert len(shown) > 3
    if window.indexing is not None:  # the index reads every file too
        qtbot.waitUntil(lambda: not window.indexing.building, timeout=120000)
    files = [p for p in temp.rglob("*") if p.is_file()]
    assert [p.name for p in files] == [".lock"]  # the window's folder's lock, nothing else
    for data in shown.values():
        assert data[:64] not in on_disk(encrypted)[encrypted.name]
    window.close()


def test_idle_window_locks_drops_the_key_and_opens_again_with_the_passphrase(
    window, encrypted, qtbot
):
    cipher.unlock(encrypted, PASSPHRASE)
    with qtbot.waitSignal(window.sessionShown, timeout=60000):
        window.open_path(encrypted)
    second = list(window.rows)[1]
    window.show_submission(second)
    window.idle_lock.set_timeout(300)
    qtbot.waitUntil(window.idle_lock.locked, timeout=10000)
    assert window.controller is None and window.viewer is None
    assert not cipher.is_unlocked(encrypted)
    assert "—" not in window.windowTitle()  # the batch and the expert are not shown
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5000)
    qtbot.waitUntil(window.idle_lock.page.isVisible, timeout=5000)
    window.idle_lock.page.form.passphrase.setFocus()
    type_into_focus(qtbot, "wrong-guess")
    assert window.idle_lock.locked()
    assert window.idle_lock.page.form.error.isVisible()
    with qtbot.waitSignal(window.sessionShown, timeout=60000):
        type_into_focus(qtbot, PASSPHRASE)
    assert window.panes.current_id() == second
    window.idle_lock.set_timeout(0)
    window.close()


def test_a_plain_session_is_said_and_never_locks(window, demo_session, qtbot):
    with qtbot.waitSignal(window.sessionShown, timeout=60000):
        window.open_path(demo_session)
    assert window.protection.text() == "Not encrypted"
    window.idle_lock.set_timeout(100)
    qtbot.wait(400)
    assert window.controller is not None and not window.idle_lock.locked()
    window.close()


def test_a_new_session_is_encrypted_with_the_passphrase_typed_twice(
    configured_app, demo_package, tmp_path, qtbot, monkeypatch
):
    package = Path(shutil.copy(demo_package, tmp_path / "batch.esbatch"))

    def choose(dialog: ChooseExpertDialog) -> int:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
        assert dialog.select_expert("E01")
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert dialog.protection.encrypt.isChecked() and not ok.isEnabled()
        dialog.protection.passphrase.setFocus()
        QTest.keyClicks(QApplication.focusWidget(), PASSPHRASE)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        QTest.keyClicks(QApplication.focusWidget(), PASSPHRASE[:-1])
        assert not ok.isEnabled()  # the two differ
        QTest.keyClicks(QApplication.focusWidget(), PASSPHRASE[-1])
        assert ok.isEnabled()
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ChooseExpertDialog, "exec", choose)
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.sessionShown, timeout=120000):
        window.open_path(package)
    session = tmp_path / "batch-E01.esession"
    assert window.controller.session.path == session
    assert window.protection.text() == "Encrypted session"
    window.close()
    assert cipher.is_encrypted(session)
    cipher.forget(session)
    cipher.unlock(session, PASSPHRASE)  # the passphrase typed twice opens it
