"""The chair's charts (QtCharts): the selected submission's score distribution per
indicator, and the first-level profile of the platforms.

Scores are shown as a percentage of each indicator's maximum, so indicators worth 1 and
worth 10 points share one axis. The charts draw what ``ChairState`` holds; they compute
nothing the aggregation decides.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from ui.chair.state import ChairState

# Distinct, colour-blind-friendly colours (Okabe–Ito, then Tableau), one per expert.
PALETTE = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
    "#D55E00", "#F0E442", "#000000", "#4E79A7", "#F28E2B",
    "#59A14F", "#B07AA1", "#9C755F", "#76B7B2", "#EDC948",
]  # fmt: skip
PANEL_COLOR = QColor("#111827")
MAX_PROFILES = 8  # platforms in the profile chart: the selected one and the best ranked
HUNDRED = Decimal(100)


def colour(index: int) -> QColor:
    return QColor(PALETTE[index % len(PALETTE)])


def _share(points: Decimal, maximum: Decimal) -> float:
    return float(points * HUNDRED / maximum) if maximum else 0.0


def _percent_axis(title: str) -> QValueAxis:
    axis = QValueAxis()
    axis.setRange(0, 100)
    axis.setTickCount(6)
    axis.setLabelFormat("%d%%")
    axis.setTitleText(title)
    return axis


class ChartView(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self._chart = QChart()
        self._chart.setMargins(QMargins(4, 4, 4, 4))
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.setChart(self._chart)

    def fresh_chart(self, title: str) -> QChart:
        """A new chart in place of the old one (series and axes are owned by the chart)."""
        chart = QChart()
        chart.setTitle(title)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        self._chart = chart
        return chart


class DistributionChart(ChartView):
    """One point per expert per indicator (side by side), and the panel score as a line."""

    def show_submission(self, state: ChairState | None, sid: str | None) -> None:
        if state is None or sid is None or sid not in state.result.submissions:
            self.fresh_chart(self.tr("Score distribution"))
            return
        sub = state.result.submissions[sid]
        chart = self.fresh_chart(
            self.tr("Scores of {submission} by indicator (% of the maximum)").format(
                submission=state.submission_label(sid)
            )
        )
        results = list(sub.indicators.values())
        experts = [e for e in state.experts_of(sid) if any(e in r.scores for r in results)]
        x_axis = QCategoryAxis()
        x_axis.setStartValue(-0.5)
        x_axis.setRange(-0.5, max(len(results) - 0.5, 0.5))
        y_axis = _percent_axis(self.tr("% of the maximum"))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        self.series: dict[str, QScatterSeries] = {}
        width = 0.6 / max(len(experts), 1)
        for position, expert in enumerate(experts):
            series = QScatterSeries()
            series.setName(state.expert_label(expert))
            series.setMarkerSize(8)
            series.setColor(colour(position))
            series.setBorderColor(colour(position).darker(130))
            offset = -0.3 + width * (position + 0.5)
            for x, result in enumerate(results):
                points = result.scores.get(expert)
                if points is not None:
                    series.append(QPointF(x + offset, _share(points, result.maximum)))
            series.hovered.connect(
                lambda point, shown, e=expert: self._hovered(state, results, e, point, shown)
            )
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
            self.series[expert] = series
        panel = QLineSeries()
        panel.setName(self.tr("Panel score"))
        panel.setPen(QPen(PANEL_COLOR, 1.5))
        panel.setPointsVisible(True)
        for x, result in enumerate(results):
            if result.panel is not None:
                panel.append(QPointF(x, _share(result.panel, result.maximum)))
        chart.addSeries(panel)
        panel.attachAxis(x_axis)
        panel.attachAxis(y_axis)
        self.panel_series = panel
        self._group_labels(state, results, x_axis)

    def _group_labels(self, state: ChairState, results, axis: QCategoryAxis) -> None:
        """Label each first-level group in the middle of its stretch of indicators."""
        previous = None
        for x, result in enumerate(results):
            group = result.code.split(".")[0]
            if group != previous and previous is not None:
                axis.append(f"{previous} {state.node_name(previous)}", x - 0.5)
            previous = group
        if previous is not None:
            axis.append(f"{previous} {state.node_name(previous)}", len(results) - 0.5)

    def _hovered(self, state: ChairState, results, expert: str, point: QPointF, shown: bool):
        if not shown:
            QToolTip.hideText()
            return
        x = round(point.x())
        if not 0 <= x < len(results):
            return
        result = results[x]
        points = result.scores.get(expert)
        QToolTip.showText(
            QCursor.pos(),
            f"{result.code} {state.node_name(result.code)}\n{state.expert_label(expert)}: "
            f"{points} / {result.maximum}",
            self,
        )


class ProfileChart(ChartView):
    """Each platform's share of the attainable points per first-level indicator."""

    def show_profiles(self, state: ChairState | None, selected: str | None) -> None:
        if state is None or not state.result.ranking:
            self.fresh_chart(self.tr("First-level profile"))
            return
        chart = self.fresh_chart(self.tr("First-level profile (% of the attainable points)"))
        shown = self.platforms_shown(state, selected)
        groups = [node for node in state.scheme.indicators]
        codes = [node.code for node in groups]
        series = QBarSeries()
        self.sets: dict[str, QBarSet] = {}
        for position, sid in enumerate(shown):
            sub = state.result.submissions[sid]
            bars = QBarSet(state.submission_label(sid))
            base = colour(position)
            bars.setColor(base if sid == selected or selected is None else base.lighter(150))
            bars.setBorderColor(QColor("#111827") if sid == selected else base)
            for code in codes:
                maximum = sub.rollup.maxima.get(code, Decimal(0))
                bars.append(_share(sub.rollup.points.get(code, Decimal(0)), maximum))
            series.append(bars)
            self.sets[sid] = bars
        chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append([f"{node.code} {node.name}" for node in groups])
        y_axis = _percent_axis(self.tr("% of the attainable points"))
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)

    @staticmethod
    def platforms_shown(state: ChairState, selected: str | None) -> list[str]:
        """The best ranked platforms, with the selected one always among them."""
        ranking = list(state.result.ranking)
        shown = ranking[:MAX_PROFILES]
        if selected in ranking and selected not in shown:
            shown[-1] = selected
        return shown
