"""The sheet ``证明材料``: which file of the evidence folder belongs to which submission.

A file is named by its path relative to the evidence folder (``/`` or ``\\`` between
folders). Absolute paths, ``..`` and links that lead out of the folder are refused, so a
workbook cannot pull arbitrary files of the organizer's machine into a package.
"""

from __future__ import annotations

import os
import re
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from expertscore.schemes.model import Scheme
from expertscore.xlsxform.headers import FieldSpec
from expertscore.xlsxform.table import has_headers, open_table
from expertscore.xlsxform.text import key, shown, split_list
from expertscore.xlsxform.values import code_text, plain_text, short_text
from expertscore.xlsxform.workbook import EVIDENCE_SHEET, Row, Sheet, Workbook

EVIDENCE_FIELDS = [
    FieldSpec("submission", "编号", ("submission", "id", "申报编号"), required=True),
    FieldSpec("file", "文件", ("file", "path", "文件路径", "文件名"), required=True),
    FieldSpec("title", "标题", ("title", "材料名称", "名称")),
    FieldSpec("indicators", "指标", ("indicators", "指标编号", "相关指标")),
]


@dataclass(frozen=True)
class EvidenceRow:
    submission: str
    path: Path  # resolved, inside the evidence folder
    filename: str  # the file's name as written in the sheet
    title: str
    indicators: list[str]
    ref: str  # the 文件 cell, for errors found later (reading the file)


# Files a computer leaves in folders by itself; never worth listing as unlisted evidence.
SYSTEM_FILES = ("thumbs.db", "desktop.ini")


def find_evidence_sheet(book: Workbook, main: Sheet) -> Sheet | None:
    """The sheet 证明材料 by its name, else the first other sheet headed 编号 and 文件.

    Renamed sheets (证明材料清单) are common; without this their files would be lost.
    """
    named = book.sheet(EVIDENCE_SHEET)
    if named is not None:
        return named
    for sheet in book.sheets():
        if sheet.title == main.title:
            continue
        with closing(sheet.rows(check_merges=False)) as rows:
            header = next(rows, None)
        if header is not None and has_headers(header, EVIDENCE_FIELDS):
            return sheet
    return None


def unlisted_files(folder: Path, listed: set[Path]) -> list[str]:
    """Files of the evidence folder that no row names, as paths relative to the folder."""
    result: list[str] = []
    for root, folders, files in os.walk(folder):  # links to folders are not followed
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            path = Path(root, name)
            if name.startswith(".") or name.casefold() in SYSTEM_FILES or not path.is_file():
                continue
            if path.resolve() not in listed:
                result.append(path.relative_to(folder).as_posix())
    return sorted(result)


def _inside(
    folder: Path, folder_resolved: Path, row: Row, index: int, text: str
) -> tuple[Path, str]:
    relative = text.strip().replace("\\", "/")
    if relative.startswith("/") or re.match(r"^[A-Za-z]:", relative):
        raise row.error(
            index, f"'{shown(text)}' is an absolute path; give it relative to the evidence folder"
        ).saying("absolute_path", text=shown(text))
    parts = [part for part in relative.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise row.error(index, f"'{shown(text)}' points outside the evidence folder ('..')").saying(
            "outside_folder", text=shown(text)
        )
    if not parts:
        raise row.error(index, "'文件' is empty").saying("empty", column="文件")
    candidate = folder.joinpath(*parts)
    try:
        resolved = candidate.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):  # missing, a link loop, a NUL byte
        raise row.error(index, f"file '{shown(text)}' is not in the evidence folder").saying(
            "not_in_folder", text=shown(text)
        ) from None
    if not resolved.is_relative_to(folder_resolved):
        raise row.error(
            index, f"'{shown(text)}' points outside the evidence folder (through a link)"
        ).saying("outside_by_link", text=shown(text))
    if not resolved.is_file():
        raise row.error(index, f"'{shown(text)}' is not a file").saying(
            "not_a_file", text=shown(text)
        )
    return resolved, parts[-1]


def _indicators(row: Row, index: int | None, codes: dict[str, str], scheme_id: str) -> list[str]:
    """The scheme's codes named in the 指标 cell, each once, in order."""
    raw = None if index is None else row.value(index)
    if index is None or raw is None:
        return []
    indicators: list[str] = []
    for item in split_list(plain_text(raw)):
        code = codes.get(key(item))
        if code is None:
            raise row.error(
                index, f"indicator '{shown(item)}' is not in scheme '{scheme_id}'"
            ).saying("unknown_indicator", text=shown(item), scheme=scheme_id)
        if code not in indicators:
            indicators.append(code)
    return indicators


def read_evidence(
    sheet: Sheet, scheme: Scheme, submissions: set[str], folder: Path | None
) -> list[EvidenceRow]:
    table = open_table(sheet, EVIDENCE_FIELDS)
    if table is None:
        return []  # an empty sheet lists no evidence
    columns = table.columns
    codes = {key(node.code): node.code for node in scheme.walk()}
    folder_resolved = folder.resolve() if folder is not None else None
    first_row: dict[tuple[str, Path], int] = {}
    result: list[EvidenceRow] = []
    for row in table.data():
        sub_index = columns.fields["submission"]
        submission = code_text(row.value(sub_index))
        if submission is None:
            raise row.error(sub_index, "'编号' is empty").saying("empty", column="编号")
        if submission not in submissions:
            raise row.error(
                sub_index, f"submission '{shown(submission)}' is not in sheet '申报信息'"
            ).saying("unknown_submission", text=shown(submission))
        file_index = columns.fields["file"]
        raw_file = row.value(file_index)
        text = plain_text(raw_file) if raw_file is not None else ""
        if not text.strip():
            raise row.error(file_index, "'文件' is empty").saying("empty", column="文件")
        if folder is None or folder_resolved is None:
            raise row.error(
                file_index,
                f"'{shown(text)}' is listed, but no evidence folder was given (--evidence DIR)",
            ).saying("no_folder_given", text=shown(text))
        path, filename = _inside(folder, folder_resolved, row, file_index, text)
        if (submission, path) in first_row:
            raise row.error(
                file_index,
                f"'{shown(text)}' is listed for '{submission}' again (first in row"
                f" {first_row[submission, path]})",
            ).saying(
                "listed_twice",
                text=shown(text),
                submission=submission,
                row=first_row[submission, path],
            )
        first_row[submission, path] = row.number
        indicators = _indicators(row, columns.fields.get("indicators"), codes, scheme.id)
        title_index = columns.fields.get("title")
        title = short_text(row.value(title_index)) if title_index is not None else None
        result.append(
            EvidenceRow(
                submission=submission,
                path=path,
                filename=filename,
                title=title or filename,
                indicators=indicators,
                ref=row.ref(file_index),
            )
        )
    return result
