"""The chair's request in the expert's window: the explanation asked of this expert and the
member's statement, typed by keyboard and signed into note files the core verifies."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from expertscore.batch.package import open_package
from expertscore.chair.explain_request import REQUEST_FORMAT
from expertscore.chair.member_notes import DISSENT, EXPLANATION, STATEMENT, read_note
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.results.trust import KeyTrust
from expertscore.storage.session import SessionFile

from .helpers import focused, press, type_keys

PASSPHRASE = "a long enough passphrase"
RESULTS = "ab" * 32  # the digest of the results the chair asks about


def request_file(session_path: Path, out: Path, expert: str, submission: str) -> Path:
    """A request as the chair's program writes it (docs/formats.md), written here by hand;
    the chair's name carries markup, which the window must show as text."""
    with SessionFile(session_path) as session:
        info = session.info
        batch, digest = info.batch_id, info.manifest_sha256
    record = {
        "format": REQUEST_FORMAT,
        "batch_id": batch,
        "manifest_sha256": digest,
        "results_sha256": RESULTS,
        "requested_by": "<b>王组长</b>",
        "created_at": "2026-12-07T10:00:00+08:00",
        "items": [{"expert": expert, "submission": submission, "deviation": "45.55"}],
    }
    out.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return out


def test_the_expert_answers_the_request_by_keyboard_and_the_notes_verify(
    example_window, example_session, example_package, qtbot, tmp_path
):
    window = example_window
    first = window.controller.scoring.submissions()[0].id
    key = create_key("E01", "专家一", PASSPHRASE, cost=ScryptCost(n=2**12))
    request = request_file(example_session, tmp_path / "request.json", "E01", first)
    assert window.notes_flow.action.isEnabled()

    dialog = window.notes_flow.open_request(request)
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    shown = [label.text() for label in dialog.findChildren(type(dialog.error))]
    assert "<b>王组长</b>" in shown  # the chair's text as text, never markup
    assert focused() is dialog.explanations[first]
    type_keys(qtbot, "Site visit saw the original contract")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.stance
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.stance.currentData() == DISSENT
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.reasons
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.passphrase
    type_keys(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)  # a dissent without reasons is refused in place
    assert dialog.isVisible() and dialog.error.text() == "A dissent needs your reasons."
    dialog.reasons.setFocus()
    type_keys(qtbot, "S001 case material is thin")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30000)
    assert dialog.result() == dialog.DialogCode.Accepted

    package = open_package(example_package)
    trust = KeyTrust.build(package, local=[key.info])
    notes = {}
    for path in dialog.written:
        note = read_note(path.read_bytes(), str(path), package, trust)
        notes[note.kind] = note
        assert note.results_sha256 == RESULTS and note.expert == "E01"
        assert path.parent == example_session.parent
    assert notes[EXPLANATION].explanations == {first: "Site visit saw the original contract"}
    assert (notes[STATEMENT].stance, notes[STATEMENT].reasons) == (
        DISSENT,
        "S001 case material is thin",
    )
    assert "Signed for the chair" in window.statusBar().currentMessage()


def test_a_request_for_another_batch_is_refused_with_one_line(
    example_window, example_session, tmp_path, monkeypatch
):
    request = request_file(example_session, tmp_path / "request.json", "E01", "S001")
    record = json.loads(request.read_text(encoding="utf-8"))
    record["manifest_sha256"] = "00" * 32
    request.write_text(json.dumps(record), encoding="utf-8")
    said: list[str] = []
    monkeypatch.setattr(example_window, "show_error", said.append)
    assert example_window.notes_flow.open_request(request) is None
    assert len(said) == 1 and "another batch" in said[0]
