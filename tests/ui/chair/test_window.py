"""The chair window on a real merge folder: decisions through their dialogs change what is
shown, and the exports write the workbook, the signed panel file and the PDF report."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from expertscore import __version__
from expertscore.chair import outputs
from expertscore.chair.evidence import pins
from expertscore.chair.member_notes import AGREE, STATEMENT, write_note
from expertscore.chair.outcome import results_digest
from expertscore.chair.panel_file import read_panel_file, recheck_panel_file
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.results.simulate import simulated_key
from tests.chair.chair_case import cells, pdf_text
from tests.ui.chair.conftest import open_window
from ui.app import install_translators
from ui.chair import matrix as mx
from ui.chair.decision_dialogs import OverrideDialog, RoundDialog, WithdrawOverrideDialog
from ui.chair.matrix import plain_number as plain_points
from ui.chair.members import merge_notes
from ui.chair.models import FLAGGED, TOTAL
from ui.chair.passphrase import PassphraseDialog
from ui.chair.window import ChairWindow

EXE = Path(sys.executable).with_name("expertscore")


@pytest.fixture
def window(configured_app, qtbot, panel, merged):
    shown = open_window(qtbot, panel, merged)
    return shown  # pytest-qt closes it (and, closed, it deletes itself)


def click_ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def panel_cell(window: ChairWindow, code: str):
    model = window.matrix_model
    return model.index(model.row_of(code), model.panel_column())


def test_window_shows_the_ranking_and_the_first_submission(window):
    state = window.state
    assert window.ranking_model.rowCount() == 4
    assert window.current_submission() == state.result.ranking[0]
    assert window.matrix_model.rowCount() == 43
    assert "5 of 5 experts' results merged" in window.summary.text()
    assert window.windowTitle().startswith(f"ExpertScore {__version__} — ")
    assert "rank 1" in window.heading.text()
    assert window.gaps_model.rowCount() == 0
    window.select_submission("S002")
    assert window.matrix_model.submission == "S002"
    window.select_indicator("1.1.1", window.matrix_model.expert_column("E03"))
    assert "E03" in window.detail.toPlainText()
    assert "recused" in window.detail.toPlainText()  # E01 declared a conflict with S002
    assert len(window.distribution.series) == 4  # E01 recused: no points
    assert set(window.profile.sets) == set(state.result.ranking)


def test_agreed_score_through_the_dialog_changes_the_panel_score_and_total(window, qtbot):
    window.select_submission("S001")
    window.select_indicator("3.3.9", window.matrix_model.panel_column())
    before = window.state.result.submissions["S001"]
    old_panel = before.indicators["3.3.9"].panel
    window.request_override()
    dialog = window.dialog
    assert isinstance(dialog, OverrideDialog) and dialog.isVisible()

    dialog.points.setText("5")
    dialog.reason.setPlainText("经合议")
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.message.text() == "3.3.9: 5 is outside 0–1"

    dialog.points.setText("0.9")
    dialog.reason.setPlainText("   ")
    click_ok(qtbot, dialog)
    assert dialog.message.text() == (
        "Choose why the panel changes the summed result (87号令 art. 64)."
    )
    dialog.cause.setFocus()
    for _ in range(4):  # the fourth cause: a score judged abnormally high or low
        QTest.keyClick(dialog.cause, Qt.Key.Key_Down)
    assert dialog.cause.currentText() == "Score judged abnormally high or low"
    click_ok(qtbot, dialog)
    assert dialog.message.text() == "an agreed panel score needs the panel's reason"

    dialog.reason.setPlainText("经合议，按附件核定为0.9分")
    with qtbot.waitSignal(window.stateLoaded, timeout=60000):
        click_ok(qtbot, dialog)
    cell = panel_cell(window, "3.3.9")
    assert cell.data() == "0.90"
    assert cell.data(mx.POINTS_ROLE) == Decimal("0.90")
    assert cell.data(Qt.ItemDataRole.BackgroundRole) == mx.OVERRIDE_COLOR
    assert "经合议" in cell.data(Qt.ItemDataRole.ToolTipRole)
    recorded = [json.loads(line) for line in (window.state.folder / "audit.jsonl").open()]
    assert recorded[-1]["cause"] == "extreme-score"
    assert "cause: Score judged abnormally high or low; reason: 经合议" in (
        window.detail.toPlainText()
    )
    assert window.matrix_model.result_at(cell.row()).code == "3.3.9"  # selection kept
    after = window.state.result.submissions["S001"]
    assert after.total == before.total + Decimal("0.90") - old_panel
    row = window.ranking_model.row_of("S001")
    assert window.ranking_model.index(row, TOTAL).data() == f"{after.total:.2f}"
    assert ("S001", "3.3.9") in window.state.decisions.overrides

    window.request_withdraw()
    withdraw = window.dialog
    assert isinstance(withdraw, WithdrawOverrideDialog)
    click_ok(qtbot, withdraw)
    assert withdraw.message.text() == "Say why the agreed score is withdrawn."
    withdraw.reason.setPlainText("复议后撤回")
    with qtbot.waitSignal(window.stateLoaded, timeout=60000):
        click_ok(qtbot, withdraw)
    assert panel_cell(window, "3.3.9").data(mx.POINTS_ROLE) == old_panel
    assert window.state.result.submissions["S001"].total == before.total
    actions = [entry["action"] for entry in window.state.audit]
    assert actions[-2:] == ["override", "override-cleared"]


def test_second_round_is_requested_for_the_extreme_experts(window, qtbot):
    window.select_submission("S001")
    window.select_indicator("3.3.9")
    window.request_round()
    dialog = window.dialog
    assert isinstance(dialog, RoundDialog)
    result = window.state.result.submissions["S001"].indicators["3.3.9"]
    highest = max(result.scores, key=result.scores.get)
    lowest = min(result.scores, key=result.scores.get)
    assert sorted(dialog.chosen()) == sorted({highest, lowest})
    click_ok(qtbot, dialog)
    assert dialog.message.text() == "Say what the experts should look at."
    dialog.reason.setPlainText("请核对附件中的案例材料")
    with qtbot.waitSignal(window.stateLoaded, timeout=60000):
        click_ok(qtbot, dialog)
    request = window.state.decisions.rounds[("S001", "3.3.9")]
    assert sorted(request.experts) == sorted({highest, lowest})
    flags = window.matrix_model.index(
        window.matrix_model.row_of("3.3.9"), window.matrix_model.flags_column()
    )
    assert "second round" in flags.data()
    assert "请核对附件中的案例材料" in flags.data(Qt.ItemDataRole.ToolTipRole)


def test_decisions_need_an_indicator(window):
    window.matrix.setCurrentIndex(window.matrix_model.index(-1, -1))
    window.request_override()
    assert window.dialog is None
    assert window.statusBar().currentMessage() == "Choose an indicator in the matrix first."


def test_exports_write_the_workbook_the_report_and_the_signed_panel_file(
    window, qtbot, panel, tmp_path, monkeypatch
):
    failures: list[str] = []
    window.exporter.failed.connect(failures.append)
    workbook = tmp_path / "out" / "results.xlsx"
    with qtbot.waitSignal(window.exporter.exported, timeout=120000) as done:
        window.export_workbook(workbook)
    assert done.args == ["workbook", workbook]
    book = load_workbook(workbook, read_only=True)
    assert book.sheetnames[:2] == ["排名汇总", "分歧"]
    ranked = [row[1] for row in book["排名汇总"].iter_rows(min_row=2, values_only=True)]
    assert ranked[:4] == window.state.result.ranking

    report = tmp_path / "out" / "report.pdf"
    with qtbot.waitSignal(window.exporter.exported, timeout=120000):
        window.export_report(report)
    assert report.read_bytes()[:5] == b"%PDF-"

    monkeypatch.setenv("EXPERTSCORE_DATA_DIR", str(tmp_path / "data"))
    chair = create_key(
        "CHAIR", "王组长", "chair passphrase 2025", cost=ScryptCost(n=2**12), role="chair"
    )
    signed = tmp_path / "out" / "batch.espanel"
    window.export_panel_file(signed)
    dialog = window.dialog
    assert isinstance(dialog, PassphraseDialog)
    assert dialog.choice.currentData() == "CHAIR"
    dialog.passphrase.setText("not the passphrase")
    click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.ok.isEnabled(), timeout=30000)
    assert dialog.message.text() == "The passphrase does not open this key."
    assert not signed.exists()
    dialog.passphrase.setText("chair passphrase 2025")
    with qtbot.waitSignal(window.exporter.exported, timeout=120000):
        click_ok(qtbot, dialog)
    payload, signer = read_panel_file(signed, chair.info.fingerprint)
    assert payload.chair.id == "CHAIR" and signer == chair.info.fingerprint
    assert payload.ranking == window.state.result.ranking
    assert recheck_panel_file(signed, window.state.package, window.state.folder / "results") == []
    assert "Signed panel results file written" in window.statusBar().currentMessage()
    assert failures == []


def test_a_failed_export_is_reported(window, qtbot, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with qtbot.waitSignal(window.exporter.failed, timeout=60000) as failed:
        window.export_report(blocker / "report.pdf")
    assert str(blocker) in failed.args[0]
    assert window.statusBar().currentMessage() == failed.args[0]


def test_gui_command_renders_the_chair_window(panel, merged, tmp_path):
    shot = tmp_path / "chair.png"
    cards = ["--keycard", str(panel.sim)]  # a folder of key cards, as merge takes
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "EXPERTSCORE_SETTINGS_DIR": str(tmp_path / "settings"),
    }
    done = subprocess.run(
        [str(EXE), "gui", "--lang", "en", "--chair", str(panel.package), "--merge-dir",
         str(merged), *cards, "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    missing = subprocess.run(
        [str(EXE), "gui", "--chair", str(panel.package), "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert missing.returncode == 2
    assert "--chair needs --merge-dir DIR" in missing.stderr


def test_a_file_put_into_the_merge_folder_by_hand_is_named_in_chinese(
    configured_app, qtbot, panel, merged
):
    results = merged / "results"
    shutil.copyfile(results / "E02.esresult", results / "E01.esresult")  # valid, signed, wrong
    shown = ChairWindow()
    shown.quiet = True
    qtbot.addWidget(shown)
    install_translators(configured_app, "zh")
    try:
        with qtbot.waitSignal(shown.failed, timeout=60000) as failed:
            shown.open_merge(panel.package, merged, tuple(panel.cards))
    finally:
        install_translators(configured_app, "en")
    assert failed.args == [
        "合并文件夹中的 E01.esresult 不是为 E01 合并的文件：请放回合并时的文件，"
        "或用“合并结果文件”合并新文件。"
    ]
    assert shown.state is None  # nothing of the folder is shown


def test_the_window_writes_the_same_files_as_chair_export(window, qtbot, tmp_path, monkeypatch):
    at = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
    monkeypatch.setattr(outputs, "now", lambda: at)
    chair = create_key(
        "CHAIR", "王组长", "chair passphrase 2025", cost=ScryptCost(n=2**12), role="chair"
    )
    core = outputs.export_all(window.state.outcome, tmp_path / "core", chair, at=at)
    shown = tmp_path / "window"
    with qtbot.waitSignal(window.exporter.exported, timeout=120000):
        window.export_workbook(shown / "results.xlsx")
    with qtbot.waitSignal(window.exporter.exported, timeout=120000):
        window.export_report(shown / "report.pdf")
    window.export_panel_file(shown / "panel.espanel")
    window.dialog.passphrase.setText("chair passphrase 2025")
    with qtbot.waitSignal(window.exporter.exported, timeout=120000):
        click_ok(qtbot, window.dialog)
    assert (shown / "panel.espanel").read_bytes() == core[outputs.PANEL_FILE].read_bytes()
    assert cells(shown / "results.xlsx") == cells(core[outputs.WORKBOOK])
    assert pdf_text(shown / "report.pdf") == pdf_text(core[outputs.REPORT])


def test_gui_reopens_a_merge_folder_without_key_cards(panel, merged, tmp_path):
    shot = tmp_path / "chair.png"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "EXPERTSCORE_SETTINGS_DIR": str(tmp_path / "settings"),
    }
    done = subprocess.run(
        [str(EXE), "gui", "--lang", "en", "--chair", str(panel.package), "--merge-dir",
         str(merged), "--screenshot", str(shot)],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_flags_close_with_an_agreed_score_and_the_filter_shows_the_open_ones(window, qtbot):
    state = window.state
    sid = state.result.ranking[0]
    window.select_submission(sid)
    sub = state.result.submissions[sid]
    flagged = [code for code, item in sub.indicators.items() if "reverify" in item.flags]
    assert flagged, "the demo data has objective items scored differently"
    code = flagged[0]
    ranking_row = window.ranking_model.row_of(sid)
    open_before = int(window.ranking_model.index(ranking_row, FLAGGED).data())
    assert open_before == sum(1 for item in sub.indicators.values() if item.flags)

    bar = window.flag_bar
    bar.unresolved.setFocus()
    QTest.keyClick(bar.unresolved, Qt.Key.Key_Space)
    assert bar.unresolved.isChecked()
    model = window.matrix_model
    shown = [model.result_at(r).code for r in range(model.rowCount())
             if not window.matrix.isRowHidden(r)]  # fmt: skip
    assert shown == [c for c, item in sub.indicators.items() if item.flags]
    assert code in shown
    flags_cell = model.index(model.row_of(code), model.flags_column())
    assert "Values given: " in flags_cell.data(Qt.ItemDataRole.ToolTipRole)

    window.select_indicator(code, model.panel_column())
    window.request_override()
    dialog = window.dialog
    if sub.indicators[code].flags == ["reverify"]:  # the cause the flag suggests
        assert dialog.cause.currentData() == "objective-inconsistent"
    else:
        dialog.cause.setCurrentIndex(dialog.cause.findData("objective-inconsistent"))
    dialog.points.setText(plain_points(sub.indicators[code].panel))
    dialog.reason.setPlainText("专家组核实申报值后一致认定")
    with qtbot.waitSignal(window.stateLoaded, timeout=60000):
        click_ok(qtbot, dialog)
    ranking_row = window.ranking_model.row_of(sid)
    assert int(window.ranking_model.index(ranking_row, FLAGGED).data()) == open_before - 1
    row = model.row_of(code)
    assert window.matrix.isRowHidden(row)  # the filter stays on for the new state
    assert "resolved by the agreed score" in model.index(row, model.flags_column()).data()
    assert model.index(row, model.flags_column()).data(Qt.ItemDataRole.BackgroundRole) is None
    QTest.keyClick(bar.unresolved, Qt.Key.Key_Space)
    assert not window.matrix.isRowHidden(row)
    assert "(resolved by the agreed score)" in window.detail.toPlainText()


def test_the_legend_names_every_mark_of_the_matrix(window):
    texts = [label.text() for label in window.flag_bar.legend]
    assert texts == [
        "far apart", "highest / lowest", "re-verify", "too few experts", "second round",
        "agreed score", "grey italic: trimmed", "red corner: comment",
    ]  # fmt: skip


def test_a_cell_shows_the_evidence_each_expert_pinned_beside_the_scores(window, qtbot):
    state = window.state
    found = None
    for sid in state.result.ranking:
        for code in state.result.submissions[sid].indicators:
            listed = pins(state.run.folder.accepted, sid, code, state.experts_of(sid))
            pdfs = [p for p in listed if p.page is not None]
            if pdfs:
                found = (sid, code, listed, pdfs[-1])
                break
        if found:
            break
    assert found is not None, "the simulated experts pin PDF pages"
    sid, code, listed, pin = found
    window.select_submission(sid)
    model = window.matrix_model
    window.matrix.setFocus()
    window.select_indicator(code, model.expert_column(pin.expert))
    pane = window.evidence
    assert pane.pin_list.count() == len(listed)
    assert pane.current_pin().expert == pin.expert
    shown_pin = pane.current_pin()
    viewer = pane.viewer
    assert viewer.record is not None and viewer.record.id == shown_pin.evidence
    if shown_pin.page is not None:
        # the page pinned, within the file (the simulated experts pin pages 1 to 6)
        wanted = min(shown_pin.page, viewer.pdf.page_count) - 1
        assert viewer.kind == "pdf" and viewer.pdf.page == wanted
    assert pin.expert in pane.pin_list.currentItem().text()

    # A key press in the list moves to the next pin and shows its file.
    pane.pin_list.setFocus()
    QTest.keyClick(pane.pin_list, Qt.Key.Key_End)
    last = pane.current_pin()
    assert last == listed[-1]
    qtbot.waitUntil(lambda: viewer.record is not None and viewer.record.id == last.evidence)


def test_members_tab_shows_signed_and_paper_statements(window, qtbot, panel, tmp_path):
    state = window.state
    roster = {e.id: e for e in state.package.manifest.roster}
    key = simulated_key(3, roster["E01"], "2026-03-01T09:00:00+08:00")  # the panel's seed
    note = write_note(tmp_path / "E01.esnote", state.package, key, STATEMENT,
                      {"stance": AGREE, "reasons": ""},
                      results_sha256=results_digest(state.result))  # fmt: skip
    with qtbot.waitSignal(window.stateLoaded, timeout=60000):
        merge_notes(window, [note])
    model = window.members_model
    rows = {model.index(r, 0).data().split()[0]: r for r in range(model.rowCount())}
    assert model.index(rows["E01"], 1).data().startswith("agrees (signed, key ")
    assert model.index(rows["E02"], 1).data() == "no statement"

    window.actions.paper_statement.trigger()
    dialog = window.dialog
    dialog.expert.setFocus()
    QTest.keyClick(dialog.expert, Qt.Key.Key_Down)  # the second member: E02
    assert dialog.expert.currentData() == "E02"
    dialog.stance.setFocus()
    QTest.keyClick(dialog.stance, Qt.Key.Key_Down)
    assert dialog.stance.currentData() == "dissent"
    dialog.reasons.setFocus()
    QTest.keyClicks(dialog.reasons, "S003 case material is thin")
    dialog.chair.setFocus()
    QTest.keyClicks(dialog.chair, "Wang")
    with qtbot.waitSignal(window.stateLoaded, timeout=60000):
        click_ok(qtbot, dialog)
    assert model.index(rows["E02"], 1).data() == (
        "dissents: S003 case material is thin (on paper, typed in by Wang)"
    )
    assert (window.state.folder / "notes" / "E02-statement.paper.json").exists()


def test_the_verified_value_is_typed_in_and_closes_the_reverify_flag(window, qtbot):
    state = window.state
    sid, code = next(
        (sid, code)
        for sid in state.result.ranking
        for code, item in state.result.submissions[sid].indicators.items()
        if item.flags == ["reverify"]
    )
    window.select_submission(sid)
    model = window.matrix_model
    window.select_indicator(code, model.panel_column())
    open_before = int(window.ranking_model.index(window.ranking_model.row_of(sid), FLAGGED).data())
    window.actions.verified_value.trigger()
    dialog = window.dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert QApplication.focusWidget() is dialog.value
    QTest.keyClicks(dialog.value, "58.3%")
    QTest.keyClick(dialog.value, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.decided_by
    QTest.keyClicks(dialog.decided_by, "Wang")
    QTest.keyClick(dialog.decided_by, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.reason
    QTest.keyClicks(dialog.reason, "checked the audit report")
    with qtbot.waitSignal(window.stateLoaded, timeout=60000):
        click_ok(qtbot, dialog)
    line = json.loads((window.state.folder / "audit.jsonl").read_text("utf-8").splitlines()[-1])
    assert {k: line[k] for k in ("action", "submission", "indicator", "value", "decided_by")} == {
        "action": "verified-value", "submission": sid, "indicator": code, "value": "58.3%",
        "decided_by": "Wang",
    }  # fmt: skip
    row = model.row_of(code)
    flags = model.index(row, model.flags_column()).data()
    assert flags == "re-verify: resolved by the verified value 58.3%"
    assert model.index(row, model.flags_column()).data(Qt.ItemDataRole.BackgroundRole) is None
    ranking_row = window.ranking_model.row_of(sid)
    assert int(window.ranking_model.index(ranking_row, FLAGGED).data()) == open_before - 1
    assert "The panel's verified value: 58.3% (recorded by Wang: checked the audit report)" in (
        window.detail.toPlainText()
    )


def test_the_panel_file_is_signed_with_a_chair_key_only(
    configured_app, window, qtbot, tmp_path, monkeypatch
):
    """The key list offers the chair's keys only; an expert's key handed to the window is
    refused by the core, worded in Chinese, and nothing is written."""
    monkeypatch.setenv("EXPERTSCORE_DATA_DIR", str(tmp_path / "data"))
    cost = ScryptCost(n=2**12)
    expert = create_key("E09", "某专家", "expert passphrase 1", cost=cost)
    create_key("CHAIR", "王组长", "chair passphrase 2025", cost=cost, role="chair")
    create_key("ORG", "组织方", "organizer passphrase", cost=cost, role="organizer")
    out = tmp_path / "out" / "batch.espanel"
    window.export_panel_file(out)
    dialog = window.dialog
    assert isinstance(dialog, PassphraseDialog)
    assert [dialog.choice.itemData(i) for i in range(dialog.choice.count())] == ["CHAIR"]
    dialog.reject()
    install_translators(configured_app, "zh")
    try:
        with qtbot.waitSignal(window.exporter.failed, timeout=60000) as failed:
            window.export_panel_file(out, key=expert)
    finally:
        install_translators(configured_app, "en")
    assert failed.args == [
        f"密钥 {expert.info.fingerprint}（E09）是专家的密钥；评审结果文件须用评审组长的密钥签名"
        "（请先生成评审组长的密钥）"
    ]
    assert not out.exists()
