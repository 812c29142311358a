"""A sheet read as a table: the headers in row 1, then one record per row.

Every sheet of the form is read through ``open_table``, so the rules for rows are the same
everywhere: empty rows and rows holding only a 序号 are skipped, a total row (合计) is
refused, a value in a column without a header is refused, and a title row above the
headers is named as such.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from itertools import islice

from expertscore.xlsxform.errors import FormRule, XlsxFormError
from expertscore.xlsxform.headers import (
    Columns,
    FieldSpec,
    LeafIndex,
    field_keys,
    header_key,
    leaf_label,
    match_header,
)
from expertscore.xlsxform.text import key, shown
from expertscore.xlsxform.values import plain_text
from expertscore.xlsxform.workbook import Row, Sheet

TOTAL_WORDS = ("合计", "总计", "小计", "总合计")
HEADER_SEARCH_ROWS = 10  # how far below row 1 a misplaced header row is looked for


@dataclass
class Table:
    sheet: Sheet
    columns: Columns
    _rows: Iterator[Row]
    rows: int = 0  # rows below the header holding anything
    number_only: int = 0  # of those, rows holding only a 序号 (skipped)

    def data(self) -> Iterator[Row]:
        """The rows to read, checked for total rows and values without a header."""
        known = self.columns.known()
        for row in self._rows:
            filled = row.own_filled()
            if not filled:
                continue
            self.rows += 1
            if all(index in self.columns.numbering for index in filled):
                self.number_only += 1
                continue
            refuse_total_row(row, filled)
            refuse_headerless(row, known)
            yield row


def open_table(
    sheet: Sheet, fields: list[FieldSpec], leaves: LeafIndex | None = None
) -> Table | None:
    """The sheet's header matched to ``fields`` (and leaves); None when row 1 is empty."""
    rows = sheet.rows()
    header = next(rows, None)
    if header is None or header.is_blank():
        found = _header_below(sheet, fields)
        if found is not None:
            raise _title_error(sheet, "row 1 is empty", "", found)
        return None
    try:
        columns = match_header(header, fields, leaves)
    except XlsxFormError as exc:
        raise _title_row(sheet, header, fields) or exc from None
    labels = {spec_index: label for spec_index, label in _labels(header, columns, fields)}
    sheet.check_merge_columns(labels)
    return Table(sheet, columns, rows)


def _labels(header: Row, columns: Columns, fields: list[FieldSpec]) -> Iterator[tuple[int, str]]:
    by_name = {spec.name: spec.label for spec in fields}
    for name, index in columns.fields.items():
        yield index, by_name[name]
    for index, leaf in columns.leaves:
        yield index, leaf_label(leaf)
    for index in columns.ignored:
        yield index, plain_text(header.raw(index))


def _header_below(sheet: Sheet, fields: list[FieldSpec]) -> int | None:
    """The row below row 1 that holds every required header, if one does."""
    with closing(sheet.rows(check_merges=False)) as rows:
        for row in islice(rows, 0, 1 + HEADER_SEARCH_ROWS):
            if row.number > 1 and has_headers(row, fields):
                return row.number
    return None


def has_headers(row: Row, fields: list[FieldSpec]) -> bool:
    """Whether ``row`` holds every required header of ``fields`` (by any of its names)."""
    keys = {header_key(row.raw(index)) for index in row.own_filled()}
    wanted = [field_keys(spec) for spec in fields if spec.required]
    return bool(wanted) and all(keys & choices for choices in wanted)


def _title_row(sheet: Sheet, header: Row, fields: list[FieldSpec]) -> XlsxFormError | None:
    """The real cause when row 1 does not match: a title row above the headers."""
    found = _header_below(sheet, fields)
    filled = header.own_filled()
    if found is None and len(filled) != 1:
        return None  # an ordinary header with a wrong column: the header error says it
    title = shown(plain_text(header.raw(filled[0])) if filled else "", 30)
    what = f"row 1 holds '{title}', a title, not the column headers"
    return _title_error(sheet, what, title, found)


def _title_error(sheet: Sheet, what: str, title: str, header_row: int | None) -> XlsxFormError:
    where = f"; the headers are in row {header_row}" if header_row else ""
    return sheet.error(
        f"{what}{where}: the column headers must be the first row, so delete the rows above them",
        "A1",
        FormRule.TITLE_ROW,
        title=title,
        header_row=str(header_row or ""),
    )


def refuse_total_row(row: Row, filled: list[int]) -> None:
    """A 合计 row would become a platform (or a failed one); refuse it by name."""
    for index in filled:
        raw = row.raw(index)
        if isinstance(raw, str) and key(plain_text(raw)).strip(":：") in TOTAL_WORDS:
            text = shown(raw.strip())
            raise row.error(
                index,
                f"row {row.number} is a total row ('{text}'): remove it; the form holds one"
                " platform per row",
                FormRule.TOTAL_ROW,
                row=str(row.number),
                text=text,
            )


def refuse_headerless(row: Row, known: set[int]) -> None:
    """A value in a column without a header would be lost silently; refuse it."""
    for index in range(len(row)):
        if index not in known and row.filled(index):
            raise row.error(
                index, "this column has no header in row 1, but the cell has a value"
            ).saying("headerless")
