"""Shared pieces of the demo's PDF evidence: styles, tables, page footer and seal.

Documents are built with ``invariant=1`` so the same story gives the same bytes; the CJK
font is embedded as a subset by reportlab.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Sequence
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from expertscore.reports.fonts import register_cjk_font

NUMBER = re.compile(r"^[-+]?[\d,]+(\.\d+)?%?$")
INK = colors.HexColor("#1f2a37")
RULE = colors.HexColor("#9aa5b1")
HEAD = colors.HexColor("#e8eef5")
SEAL = colors.HexColor("#d0312d")


@cache
def styles() -> dict[str, ParagraphStyle]:
    font = register_cjk_font()
    base = ParagraphStyle(
        "body", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK", textColor=INK
    )
    return {
        "body": base,
        "indent": ParagraphStyle("indent", parent=base, firstLineIndent=21),
        "title": ParagraphStyle(
            "title", parent=base, fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=4
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=11, leading=16, alignment=TA_CENTER, spaceAfter=10
        ),
        "heading": ParagraphStyle(
            "heading", parent=base, fontSize=12.5, leading=20, spaceBefore=8, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11.5),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=12, textColor=RULE),
    }


def para(text: str, style: str = "body") -> Paragraph:
    return Paragraph(escape(text), styles()[style])


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def grid(
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    align_right: Sequence[int] = (),
    wrap: Sequence[int] | None = None,
) -> Table:
    """A ruled table whose first row is the header.

    Cells of the ``wrap`` columns (all when None) that are too wide become paragraphs that
    wrap; other cells stay plain strings, which lay out much faster, and must fit. Numbers
    in the ``align_right`` columns are right-aligned, other text there stays left.
    """
    cell = styles()["cell"]
    right = ParagraphStyle("cell-right", parent=cell, alignment=TA_RIGHT)
    wrapped = set(range(len(widths))) if wrap is None else set(wrap)
    room = [w * mm - 8 for w in widths]  # the default padding is 6 points a side

    def fits(text: str, index: int) -> bool:
        return index not in wrapped or text_width(text, cell.fontSize) <= room[index]

    def is_right(text: str, index: int) -> bool:
        return index in align_right and NUMBER.match(text) is not None

    body: list[list[object]] = [[Paragraph(escape(text), cell) for text in rows[0]]]
    right_cells = []
    for number, row in enumerate(rows[1:], start=1):
        line: list[object] = []
        for index, text in enumerate(row):
            if is_right(text, index):
                right_cells.append(("ALIGN", (index, number), (index, number), "RIGHT"))
            if fits(text, index):
                line.append(text)
            else:
                line.append(Paragraph(escape(text), right if is_right(text, index) else cell))
        body.append(line)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("FONT", (0, 0), (-1, -1), register_cjk_font(), cell.fontSize, cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ]
    commands.extend(right_cells)
    table = Table(body, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def text_width(text: str, size: float) -> float:
    """A safe estimate of a line's width: wide characters one em, others 0.6 em."""
    return sum(size if ord(char) > 0x2E7F else 0.6 * size for char in text)


class Seal(Flowable):
    """A round red seal (公章) with the organization's name inside and a star."""

    def __init__(self, name: str, size: float = 34 * mm) -> None:
        super().__init__()
        self.name = name
        self.size = size
        self.width = self.height = size

    def draw(self) -> None:
        canvas = self.canv
        radius = self.size / 2
        canvas.saveState()
        canvas.setStrokeColor(SEAL)
        canvas.setFillColor(SEAL)
        canvas.setLineWidth(2)
        canvas.circle(radius, radius, radius - 1, stroke=1, fill=0)
        _star(canvas, radius, radius, radius * 0.22)
        font = register_cjk_font()
        chars = list(self.name)
        arc = min(250.0, 14.0 * len(chars))  # degrees the name spans along the rim
        canvas.setFont(font, max(6.5, min(9.5, 160 / max(len(chars), 1))))
        for index, char in enumerate(chars):
            angle = 90 + arc / 2 - arc * (index + 0.5) / len(chars)
            canvas.saveState()
            canvas.translate(
                radius + (radius - 10) * math.cos(math.radians(angle)),
                radius + (radius - 10) * math.sin(math.radians(angle)),
            )
            canvas.rotate(angle - 90)
            canvas.drawCentredString(0, -3, char)
            canvas.restoreState()
        canvas.setFont(font, 7.5)
        canvas.drawCentredString(radius, radius * 0.45, "专用章")
        canvas.restoreState()


def _star(canvas: Canvas, x: float, y: float, r: float) -> None:
    path = canvas.beginPath()
    for index in range(10):
        length = r if index % 2 == 0 else r * 0.4
        angle = math.radians(90 + 36 * index)
        point = (x + length * math.cos(angle), y + length * math.sin(angle))
        if index == 0:
            path.moveTo(*point)
        else:
            path.lineTo(*point)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def build_pdf(story: list[Flowable], title: str, footer: str) -> bytes:
    """Lay out ``story`` on A4 pages with a footer and page numbers; return the PDF bytes."""
    font = register_cjk_font()

    def on_page(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(RULE)
        canvas.drawString(20 * mm, 12 * mm, footer)
        canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"第 {doc.page} 页")
        canvas.setStrokeColor(RULE)
        canvas.line(20 * mm, 16 * mm, A4[0] - 20 * mm, 16 * mm)
        canvas.restoreState()

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=22 * mm,
        title=title,
        author="ExpertScore demo",
        creator="ExpertScore demo",
        invariant=1,
    )
    page: Callable[[Canvas, SimpleDocTemplate], None] = on_page
    doc.build(story, onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()


def money(text: str) -> str:
    """``"12345.6"`` -> ``"12,345.60"``; anything else unchanged."""
    try:
        return f"{float(text):,.2f}"
    except ValueError:
        return text


def count(text: str) -> str:
    try:
        number = float(text)
    except ValueError:
        return text
    return f"{number:,.0f}" if number == int(number) else f"{number:,.1f}"
