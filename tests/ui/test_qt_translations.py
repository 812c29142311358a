"""Qt's own dialogs speak the window's language: ``qtbase_zh_CN`` is loaded with the
program's translation (real widgets), bundled in the one-folder app, and the core's
wording follows the same switch."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from expertscore.scoring.modes import ScoreRejected
from expertscore.vocabulary import EditKind
from expertscore.wording import EN, ZH, current
from ui.app import install_translators
from ui.chair.texts import flag_label, outcome_label
from ui.expert.models.submissions import state_label
from ui.expert.undo import command_text
from ui.messages import error_text

ROOT = Path(__file__).resolve().parents[2]


def _file_dialog_labels(qtbot) -> set[str]:
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    return {label.text() for label in dialog.findChildren(QLabel)}


def _message_box_buttons(qtbot) -> set[str]:
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t")
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    return {button.text() for button in box.buttons()}


def test_qt_dialogs_speak_chinese_with_the_window(configured_app, qtbot):
    try:
        install_translators(configured_app, "zh")
        assert current() == ZH
        assert "查找范围(&L)：" in _file_dialog_labels(qtbot)  # "&Look in:"
        assert "文件类型(&T)：" in _file_dialog_labels(qtbot)  # "Files of &type:"
        assert _message_box_buttons(qtbot) == {"确定", "取消"}
        assert error_text(ScoreRejected("1.1", "x").saying("no_points")) == "指标 1.1：请输入分数"
        # The window's labels are the workbook's and the report's (one vocabulary).
        assert flag_label("spread") == "分歧大" and flag_label("no scores") == "无人评分"
        assert outcome_label("accepted") == "接收" and state_label("not_started") == "未开始"
        assert command_text(EditKind.SCORE, "S001", "1.1") == "评分 S001 1.1"  # Edit > Undo
        install_translators(configured_app, "en")
        assert current() == EN
        assert "&Look in:" in _file_dialog_labels(qtbot)
        assert _message_box_buttons(qtbot) == {"OK", "Cancel"}
        assert command_text(EditKind.NOTE, "S001", None) == "Submission note S001"
        assert (
            error_text(ScoreRejected("1.1", "x").saying("no_points"))
            == "Indicator 1.1: enter points"
        )
    finally:
        install_translators(configured_app, "en")


def test_the_one_folder_app_keeps_qts_chinese_translation():
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    kept = next(
        ast.literal_eval(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "KEEP_TRANSLATIONS" for t in node.targets)
    )
    assert "qtbase_zh_CN" in kept
