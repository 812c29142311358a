"""Hostile operator content in the windows (offscreen): nothing interpreted, nothing hangs.

Opens the ``demo-batch --hostile`` package in the expert's window (every indicator of the
hostile submission, every one of its evidence files, each also straight after a PDF so a
stale pane would show) and its merged results in the chair's window, and reads every
visible widget's text as the screen shows it (rich text rendered to plain text, models'
display and tooltip roles included). A case is *interpreted* when markup took effect (a
marker of the hostile text shows without the literal tags around it, or an ``<img>`` is in
rich text), a raw control character or a bidirectional override reaches the screen; a
*hang* when a file takes over 1 s to be shown or refused; *stale* when the pane
still shows the previous file under the new title.

``inspect(root)`` is the check the window tests use too.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QModelIndex
from PySide6.QtGui import Qt, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

# a marker a renderer keeps -> the literal text that must stay around it
MARKERS = {
    "【系统提示】": "<b style='color:red",
    "rank 1 — total 99.50": "</b> — rank 1",
    "不是粗体": "&lt;b&gt;不是粗体",
}
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
HANG = 1.0  # seconds
MODEL_ROWS = 200  # rows of a model read per view


@dataclass(frozen=True)
class Problem:
    where: str
    what: str
    text: str


@dataclass
class Figures:
    cases: int = 0
    interpreted: list[Problem] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    slowest: float = 0.0


def rendered(text: str, rich: bool) -> str:
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def _rich_label(label: QLabel) -> bool:
    form = label.textFormat()
    if form == Qt.TextFormat.RichText:
        return True
    return form == Qt.TextFormat.AutoText and Qt.mightBeRichText(label.text())


def _model_texts(name: str, model: QAbstractItemModel) -> Iterator[tuple[str, str, bool]]:
    def walk(parent: QModelIndex, depth: int) -> Iterator[tuple[str, str, bool]]:
        for row in range(min(model.rowCount(parent), MODEL_ROWS)):
            for column in range(64):  # a list model's columnCount is private: ask indexes
                index = model.index(row, column, parent)
                if not index.isValid():
                    break
                display = index.data(Qt.ItemDataRole.DisplayRole)
                if isinstance(display, str):
                    yield f"{name}[{row},{column}]", display, False
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    yield f"{name}[{row},{column}] tooltip", tip, Qt.mightBeRichText(tip)
            first = model.index(row, 0, parent)
            if depth < 4 and first.isValid() and model.index(0, 0, first).isValid():
                yield from walk(first, depth + 1)

    yield from walk(QModelIndex(), 0)


def texts(root: QWidget) -> Iterator[tuple[str, str, bool]]:
    """(where, text as set, whether Qt draws it as rich text) of every visible widget."""
    yield "window title", root.windowTitle(), False
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        name = widget.objectName() or type(widget).__name__
        tip = widget.toolTip()
        if tip:
            yield f"{name} tooltip", tip, Qt.mightBeRichText(tip)
        if isinstance(widget, QLabel):
            yield name, widget.text(), _rich_label(widget)
        elif isinstance(widget, (QAbstractButton, QLineEdit)):
            yield name, widget.text(), False
        elif isinstance(widget, QPlainTextEdit):
            yield name, widget.toPlainText(), False
        elif isinstance(widget, QTextEdit):
            yield name, widget.toHtml(), True
        elif isinstance(widget, QComboBox):
            for item in range(widget.count()):
                yield f"{name} item {item}", widget.itemText(item), False
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            yield from _model_texts(name, widget.model())


def inspect(root: QWidget) -> tuple[int, list[Problem]]:
    """How many texts were read, and those where hostile content was interpreted."""
    problems = []
    count = 0
    for where, text, rich in texts(root):
        count += 1
        shown = rendered(text, rich)
        for marker, literal in MARKERS.items():
            if marker in shown and literal not in shown:
                problems.append(Problem(where, "markup took effect", shown[:120]))
        if rich and re.search(r"<img\b", text, re.IGNORECASE):
            problems.append(Problem(where, "an image in rich text", text[:120]))
        if RAW_CONTROL.search(shown):
            problems.append(Problem(where, "a raw control character", repr(shown[:120])))
        if BIDI_CONTROL.search(shown):
            problems.append(Problem(where, "a bidirectional control", repr(shown[:120])))
    return count, problems


def wait_shown(viewer, limit: float = 10.0) -> float:
    """Process events until the viewer shows the file (or refuses it); seconds taken."""
    start = time.perf_counter()
    app = QApplication.instance()
    while viewer.loading() and time.perf_counter() - start < limit:
        app.processEvents()
        time.sleep(0.002)
    app.processEvents()
    return time.perf_counter() - start


def hostile_package(folder: Path) -> Path:
    from expertscore.demo.batch import make_demo_batch

    out = folder / "hostile.esbatch"
    make_demo_batch("liaoning-2025-grading", 2, 3, 5, out, workers=1, hostile=True)
    return out


def expert_window_figures(package: Path, folder: Path, figures: Figures) -> None:
    from expertscore.storage.importer import create_session
    from expertscore.storage.session import SessionFile
    from ui.expert.window import MainWindow
    from ui.settings import Settings

    session = create_session(package, "E01", folder / "E01.esession")
    window = MainWindow(Settings())
    window.resize(1400, 900)
    window.set_session(SessionFile(session))
    window.show()
    try:
        sid = max(window.rows)  # the hostile submission is the last
        window.panes.select(sid)
        for code in window.form.model.leaf_codes():
            window.form.select_indicator(code, focus=False)
            _count(figures, window)
        viewer = window.viewer
        records = [viewer.model.record(r) for r in range(viewer.model.rowCount())]
        pdf_row = next((r for r, k in enumerate(records) if k.media_type.endswith("pdf")), None)
        for row in range(viewer.model.rowCount()):
            if pdf_row is not None and row != pdf_row:
                viewer.show_row(pdf_row)
                wait_shown(viewer)
            before = viewer.stack.currentWidget()
            start = time.perf_counter()
            viewer.show_row(row)
            returned = time.perf_counter() - start
            taken = returned + wait_shown(viewer)
            figures.slowest = max(figures.slowest, taken)
            title = viewer.model.record(row).filename[:40]
            if taken > HANG:
                figures.hangs.append(f"{title}: {taken:.2f} s")
            if viewer.stack.currentWidget() is before and before is viewer.pdf and row != pdf_row:
                figures.stale.append(title)
            _count(figures, window)
    finally:
        window.close()


def chair_window_figures(package: Path, folder: Path, figures: Figures) -> None:
    from expertscore.chair.run import ChairRun
    from expertscore.results.simulate import simulate
    from ui.chair.window import ChairWindow

    simulate(package, 3, 5, folder / "sim")
    cards = tuple(sorted((folder / "sim").glob("*.eskeycard")))
    merge = folder / "merge"
    run = ChairRun.open(package, merge, cards)
    run.apply(run.plan(sorted((folder / "sim").glob("*.esresult"))))
    window = ChairWindow()
    window.quiet = True
    window.resize(1400, 900)
    window.open_merge(package, merge, cards)
    app = QApplication.instance()
    deadline = time.perf_counter() + 60
    while window.state is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    window.show()
    try:
        hostile = max(window.state.platforms)  # the last id
        window.select_submission(hostile)
        app.processEvents()
        for row in range(min(window.matrix_model.rowCount(), 12)):
            window.matrix.setCurrentIndex(window.matrix_model.index(row, 0))
            app.processEvents()
            _count(figures, window)
    finally:
        window.close()


def _count(figures: Figures, window: QWidget) -> None:
    QApplication.instance().processEvents()
    count, problems = inspect(window)
    figures.cases += count
    figures.interpreted.extend(problems)


def main() -> Figures:
    """Run both windows offscreen (in English) and print the figure."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.app import create_app

    create_app("en")
    figures = Figures()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        os.environ["EXPERTSCORE_SETTINGS_DIR"] = str(folder / "settings")  # not the user's
        package = hostile_package(folder)
        expert_window_figures(package, folder, figures)
        chair_window_figures(package, folder, figures)
    print(
        f"hostile: {figures.cases} texts read in the windows, {len(figures.interpreted)}"
        f" interpreted, {len(figures.hangs)} hangs over {HANG:.0f} s, {len(figures.stale)}"
        f" stale panes (slowest file {figures.slowest * 1000:.0f} ms)"
    )
    for problem in figures.interpreted[:10]:
        print(f"  {problem.where}: {problem.what}: {problem.text!r}")
    return figures
