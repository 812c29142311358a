"""Unlocked and not submitted again: a banner and a status of its own, warnings on quitting
and on reopening (the chair still has the older result)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from expertscore.results.submit import submit
from expertscore.scoring.service import ScoringService
from expertscore.storage.session import SessionFile
from tests.results.helpers import fixed_key, score_everything
from ui.expert.window import MainWindow
from ui.settings import Settings

from .helpers import answer_next_box, press, stored_scores, type_keys


@pytest.fixture
def unlocked_session(example_session: Path) -> Path:
    with SessionFile(example_session) as session:
        scoring = ScoringService(session)
        score_everything(scoring)
        submit(session, fixed_key("E01"), example_session.with_name("r1.esresult"))
        scoring.unlock("组长要求复核")
    return example_session


@pytest.fixture
def unlocked_window(configured_app, unlocked_session, qtbot):
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.set_session(SessionFile(unlocked_session))
    window.show()
    qtbot.waitExposed(window)
    yield window
    if window.unlocked_notice is not None:
        window.unlocked_notice.close()
    if window.controller is not None:  # the test stopped early: no question on closing
        window.close_session()


def test_unlocked_banner_status_and_warnings(unlocked_window, unlocked_session, qtbot):
    window = unlocked_window
    # Reopening warns; Enter closes the warning and the keys are in the score again.
    qtbot.waitUntil(
        lambda: window.unlocked_notice is not None and window.unlocked_notice.isVisible()
    )
    notice = window.unlocked_notice
    assert "unlocked and not submitted again" in notice.text()
    assert "The chair still has result 1" in notice.informativeText()
    press(qtbot, Qt.Key.Key_Return)
    assert not notice.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    banner = window.submit_flow.banner
    assert banner.isVisible() and banner.state == "unlocked"
    assert "Unlocked, not submitted again" in banner.text.text()
    assert "组长要求复核" in banner.text.text()
    assert banner.submit_button.isVisible() and not banner.unlock_button.isVisible()
    status = window.submit_flow.lock_status
    assert status.isVisible() and status.text() == "Unlocked, not submitted again"
    # Still editable.
    window.form.select_indicator("1.1", focus=True)
    type_keys(qtbot, "10")
    press(qtbot, Qt.Key.Key_Return)
    assert stored_scores(unlocked_session, "S001")["1.1"].points == Decimal(10)
    # Quitting warns; Esc keeps the window open, Alt+Q quits anyway.
    said = answer_next_box(qtbot, Qt.Key.Key_Escape)
    window.close()
    assert window.isVisible() and window.controller is not None
    assert said["text"] == "Your scores are unlocked and not submitted again."
    answer_next_box(qtbot, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    window.close()
    assert not window.isVisible() and window.controller is None
