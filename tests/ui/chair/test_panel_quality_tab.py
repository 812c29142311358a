"""The chair window's panel-quality tab on a real merge folder, reached by keystrokes: the
advice the workbook and the report print, marked as advice, computed when first shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from expertscore.chair.panel_advice import advice_text
from tests.ui.chair.conftest import open_window


@pytest.fixture
def window(configured_app, qtbot, panel, merged):
    shown = open_window(qtbot, panel, merged)
    return shown


def test_the_tab_shows_the_advice_when_reached_by_keys(window, qtbot):
    tab = window.panel_quality
    assert tab.text.toPlainText() == ""  # not computed while hidden
    bar = window.tabs.tabBar()
    bar.setFocus()
    qtbot.waitUntil(bar.hasFocus)
    for _ in range(window.tabs.count()):
        if window.tabs.currentWidget() is tab:
            break
        QTest.keyClick(bar, Qt.Key.Key_Right)
    assert window.tabs.currentWidget() is tab
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Panel quality (advice)"
    text = tab.text.toPlainText()
    assert text == advice_text(window.state.outcome.advice)
    quality = window.state.outcome.advice.quality
    harsh = min(quality.severity, key=lambda s: s.percent)
    assert f"{harsh.expert} 平均比其他专家低 {abs(harsh.percent)}%" in text
    assert "不改变正式结果" in text and "Advice only" in tab.notice.text()
    assert f"全部指标\tα\t{quality.overall.rounded()}" in text
    # A reload gives a new state; the shown tab follows it.
    before = window.state
    with qtbot.waitSignal(window.stateLoaded, timeout=60000):
        window.reload()
    assert window.state is not before and tab.shown_for is window.state
