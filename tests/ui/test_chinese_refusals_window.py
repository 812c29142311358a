"""The window in Chinese words a refused key card in Chinese (the "encrypt to" field of the
submit and panel dialogs, real widgets, keystrokes)."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from ui.app import install_translators
from ui.encrypt_to import CHAIR, EncryptToField

ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}")


def typed_in_chinese(configured_app, qtbot, text: str) -> str:
    """What the field says under the path after ``text`` is typed, the window in Chinese."""
    try:
        install_translators(configured_app, "zh")
        field = EncryptToField(CHAIR, "encrypt")
        qtbot.addWidget(field)
        field.show()
        qtbot.waitExposed(field)
        field.encrypt.setChecked(True)
        field.path.setFocus()
        QTest.keyClicks(field.path, text)
        QTest.keyClick(field.path, Qt.Key.Key_Tab)
        assert not field.ready()
        return field.whom.text()
    finally:
        install_translators(configured_app, "en")


def test_a_missing_key_card_is_refused_in_chinese(configured_app, qtbot, tmp_path):
    missing = tmp_path / "chair.eskeycard"
    said = typed_in_chinese(configured_app, qtbot, str(missing))
    assert said == f"{missing}：密钥卡或接收方文件不存在"


def test_a_damaged_key_card_is_refused_in_chinese(configured_app, qtbot, tmp_path):
    card = tmp_path / "chair.eskeycard"
    card.write_text('{"format": "expertscore-keycard/9"}', encoding="utf-8")
    said = typed_in_chinese(configured_app, qtbot, str(card))
    assert said.startswith(f"{card}：由更新版本的 ExpertScore 生成（expertscore-keycard/9）")
    assert not ENGLISH_WORDS.search(said.replace(str(card), "")), said
