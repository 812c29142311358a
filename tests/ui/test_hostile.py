"""The hostile demo submission in the expert's and the chair's windows: every string shown
literally, nothing launched, no file hanging the window or leaving a stale pane."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from bench.reliability.hostile import inspect, rendered
from expertscore.chair.run import ChairRun
from expertscore.demo.batch import make_demo_batch
from expertscore.demo.hostile import LONG_NAME, MARKUP, OPERATOR, PLATFORM, SPOOF
from expertscore.filetypes import NAME_LIMIT as STEM_LIMIT
from expertscore.results.simulate import simulate
from expertscore.storage.importer import create_session
from ui.chair.window import ChairWindow
from ui.evidence.models import NAME_LIMIT
from ui.evidence.tempfolder import EvidenceFolder, remove_stale
from ui.expert.window import MainWindow
from ui.plaintext import plain, shown

from .conftest import copy_session, open_window

HOSTILE = "S003"


@pytest.fixture(scope="session")
def hostile_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile") / "hostile.esbatch"
    make_demo_batch("liaoning-2025-grading", 2, 3, 5, out, workers=1, hostile=True)
    return out


@pytest.fixture(scope="session")
def hostile_template(hostile_package: Path, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-session")
    return create_session(hostile_package, "E01", folder / "E01.esession")


@pytest.fixture
def window(configured_app, qtbot, hostile_template: Path, tmp_path: Path) -> Iterator[MainWindow]:
    shown_window = open_window(qtbot, copy_session(hostile_template, tmp_path / "E01.esession"))
    shown_window.panes.select(HOSTILE)
    yield shown_window
    shown_window.close()


def test_the_check_sees_markup_that_took_effect(configured_app, qtbot):
    label = QLabel(MARKUP + SPOOF)
    qtbot.addWidget(label)
    label.show()
    _count, problems = inspect(label)
    assert {p.what for p in problems} >= {"markup took effect", "an image in rich text"}
    plain(label, MARKUP + SPOOF)
    assert inspect(label)[1] == []


def test_expert_window_shows_every_operator_string_literally(window):
    form = window.form
    assert form.platform.textFormat() == Qt.TextFormat.PlainText
    assert form.platform.text() == shown(PLATFORM)
    assert shown(OPERATOR) in form.subtitle.text()
    assert "\x1b" not in form.subtitle.text() and "␛" in form.subtitle.text()
    checked = 0
    for code in form.model.leaf_codes():
        form.select_indicator(code, focus=False)
        value = window.controller.reported(HOSTILE).get(code)
        if value is not None and value.unit == "text":
            reported = form.detail.reported
            assert reported.textFormat() == Qt.TextFormat.PlainText
            assert reported.text().startswith(shown(value.value)[:50])
            checked += 1
        count, problems = inspect(window)
        assert problems == [], problems[:3]
        assert count > 50
    assert checked >= 5


EXPECTED_PANES = {
    "审计报告.pdf.exe": ("other", "a program"),
    "run.bat": ("text", "@echo off"),
    "宏.xlsm": ("table", None),
    "page.html": ("text", "<script>"),
    "evil.svg": ("text", "<svg"),
    "尺寸.xlsx": ("other", "too large"),
    "损坏.xlsx": ("other", "cannot be shown"),
    LONG_NAME: ("pdf", None),
}


def _wait(qtbot, viewer) -> None:
    qtbot.waitUntil(lambda: not viewer.loading(), timeout=5000)


def test_each_hostile_file_is_shown_or_refused_never_the_previous_one(window, qtbot):
    viewer = window.viewer
    records = [viewer.model.record(row) for row in range(viewer.model.rowCount())]
    assert {r.filename for r in records} == set(EXPECTED_PANES)
    pdf_row = next(row for row, r in enumerate(records) if r.filename == LONG_NAME)
    for row, record in enumerate(records):
        viewer.show_row(pdf_row)  # a PDF first: a stale pane would still show it
        _wait(qtbot, viewer)
        viewer.show_row(row)
        assert viewer.title.text() == shown(record.title, NAME_LIMIT)
        _wait(qtbot, viewer)
        kind, words = EXPECTED_PANES[record.filename]
        assert viewer.kind == kind, record.filename
        pane = getattr(viewer, kind)
        assert viewer.stack.currentWidget() is pane
        if kind == "other":
            assert words in pane.message.text(), pane.message.text()
        elif kind == "text":
            assert words in pane.toPlainText()
        elif kind == "table":
            assert viewer.table.model.rowCount() == 1
        assert inspect(window)[1] == []


def test_a_newer_choice_wins_over_a_load_still_running(window, qtbot):
    viewer = window.viewer
    records = [viewer.model.record(row) for row in range(viewer.model.rowCount())]
    macro = next(row for row, r in enumerate(records) if r.filename == "宏.xlsm")
    script = next(row for row, r in enumerate(records) if r.filename == "run.bat")
    viewer.show_row(macro)
    viewer.show_row(script)  # before the workbook's result arrives
    _wait(qtbot, viewer)
    qtbot.wait(200)  # the workbook's late result, if any, has been delivered by now
    assert viewer.kind == "text"
    assert viewer.title.text() == shown(records[script].title, NAME_LIMIT)


class Opened(QObject):
    """The program's URL handler for file: URLs, the way Qt lets a program take them."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


def _answer(qtbot, button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.text())
        assert box.textFormat() == Qt.TextFormat.PlainText
        target = box.button(button) or box.defaultButton() or box.buttons()[0]
        target.click()

    QTimer.singleShot(0, answer)


@pytest.fixture
def opened() -> Iterator[Opened]:
    handler = Opened()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


def test_only_an_allowed_type_opens_outside_as_a_marked_copy(window, qtbot, opened):
    viewer = window.viewer
    records = [viewer.model.record(row) for row in range(viewer.model.rowCount())]
    for row, record in enumerate(records):
        viewer.show_row(row)
        _wait(qtbot, viewer)
        seen: list[str] = []
        _answer(qtbot, QMessageBox.StandardButton.Open, seen)
        qtbot.mouseClick(viewer.open_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda seen=seen: bool(seen), timeout=5000)
        if record.filename == "尺寸.xlsx":  # a macro-free workbook: Excel may show it
            assert "an Excel workbook" in seen[0]
        elif record.filename != LONG_NAME:
            assert "ExpertScore opens only these types" in seen[0], seen[0]
    assert len(opened.urls) == 2
    copies = [Path(url.toLocalFile()) for url in opened.urls]
    assert {c.suffix for c in copies} == {".xlsx", ".pdf"}
    pdf = next(c for c in copies if c.suffix == ".pdf")
    assert pdf.name == "证" * STEM_LIMIT + ".pdf"
    assert pdf.parent.parent == viewer._folder.path
    window.close()
    assert not viewer._folder.path.exists()  # the copies go with the session


def test_declining_opens_nothing(window, qtbot, opened):
    viewer = window.viewer
    row = next(
        row
        for row in range(viewer.model.rowCount())
        if viewer.model.record(row).filename == LONG_NAME
    )
    viewer.show_row(row)
    seen: list[str] = []
    _answer(qtbot, QMessageBox.StandardButton.Cancel, seen)
    qtbot.mouseClick(viewer.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "a PDF document" in seen[0]
    assert opened.urls == []


def test_copies_of_an_ended_program_go_at_next_start(tmp_path):
    base = tmp_path / "evidence"
    dead = base / "s-dead"
    dead.mkdir(parents=True)
    (dead / "copy.pdf").write_bytes(b"%PDF-1.4")
    # the lock of a program that no longer runs (QLockFile's format: pid, name, host)
    (dead / ".lock").write_text("2147480000\nexpertscore\n\n")
    live = EvidenceFolder(base)
    assert not dead.exists()
    assert remove_stale(base) == 0  # a folder in use stays
    assert live.path.exists()
    live.cleanup()
    assert not live.path.exists()


@pytest.fixture(scope="session")
def hostile_merge(hostile_package: Path, tmp_path_factory) -> tuple[Path, tuple[Path, ...]]:
    root = tmp_path_factory.mktemp("hostile-chair")
    simulate(hostile_package, 3, 5, root / "sim")
    cards = tuple(sorted((root / "sim").glob("*.eskeycard")))
    run = ChairRun.open(hostile_package, root / "merge", cards)
    run.apply(run.plan(sorted((root / "sim").glob("*.esresult"))))
    return root / "merge", cards


def test_chair_window_shows_the_hostile_platform_literally(
    configured_app, qtbot, hostile_package, hostile_merge
):
    merge, cards = hostile_merge
    chair = ChairWindow()
    chair.quiet = True
    qtbot.addWidget(chair)
    with qtbot.waitSignal(chair.stateLoaded, timeout=60000):
        chair.open_merge(hostile_package, merge, cards)
    chair.show()
    chair.select_submission(HOSTILE)
    heading = rendered(chair.heading.text(), True)
    assert heading.startswith(shown(chair.state.submission_label(HOSTILE)))
    assert "<b style='color:red" in heading and "<img" in heading  # the tags, as text
    for row in range(min(chair.matrix_model.rowCount(), 6)):
        chair.matrix.setCurrentIndex(chair.matrix_model.index(row, 0))
        count, problems = inspect(chair)
        assert problems == [], problems[:3]
        assert count > 50


def test_recusal_dialog_names_the_hostile_platform_literally(window, qtbot):
    from ui.expert.dialogs.recusal import RecusalDialog

    dialog = RecusalDialog(HOSTILE, PLATFORM, window)
    qtbot.addWidget(dialog)
    dialog.show()
    intro = next(label for label in dialog.findChildren(QLabel) if HOSTILE in label.text())
    assert intro.textFormat() == Qt.TextFormat.PlainText
    assert shown(PLATFORM) in intro.text()
    assert inspect(dialog)[1] == []
