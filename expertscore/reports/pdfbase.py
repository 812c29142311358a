"""A small base for printed PDFs with Chinese text, in the shape of pretix's invoice renderer.

A ``PdfRenderer`` subclass supplies the hooks: ``stylesheet`` (paragraph styles, all in the
embedded CJK font with ``wordWrap='CJK'``), ``story`` (the flowables) and ``decorate_page``
(header and footer). Pages are held back by ``PagedCanvas`` until the document is complete,
so every page can say "第 x 页 / 共 y 页"; a ``SectionStart`` marker starts a new count, so
each submission's sheet is numbered on its own and can be handed round separately.

Documents are built with ``invariant=1``: the same input gives the same bytes. ``render``
writes to a hidden temporary file beside the target and renames it into place only when
the PDF is complete, so a reader never sees half a file. Not thread-safe: one renderer per
document, on one thread.
"""

from __future__ import annotations

import os
import secrets
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle
from reportlab.platypus.paragraph import _FUZZ

from expertscore.chair.bulk import collector_paused
from expertscore.errors import ExpertScoreError
from expertscore.paths import cjk_font_path
from expertscore.reports.fonts import register_cjk_font
from expertscore.reports.pdfgrid import Grid

INK = colors.HexColor("#1b2430")
MUTED = colors.HexColor("#5b6675")
RULE = colors.HexColor("#8a96a5")
HEAD = colors.HexColor("#dfe7f0")
ALERT = colors.HexColor("#b42318")


MONO_FONT = "WenQuanYiMicroHeiMono"


@cache
def register_mono_font() -> str:
    """The monospaced face of the bundled font (digests, fingerprints), embedded like it."""
    pdfmetrics.registerFont(TTFont(MONO_FONT, str(cjk_font_path()), subfontIndex=1))
    return MONO_FONT


class ReportError(ExpertScoreError):
    """A printed document could not be made or written; the message names the file."""


@dataclass(frozen=True)
class QrPlacement:
    """Where a QR code landed: page (1-based), lower-left corner and size in points.

    ``border`` is the quiet zone in modules, included in ``size``. A preview can use this to
    highlight the code; tests use it to read the modules back from a rendered page.
    """

    page: int
    x: float
    y: float
    size: float
    border: int
    value: str


@dataclass(frozen=True)
class Printed:
    """A finished PDF: where it is, how many pages it has, and where its QR codes are."""

    path: Path
    pages: int
    qr_codes: tuple[QrPlacement, ...] = ()


@dataclass(frozen=True)
class PageInfo:
    """What a page's header and footer need to know about the page."""

    number: int  # within its section
    count: int  # pages of its section
    overall: int  # within the document
    total: int  # pages of the document
    section: str  # the section's label ("" before the first marker)


class SectionStart(Flowable):
    """Zero-size marker: the pages from here on form a section numbered on its own."""

    def __init__(self, key: str, label: str) -> None:
        super().__init__()
        self.key = key
        self.label = label

    def wrap(self, *_args: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.es_section = (self.key, self.label)


class PagedCanvas(Canvas):
    """Keeps every page's state until ``save`` so footers can count all pages (pretix)."""

    def __init__(self, *args: Any, renderer: PdfRenderer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.es_renderer = renderer
        self.es_section: tuple[str, str] = ("", "")
        self.es_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        state = dict(self.__dict__)
        # The page's drawing held as one string (reportlab joins its pieces with line
        # breaks when it writes the page): a large report's pages hold half a million
        # pieces until the footers can be drawn.
        state["_code"] = ["\n".join(self._code)] if self._code else []
        self.es_pages.append(state)
        self._startPage()

    def save(self) -> None:
        pages = self.es_pages
        sections = [state["es_section"] for state in pages]
        counts: dict[tuple[str, str], int] = {}
        for section in sections:
            counts[section] = counts.get(section, 0) + 1
        seen: dict[tuple[str, str], int] = {}
        total = len(pages)
        for overall, section in enumerate(sections, 1):
            # Let go of each page's state once the document has the page.
            state, pages[overall - 1] = pages[overall - 1], {}
            self.__dict__.update(state)
            seen[section] = seen.get(section, 0) + 1
            page = PageInfo(seen[section], counts[section], overall, total, section[1])
            self.es_renderer.decorate_page(self, page)
            super().showPage()
        self.es_renderer.pages = total
        super().save()


class PlacedQrCode(QrCode):
    """reportlab's QR flowable that reports where it was drawn."""

    def __init__(self, value: str, size: float, on_draw: Callable[[QrPlacement], None]) -> None:
        super().__init__(value, width=size, height=size, qrLevel="M", qrBorder=4)
        self._on_draw = on_draw

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber()
        self._on_draw(QrPlacement(page, x, y, self.width, self.qrBorder, str(self.value)))
        super().draw()


def markup(text: str) -> str:
    """Plain text as paragraph markup: escaped, line breaks kept."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br/>")


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so that it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


# Punctuation that Chinese typesetting never puts at the start of a line (禁则).
NO_LINE_START = frozenset("）】」』》〉〕］｝、。，．！？：；…%)]}”’,.!?:;")


def broken_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines of at most ``width`` points: at its own line breaks, then
    at any character (as reportlab's CJK wrapping does); a character wider than the line
    stays whole. reportlab does not kern, so a line's width is the sum of its characters'."""
    lines: list[str] = []
    for part in text.replace("\r\n", "\n").split("\n"):
        line, used = "", 0.0
        for char in part:
            advance = stringWidth(char, font, size)
            if line and used + advance > width:
                # A closing mark never starts a line: the character before it moves along.
                carried = line[-1] if char in NO_LINE_START and len(line) > 1 else ""
                lines.append(line[: len(line) - len(carried)])
                line, used = carried, stringWidth(carried, font, size)
            line += char
            used += advance
        lines.append(line)
    return lines


@dataclass
class StyleMemo:
    """What the paragraphs of one style have parsed and laid out, shared between them.

    A large report repeats the same cell text (flags, indicator names, legends) thousands
    of times: its markup is parsed once, and its lines are broken once per width. Kept
    beside the style it belongs to (``MEMOS``, weak keys), so it goes with the renderer's
    stylesheet: nothing is carried from one document to the next.
    """

    # text -> (the style reportlab's parser made of it, None when that is the style
    # itself: a memo never holds its own style, or the weak key would never go; the
    # parsed fragments)
    parsed: dict[str, tuple[ParagraphStyle | None, list]] = field(default_factory=dict)
    # (text, width) -> (reportlab's broken lines, height); only read once laid out
    layouts: dict[tuple[str, float], tuple[Any, float]] = field(default_factory=dict)


MEMOS: weakref.WeakKeyDictionary[ParagraphStyle, StyleMemo] = weakref.WeakKeyDictionary()


def memo_of(style: ParagraphStyle) -> StyleMemo:
    memo = MEMOS.get(style)
    if memo is None:
        memo = MEMOS[style] = StyleMemo()
    return memo


class CellParagraph(Paragraph):
    """A ``Paragraph`` that breaks its lines once per width. A table measures every cell
    again on each page it runs onto and once more to draw it; the lines depend only on the
    text, the style and the width, and breaking CJK lines was most of a provincial
    report's time: paragraphs of the same text and style share them (``StyleMemo``)."""

    width: float
    height: float
    _laid_for: float | None = None
    _memo_key: str | None = None  # the markup, when the layout may be shared

    def __init__(self, text: str, style: ParagraphStyle, **given: Any) -> None:
        if given:  # reportlab's own split passes its fragments: never shared
            super().__init__(text, style, **given)
            return
        memo = memo_of(style)
        known = memo.parsed.get(text)
        if known is None:
            super().__init__(text, style)
            derived = None if self.style is style else self.style
            memo.parsed[text] = (derived, [frag.clone() for frag in self.frags])
        else:
            derived, frags = known
            super().__init__(text, derived or style, frags=[frag.clone() for frag in frags])
        self._memo = memo
        self._memo_key = text

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._laid_for == availWidth and hasattr(self, "blPara"):  # split drops blPara
            return self.width, self.height
        key = self._memo_key
        laid = self._memo.layouts.get((key, availWidth)) if key is not None else None
        if laid is not None:
            # What ``Paragraph.wrap`` sets; the lines are only read when drawn.
            self.blPara, self.height = laid
            self.width = availWidth
            style = self.style
            first = availWidth - style.leftIndent - style.firstLineIndent - style.rightIndent
            self._wrapWidths = [first, availWidth - style.leftIndent - style.rightIndent]
        else:
            super().wrap(availWidth, availHeight)
            if key is not None and availWidth >= _FUZZ:
                self._memo.layouts[(key, availWidth)] = (self.blPara, self.height)
        self._laid_for = availWidth
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Drawn once per text, style and width in a document, then replayed: what
        ``Flowable.drawOn`` writes is the paragraph's own operators between a saved state
        moved to the cell (``q``, ``1 0 0 1 x y cm`` ... ``Q``), the same wherever the cell
        is, and a provincial report prints the same cells (names, numbers, flags) tens of
        thousands of times. Kept per document (``drawn_cache``): the operators name the
        document's font subsets, which the first drawing registered."""
        key = self._memo_key
        if key is None or self._laid_for is None:
            super().drawOn(canvas, x, y, _sW)
            return
        cache = drawn_cache(canvas)
        # The style by its id, checked on use: the document does not keep it alive (nor
        # its ``StyleMemo``).
        ident = (id(self.style), key, self._laid_for)
        known = cache.get(ident)
        x = self._hAlignAdjust(x, _sW)
        if known is not None and known[0]() is self.style:
            canvas._code.append(f"q\n1 0 0 1 {fp_str(x, y)} cm\n{known[1]}\nQ")
            return
        start = len(canvas._code)
        super().drawOn(canvas, x, y)
        written = canvas._code[start:]
        framed = len(written) >= 3 and written[0] == "q" and written[-1] == "Q"
        if framed and written[1].endswith(" cm"):
            cache[ident] = (weakref.ref(self.style), "\n".join(written[2:-1]))


def drawn_cache(canvas: Canvas) -> dict[Any, Any]:
    """What cells have drawn in the canvas's document, for ``CellParagraph`` and
    ``TextCell``: kept on the document, so it goes with it."""
    document = canvas._doc
    cache = getattr(document, "_es_drawn", None)
    if cache is None:
        cache = document._es_drawn = {}
    return cache


class TextCell(Flowable):
    """Plain text in one paragraph style, for the many short cells of a large table
    (codes, numbers): laid out like a ``Paragraph`` of that style without markup parsing,
    which dominates the time of a 500-submission report. Text only, never markup."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.lines: list[str] = [text]
        self.width: float = 0
        self.height: float = 0
        self._laid_for: float | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._laid_for == available_width:  # measured already (see CellParagraph)
            return self.width, self.height
        style = self.style
        room = available_width - style.leftIndent - style.rightIndent
        self.width = available_width
        fits = "\n" not in self.text and "\r" not in self.text
        if fits and stringWidth(self.text, style.fontName, style.fontSize) <= room:
            self.lines = [self.text]
        else:
            self.lines = broken_lines(self.text, style.fontName, style.fontSize, room)
        self.height = style.leading * len(self.lines)
        self._laid_for = available_width
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """One text object at the cell's place, with its font and colour set inside it
        and wrapped in q/Q: the canvas's own state is never touched, so the saved state
        and moved origin of ``Flowable.drawOn`` (half the cost of a short cell; a large
        report has 70,000) are not needed. The text lands where they would put it.

        Written as the operators a text object writes for it (``line_ops``), each line's
        encoded once per document: reportlab's text object was most of a cell's cost."""
        style = self.style
        x = self._hAlignAdjust(x, _sW)
        top = y + self.height - style.fontSize
        right = style.alignment == TA_RIGHT
        ops = ["q\nBT"]
        for index, line in enumerate(self.lines):
            encoded, width = line_ops(canvas, style, line)
            left = x + style.leftIndent
            if right:
                left = x + self.width - style.rightIndent - width
            ops.append(f"1 0 0 1 {fp_str(left, top - index * style.leading)} Tm")
            if index == 0:
                ops.append(fill_op(style.textColor))
            ops.append(encoded)
        ops.append("ET\nQ")
        canvas._code.append(" ".join(ops))

    def draw(self) -> None:
        self.drawOn(self.canv, 0, 0)


def line_ops(canvas: Canvas, style: ParagraphStyle, line: str) -> tuple[str, float]:
    """A line of plain text as a fresh text object in ``style`` writes it (font subset,
    size, leading, the encoded string, next line), and its width; once per document."""
    cache = drawn_cache(canvas)
    key = (style.fontName, style.fontSize, style.leading, line)
    known = cache.get(key)
    if known is None:
        text = PDFTextObject(canvas)
        text.setFont(style.fontName, style.fontSize, style.leading)
        encoded = text._formatText(line) + " T*"  # what ``textLine`` writes
        known = cache[key] = (encoded, stringWidth(line, style.fontName, style.fontSize))
    return known


@cache
def fill_op(colour: colors.Color) -> str:
    """What a text object's ``setFillColor`` writes for an RGB colour."""
    return f"{fp_str(colour.red, colour.green, colour.blue)} rg"


class SplittingTable(Table):
    """A table that breaks between rows, and inside a row only when it must.

    reportlab's ``splitInRow`` would also split an ordinary row at the foot of a page
    (leaving a repeated header and half a row there). Here a row is split only when the
    table is at the top of a page (``in_row_from`` or more points free) and its first row
    still does not fit: a row taller than a page, such as a very long comment. Subclassed
    per renderer with its frame's height, since reportlab copies the class when it splits.
    """

    in_row_from = float("inf")
    _calculated_for: tuple[float, float] | None = None

    def _calc(self, availWidth: float, availHeight: float) -> None:
        # A frame measures a table (``wrap``) and, when it does not fit, splits it at the
        # same size, and reportlab measures every row again: a third of a large report's
        # table layout. The rows' heights depend only on the room they are given.
        if self._calculated_for == (availWidth, availHeight):
            return
        super()._calc(availWidth, availHeight)
        self._calculated_for = (availWidth, availHeight)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.splitInRow = 0
        parts = super().split(availWidth, availHeight)
        if parts or availHeight < self.in_row_from:
            return parts
        self.splitInRow = 1
        try:
            return super().split(availWidth, availHeight)
        finally:
            self.splitInRow = 0


class PdfRenderer:
    """Base of the printed documents; subclasses supply ``story`` and may override hooks."""

    pagesize = A4
    margin_left = 15 * mm
    margin_right = 15 * mm
    margin_top = 20 * mm
    margin_bottom = 18 * mm
    title = "ExpertScore"
    subject = ""

    def __init__(self) -> None:
        self.font = register_cjk_font()
        self.mono_font = register_mono_font()
        self.styles = self.stylesheet()
        self.pages = 0
        self.qr_codes: list[QrPlacement] = []
        self.in_row_from = self.frame_height * 0.8
        self.table_class = type("SheetTable", (SplittingTable,), {"in_row_from": self.in_row_from})

    # --- hooks -------------------------------------------------------------------------

    def stylesheet(self) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle(
            "body", fontName=self.font, fontSize=9.5, leading=14, wordWrap="CJK", textColor=INK
        )
        cell = ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11.5)
        return {
            "body": base,
            "title": ParagraphStyle("title", parent=base, fontSize=15, leading=20, spaceAfter=2),
            "heading": ParagraphStyle(
                "heading", parent=base, fontSize=11, leading=15, spaceBefore=6, spaceAfter=3
            ),
            "cell": cell,
            "cell-head": ParagraphStyle("cell-head", parent=cell, textColor=INK),
            "small": ParagraphStyle(
                "small", parent=cell, fontSize=7.5, leading=10, textColor=MUTED
            ),
            "mono": ParagraphStyle("mono", parent=cell, fontName=self.mono_font, fontSize=8),
            "alert": ParagraphStyle("alert", parent=cell, textColor=ALERT),
        }

    def story(self) -> list[Flowable]:
        raise NotImplementedError

    def decorate_page(self, canvas: Canvas, page: PageInfo) -> None:
        """Draw header and footer; by default only "第 x 页 / 共 y 页" at the bottom right."""
        canvas.saveState()
        canvas.setFont(self.font, 8)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(
            self.pagesize[0] - self.margin_right,
            self.margin_bottom - 8 * mm,
            f"第 {page.number} 页 / 共 {page.count} 页",
        )
        canvas.restoreState()

    # --- building blocks ---------------------------------------------------------------

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.margin_left - self.margin_right

    @property
    def frame_height(self) -> float:
        return self.pagesize[1] - self.margin_top - self.margin_bottom

    def para(self, text: str, style: str = "cell") -> CellParagraph:
        return CellParagraph(markup(text), self.styles[style])

    def plain(self, text: str, style: str = "cell") -> TextCell:
        """Like ``para`` for short text that needs neither markup nor word breaks."""
        return TextCell(text, self.styles[style])

    def table(
        self,
        rows: Sequence[Sequence[Any]],
        fractions: Sequence[float],
        commands: Sequence[tuple[Any, ...]] = (),
        header_rows: int = 1,
        width: float | None = None,
    ) -> Table:
        """A ruled table; column widths are fractions of ``width`` (default: the frame).

        The header rows repeat on every page the table runs onto; a row taller than a page
        is split inside rather than failing the whole document (``SplittingTable``).
        """
        total = width if width is not None else self.frame_width
        table = self.bare_table(
            [list(row) for row in rows], [total * f for f in fractions], header_rows
        )
        table.setStyle(TableStyle([*self.ruled(header_rows), *commands]))
        return table

    def grid(
        self,
        rows: Sequence[Sequence[Any]],
        fractions: Sequence[float],
        commands: Sequence[tuple[Any, ...]] = (),
        header_rows: int = 1,
    ) -> Grid:
        """``table`` for a large table of flowable cells (``""`` for none): the same page,
        laid out and drawn without reportlab's per-cell bookkeeping (``Grid``)."""
        return Grid(
            rows,
            [self.frame_width * fraction for fraction in fractions],
            [*self.ruled(header_rows), *commands],
            header_rows,
            self.bare_table,
            self.in_row_from,
        )

    def ruled(self, header_rows: int) -> list[tuple[Any, ...]]:
        """The look every table starts from: ruled, padded, the heading rows tinted."""
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),  # for plain-text cells, never Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        if header_rows:
            style.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD))
        return style

    def bare_table(self, rows: list[list[Any]], widths: Sequence[float], header_rows: int) -> Table:
        return self.table_class(rows, colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT")

    def qr_code(self, value: str, size: float) -> PlacedQrCode:
        return PlacedQrCode(value, size, self.qr_codes.append)

    # --- output ------------------------------------------------------------------------

    def render(self, out: Path) -> Printed:
        """Build the document and put it at ``out`` atomically; return what was printed."""
        self.pages = 0
        self.qr_codes = []
        # A document allocates its flowables, cells and pages by the hundred thousand and
        # keeps them to the end: the cycle collector rescanned them for nothing, a tenth of
        # a provincial report's time. What the chair's workbook, written just before the
        # report, left as garbage (a hundred megabytes) is collected first.
        with collector_paused(collect_first=True):
            story = self.story()
            write_atomically(out, lambda target: self._build(target, story))
        return Printed(out, self.pages, tuple(self.qr_codes))

    def _build(self, target: Path, story: list[Flowable]) -> None:
        document = SimpleDocTemplate(
            str(target),
            pagesize=self.pagesize,
            leftMargin=self.margin_left,
            rightMargin=self.margin_right,
            topMargin=self.margin_top,
            bottomMargin=self.margin_bottom,
            title=self.title,
            subject=self.subject,
            author="ExpertScore",
            creator="ExpertScore",
            invariant=1,
            # The CJK font from the start: reportlab's default, Helvetica, would be an
            # unembedded font in every page's resources.
            initialFontName=self.font,
        )
        document.build(story, canvasmaker=self._canvas)

    def _canvas(self, *args: Any, **kwargs: Any) -> PagedCanvas:
        return PagedCanvas(*args, renderer=self, **kwargs)


def write_atomically(out: Path, write: Callable[[Path], object]) -> None:
    """Run ``write`` on a hidden file beside ``out``, flush it to disk, rename it to ``out``
    (what ``write`` returns, such as the byte count of ``Path.write_bytes``, is not used)."""
    folder = out.parent
    if not folder.is_dir():
        raise ReportError(f"{out}: the folder {folder} does not exist").saying(
            "no_folder", path=out, folder=folder
        )
    # Not mkstemp: a file created with open() gets the usual permissions (umask), not 0600.
    temp = folder / f".{out.name}.{secrets.token_hex(6)}.part"
    try:
        temp.open("xb").close()
    except OSError as exc:
        raise ReportError(f"{out}: cannot write: {exc.strerror}").saying(
            "not_written", path=out, why=exc.strerror
        ) from None
    try:
        write(temp)
        with temp.open("rb+") as written:
            os.fsync(written.fileno())
        os.replace(temp, out)
    except OSError as exc:
        raise ReportError(f"{out}: cannot write: {exc.strerror or exc}").saying(
            "not_written", path=out, why=exc.strerror or exc
        ) from None
    finally:
        temp.unlink(missing_ok=True)
