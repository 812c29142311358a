"""A PDF, page by page: page navigation, zoom (fit width or a factor) and text search."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.app import icon
from ui.evidence.canvas import PageCanvas
from ui.evidence.pdfsource import PdfSource, SearchResults, make_source

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)


def tool_button(parent: QWidget, name: str, tip: str, slot) -> QToolButton:
    button = QToolButton(parent)
    button.setIcon(icon(name))
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.clicked.connect(slot)
    return button


class PdfPane(QWidget):
    pageChanged = Signal(int)  # 0-based page shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source: PdfSource = make_source(self)
        self.source.rendered.connect(self._rendered)
        self.source.searched.connect(self._searched)
        self.page = 0
        self.zoom: float | None = None  # None: fit the width
        self.results: SearchResults = []
        self.result_index = -1
        self.shown_image = QImage()
        self._searched_text = ""
        self._wanted: tuple[int, float] | None = None  # (page, scale) asked for
        self._have: tuple[int, float] | None = None  # (page, scale) on screen
        self._build()
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(80)
        self._refit.timeout.connect(self._show)

    def _build(self) -> None:
        self.canvas = PageCanvas(self)
        self.page_spin = QSpinBox(self)
        self.page_spin.setObjectName("pdfPage")
        self.page_spin.setMinimum(1)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.page_total = QLabel(self)
        self.zoom_label = QLabel(self)
        self.zoom_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("000%") + 6)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("pdfSearch")
        self.search_edit.setPlaceholderText(self.tr("Find in document"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.returnPressed.connect(self._search_or_next)
        self.result_label = QLabel(self)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(tool_button(self, "prev", self.tr("Previous page"), self.previous_page))
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_total)
        bar.addWidget(tool_button(self, "next", self.tr("Next page"), self.next_page))
        bar.addSpacing(8)
        bar.addWidget(tool_button(self, "zoom-out", self.tr("Zoom out"), self.zoom_out))
        bar.addWidget(self.zoom_label)
        bar.addWidget(tool_button(self, "zoom-in", self.tr("Zoom in"), self.zoom_in))
        bar.addWidget(tool_button(self, "fit", self.tr("Fit width"), self.fit_width))
        bar.addStretch(1)
        # The search has a row of its own: beside the page and zoom controls it was
        # squeezed to a few letters, its count cut off, on a laptop's evidence pane.
        search = QHBoxLayout()
        search.setContentsMargins(0, 0, 0, 0)
        search.addWidget(self.search_edit, 1)
        search.addWidget(tool_button(self, "prev", self.tr("Previous match"), self.previous_result))
        search.addWidget(tool_button(self, "next", self.tr("Next match"), self.next_result))
        search.addWidget(self.result_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addLayout(search)
        layout.addWidget(self.canvas, 1)

    # --- document ----------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.source.page_count

    def load(self, data: bytes, page: int = 0) -> None:
        """Open the PDF ``data`` (in memory) and show ``page`` (``PdfError`` when it cannot
        be read)."""
        self.canvas.clear()
        self.shown_image = QImage()
        self._wanted = self._have = None
        self.results = []
        self.result_index = -1
        self.result_label.clear()
        self.source.load(data)
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(1, self.page_count))
        self.page_spin.blockSignals(False)
        self.page_total.setText(f"/ {self.page_count}")
        if self.search_edit.text().strip():
            self.source.search(self.search_edit.text())
        self.go_to(page, force=True)

    def go_to(self, page: int, force: bool = False) -> None:
        page = max(0, min(page, self.page_count - 1))
        if page == self.page and not force:
            return
        self.page = page
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self._show()
        self.pageChanged.emit(page)

    def next_page(self) -> None:
        self.go_to(self.page + 1)

    def previous_page(self) -> None:
        self.go_to(self.page - 1)

    # --- zoom ----------------------------------------------------------------------------

    def scale(self) -> float:
        """Device pixels per point for the current zoom."""
        ratio = self.devicePixelRatioF()
        if self.zoom is not None:
            return self.zoom * ratio * self.logicalDpiX() / 72
        width = self.source.page_size(self.page).width() or 595
        return self.canvas.available_width() / width * ratio

    def shown_zoom(self) -> float:
        return self.scale() / self.devicePixelRatioF() / (self.logicalDpiX() / 72)

    def zoom_in(self) -> None:
        current = self.shown_zoom()
        self.zoom = next((z for z in ZOOMS if z > current + 0.01), ZOOMS[-1])
        self._show()

    def zoom_out(self) -> None:
        current = self.shown_zoom()
        self.zoom = next((z for z in reversed(ZOOMS) if z < current - 0.01), ZOOMS[0])
        self._show()

    def fit_width(self) -> None:
        self.zoom = None
        self._show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.zoom is None and self.page_count:
            self._refit.start()

    def _show(self) -> None:
        if not self.page_count:
            return
        self.zoom_label.setText(f"{round(self.shown_zoom() * 100)}%")
        scale = self.scale()
        self._wanted = (self.page, round(scale, 3))
        self.source.request(self.page, scale)

    def pending(self) -> bool:
        """Whether the page at the current zoom is still being rendered."""
        return self._refit.isActive() or (self._wanted is not None and self._wanted != self._have)

    def _rendered(self, page: int, scale: float, image: QImage) -> None:
        if self._wanted is None or page != self._wanted[0]:
            return
        if image.isNull():
            if round(scale, 3) == self._wanted[1]:
                self._have = self._wanted  # the renderer failed: stop waiting for it
            return
        if round(scale, 3) != self._wanted[1]:
            # An earlier size of this page: stretch it until the right one arrives.
            size = self.source.page_size(page) * self._wanted[1]
            image = image.scaled(
                size.toSize(),
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            scale = self._wanted[1]
        else:
            self._have = self._wanted
        image.setDevicePixelRatio(self.devicePixelRatioF())
        self.shown_image = image
        hits = [rect for p, rects in self.results if p == page for rect in rects]
        current = None
        if 0 <= self.result_index < len(self.results):
            result_page, rects = self.results[self.result_index]
            current = rects[0] if rects and result_page == page else None
        self.canvas.set_image(image, hits, current, scale)

    # --- search --------------------------------------------------------------------------

    def search(self, text: str) -> None:
        self.search_edit.setText(text)
        self.results = []
        self.result_index = -1
        self.source.search(text)

    def _search_or_next(self) -> None:
        """Enter searches for new text, and goes to the next match for the same text."""
        text = self.search_edit.text()
        if text != self._searched_text:
            self._searched_text = text
            self.search(text)
        else:
            self.next_result()

    def _searched(self, results: SearchResults) -> None:
        self.results = results
        if not self.search_edit.text().strip():
            self.result_label.clear()
        elif not results:
            self.result_label.setText(self.tr("no match"))
        else:
            self.result_label.setText(self.tr("{count} matches").format(count=len(results)))
            if self.result_index < 0:
                self.result_index = 0
                self.go_to(results[0][0], force=True)
                return
        self._show()

    def next_result(self) -> None:
        self._step_result(+1)

    def previous_result(self) -> None:
        self._step_result(-1)

    def _step_result(self, step: int) -> None:
        if not self.results:
            return
        self.result_index = (self.result_index + step) % len(self.results)
        self.result_label.setText(
            self.tr("match {n} of {count}").format(n=self.result_index + 1, count=len(self.results))
        )
        self.go_to(self.results[self.result_index][0], force=True)

    def result_rect(self) -> QRectF | None:
        if 0 <= self.result_index < len(self.results):
            rects = self.results[self.result_index][1]
            return rects[0] if rects else None
        return None

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()
