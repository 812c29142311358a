"""Settings with a version and upgrade steps; fonts for Chinese; the ui_state helpers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QFontDatabase, QFontMetrics, QImage
from PySide6.QtWidgets import QLabel

from expertscore.storage.session import SessionFile
from expertscore.storage.uistate import all_ui_state, get_ui_state, set_ui_state
from ui import app as app_module
from ui.settings import VERSION, Settings


def test_new_settings_and_recent_files(settings_dir):
    settings = Settings()
    assert settings.language == "zh"
    assert settings.recent_files == []
    for number in range(12):
        settings.add_recent_file(settings_dir / f"file{number}.esbatch")
    settings.add_recent_file(settings_dir / "file3.esbatch")
    files = Settings().recent_files
    assert len(files) == 8
    assert files[0].endswith("file3.esbatch")
    assert files.count(files[0]) == 1
    settings.language = "en"
    assert Settings().language == "en"
    with pytest.raises(ValueError):
        settings.language = "fr"


def test_upgrade_from_version_1(settings_dir):
    store = QSettings(str(settings_dir / "expertscore.ini"), QSettings.Format.IniFormat)
    store.setValue("settings_version", 1)
    store.setValue("last_file", "/data/batch.esbatch")
    store.sync()
    settings = Settings()
    assert settings.recent_files == ["/data/batch.esbatch"]
    assert settings.store.value("last_file") is None
    assert int(settings.store.value("settings_version")) == VERSION


def test_bundled_font_when_the_system_has_no_chinese(configured_app, monkeypatch):
    original = configured_app.font()
    monkeypatch.setattr(app_module.QFontDatabase, "families", lambda *_args: [])
    family = app_module.ensure_cjk_font(configured_app)
    try:
        assert family == "WenQuanYi Micro Hei"
        assert configured_app.font().family() == family
        assert QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
    finally:
        configured_app.setFont(original)


def test_chinese_can_always_be_rendered(configured_app):
    had_font = bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    family = app_module.ensure_cjk_font(configured_app)
    assert family == (None if had_font else "WenQuanYi Micro Hei")
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def ink(image: QImage) -> frozenset[tuple[int, int]]:
    """The pixels of a white-background screenshot that are not white."""
    white = QColor("white").rgb()
    return frozenset(
        (x, y)
        for y in range(image.height())
        for x in range(image.width())
        if image.pixel(x, y) != white
    )


def test_a_screenshot_shows_chinese_glyphs_not_boxes(configured_app, qtbot):
    """On a machine with no Chinese font (CI runs the suite once with no fonts at all)
    the bundled font draws real glyphs: each character's picture is different, where a
    missing glyph would draw the same box, or nothing, for all of them."""
    pictures = []
    for text in ("评", "分", "审", "核"):
        label = QLabel(text)
        label.setStyleSheet("background: white; color: black; font-size: 32px")
        label.setFixedSize(48, 48)
        qtbot.addWidget(label)
        assert QFontMetrics(label.font()).inFontUcs4(ord(text))
        pictures.append(ink(label.grab().toImage()))
    assert all(len(picture) > 30 for picture in pictures)
    assert len(set(pictures)) == len(pictures)


def test_ui_state_round_trip(example_session):
    with SessionFile(example_session) as session:
        set_ui_state(session, {"submission": "S002", "indicator": "2.1"})
        set_ui_state(session, {"indicator": None})
        assert get_ui_state(session, "submission") == "S002"
        assert get_ui_state(session, "indicator") is None
        assert all_ui_state(session) == {"submission": "S002"}
        with pytest.raises(ValueError):
            set_ui_state(session, {"": "x"})


def test_none_true_false_survive_many_round_trips(configured_app):
    """PySide6 6.12 on Python 3.11 drops references to None/True/False (why 6.12 is excluded)."""
    import sys

    from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Signal

    class Flags(QObject):
        flag = Signal(bool)

    class Empty(QAbstractListModel):
        def rowCount(self, parent=QModelIndex()):  # noqa: B008
            return 1

        def data(self, index, role=0):
            return None

    flags = Flags()
    received = []
    flags.flag.connect(received.append)
    model = Empty()  # kept alive: an index does not own its model
    index = model.index(0)
    for number in range(20000):  # far more than the references the three have without help
        flags.flag.emit(number % 2 == 0)
        assert index.data(0) is None
    assert len(received) == 20000
    assert sys.getrefcount(None) > 0 and sys.getrefcount(True) > 0
