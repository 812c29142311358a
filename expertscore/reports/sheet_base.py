"""What blank and filled scoring sheets share: page header and footer, the submission's
particulars, the indicator tree as table rows, the grade line and the signature lines.

Each submission is a section of the document: it starts on a new page and its pages are
numbered on their own ("第 1 页 / 共 2 页"), because sheets are signed and filed per
submission. The header names the batch and the scheme on every page.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Protocol

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from expertscore.reports.pdfbase import (
    HEAD,
    INK,
    MUTED,
    RULE,
    PageInfo,
    PdfRenderer,
    SectionStart,
    TextCell,
    fit_text,
    markup,
)
from expertscore.reports.sheet_text import ORGANIZER_SET_NOTE, ReportedLike
from expertscore.schemes.model import Indicator, Scheme

GROUP_TINTS = (HEAD, colors.HexColor("#eef2f7"), colors.HexColor("#f5f7fa"))
BONUS_TINT = colors.HexColor("#fbf3e0")
LABEL_TINT = colors.HexColor("#f2f4f7")


class TickBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float = 3 * mm) -> None:
        super().__init__()
        self.width = self.height = size

    def wrap(self, *_args: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setLineWidth(0.7)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)


class BatchLike(Protocol):
    """The batch as the manifest (``BatchInfo``) or a session describes it."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def organizer(self) -> str: ...


class SubmissionLike(Protocol):
    """A submission as the manifest or a session describes it, with its reported values."""

    @property
    def id(self) -> str: ...

    @property
    def platform(self) -> str: ...

    @property
    def operator(self) -> str: ...

    @property
    def region(self) -> str | None: ...

    @property
    def category(self) -> str | None: ...

    @property
    def values(self) -> Mapping[str, ReportedLike]: ...


@dataclass(frozen=True)
class BatchHeader:
    id: str
    title: str
    organizer: str


@dataclass(frozen=True)
class TreeRow:
    node: Indicator
    depth: int


def bonus_suffix(node: Indicator) -> str:
    """``（加分项）`` after a bonus node's name, unless the name already says so."""
    return "（加分项）" if node.bonus and "加分" not in node.name else ""


def tree_rows(scheme: Scheme, leaf_codes: Collection[str]) -> list[TreeRow]:
    """The groups and leaves to print, in scheme order: groups only if a leaf below counts."""
    wanted = set(leaf_codes)

    def visit(node: Indicator, depth: int) -> list[TreeRow]:
        if node.is_leaf:
            return [TreeRow(node, depth)] if node.code in wanted else []
        below = [row for child in node.children for row in visit(child, depth + 1)]
        return [TreeRow(node, depth), *below] if below else []

    return [row for node in scheme.indicators for row in visit(node, 0)]


class SheetRenderer(PdfRenderer):
    """Base of both sheets: one section per submission, batch and scheme on every page."""

    heading = "专家评分表"
    footer_note = "ExpertScore"

    def __init__(self, scheme: Scheme, batch: BatchLike) -> None:
        self.scheme = scheme
        self.batch = BatchHeader(batch.id, batch.title, batch.organizer)
        self.title = f"{self.heading} {batch.id}"
        self.subject = f"{batch.title} · {scheme.title} {scheme.version}"
        super().__init__()

    def stylesheet(self) -> dict[str, ParagraphStyle]:
        styles = super().stylesheet()
        styles["num"] = ParagraphStyle("num", parent=styles["cell"], alignment=TA_RIGHT)
        styles["label"] = ParagraphStyle("label", parent=styles["cell"], textColor=MUTED)
        styles["big"] = ParagraphStyle(
            "big", parent=styles["cell"], fontSize=10.5, leading=14, alignment=TA_RIGHT
        )
        return styles

    def indented(self, depth: int, style: str = "cell") -> ParagraphStyle:
        """``style`` indented for a node ``depth`` levels down the tree."""
        name = f"{style}-{depth}"
        if name not in self.styles:
            self.styles[name] = ParagraphStyle(
                name, parent=self.styles[style], leftIndent=depth * 7
            )
        return self.styles[name]

    # --- page decoration ---------------------------------------------------------------

    def decorate_page(self, canvas: Canvas, page: PageInfo) -> None:
        width, height = self.pagesize
        left, right = self.margin_left, width - self.margin_right
        half = (right - left) / 2 - 6
        top = height - self.margin_top + 6 * mm
        bottom = self.margin_bottom - 7 * mm
        canvas.saveState()
        canvas.setFont(self.font, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            left, top, fit_text(f"{self.batch.id}  {self.batch.title}", self.font, 8, half)
        )
        scheme = f"{self.scheme.title}  版本 {self.scheme.version}"
        canvas.drawRightString(right, top, fit_text(scheme, self.font, 8, half))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, top - 2.5 * mm, right, top - 2.5 * mm)
        canvas.line(left, bottom + 4 * mm, right, bottom + 4 * mm)
        canvas.drawString(left, bottom, fit_text(page.section, self.font, 8, half - 40))
        canvas.drawCentredString(
            (left + right) / 2, bottom, f"{self.footer_note} · 全册 {page.overall}/{page.total}"
        )
        canvas.setFont(self.font, 9)
        canvas.setFillColor(colors.black)
        canvas.drawRightString(right, bottom, f"第 {page.number} 页 / 共 {page.count} 页")
        canvas.restoreState()

    # --- blocks ------------------------------------------------------------------------

    def section_start(self, submission_id: str, label: str, first: bool) -> list[Flowable]:
        start: list[Flowable] = [] if first else [PageBreak()]
        return [*start, SectionStart(submission_id, label)]

    def particulars(self, sub: SubmissionLike, expert: str | None) -> list[Flowable]:
        """Title and the submission's particulars; ``expert`` None leaves a line to fill."""
        category = self.category_name(sub.category)
        cells = [
            ("申报编号", sub.id, "平台名称", sub.platform),
            ("运营企业", sub.operator, "所在地区", sub.region or "—"),
            ("平台类别", category, "评分专家", expert),
        ]
        rows = [
            [
                self.para(label_a, "label"),
                self.para(value_a),
                self.para(label_b, "label"),
                self.para(value_b) if value_b is not None else "",
            ]
            for label_a, value_a, label_b, value_b in cells
        ]
        table = self.table(
            rows,
            (0.11, 0.39, 0.11, 0.39),
            header_rows=0,
            commands=[
                ("BACKGROUND", (0, 0), (0, -1), LABEL_TINT),
                ("BACKGROUND", (2, 0), (2, -1), LABEL_TINT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
            ],
        )
        title = Paragraph(
            f"{markup(self.heading)}　<font size=11>{markup(sub.platform)}</font>",
            self.styles["title"],
        )
        return [title, Spacer(1, 2 * mm), table, Spacer(1, 4 * mm)]

    def category_name(self, code: str | None) -> str:
        if not code:
            return "—"
        trail = self.scheme.category_path(code)
        return " · ".join(category.name for category in trail) if trail else code

    def name_para(self, text: str, depth: int, style: str = "cell") -> Flowable:
        """A name indented to its level in the tree, as plain text (never markup)."""
        return TextCell(text, self.indented(depth, style))

    def leaf_name(self, leaf: Indicator, depth: int, kind: str) -> list[Flowable]:
        """The leaf's name indented to its level, with 客观项/主观项 below in small print."""
        return [self.name_para(leaf.name, depth), self.name_para(kind, depth, "small")]

    def group_label(self, node: Indicator, depth: int) -> Paragraph:
        return self.name_para(node.name + bonus_suffix(node), depth)

    def tick_boxes(
        self, labels: list[str], lead: str = "", size: float = 8.5, stacked: bool = False
    ) -> Table:
        """Boxes to tick by hand, in a row or ``stacked`` one per line (for narrow cells).

        Drawn boxes rather than the font's □, which is small and sits high.
        """
        box = TickBox()
        box_column = box.width + 2

        def text_column(text: str) -> float:
            return stringWidth(text, self.font, size) + 7

        if stacked:
            rows: list[list[object]] = [[TickBox(), label] for label in labels]
            widths = [box_column, max(text_column(label) for label in labels)]
        else:
            rows = [[lead] if lead else []]
            widths = [text_column(lead)] if lead else []
            for label in labels:
                rows[0] += [TickBox(), label]
                widths += [box_column, text_column(label)]
        table = Table(rows, colWidths=widths, hAlign="LEFT")
        table.setStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), self.font),
                ("FONTSIZE", (0, 0), (-1, -1), size),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
        return table

    def side_by_side(self, left: list[Flowable], right: list[Flowable], split: float) -> Table:
        """Two columns of flowables without rules; ``split`` is the left column's share."""
        gap = 4 * mm
        widths = [self.frame_width * split - gap, self.frame_width * (1 - split)]
        table = Table([[left, right]], colWidths=[widths[0] + gap, widths[1]], hAlign="LEFT")
        table.setStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), self.font),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), gap),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        return table

    def column_width(self, split: float, left: bool) -> float:
        """The width of a ``side_by_side`` column, for the tables placed in it."""
        return self.frame_width * split - 4 * mm if left else self.frame_width * (1 - split)

    def row_tint(self, node: Indicator, depth: int) -> colors.Color:
        if node.bonus:
            return BONUS_TINT
        return GROUP_TINTS[min(depth, len(GROUP_TINTS) - 1)]

    def boxed(
        self, title: str, lines: list[Flowable], room: float, width: float | None = None
    ) -> Table:
        """A ruled box with a small title, ``lines``, and ``room`` to write below them."""
        content: list[Flowable] = [self.para(title, "label"), *lines, Spacer(1, room)]
        return self.table([[content]], (1.0,), header_rows=0, width=width)

    def signature_lines(self) -> Table:
        """专家签字 and 日期 on ruled lines, kept at the end of each submission."""
        rows = [[self.para("专家签字：", "body"), "", self.para("日期：", "body"), ""]]
        table = Table(
            rows,
            colWidths=[self.frame_width * f for f in (0.12, 0.43, 0.08, 0.37)],
            rowHeights=[14 * mm],
            hAlign="LEFT",
        )
        table.setStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), self.font),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 0), 0.8, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.8, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        return table

    def organizer_note(self) -> Paragraph:
        return self.para(ORGANIZER_SET_NOTE, "small")
