"""The panel's PDF report: results, charts, divergences, decisions, audit and signatures.

``write_report`` prints what the chair's aggregation decided, in this order:

1. cover: batch, scheme, organizer, date, the panel with key fingerprints and result file
   digests, the aggregation policy in words, grade thresholds and organizer-set values;
2. the ranking, with a chart of every submission's expert totals against the thresholds;
3. per submission (from a new page): totals, grade and robustness, the profile across the
   first-level indicators (radar), the experts' totals with explanations needed, and
   every indicator's panel score beside the spread of the experts' scores;
4. divergences, explanations, agreed scores with reasons, second-round requests and
   leave-one-out robustness, batch-wide; then the gaps (missing results, unscored items);
5. the audit log (merges with file digests, the chair's decisions);
6. the signature page for every panel member and the chair.

Numbers are the core's ``Decimal``s written with ``fmt``, so the report shows exactly the
totals the results hold. Built on ``PdfRenderer`` (embedded WenQuanYi Micro Hei, atomic
write, "第 x 页 / 共 y 页"). Runs on the calling thread; nothing is shared between calls.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from expertscore.chair.panel_outcome import PanelOutcome
from expertscore.chair.report.charts import Lanes, expert_colours
from expertscore.chair.report.data import ReportData
from expertscore.chair.report.sections import (
    audit_appendix,
    cover,
    decisions_section,
    gaps_section,
    ranking_section,
    signature_page,
)
from expertscore.chair.report.submission import submission_pages
from expertscore.reports.panel_quality_page import advice_page
from expertscore.reports.pdfbase import MUTED, RULE, PageInfo, fit_text
from expertscore.reports.sheet_base import SheetRenderer

REPORT_HEADING = "专家评审结果报告"


class ReportRenderer(SheetRenderer):
    """The report as one document numbered throughout; the sheet renderer's table helpers."""

    heading = REPORT_HEADING
    footer_note = "ExpertScore"

    def __init__(self, data: ReportData) -> None:
        self.data = data
        super().__init__(data.scheme, data.package.manifest.batch)
        self.lanes = Lanes(expert_colours(data.scoring_experts), data.scoring_experts)

    def stylesheet(self) -> dict[str, ParagraphStyle]:
        styles = super().stylesheet()
        styles["cover-title"] = ParagraphStyle(
            "cover-title", parent=styles["title"], fontSize=20, leading=28, spaceAfter=4
        )
        styles["section"] = ParagraphStyle(
            "section", parent=styles["title"], fontSize=14, leading=19, spaceAfter=4
        )
        styles["bold"] = ParagraphStyle("bold", parent=styles["cell"], fontSize=9)
        styles["big-left"] = ParagraphStyle(
            "big-left", parent=styles["cell"], fontSize=13, leading=17
        )
        return styles

    def expert_mark(self, expert: str) -> str:
        """A dot in the expert's chart colour, as paragraph markup."""
        colour = self.lanes.colours.get(expert)
        if colour is None:
            return ""
        return f'<font color="{colour.hexval().replace("0x", "#")}">●</font> '

    def story(self) -> list[Flowable]:
        data = self.data
        story: list[Flowable] = [*cover(self, data), *ranking_section(self, data)]
        for sub in data.ranked():
            story += submission_pages(self, data, sub)
        story += decisions_section(self, data)
        story += gaps_section(self, data)
        if data.advice is not None:
            story += advice_page(self, data.advice)
        story += audit_appendix(self, data)
        story += signature_page(self, data)
        return story

    def decorate_page(self, canvas: Canvas, page: PageInfo) -> None:
        width, height = self.pagesize
        left, right = self.margin_left, width - self.margin_right
        half = (right - left) / 2 - 6
        top = height - self.margin_top + 6 * mm
        bottom = self.margin_bottom - 7 * mm
        batch = self.batch
        canvas.saveState()
        canvas.setFont(self.font, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, top, fit_text(f"{batch.id}  {batch.title}", self.font, 8, half))
        canvas.drawRightString(right, top, REPORT_HEADING)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, top - 2.5 * mm, right, top - 2.5 * mm)
        canvas.line(left, bottom + 4 * mm, right, bottom + 4 * mm)
        footer = page.section or f"{self.scheme.title}  版本 {self.scheme.version}"
        canvas.drawString(left, bottom, fit_text(footer, self.font, 8, half + 40))
        canvas.setFont(self.font, 9)
        canvas.setFillColor(colors.black)
        canvas.drawRightString(right, bottom, f"第 {page.overall} 页 / 共 {page.total} 页")
        canvas.restoreState()


def write_report(
    out: Path, outcome: PanelOutcome, *, generated: datetime | None = None, advice: bool = True
) -> Path:
    """Write the panel report of ``outcome`` to ``out`` (atomically) and return ``out``.

    The outcome's ``fragile`` notes are printed as they are. ``generated`` is the date
    printed on the cover (default: now), fixed by tests for identical bytes; ``advice``:
    with the page of the chair's advice on the panel.
    Raises ``ReportError`` when the file cannot be written.
    """
    data = ReportData(
        outcome=outcome,
        generated=generated or datetime.now().astimezone(),
        advice=outcome.advice if advice else None,
    )
    return ReportRenderer(data).render(out).path
