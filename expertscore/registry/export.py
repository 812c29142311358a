"""``registry export``: the registry's views as a workbook, text kept as text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from sqlalchemy import Engine

from expertscore.chair.cells import safe_text
from expertscore.registry.queries import (
    ExpertRecord,
    PanelRow,
    Round,
    expert_records,
    panel_rows,
    platform_history,
)
from expertscore.reports.pdfbase import write_atomically

SHEETS: tuple[tuple[str, type], ...] = (
    ("平台历史", Round),
    ("专家履职", ExpertRecord),
    ("评审组结果文件", PanelRow),
)


def _cell(sheet, value: object) -> Cell:
    cell = WriteOnlyCell(sheet)
    if isinstance(value, bool):
        cell.value = "是" if value else "否"
    elif isinstance(value, Decimal):
        cell.value = value  # openpyxl writes the decimal's own digits
    elif isinstance(value, int) or value is None:
        cell.value = value
    else:
        safe_text(cell, str(value))
    return cell


def write_export(engine: Engine, out: Path) -> Path:
    """One sheet per view (columns named as the records' fields); written atomically."""
    tables: dict[str, Sequence[Any]] = {  # each a list of one dataclass of rows
        "平台历史": platform_history(engine),
        "专家履职": expert_records(engine),
        "评审组结果文件": panel_rows(engine),
    }
    book = Workbook(write_only=True)
    for title, record in SHEETS:
        sheet = book.create_sheet(title)
        sheet.freeze_panes = "A2"
        sheet.append([field.name for field in fields(record)])
        for row in tables[title]:
            sheet.append([_cell(sheet, value) for value in astuple(row)])
    write_atomically(out, lambda temp: book.save(temp))
    return out
