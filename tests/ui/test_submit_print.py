"""Submit, Unlock and Print in the expert's window, against real sessions, keys and files.

Modal dialogs are driven by replacing their ``exec`` with a function that fills the real
dialog, presses its button and waits for the background work, as the expert would.
Keys are made in a temporary data folder (``EXPERTSCORE_DATA_DIR``).
"""

from __future__ import annotations

import base64
import json
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel

from expertscore.identity.keycard import read_card
from expertscore.identity.keys import find_key
from expertscore.reports.sheets import file_digest
from expertscore.results.submit import submit
from expertscore.results.verify import verify_file
from expertscore.schemes.rules import fmt
from expertscore.scoring.edits import Edit
from expertscore.scoring.service import ScoringService, SessionLocked
from expertscore.storage.session import SessionFile
from expertscore.vocabulary import EditKind
from tests.results.helpers import fixed_key, score_everything
from ui.encrypt_to import EncryptToDialog
from ui.expert.dialogs.passphrase import CreateKeyDialog, OpenKeyDialog
from ui.expert.dialogs.print_preview import BLANK_ALL, FILLED_ALL, PrintPreviewDialog
from ui.expert.dialogs.submit import SubmitDialog
from ui.expert.dialogs.unlock import UnlockDialog

from .conftest import open_window
from .helpers import answer_next_box, focused, press, stored_scores, type_keys

PASSPHRASE = "长城 long enough 2025"


@pytest.fixture
def complete_session(example_session: Path) -> Path:
    """The example session with every assigned indicator scored (through the core)."""
    with SessionFile(example_session) as session:
        score_everything(ScoringService(session))
    return example_session


@pytest.fixture
def complete_window(configured_app, qtbot, complete_session: Path):
    window = open_window(qtbot, complete_session)
    yield window
    window.close()


def payload_of(result: Path) -> dict:
    return json.loads(base64.b64decode(json.loads(result.read_bytes())["payload"]))


def pdf_text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def pdf_info(pdf: Path) -> dict[str, str]:
    done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pairs = (line.split(":", 1) for line in done.stdout.splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


# --- dialog drivers -------------------------------------------------------------------------


def making_key(qtbot, seen: dict):
    def run(dialog: CreateKeyDialog) -> int:
        seen["name"], seen["organization"] = dialog.name.text(), dialog.organization.text()
        dialog.passphrase.setText("short")
        dialog.repeat.setText("short")
        seen["short_refused"] = not dialog.ok.isEnabled()
        seen["short_hint"] = dialog.hint.text()
        dialog.passphrase.setText(PASSPHRASE)
        dialog.repeat.setText(PASSPHRASE + "x")
        seen["mismatch_refused"] = not dialog.ok.isEnabled()
        dialog.repeat.setText(PASSPHRASE)
        assert dialog.ok.isEnabled()
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.created is not None, timeout=20000)
        return dialog.result()

    return run


def submitting(qtbot, seen: dict, wrong_first: bool = False):
    def run(dialog: SubmitDialog) -> int:
        seen["dialog"] = dialog
        seen["default_out"] = dialog.out_file()
        seen["key_text"] = dialog.findChild(QLabel, "submitKey").text()
        seen["asks_passphrase"] = dialog.passphrase.isVisibleTo(dialog)
        if wrong_first:
            dialog.passphrase.setText("not the passphrase")
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=20000)
            seen["wrong_message"] = dialog.error.text()
            seen["page_after_wrong"] = dialog.pages.currentIndex()
            seen["file_after_wrong"] = dialog.out_file().exists()
            dialog.passphrase.setText(PASSPHRASE)
        if dialog.passphrase.isVisibleTo(dialog) and not dialog.passphrase.text():
            dialog.passphrase.setText(PASSPHRASE)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20000)
        seen["digest_text"] = dialog.done_digest.text()
        seen["done_key"] = dialog.done_key.text()
        dialog.accept()  # Close
        return dialog.result()

    return run


def unlocking(qtbot, reason: str):
    def run(dialog: UnlockDialog) -> int:
        assert not dialog.ok.isEnabled()  # a reason is required
        dialog.reason.setPlainText(reason)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    return run


# --- submitting ---------------------------------------------------------------------------


def test_incomplete_session_is_not_submitted(
    example_window, example_session, data_dir, monkeypatch
):
    window = example_window
    opened: list[object] = []
    monkeypatch.setattr(SubmitDialog, "exec", lambda dialog: opened.append(dialog) or 0)
    monkeypatch.setattr(CreateKeyDialog, "exec", lambda dialog: opened.append(dialog) or 0)

    window.actions.submit.trigger()

    missing = window.missing_dialog
    assert missing is not None and missing.isVisible()
    assert missing.model.rowCount() > 0
    assert f"{missing.model.rowCount()} indicators still have no score" in missing.notice.text()
    assert opened == []  # neither the key nor the submit dialog was asked for
    assert list(example_session.parent.glob("*.esresult")) == []
    assert not (data_dir / "keys").exists()
    with SessionFile(example_session) as session:
        assert ScoringService(session).locked_by() is None
    # The notice belongs to that refusal: Ctrl+M later shows the plain list.
    missing.close()
    window.actions.missing.trigger()
    assert missing.notice.isHidden()


def test_key_on_first_use_submit_lock_unlock_resubmit(
    complete_window, complete_session, data_dir, qtbot, monkeypatch
):
    window = complete_window
    status = window.submit_flow.key_status
    assert status.text() == "No signing key yet"
    made: dict = {}
    first: dict = {}
    monkeypatch.setattr(CreateKeyDialog, "exec", making_key(qtbot, made))
    monkeypatch.setattr(SubmitDialog, "exec", submitting(qtbot, first))

    window.actions.submit.trigger()

    # The key: named from the roster, a short or mismatched passphrase refused in place.
    assert (made["name"], made["organization"]) == ("专家1", "某大学")
    assert made["short_refused"] and "at least 8 characters" in made["short_hint"]
    assert made["mismatch_refused"]
    key = find_key("E01")
    assert key is not None and key.name == "专家1"
    card = read_card(complete_session.with_name("E01.eskeycard"))
    assert card.fingerprint == key.fingerprint
    assert status.text() == f"Key {key.fingerprint}"
    # The submit dialog: the key just made needs no passphrase again.
    assert first["key_text"] == f"key {key.fingerprint}"
    assert not first["asks_passphrase"]
    result = first["default_out"]
    assert result == complete_session.with_name("E01-TEST-1-1.esresult")

    verdict = verify_file(result)
    assert verdict.ok, verdict.reason
    assert verdict.result.fingerprint == key.fingerprint
    assert payload_of(result)["sequence"] == 1
    assert first["digest_text"] == file_digest(result)
    assert first["done_key"] == f"key {key.fingerprint}"

    # Locked: banner, read-only form, edits refused in place, no undo.
    banner = window.submit_flow.banner
    assert banner.isVisible() and "Submitted, locked" in banner.text.text()
    assert file_digest(result)[:16] in banner.text.text()
    form = window.form
    assert form.read_only
    assert not window.actions.submit.isEnabled() and window.actions.unlock.isEnabled()
    assert not window.actions.undo.isEnabled()
    sid = form.submission_id
    form.select_indicator("1.1", focus=True)
    assert form.detail.editors["points"].spin.isReadOnly()
    assert "locked" in form.detail.error.text() and form.detail.error.isVisible()
    type_keys(qtbot, "3")
    press(qtbot, Qt.Key.Key_Return)
    assert stored_scores(complete_session, sid)["1.1"].points == Decimal("7.5")
    with pytest.raises(SessionLocked):
        window.controller.edit(Edit(EditKind.COMMENT, sid, "1.1", "改一下"))

    # Unlock with a reason: editable again, the banner says it is not submitted again.
    monkeypatch.setattr(UnlockDialog, "exec", unlocking(qtbot, "组长要求复核 1.1"))
    window.actions.unlock.trigger()
    assert banner.isVisible() and banner.state == "unlocked"
    assert not form.read_only and window.actions.submit.isEnabled()
    form.select_indicator("1.1", focus=True)
    assert not form.detail.error.isVisible()
    type_keys(qtbot, "8")
    press(qtbot, Qt.Key.Key_Return)
    assert stored_scores(complete_session, sid)["1.1"].points == Decimal(8)

    # Resubmit: the passphrase is asked; a wrong one is said in place, then sequence 2.
    second: dict = {}
    monkeypatch.setattr(SubmitDialog, "exec", submitting(qtbot, second, wrong_first=True))
    window.actions.submit.trigger()
    assert second["asks_passphrase"]
    assert second["wrong_message"] == "Wrong passphrase. Type it again."
    assert second["page_after_wrong"] == 0 and not second["file_after_wrong"]
    again = second["default_out"]
    assert again == complete_session.with_name("E01-TEST-1-2.esresult")
    assert verify_file(again).ok
    payload = payload_of(again)
    assert payload["sequence"] == 2
    assert payload["supersedes"]["sequence"] == 1
    assert payload["supersedes"]["unlock_reason"] == "组长要求复核 1.1"
    assert form.read_only and banner.isVisible() and banner.state == "locked"


def test_key_card_action_asks_the_passphrase_again_when_wrong(
    complete_window, complete_session, data_dir, qtbot, monkeypatch, tmp_path
):
    from expertscore.identity.keys import create_key

    create_key("E01", "专家1", PASSPHRASE, "某大学")
    window = complete_window
    window.submit_flow.refresh_key()
    target = tmp_path / "cards" / "mine.eskeycard"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args, **_kw: (str(target), ""))
    )
    seen: dict = {}

    def run(dialog: OpenKeyDialog) -> int:
        dialog.passphrase.setText("wrong passphrase")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.error.isVisibleTo(dialog), timeout=20000)
        seen["message"] = dialog.error.text()
        seen["still_open"] = dialog.result() == 0 and dialog.key is None
        dialog.passphrase.setText(PASSPHRASE)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.key is not None, timeout=20000)
        return dialog.result()

    monkeypatch.setattr(OpenKeyDialog, "exec", run)
    window.actions.key_card.trigger()
    assert seen == {"message": "Wrong passphrase. Type it again.", "still_open": True}
    assert read_card(target).fingerprint == find_key("E01").fingerprint


# --- printing -----------------------------------------------------------------------------


@pytest.fixture
def submitted_session(complete_session: Path) -> tuple[Path, Path]:
    """The complete session submitted through the core (a fixed key: quick)."""
    out = complete_session.with_name("E01-TEST-1-1.esresult")
    with SessionFile(complete_session) as session:
        submit(session, fixed_key("E01"), out)
    return complete_session, out


def previewing(qtbot, seen: dict, then=None):
    def run(dialog: PrintPreviewDialog) -> int:
        qtbot.waitUntil(lambda: dialog.printed is not None, timeout=30000)
        seen["dialog"] = dialog
        seen["pages"] = dialog.printed.pages
        seen["shown_pages"] = dialog.pane.page_count
        seen["choice"] = dialog.current_choice()
        seen["note"] = dialog.note.text()
        if then is not None:
            then(dialog)
        return 0

    return run


def test_print_preview_saves_and_prints_the_filled_sheets(
    configured_app, qtbot, submitted_session, tmp_path, monkeypatch
):
    session_path, result = submitted_session
    digest = file_digest(result)
    fingerprint = fixed_key("E01").info.fingerprint
    window = open_window(qtbot, session_path)
    # Reopened on a submitted session: locked from the start.
    assert window.submit_flow.banner.isVisible() and window.form.read_only
    saved = tmp_path / "out" / "sheets.pdf"
    saved.parent.mkdir()
    printed = tmp_path / "out" / "printer.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args, **_kw: (str(saved), ""))
    )

    def fake_print_dialog(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", fake_print_dialog)

    def save_print_and_switch(dialog: PrintPreviewDialog) -> None:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        first = dialog.printed
        dialog.choice.setCurrentIndex(dialog.choice.findData(BLANK_ALL))
        qtbot.waitUntil(
            lambda: dialog.printed is not None and dialog.printed is not first, timeout=30000
        )
        seen["blank_text"] = pdf_text(dialog.printed.path)

    seen: dict = {}
    monkeypatch.setattr(PrintPreviewDialog, "exec", previewing(qtbot, seen, save_print_and_switch))
    window.actions.print_sheets.trigger()

    assert seen["choice"] == FILLED_ALL  # submitted: every submission's signable sheet
    assert seen["pages"] > 0 and seen["shown_pages"] == seen["pages"]
    assert digest in seen["note"] and fingerprint in seen["note"]
    text = pdf_text(saved)
    assert digest in text
    assert fingerprint in text
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        totals = [scoring.rollup(row.id).total for row in scoring.submissions()]
    for total in totals:
        assert f"总分 {fmt(total)}" in " ".join(text.split())
    # The printer got every page (drawn as images: no text layer to read back).
    assert printed.read_bytes().startswith(b"%PDF")
    info = pdf_info(printed)
    assert int(info["Pages"]) == seen["pages"]
    assert info["Page size"].endswith("(A4)")  # the paper follows the sheets
    # Blank sheets carry no scores and no digest.
    assert digest not in seen["blank_text"] and "专家签字" in seen["blank_text"]
    window.close()


def test_key_is_kept_when_its_card_cannot_be_written(configured_app, qtbot, data_dir, tmp_path):
    from ui.expert.identity import Owner

    occupied = tmp_path / "E01.eskeycard"
    occupied.mkdir()  # a folder where the card should go: writing it fails
    dialog = CreateKeyDialog(Owner("E01", "专家1", "某大学"), occupied)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.created is not None, timeout=20000)
    created = dialog.created
    assert created.card is None and str(occupied) in created.card_problem
    assert find_key("E01").fingerprint == created.key.info.fingerprint


def test_the_submitted_result_file_can_be_saved_again(
    configured_app, qtbot, submitted_session, tmp_path, monkeypatch
):
    session_path, result = submitted_session
    window = open_window(qtbot, session_path)
    action = window.actions.write_again
    assert action.isEnabled()  # locked by a submission
    again = tmp_path / "usb" / "E01-again.esresult"
    again.parent.mkdir()
    asked = {}

    def choose(_parent, title, default, _filter):
        asked["title"], asked["default"] = title, default
        return str(again), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    asked_encrypt = []

    def write_plain(dialog: EncryptToDialog) -> None:  # nothing remembered: plain; Enter
        asked_encrypt.append(dialog.encrypt_to.encrypt.isChecked())
        press(qtbot, Qt.Key.Key_Return)

    monkeypatch.setattr(EncryptToDialog, "exec", keyboard_only(qtbot, write_plain))
    action.trigger()
    assert asked_encrypt == [False]
    assert again.read_bytes() == result.read_bytes()  # the very file that was signed
    assert Path(asked["default"]).name == result.name
    assert verify_file(again).ok
    assert "again" in window.statusBar().currentMessage()
    # Over itself it is refused with the reason, and nothing is written.
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a: (str(session_path), ""))
    )
    shown = []
    monkeypatch.setattr(window, "show_error", shown.append)
    before = session_path.read_bytes()
    action.trigger()
    assert shown and session_path.read_bytes() == before
    # Unlocked, there is no submitted file to write again.
    with SessionFile(session_path) as session:
        ScoringService(session).unlock("补充评分")
    window.submit_flow.refresh_lock()
    assert not action.isEnabled()
    answer_next_box(qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)  # Quit anyway
    window.close()


TYPED_PASSPHRASE = "long enough 2025"  # typed key by key: QTest types ASCII keys


def keyboard_only(qtbot, run):
    """Show the modal dialog, then drive it by keys to the focused widget only."""

    def exec_(dialog: QDialog) -> int:
        dialog.open()  # modal, as exec shows it
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
        run(dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
        return dialog.result()

    return exec_


def test_key_and_submit_by_keyboard_alone(complete_window, complete_session, qtbot, monkeypatch):
    """Ctrl+Shift+S, the new key's passphrase twice (Tab between), Enter; in the submit
    dialog Enter submits; on its last page Esc closes: a signed result, no mouse."""
    window = complete_window
    seen: dict = {}

    def make_key(dialog: CreateKeyDialog) -> None:
        assert focused() is dialog.passphrase
        type_keys(qtbot, TYPED_PASSPHRASE)
        press(qtbot, Qt.Key.Key_Tab)
        assert focused() is dialog.repeat
        type_keys(qtbot, TYPED_PASSPHRASE)
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.created is not None, timeout=20000)

    def submit_(dialog: SubmitDialog) -> None:
        seen["out"] = dialog.out_file()
        assert not dialog.passphrase.isVisibleTo(dialog)  # the key was just opened
        press(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20000)
        assert focused() is dialog.print_button
        press(qtbot, Qt.Key.Key_Escape)

    monkeypatch.setattr(CreateKeyDialog, "exec", keyboard_only(qtbot, make_key))
    monkeypatch.setattr(SubmitDialog, "exec", keyboard_only(qtbot, submit_))
    window.activateWindow()
    qtbot.keyClick(
        focused(),
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: "out" in seen and seen["out"].exists(), timeout=30000)
    verdict = verify_file(seen["out"])
    assert verdict.ok, verdict.reason
    key = find_key("E01")
    assert key is not None and verdict.result.fingerprint == key.fingerprint
    with SessionFile(complete_session) as session:
        locked = ScoringService(session).locked_by()
    assert locked is not None and locked.sequence == 1
