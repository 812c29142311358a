"""The Chinese translation covers every string of the window and is built from the .ts."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication

from expertscore.scoring.service import RECUSED
from ui.app import install_translators
from ui.expert.models.submissions import state_label
from ui.translations import QM, TS, build_qm, update_ts


def test_every_source_string_is_translated(tmp_path):
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    update_ts(copy)
    messages = list(ET.parse(copy).getroot().iter("message"))
    assert len(messages) > 150
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")
    ]
    assert unfinished == []
    # Nothing was added or dropped: the committed file is up to date.
    assert len(messages) == len(list(ET.parse(TS).getroot().iter("message")))


def test_committed_qm_is_built_from_the_ts(tmp_path):
    rebuilt = tmp_path / QM.name
    build_qm(TS, rebuilt)
    assert rebuilt.read_bytes() == QM.read_bytes()


def test_chinese_by_default_and_english_selectable(configured_app):
    try:
        install_translators(configured_app, "zh")
        assert QCoreApplication.translate("Actions", "&Undo") == "撤销(&U)"
        assert state_label(RECUSED) == "已回避"  # one label, from expertscore.wording.labels
        # Qt's own strings come in Chinese too (standard buttons).
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        install_translators(configured_app, "en")
        assert QCoreApplication.translate("Actions", "&Undo") == "&Undo"
    finally:
        install_translators(configured_app, "en")
