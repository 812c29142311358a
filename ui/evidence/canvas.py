"""A scrollable page: one rendered image, with search hits drawn over it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

HIT_COLOR = QColor(255, 200, 0, 110)
CURRENT_HIT_COLOR = QColor(255, 120, 0, 150)


def on_paper(image: QImage) -> QImage:
    """``image`` over white: QtPdf leaves a page transparent where the PDF paints no background."""
    if not image.hasAlphaChannel():
        return image
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.setDevicePixelRatio(image.devicePixelRatio())
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    painter.drawImage(0, 0, image)
    painter.end()
    return paper


class PageCanvas(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setBackgroundRole(self.label.backgroundRole())
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setBackgroundRole(self.backgroundRole())
        self.image = QImage()

    def set_image(
        self,
        image: QImage,
        hits: list[QRectF] | None = None,
        current: QRectF | None = None,
        scale: float = 1.0,
    ) -> None:
        """Show ``image``; ``hits`` are rectangles in page points, drawn at ``scale``."""
        self.image = image
        if image.isNull():
            self.label.clear()
            return
        pixmap = QPixmap.fromImage(on_paper(image))
        if hits:
            ratio = image.devicePixelRatio()
            painter = QPainter(pixmap)
            painter.setPen(Qt.PenStyle.NoPen)
            for rect in hits:
                painter.setBrush(CURRENT_HIT_COLOR if rect == current else HIT_COLOR)
                painter.drawRect(
                    QRectF(
                        rect.x() * scale / ratio,
                        rect.y() * scale / ratio,
                        rect.width() * scale / ratio,
                        rect.height() * scale / ratio,
                    )
                )
            painter.end()
        self.label.setPixmap(pixmap)

    def clear(self) -> None:
        self.image = QImage()
        self.label.clear()

    def available_width(self) -> int:
        return max(100, self.viewport().width() - 8)

    def available_height(self) -> int:
        return max(100, self.viewport().height() - 8)
