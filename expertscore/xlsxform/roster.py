"""The experts of the panel: the optional sheet ``专家`` and ``--expert ID:NAME`` options."""

from __future__ import annotations

import re
from collections.abc import Iterable

from expertscore.batch.manifest import ID_PATTERN, Expert
from expertscore.xlsxform.errors import XlsxFormError
from expertscore.xlsxform.headers import FieldSpec
from expertscore.xlsxform.submissions import ID_RULE
from expertscore.xlsxform.table import open_table
from expertscore.xlsxform.text import nfkc, shown
from expertscore.xlsxform.values import code_text, short_text
from expertscore.xlsxform.workbook import Sheet

ROSTER_FIELDS = [
    FieldSpec("id", "编号", ("id", "专家编号"), required=True),
    FieldSpec("name", "姓名", ("name", "专家姓名"), required=True),
    FieldSpec("organization", "单位", ("organization", "工作单位", "所在单位")),
    FieldSpec("role", "角色", ("role", "专业", "专家类别")),
]


def read_roster(sheet: Sheet) -> list[Expert]:
    """The experts of the sheet, in order; an empty sheet has none."""
    table = open_table(sheet, ROSTER_FIELDS)
    if table is None:
        return []
    columns = table.columns
    result: list[Expert] = []
    first_row: dict[str, int] = {}
    for row in table.data():
        id_index = columns.fields["id"]
        expert_id = code_text(row.value(id_index))
        if expert_id is None:
            raise row.error(id_index, "'编号' is empty").saying("empty", column="编号")
        if not re.fullmatch(ID_PATTERN, expert_id):
            raise row.error(
                id_index, f"expert id '{shown(expert_id)}' is not valid: {ID_RULE}"
            ).saying("expert_id", id=shown(expert_id))
        if expert_id in first_row:
            raise row.error(
                id_index, f"expert id '{expert_id}' repeats row {first_row[expert_id]}"
            ).saying("expert_repeats", id=expert_id, row=first_row[expert_id])
        first_row[expert_id] = row.number
        name_index = columns.fields["name"]
        name = short_text(row.value(name_index))
        if name is None:
            raise row.error(name_index, "'姓名' is empty").saying("empty", column="姓名")
        extra = {
            field: short_text(row.value(columns.fields[field]))
            for field in ("organization", "role")
            if field in columns.fields
        }
        result.append(Expert(id=expert_id, name=name, **extra))
    return result


def parse_expert_option(text: str) -> Expert:
    """``--expert E01:张三`` (a full-width colon works too)."""
    expert_id, sep, name = nfkc(text).partition(":")
    expert_id, name = expert_id.strip(), " ".join(name.split())
    if not sep or not expert_id or not name:
        raise XlsxFormError("--expert", f"'{shown(text)}' must be ID:NAME, e.g. E01:张三").saying(
            "expert_option", text=shown(text)
        )
    if not re.fullmatch(ID_PATTERN, expert_id):
        raise XlsxFormError(
            "--expert", f"expert id '{shown(expert_id)}' is not valid: {ID_RULE}"
        ).saying("expert_id", id=shown(expert_id))
    return Expert(id=expert_id, name=name)


def merge_roster(sheet_experts: list[Expert], options: Iterable[str]) -> list[Expert]:
    """The sheet's experts, then those of the options; an id may appear once."""
    roster = list(sheet_experts)
    for text in options:
        expert = parse_expert_option(text)
        if any(other.id == expert.id for other in roster):
            raise XlsxFormError(
                "--expert", f"expert id '{expert.id}' is already on the roster"
            ).saying("expert_twice", id=expert.id)
        roster.append(expert)
    return roster
