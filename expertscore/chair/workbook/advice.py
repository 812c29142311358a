"""The results workbook's advice sheet (专家组一致性): the chair's advice on the panel.

The same tables as the chair window's tab and the report's page (``panel_advice``), one
under the other with their titles; a cell that is a plain decimal (a figure, a total, a
rank) is a number cell with its digits, the rest text. Advice only: the official totals
and ranking are on 排名汇总.
"""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl.worksheet.worksheet import Worksheet

from expertscore.chair.cells import BOLD, SheetWriter
from expertscore.chair.panel_advice import ADVICE_NOTE, TITLE, Advice, advice_tables

ADVICE_SHEET = "专家组一致性"
NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def _cell(text: str) -> str | Decimal:
    return Decimal(text) if NUMBER.fullmatch(text) else text


def advice_sheet(sheet: Worksheet, advice: Advice) -> None:
    sheet.title = ADVICE_SHEET
    writer = SheetWriter(sheet, wide=60)
    writer.text(1, 1, TITLE, BOLD, fit=False)
    writer.text(2, 1, ADVICE_NOTE, fit=False)
    writer.row = 2
    for table in advice_tables(advice):
        writer.skip()
        writer.append([f"【{table.title}】"], BOLD)
        writer.header(table.header)
        for row in table.rows:
            writer.append([_cell(value) for value in row])
    writer.fit_columns()
