"""The one error of the Excel form reader: what went wrong and where, in one line."""

from __future__ import annotations

from expertscore.errors import ExpertScoreError


class XlsxFormError(ExpertScoreError):
    """``表单.xlsx 申报信息!F7: message``; the sheet and cell are left out when unknown."""

    def __init__(
        self, source: str, message: str, sheet: str | None = None, cell: str | None = None
    ) -> None:
        self.source = source
        self.sheet = sheet
        self.cell = cell
        self.message = message
        where = source
        if sheet:
            where += f" {sheet}!{cell}" if cell else f" {sheet}"
        # One line whatever the workbook holds: newlines in quoted values become spaces.
        super().__init__(" ".join(f"{where}: {message}".split()))
