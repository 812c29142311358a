"""Charts of the panel report, drawn with reportlab's graphics in the embedded CJK font.

* ``profile_chart``: a submission's share attained on each first-level indicator, as a
  radar (three axes or more) or as bars (one or two), against the batch average;
* ``ScoreStrip``: one indicator's expert scores on a 0–maximum line, with the panel score,
  sized to sit in a table cell; each expert keeps a colour and a lane in every strip;
* ``totals_chart``: every submission's expert totals and panel total as shares of the
  attainable points, with the grade thresholds of its scale.

Every label is a ``String`` in the registered CJK font: reportlab's default Helvetica has
no Chinese glyphs and would print empty boxes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pdfgeom import bezierArc
from reportlab.platypus import Flowable

from expertscore.chair.aggregate import IndicatorResult, quantize
from expertscore.chair.report.data import Axis
from expertscore.reports.pdfbase import ALERT, INK, MUTED, RULE, fit_text
from expertscore.schemes.model import Aggregation
from expertscore.schemes.rules import fmt

# Okabe–Ito colours (told apart with the common colour-vision deficiencies), then neutrals.
PALETTE = tuple(
    colors.HexColor(code)
    for code in (
        "#0072B2",
        "#E69F00",
        "#009E73",
        "#CC79A7",
        "#D55E00",
        "#56B4E9",
        "#8C6D31",
        "#7F7F7F",
    )
)
PLATFORM_FILL = colors.HexColor("#cfe0f1")
PLATFORM_LINE = colors.HexColor("#0b5394")
GRID = colors.HexColor("#c3cbd6")
TRACK = colors.HexColor("#e3e8ee")


def canvas_for(width: float, height: float, font: str) -> Drawing:
    """A drawing whose starting font is the CJK font: reportlab would otherwise set
    Helvetica first, leaving an unembedded font in the PDF even if no text uses it."""
    drawing = Drawing(width, height)
    drawing.initialFontName = font
    return drawing


def expert_colours(experts: Sequence[str]) -> dict[str, colors.Color]:
    return {expert: PALETTE[index % len(PALETTE)] for index, expert in enumerate(experts)}


def share(axis_percent: Decimal) -> float:
    """A share in percent as a 0..1 float for drawing, clipped to the chart."""
    return max(0.0, min(1.0, float(axis_percent) / 100))


def percent_label(value: Decimal) -> str:
    return fmt(value.quantize(Decimal("0.1"))) + "%"


def wrap_label(text: str, per_line: int) -> list[str]:
    """A short Chinese name in lines of at most ``per_line`` characters, balanced."""
    if len(text) <= per_line:
        return [text]
    lines = math.ceil(len(text) / per_line)
    size = math.ceil(len(text) / lines)
    return [text[i : i + size] for i in range(0, len(text), size)]


# --- profile ------------------------------------------------------------------------------


def profile_chart(
    axes: Sequence[Axis],
    averages: Mapping[str, Decimal | None],
    font: str,
    width: float,
    height: float,
) -> Drawing:
    if len(axes) >= 3:
        return radar(axes, averages, font, width, height)
    return profile_bars(axes, averages, font, width)


def _ring(cx: float, cy: float, radius: float, angles: Sequence[float]) -> list[float]:
    points: list[float] = []
    for angle in angles:
        points += [cx + radius * math.cos(angle), cy + radius * math.sin(angle)]
    return points


def _axis_label(
    drawing: Drawing, lines: list[str], x: float, y: float, angle: float, font: str
) -> None:
    """Lines of a spoke's label placed outside its end, anchored away from the centre."""
    dx, dy = math.cos(angle), math.sin(angle)
    anchor = "start" if dx > 0.3 else "end" if dx < -0.3 else "middle"
    leading = 10.0
    block = leading * len(lines)
    if dy > 0.3:  # above the centre: the block's bottom line sits just outside the spoke
        top = y + 4 + block - 2
    elif dy < -0.3:
        top = y - 4 - 7
    else:
        top = y + block / 2 - 7
    for index, line in enumerate(lines):
        last = index == len(lines) - 1
        drawing.add(
            String(
                x + 4 * dx,
                top - index * leading,
                line,
                fontName=font,
                fontSize=8 if not last else 7.5,
                fillColor=INK if not last else PLATFORM_LINE,
                textAnchor=anchor,
            )
        )


def radar(
    axes: Sequence[Axis],
    averages: Mapping[str, Decimal | None],
    font: str,
    width: float,
    height: float,
) -> Drawing:
    """A spider chart of the shares, 0% in the centre and 100% on the outer ring."""
    drawing = canvas_for(width, height, font)
    count = len(axes)
    # Room outside the outer ring for the labels: three lines above the top spoke, three
    # below the bottom one, about 58 points of text beside the side spokes.
    cx, cy = width / 2, height / 2 - 3
    radius = min(width / 2 - 58, height / 2 - 38)
    angles = [math.pi / 2 - 2 * math.pi * i / count for i in range(count)]
    values = [share(axis.percent) for axis in axes]
    shape = [c for a, v in zip(angles, values, strict=True) for c in _ring(cx, cy, radius * v, [a])]
    drawing.add(Polygon(shape, fillColor=PLATFORM_FILL, strokeColor=None, strokeWidth=0))
    for step in (0.2, 0.4, 0.6, 0.8, 1.0):
        ring = _ring(cx, cy, radius * step, angles)
        drawing.add(Polygon(ring, fillColor=None, strokeColor=GRID, strokeWidth=0.4))
    for step in (0.5, 1.0):
        drawing.add(
            String(
                cx + 2,
                cy + radius * step + 1.5,
                f"{int(step * 100)}%",
                fontName=font,
                fontSize=6,
                fillColor=MUTED,
            )
        )
    for angle in angles:
        end = _ring(cx, cy, radius, [angle])
        drawing.add(Line(cx, cy, *end, strokeColor=GRID, strokeWidth=0.4))
    average = [averages.get(axis.code) for axis in axes]
    if all(value is not None for value in average):
        ring = [
            c
            for a, v in zip(angles, average, strict=True)
            for c in _ring(cx, cy, radius * share(v or Decimal(0)), [a])
        ]
        drawing.add(
            Polygon(
                ring, fillColor=None, strokeColor=MUTED, strokeWidth=0.9, strokeDashArray=[3, 2]
            )
        )
    drawing.add(Polygon(shape, fillColor=None, strokeColor=PLATFORM_LINE, strokeWidth=1.4))
    for angle, value, axis in zip(angles, values, axes, strict=True):
        x, y = _ring(cx, cy, radius * value, [angle])
        drawing.add(Circle(x, y, 1.8, fillColor=PLATFORM_LINE, strokeColor=None))
        lx, ly = _ring(cx, cy, radius, [angle])
        lines = [*wrap_label(axis.name, 6), percent_label(axis.percent)]
        _axis_label(drawing, lines, lx, ly, angle, font)
    return drawing


def profile_bars(
    axes: Sequence[Axis], averages: Mapping[str, Decimal | None], font: str, width: float
) -> Drawing:
    """The shares as horizontal bars, for a submission with fewer than three axes."""
    row, label_room, value_room = 26.0, 78.0, 40.0
    height = row * len(axes) + 16
    drawing = canvas_for(width, height, font)
    track = width - label_room - value_room
    for index, axis in enumerate(axes):
        y = height - (index + 1) * row
        for line_no, line in enumerate(wrap_label(axis.name, 6)[:2]):
            drawing.add(
                String(
                    label_room - 6,
                    y + 12 - line_no * 9,
                    line,
                    fontName=font,
                    fontSize=8,
                    fillColor=INK,
                    textAnchor="end",
                )
            )
        drawing.add(Rect(label_room, y + 4, track, 12, fillColor=TRACK, strokeColor=None))
        filled = track * share(axis.percent)
        drawing.add(Rect(label_room, y + 4, filled, 12, fillColor=PLATFORM_LINE, strokeColor=None))
        average = averages.get(axis.code)
        if average is not None:
            x = label_room + track * share(average)
            drawing.add(
                Line(x, y + 1, x, y + 19, strokeColor=INK, strokeWidth=1, strokeDashArray=[2, 1.5])
            )
        drawing.add(
            String(
                label_room + track + 4,
                y + 7,
                percent_label(axis.percent),
                fontName=font,
                fontSize=8,
                fillColor=INK,
            )
        )
    for step in (0, 50, 100):
        x = label_room + track * step / 100
        drawing.add(
            String(
                x, 2, f"{step}%", fontName=font, fontSize=6.5, fillColor=MUTED, textAnchor="middle"
            )
        )
    return drawing


# --- one indicator's scores ----------------------------------------------------------------


@dataclass(frozen=True)
class DotPaint:
    """An expert's dot colours as operators (filled when kept, hollow when trimmed) and lane."""

    kept: str
    trimmed: str
    offset: float


@dataclass(frozen=True)
class Lanes:
    """Each expert's colour and vertical place, the same in every strip of the report."""

    colours: Mapping[str, colors.Color]
    order: Sequence[str]
    # span -> expert -> paint: worked out once per report, not for each of its dots
    _paints: dict[float, dict[str, DotPaint]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def paint(self, expert: str, span: float) -> DotPaint:
        colour = self.colours.get(expert, MUTED)
        stroke = stroke_colour(colour)
        return DotPaint(
            f"{stroke}\n{fill_colour(colour)}",
            f"{stroke}\n{fill_colour(colors.white)}",
            self.offset(expert, span),
        )

    def paints(self, span: float) -> dict[str, DotPaint]:
        """The paint of each expert of the panel for dots spread over ``span`` points."""
        known = self._paints.get(span)
        if known is None:
            known = self._paints[span] = {e: self.paint(e, span) for e in self.order}
        return known

    def offset(self, expert: str, span: float) -> float:
        count = len(self.order)
        if count < 2 or expert not in self.order:
            return 0.0
        return (self.order.index(expert) / (count - 1) - 0.5) * span


def label(
    x: float, y: float, text: str, font: str, size: float, colour=INK, anchor: str = "start"
) -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)


@dataclass(frozen=True)
class Scale:
    """Values from 0 to ``limit`` placed between ``left`` and ``right``, clipped."""

    left: float
    right: float
    limit: Decimal

    def x(self, value: Decimal) -> float:
        share = float(value / self.limit) if self.limit else 0.0
        return self.left + (self.right - self.left) * max(0.0, min(1.0, share))


# A score's dot: a circle of radius 1.55 around (0, 0) as Bézier curves, computed once
# (reportlab would compute the arcs again for each of a large report's 100,000 dots).
DOT = tuple(bezierArc(-1.55, -1.55, 1.55, 1.55, 0, 360))
# The dot as PDF path operators, stroked and filled under the canvas's fill rule (even-odd;
# one circle either way).
DOT_PATH = " ".join(
    [
        f"n {fp_str(*DOT[0][:2])} m",
        *(f"{fp_str(*curve[2:])} c" for curve in DOT),
        "h\nB*",
    ]
)


class ScoreStrip(Flowable):
    """The experts' scores of one indicator between 0 and its maximum, sized for a cell.

    Filled dots are the scores the panel score was made of, hollow ones were trimmed; the
    black bar is the panel score; an agreed score is a red diamond, with the computed score
    left as a grey bar. Drawn straight on the canvas rather than as a ``Drawing``: a
    500-submission report holds twenty thousand strips, and reportlab's shape tree costs
    several times the drawing itself.
    """

    def __init__(
        self,
        indicator: IndicatorResult,
        lanes: Lanes,
        policy: Aggregation,
        size: tuple[float, float],
    ) -> None:
        super().__init__()
        self.indicator, self.lanes, self.policy = indicator, lanes, policy
        self.width, self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """The strip as one piece of PDF operators, the same ones ``Flowable.drawOn`` and
        the canvas's drawing calls write (save, move to the cell, draw, restore): a
        200-submission report has 8,600 strips of 60,000 dots, and the canvas's calls
        were a fifth of its time. A strip with an agreed score (rare) is drawn by them."""
        if self.indicator.override is not None:
            super().drawOn(canvas, x, y, _sW)
            return
        x = self._hAlignAdjust(x, _sW)
        canvas.addLiteral("\n".join(["q", f"{fp_str(1, 0, 0, 1, x, y)} cm", *self.ops(), "Q"]))

    def draw(self) -> None:
        indicator, canvas, mid = self.indicator, self.canv, self.height / 2
        canvas.addLiteral("\n".join(self.ops()))
        if indicator.override is not None and indicator.maximum > 0:
            scale = Scale(4.0, self.width - 4.0, indicator.maximum)
            x, r = scale.x(indicator.override.points), 3.0
            path = canvas.beginPath()
            path.moveTo(x, mid - r)
            for px, py in ((x + r, mid), (x, mid + r), (x - r, mid)):
                path.lineTo(px, py)
            path.close()
            canvas.setFillColor(ALERT)
            canvas.setStrokeColor(colors.white)
            canvas.setLineWidth(0.4)
            canvas.drawPath(path, stroke=1, fill=1)

    def ops(self) -> list[str]:
        """Axis, range, panel score and dots (not the agreed score's diamond), as the
        canvas's ``line``, ``rect``, ``set...Color`` and path calls would write them."""
        indicator, height = self.indicator, self.height
        if indicator.maximum <= 0:
            return []
        scale = Scale(4.0, self.width - 4.0, indicator.maximum)
        mid = height / 2
        ops = [
            f"{fp_str(0.5)} w",
            stroke_colour(RULE),
            line_op(scale.left, mid, scale.right, mid),
            *(line_op(end, mid - 2, end, mid + 2) for end in (scale.left, scale.right)),
        ]
        values = list(indicator.scores.values())
        if values:
            low, high = scale.x(min(values)), scale.x(max(values))
            ops.append(fill_colour(TRACK))
            # A rectangle filled under the canvas's fill rule (even-odd), as ``rect`` writes.
            ops.append(f"n {fp_str(low - 0.5, mid - 3.6, high - low + 1, 7.2)} re f*")
        if indicator.override is not None and indicator.exact is not None:
            computed = quantize(indicator.exact, self.policy)
            ops += self._bar(scale.x(computed), 1, MUTED, 1.2)
        elif indicator.panel is not None:
            ops += self._bar(scale.x(indicator.panel), 0.5, INK, 1.3)
        ops += self._dots(scale, mid)
        return ops

    def _bar(self, x: float, inset: float, colour: colors.Color, width: float) -> list[str]:
        return [
            stroke_colour(colour),
            f"{fp_str(width)} w",
            line_op(x, inset, x, self.height - inset),
        ]

    def _dots(self, scale: Scale, mid: float) -> list[str]:
        lanes, indicator = self.lanes, self.indicator
        span = min(self.height - 4, 1.7 * max(len(lanes.order) - 1, 1))
        paints = lanes.paints(span)
        kept = indicator.kept
        # ``Scale.x`` in floats: a 200 x 30 report places a quarter of a million dots.
        left, limit = scale.left, float(indicator.maximum)
        room = scale.right - left
        ops = [f"{fp_str(0.7)} w"]
        for expert, value in indicator.scores.items():
            paint = paints.get(expert) or lanes.paint(expert, span)
            x = left + room * max(0.0, min(1.0, float(value) / limit))
            ops.append(paint.kept if expert in kept else paint.trimmed)
            # The one dot path, moved into place: one number pair to write, not fourteen.
            ops.append(f"q\n1 0 0 1 {fp_str(x, mid + paint.offset)} cm\n{DOT_PATH}\nQ")
        return ops


def line_op(x1: float, y1: float, x2: float, y2: float) -> str:
    return f"n {fp_str(x1, y1)} m {fp_str(x2, y2)} l S"


@cache
def stroke_colour(colour: colors.Color) -> str:
    return f"{fp_str(colour.red, colour.green, colour.blue)} RG"


@cache
def fill_colour(colour: colors.Color) -> str:
    return f"{fp_str(colour.red, colour.green, colour.blue)} rg"


# --- the batch's totals --------------------------------------------------------------------


@dataclass(frozen=True)
class TotalsRow:
    label: str
    expert_shares: Mapping[str, Decimal]  # expert -> total as a share of the attainable base
    panel_share: Decimal | None
    value: str  # the panel total as printed
    thresholds: Sequence[tuple[str, Decimal]]  # (level name, minimum share)
    fragile: bool


ROW_HEIGHT, LABEL_ROOM, VALUE_ROOM, AXIS_ROOM, TOP_ROOM = 24.0, 150.0, 58.0, 16.0, 12.0
BAND = colors.HexColor("#f5f7fa")


def totals_rows_per_chart(height: float) -> int:
    """How many rows a totals chart of at most ``height`` points holds (at least one)."""
    return max(1, int((height - TOP_ROOM - AXIS_ROOM) // ROW_HEIGHT))


def totals_charts(
    rows: Sequence[TotalsRow], lanes: Lanes, font: str, width: float, per_chart: int
) -> list[Drawing]:
    """The totals chart cut into parts of ``per_chart`` rows, one per page for a large batch.

    Every part has the same axis (0 to the largest share of the whole batch) and the same
    threshold marks, so parts on consecutive pages read as one chart.
    """
    shares = [v for row in rows for v in row.expert_shares.values()]
    shares += [row.panel_share for row in rows if row.panel_share is not None]
    limit = Decimal(math.ceil(float(max([Decimal(100), *shares])) / 10) * 10)
    shared = len({tuple(row.thresholds) for row in rows}) == 1
    return [
        totals_chart(rows[start : start + per_chart], lanes, font, width, limit, shared)
        for start in range(0, max(len(rows), 1), per_chart)
    ]


def totals_chart(
    rows: Sequence[TotalsRow],
    lanes: Lanes,
    font: str,
    width: float,
    limit: Decimal,
    shared: bool,
) -> Drawing:
    """Each submission on a row: expert totals (dots), panel total (bar), grade thresholds.

    The axis runs from 0 to ``limit`` percent (past 100% when a bonus takes a share past
    it). The threshold names are printed once above the chart when every row of the batch
    has the same scale (``shared``), else beside each row's lines.
    """
    height = TOP_ROOM + ROW_HEIGHT * len(rows) + AXIS_ROOM
    drawing = canvas_for(width, height, font)
    scale = Scale(LABEL_ROOM, width - VALUE_ROOM, limit)
    for index, row in enumerate(rows):
        y0 = height - TOP_ROOM - (index + 1) * ROW_HEIGHT
        if index % 2 == 0:
            drawing.add(Rect(0, y0, width, ROW_HEIGHT, fillColor=BAND, strokeColor=None))
        _totals_row(drawing, row, y0, scale, lanes, font, named=not shared)
    if shared and rows:
        for name, minimum in rows[0].thresholds:
            drawing.add(
                label(scale.x(minimum), height - TOP_ROOM + 3, name, font, 7, ALERT, "middle")
            )
    step = 10 if limit <= 100 else 20
    for tick in range(0, int(limit) + 1, step):
        x = scale.x(Decimal(tick))
        drawing.add(Line(x, AXIS_ROOM - 2, x, AXIS_ROOM + 1, strokeColor=MUTED, strokeWidth=0.5))
        drawing.add(label(x, 4, f"{tick}%", font, 6.5, MUTED, "middle"))
    axis = Line(
        scale.left, AXIS_ROOM + 1, scale.right, AXIS_ROOM + 1, strokeColor=MUTED, strokeWidth=0.5
    )
    drawing.add(axis)
    return drawing


def _totals_row(
    drawing: Drawing, row: TotalsRow, y0: float, scale: Scale, lanes: Lanes, font: str, named: bool
) -> None:
    mid = y0 + ROW_HEIGHT / 2
    drawing.add(label(2, mid - 3, fit_text(row.label, font, 8.5, LABEL_ROOM - 8), font, 8.5))
    for name, minimum in row.thresholds:
        x = scale.x(minimum)
        drawing.add(
            Line(
                x,
                y0 + 2,
                x,
                y0 + ROW_HEIGHT - 2,
                strokeColor=ALERT,
                strokeWidth=0.6,
                strokeDashArray=[2, 2],
            )
        )
        if named:
            drawing.add(label(x + 1.5, y0 + ROW_HEIGHT - 7, name, font, 5.5, ALERT))
    drawing.add(Line(scale.left, mid, scale.right, mid, strokeColor=RULE, strokeWidth=0.4))
    if row.panel_share is not None:
        x = scale.x(row.panel_share)
        drawing.add(Line(x, y0 + 3, x, y0 + ROW_HEIGHT - 3, strokeColor=INK, strokeWidth=1.6))
    for expert, value in row.expert_shares.items():
        colour = lanes.colours.get(expert, MUTED)
        y = mid + lanes.offset(expert, 10)
        drawing.add(
            Circle(
                scale.x(value), y, 2.2, fillColor=colour, strokeColor=colors.white, strokeWidth=0.4
            )
        )
    text = row.value + (" ※" if row.fragile else "")
    colour = ALERT if row.fragile else INK
    drawing.add(label(drawing.width - 2, mid - 3, text, font, 8.5, colour, "end"))
