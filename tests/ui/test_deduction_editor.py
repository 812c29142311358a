"""The deduction editor (扣分制) in the window: the digit keys tick shortcomings on a real
session, each tick stored at once as the maximum less the ticked deductions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from expertscore.storage.importer import create_session
from tests.deduction_scheme import deduction_builder

from .conftest import open_window
from .helpers import focused, press, stored_scores

AUDIT, MISMATCH, SCOPE = "未提供审计报告", "数据前后不一致", "口径不符"


def test_ticking_shortcomings_with_the_keyboard(configured_app, qtbot, tmp_path: Path):
    deduction_builder().write(tmp_path / "batch.esbatch")
    path = create_session(tmp_path / "batch.esbatch", "E01", tmp_path / "E01.esession")
    window = open_window(qtbot, path)
    try:
        form = window.form
        form.select_indicator("1.1", focus=True)
        editor = form.detail.editor()
        assert editor is form.detail.editors["checks"]
        assert [box.text() for box in editor.boxes] == [
            f"1  {AUDIT}  (-4)",
            f"2  {MISMATCH}  (-3)",
            f"3  {SCOPE}  (-5)",
        ]
        assert isinstance(focused(), QCheckBox)

        press(qtbot, Qt.Key.Key_1)  # 10 - 4
        record = stored_scores(path, "S001")["1.1"]
        assert (record.points, record.choice) == (Decimal(6), AUDIT)

        press(qtbot, Qt.Key.Key_3)  # 10 - 4 - 5
        record = stored_scores(path, "S001")["1.1"]
        assert (record.points, record.choice) == (Decimal(1), f"{AUDIT} + {SCOPE}")
        assert [box.isChecked() for box in editor.boxes] == [True, False, True]

        press(qtbot, Qt.Key.Key_2)  # 10 - 12: never below 0
        assert stored_scores(path, "S001")["1.1"].points == Decimal(0)

        press(qtbot, Qt.Key.Key_0)  # no shortcoming: full marks
        record = stored_scores(path, "S001")["1.1"]
        assert (record.points, record.choice) == (Decimal(10), "none")
        assert not any(box.isChecked() for box in editor.boxes)

        press(qtbot, Qt.Key.Key_Return)  # moves on
        assert form.current_code == "1.2"
    finally:
        window.close()
