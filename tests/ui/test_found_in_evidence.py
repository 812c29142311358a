"""Where the evidence shows a reported value: the line under it and Ctrl+L, on the demo
(its audit report's page 2 carries every reported figure)."""

from __future__ import annotations

import json
import threading
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from expertscore.evidence.index import build_index, files_left
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import edit_manifest, rewrite_package
from ui.expert.window import MainWindow
from ui.settings import Settings
from ui.tasks import own_worker

from .conftest import open_window
from .helpers import focused, press

CTRL = Qt.KeyboardModifier.ControlModifier
AUDIT = "审计报告（摘要）"
CODE = "2.1.1"  # S001's 116 人: the summary table's page 1, the audit report's page 2


def _indexed(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.indexing.building, timeout=60000)
    assert not window.indexing.label.isVisible()


def _go_to(qtbot, window, code: str) -> None:
    while window.form.current_code != code:
        press(qtbot, Qt.Key.Key_Down, CTRL)


def test_the_line_names_the_audit_reports_page_and_ctrl_l_shows_it(demo_window, qtbot):
    window = demo_window
    _indexed(qtbot, window)
    assert window.form.submission_id == "S001"
    _go_to(qtbot, window, CODE)
    line = window.form.detail.found
    assert line.isVisible()
    assert line.text() == "Found in the evidence: 申报材料汇总表 p.1, 审计报告（摘要） p.2"
    press(qtbot, Qt.Key.Key_L, CTRL)  # the best page first
    assert window.viewer.record.title == "申报材料汇总表"
    press(qtbot, Qt.Key.Key_L, CTRL)  # again: the next page
    qtbot.waitUntil(lambda: window.viewer.kind == "pdf")
    assert window.viewer.record.title == AUDIT
    assert window.viewer.current_evidence() == (window.viewer.record.id, 2)
    # the cursor is back in the score: typing scores the indicator
    assert window.form.detail.editor().isAncestorOf(focused())
    press(qtbot, Qt.Key.Key_L, CTRL)  # round again
    assert window.viewer.record.title == "申报材料汇总表"


def test_the_line_waits_for_the_index_then_says_where(configured_app, qtbot, demo_session):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_session(SessionFile(demo_session))  # the build has only just started
    try:
        line = window.form.detail.found
        assert window.form.current_code == "1.1.1"
        assert line.text() == "The evidence is still being indexed…"
        assert window.indexing.label.text() == "Indexing the evidence…"
        _indexed(qtbot, window)  # and the line is refreshed without a key pressed
        assert line.text() == (
            "Found in the evidence: 申报材料汇总表 p.1, 审计报告（摘要） p.1, 审计报告（摘要） p.2"
        )
    finally:
        window.close()


def test_a_value_changed_in_the_manifest_is_not_found(
    configured_app, qtbot, demo_package: Path, tmp_path: Path
):
    def edit(data: dict) -> None:
        values = data["submissions"][0]["values"]
        values[CODE]["value"] = str(Decimal(values[CODE]["value"]) * 7 + 3)

    package = edit_manifest(demo_package, tmp_path / "changed.esbatch", edit)
    window = open_window(qtbot, create_session(package, "E01", tmp_path / "E01.esession"))
    try:
        _indexed(qtbot, window)
        _go_to(qtbot, window, CODE)
        assert window.form.detail.found.text() == "Not found in any evidence"
        shown = window.viewer.current_evidence()
        press(qtbot, Qt.Key.Key_L, CTRL)
        assert window.viewer.current_evidence() == shown
        assert window.statusBar().currentMessage() == "No evidence page shows this value"
        press(qtbot, Qt.Key.Key_Up, CTRL)  # the value before it is still found
        assert window.form.detail.found.text().startswith("Found in the evidence: ")
    finally:
        window.close()


def test_a_value_is_not_found_once_its_own_files_are_in_while_others_wait(
    configured_app, qtbot, demo_package: Path, tmp_path: Path
):
    def edit(data: dict) -> None:
        values = data["submissions"][0]["values"]
        values[CODE]["value"] = str(Decimal(values[CODE]["value"]) * 7 + 3)

    package = edit_manifest(demo_package, tmp_path / "changed.esbatch", edit)
    path = create_session(package, "E01", tmp_path / "E01.esession")
    with SessionFile(path) as session:  # S001's files indexed, the other submissions' not
        build_index(path, cancelled=lambda: files_left(session, "S001") == 0)
        assert files_left(session, "S001") == 0 and files_left(session) > 0
    held = threading.Event()
    own_worker("index").submit(held.wait)  # the rest of the build waits until released
    window = open_window(qtbot, path)
    try:
        assert window.indexing.building
        _go_to(qtbot, window, CODE)
        assert window.form.detail.found.text() == "Not found in any evidence"
    finally:
        held.set()
        window.close()


def test_quitting_stops_the_build_and_the_next_opening_completes_it(
    configured_app, qtbot, demo_session
):
    with SessionFile(demo_session) as session:
        left = files_left(session)
    assert left > 0
    held = threading.Event()
    own_worker("index").submit(held.wait)  # the build waits behind this until released
    window = open_window(qtbot, demo_session)
    indexing, finished = window.indexing, []
    indexing.finished.connect(lambda: finished.append(1))
    assert indexing.building and indexing.label.isVisible()
    press(qtbot, Qt.Key.Key_Q, CTRL)
    assert not window.isVisible() and window.indexing is None
    held.set()
    own_worker("index").submit(lambda: None).result()  # the build has run and stopped
    QApplication.processEvents()
    assert finished == []  # its end is ignored: the window has closed the session
    with SessionFile(demo_session) as session:
        assert files_left(session) == left  # cancelled before its first file
    again = open_window(qtbot, demo_session)
    try:
        _indexed(qtbot, again)
        with SessionFile(demo_session) as session:
            assert files_left(session) == 0
    finally:
        again.close()


def _without_evidence(entries, submission: str):
    """The package's entries with ``submission``'s evidence rows and files taken out."""
    manifest = json.loads(next(data for info, data in entries if info.filename == "manifest.json"))
    manifest["evidence"] = [row for row in manifest["evidence"] if row["submission"] != submission]
    kept = {f"evidence/{row['sha256']}" for row in manifest["evidence"]}
    for info, data in entries:
        if info.filename == "manifest.json":
            yield info, json.dumps(manifest, ensure_ascii=False).encode("utf-8")
        elif not info.filename.startswith("evidence/") or info.filename in kept:
            yield info, data


def test_a_submission_without_evidence_text_says_so(
    configured_app, qtbot, demo_package: Path, tmp_path: Path
):
    package = rewrite_package(
        demo_package, tmp_path / "bare.esbatch", lambda entries: _without_evidence(entries, "S001")
    )
    window = open_window(qtbot, create_session(package, "E01", tmp_path / "E01.esession"))
    try:
        _indexed(qtbot, window)
        assert window.form.submission_id == "S001"
        assert window.form.detail.found.text() == "The evidence has no text to search"
        press(qtbot, Qt.Key.Key_L, CTRL)
        assert window.statusBar().currentMessage() == "No evidence page shows this value"
    finally:
        window.close()
