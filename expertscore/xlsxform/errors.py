"""The one error of the Excel form reader: what went wrong and where, in one line.

Besides the English line, an error carries its facts: the sheet, the cell, the ``rule``
it broke (a ``FormRule``) and the values the message names (``facts``), so a window can
word it in its own language without reading the English text.
"""

from __future__ import annotations

from enum import StrEnum

from expertscore.errors import ExpertScoreError


class FormRule(StrEnum):
    """Why a form was refused, for the classes a window words on its own."""

    OTHER = "other"  # any other refusal; the English message is all there is
    ENCRYPTED = "encrypted"  # facts: -
    OLD_XLS = "old_xls"  # facts: -
    TITLE_ROW = "title_row"  # facts: title, header_row (may be "")
    MERGE_HEADER = "merge_header"  # facts: range
    MERGE_COLUMNS = "merge_columns"  # facts: range, first, second (the two column headers)
    TOTAL_ROW = "total_row"  # facts: row, text
    NO_EVIDENCE_SHEET = "no_evidence_sheet"  # facts: folder
    NOT_A_NUMBER = "not_a_number"  # facts: indicator, text


class XlsxFormError(ExpertScoreError):
    """``表单.xlsx 申报信息!F7: message``; the sheet and cell are left out when unknown."""

    def __init__(
        self,
        source: str,
        message: str,
        sheet: str | None = None,
        cell: str | None = None,
        *,
        rule: FormRule = FormRule.OTHER,
        facts: dict[str, str] | None = None,
    ) -> None:
        self.source = source
        self.sheet = sheet
        self.cell = cell
        self.message = message
        self.rule = rule
        self.facts = dict(facts or {})
        self.said = "" if rule == FormRule.OTHER else str(rule)
        where = source
        if sheet:
            where += f" {sheet}!{cell}" if cell else f" {sheet}"
        self.where = where  # the file, and the sheet and cell when known
        # One line whatever the workbook holds: newlines in quoted values become spaces.
        super().__init__(" ".join(f"{where}: {message}".split()))
