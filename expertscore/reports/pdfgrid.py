"""A ruled table laid out and drawn by the report itself, for its many per-submission tables.

reportlab's ``Table`` resolves a style for every cell from its command list, measures every
cell through generic helpers again on each page it runs onto, and draws every cell through
them once more: in a 200-submission x 30-expert report (1,078 pages, 150,000 cells) that
bookkeeping took more time than the cells themselves. A ``Grid`` takes the same rows, column
widths and commands as ``PdfRenderer.table`` but understands only what the report's large
tables use: one flowable or nothing per cell, fixed column widths, backgrounds, paddings and
vertical alignment by cell, spans within one row, a ruled grid and heading rows repeated on
every page. It computes what ``Table`` computes (the same row heights, page breaks and cell
places, with the same arithmetic), so the pages come out the same.

A row that does not fit even at the top of a page (a very long agreed-score reason) is left
to the ``Table`` of the same rows and commands (``as_table``), which splits inside the row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

# What reportlab's cell style has when no command sets it (``tables.CellStyle``): an empty
# cell is one line of its leading high.
EMPTY_CELL_LEADING = 12.0
TableMaker = Callable[[list[list[Any]], Sequence[float], int], Table]


class GridError(ValueError):
    """A command or a cell a ``Grid`` does not understand (a programming error)."""


@dataclass
class RowLook:
    """How one row is drawn: each cell's paddings and alignment, fills, merged cells."""

    top: list[float]
    bottom: list[float]
    left: list[float]
    right: list[float]
    middle: list[bool]  # centred vertically, else at the top
    fills: list[tuple[int, int, colors.Color]]  # (first column, last column, colour)
    spans: list[tuple[int, int]]  # (first column, last column) drawn as one cell


def _colour(value: Any) -> colors.Color:
    colour = colors.toColor(value)
    if not isinstance(colour, colors.Color):
        raise GridError(f"not a colour: {value!r}")
    return colour


def row_looks(rows: int, columns: int, commands: Sequence[tuple[Any, ...]]) -> list[RowLook]:
    """Each row's look after ``commands`` (a ``TableStyle``'s, applied in order)."""
    looks = [
        RowLook([0.0] * columns, [0.0] * columns, [0.0] * columns, [0.0] * columns,
                [False] * columns, [], [])
        for _ in range(rows)
    ]  # fmt: skip
    paddings = {
        "TOPPADDING": "top",
        "BOTTOMPADDING": "bottom",
        "LEFTPADDING": "left",
        "RIGHTPADDING": "right",
    }
    for name, (sc, sr), (ec, er), *args in commands:
        sc, ec = sc + columns if sc < 0 else sc, ec + columns if ec < 0 else ec
        sr, er = sr + rows if sr < 0 else sr, er + rows if er < 0 else er
        if name in paddings:
            for look in looks[sr : er + 1]:
                getattr(look, paddings[name])[sc : ec + 1] = [float(args[0])] * (ec - sc + 1)
        elif name == "VALIGN":
            if args[0] not in ("TOP", "MIDDLE"):
                raise GridError(f"VALIGN {args[0]}")
            for look in looks[sr : er + 1]:
                look.middle[sc : ec + 1] = [args[0] == "MIDDLE"] * (ec - sc + 1)
        elif name == "BACKGROUND":
            colour = _colour(args[0])
            for look in looks[sr : er + 1]:
                look.fills.append((sc, ec, colour))
        elif name == "SPAN":
            if sr != er:
                raise GridError("SPAN over rows")
            looks[sr].spans.append((sc, ec))
        elif name == "GRID":
            if (sc, sr, ec, er) != (0, 0, columns - 1, rows - 1):
                raise GridError("GRID of part of the table")
        elif name != "FONTNAME":  # the font of text cells; a grid's cells are flowables
            raise GridError(f"table command {name}")
    return looks


def table_commands(looks: Sequence[RowLook], rule: tuple[float, colors.Color], font: str) -> list:
    """The ``TableStyle`` commands that give a table the rows' ``looks`` (``as_table``)."""
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), *rule),
    ]
    for row, look in enumerate(looks):
        for column in range(len(look.top)):
            at = (column, row)
            commands += [
                ("TOPPADDING", at, at, look.top[column]),
                ("BOTTOMPADDING", at, at, look.bottom[column]),
                ("LEFTPADDING", at, at, look.left[column]),
                ("RIGHTPADDING", at, at, look.right[column]),
                ("VALIGN", at, at, "MIDDLE" if look.middle[column] else "TOP"),
            ]
        commands += [("BACKGROUND", (sc, row), (ec, row), c) for sc, ec, c in look.fills]
        commands += [("SPAN", (sc, row), (ec, row)) for sc, ec in look.spans]
    return commands


class Grid(Flowable):
    """A ruled table of flowable cells (``""`` for none), laid out as ``Table`` lays it out.

    ``commands`` are ``TableStyle`` commands: FONTNAME, GRID (the whole table), paddings,
    VALIGN TOP or MIDDLE, BACKGROUND and SPAN within a row, in any order. ``make_table``
    makes the ``Table`` a row too tall for a page is left to.
    """

    def __init__(
        self,
        rows: Sequence[Sequence[Any]],
        widths: Sequence[float],
        commands: Sequence[tuple[Any, ...]],
        header_rows: int,
        make_table: TableMaker,
        in_row_from: float,
        *,
        looks: list[RowLook] | None = None,
        heights: list[float] | None = None,
    ) -> None:
        super().__init__()
        self.rows = [list(row) for row in rows]
        for row in self.rows:
            if len(row) != len(widths):
                raise GridError("a row of another length")
            for cell in row:
                if cell != "" and not isinstance(cell, Flowable):
                    raise GridError(f"cell {cell!r}")
        self.widths = list(widths)
        self.header_rows = header_rows
        self.make_table = make_table
        self.in_row_from = in_row_from
        self.hAlign = "LEFT"
        grid = [c for c in commands if c[0] == "GRID"]
        self.rule: tuple[float, colors.Color] = (
            (float(grid[-1][3]), _colour(grid[-1][4])) if grid else (0.0, colors.black)
        )
        self.font = next((c[3] for c in reversed(commands) if c[0] == "FONTNAME"), "Helvetica")
        self.looks = looks if looks is not None else row_looks(len(rows), len(widths), commands)
        self.heights = heights
        self.columns = [0.0]  # as ``Table._calc_width`` adds them up
        for width in self.widths:
            self.columns.append(self.columns[-1] + width)
        self.width = self.columns[-1]
        self.height = 0.0

    # --- layout --------------------------------------------------------------------------

    def _measure(self, canvas: Canvas | None) -> list[float]:
        """Each row's height as ``Table._calc_height`` finds it."""
        heights = []
        for row, look in zip(self.rows, self.looks, strict=True):
            spans = {sc: ec for sc, ec in look.spans}
            hidden = {c for sc, ec in look.spans for c in range(sc + 1, ec + 1)}
            tallest = 0.0
            for column, cell in enumerate(row):
                if column in hidden:
                    continue
                width = self.widths[column]
                if column in spans:
                    width = max(self.columns[spans[column] + 1] - self.columns[column], width)
                if cell == "":
                    height = EMPTY_CELL_LEADING
                else:
                    room = width - look.left[column] - look.right[column]
                    inner = 72000 - look.top[column] - look.bottom[column]
                    height = cell.wrapOn(canvas, room, inner)[1]
                height += look.bottom[column] + look.top[column]
                tallest = max(tallest, height)
            heights.append(tallest)
        return heights

    def _positions(self) -> list[float]:
        """Each row's top from the table's foot, summed as ``Table._calc_height`` sums."""
        heights = self.heights or []
        tops: list[float] = []
        height = carry = 0.0
        for index in range(len(heights) - 1, -1, -1):
            tops.append(height)
            step = heights[index] - carry
            total = height + step
            carry = (total - height) - step
            height = total
        tops.append(height)
        tops.reverse()
        return tops

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self.heights is None:
            self.heights = self._measure(getattr(self, "canv", None))
        self.height = self._positions()[0]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Between rows where they fit, the heading rows repeated (``Table._splitRows``);
        a first row taller than the page is the ``Table``'s to split (``SplittingTable``)."""
        self.wrap(availWidth, availHeight)
        heights = self.heights or []
        used, fit = 0.0, 0
        for height in heights:
            if used + height > availHeight:
                break
            used += height
            fit += 1
        if fit <= self.header_rows:
            if availHeight < self.in_row_from:
                return []
            table = self.as_table()
            table.canv = getattr(self, "canv", None)
            try:
                return table.split(availWidth, availHeight)
            finally:
                del table.canv
        if fit == len(heights):
            return [self]
        head = self.header_rows
        return [
            self._part(range(fit)),
            self._part([*range(head), *range(fit, len(self.rows))]),
        ]

    def _part(self, indexes: Sequence[int]) -> Grid:
        heights = self.heights or []
        part = Grid(
            [self.rows[i] for i in indexes],
            self.widths,
            (),
            self.header_rows,
            self.make_table,
            self.in_row_from,
            looks=[self.looks[i] for i in indexes],
            heights=[heights[i] for i in indexes],
        )
        part.rule, part.font = self.rule, self.font
        return part

    def as_table(self) -> Table:
        """The ``Table`` of the same rows and look."""
        table = self.make_table(self.rows, self.widths, self.header_rows)
        table.setStyle(TableStyle(table_commands(self.looks, self.rule, self.font)))
        return table

    # --- drawing -------------------------------------------------------------------------

    def draw(self) -> None:
        """Backgrounds, cells, then the rules, as ``Table.draw`` orders them."""
        canvas = self.canv
        code = canvas._code
        tops = self._positions()
        heights = self.heights or []
        columns = self.columns
        code.append("q")
        for index, look in enumerate(self.looks):
            for sc, ec, colour in look.fills:
                x0, y0 = columns[sc], tops[index + 1]
                fill = fp_str(colour.red, colour.green, colour.blue)
                box = fp_str(x0, y0, columns[ec + 1] - x0, tops[index] - y0)
                code.append(f"{fill} rg\nn {box} re f*")
        for index, (row, look) in enumerate(zip(self.rows, self.looks, strict=True)):
            bottom, height = tops[index + 1], heights[index]
            hidden = {c for sc, ec in look.spans for c in range(sc + 1, ec + 1)}
            spans = {sc: ec for sc, ec in look.spans}
            for column, cell in enumerate(row):
                if cell == "" or column in hidden:
                    continue
                width = self.widths[column]
                if column in spans:
                    width = columns[spans[column] + 1] - columns[column]
                top_pad, bottom_pad = look.top[column], look.bottom[column]
                room = width - look.left[column] - look.right[column]
                h = cell.wrapOn(canvas, room, height - top_pad - bottom_pad)[1]
                if look.middle[column]:
                    y = bottom + (height + bottom_pad - top_pad + h) / 2.0
                else:
                    y = bottom + height - top_pad
                cell.drawOn(canvas, columns[column] + look.left[column], y - h)
        self._draw_rules(code, tops)
        code.append("Q")

    def _draw_rules(self, code: list[str], tops: list[float]) -> None:
        weight, colour = self.rule
        if not weight:
            return
        columns = self.columns
        segments = [f"n {fp_str(0, top)} m {fp_str(self.width, top)} l" for top in tops]
        for column in range(len(columns)):
            x = columns[column]
            inner = 0 < column < len(columns) - 1
            run_top = None  # the top of the run of rows this rule goes down
            for index in range(len(self.rows)):
                cut = inner and any(sc < column <= ec for sc, ec in self.looks[index].spans)
                if cut:
                    if run_top is not None:
                        segments.append(f"n {fp_str(x, run_top)} m {fp_str(x, tops[index])} l")
                    run_top = None
                elif run_top is None:
                    run_top = tops[index]
            if run_top is not None:
                segments.append(f"n {fp_str(x, run_top)} m {fp_str(x, tops[-1])} l")
        stroke = fp_str(colour.red, colour.green, colour.blue)
        code.append(f"{stroke} RG\n{fp_str(weight)} w\n1 J\n" + " S\n".join(segments) + " S")
