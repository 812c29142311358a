"""The report's page on the panel itself (专家组一致性与评分宽严), advice to the chair.

The same tables as the chair window's tab and the workbook's sheet
(``chair.panel_advice.advice_tables``), after the decisions and gaps, on its own page and
marked as advice: the official totals and ranking are those of the ranking section.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from expertscore.chair.panel_advice import ADVICE_NOTE, TITLE, Advice, advice_tables
from expertscore.reports.pdfbase import SectionStart

if TYPE_CHECKING:
    from expertscore.reports.pdfbase import PdfRenderer

# Column widths (fractions of the frame) by the table's number of columns.
WIDTHS = {
    2: (0.22, 0.78),
    5: (0.40, 0.15, 0.15, 0.12, 0.18),
    7: (0.08, 0.11, 0.11, 0.16, 0.09, 0.15, 0.30),
    9: (0.08, 0.08, 0.09, 0.09, 0.10, 0.09, 0.11, 0.10, 0.26),
}


def advice_page(r: PdfRenderer, advice: Advice) -> list[Flowable]:
    story: list[Flowable] = [
        PageBreak(),
        SectionStart("advice", "专家组一致性（供参考）"),
        r.para(TITLE, "section"),
        r.para(ADVICE_NOTE, "small"),
        Spacer(1, 2 * mm),
    ]
    for table in advice_tables(advice):
        rows: list[list[object]] = [[r.para(h, "cell-head") for h in table.header]]
        rows += [[r.para(value) for value in row] for row in table.rows]
        story += [r.para(table.title, "heading"), r.table(rows, WIDTHS[len(table.header)])]
        story.append(Spacer(1, 3 * mm))
    return story
