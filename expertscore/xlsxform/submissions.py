"""The sheet ``申报信息``: one submission per row."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import ValidationError

from expertscore.batch.crosscheck import PLAIN_DECIMAL, check_value
from expertscore.batch.manifest import ID_PATTERN, ReportedValue, Submission
from expertscore.schemes.model import Category, Scheme, Tag
from expertscore.xlsxform.errors import FormRule
from expertscore.xlsxform.headers import Columns, FieldSpec, LeafIndex
from expertscore.xlsxform.table import Table, open_table
from expertscore.xlsxform.text import closest, key, shown, split_list
from expertscore.xlsxform.values import code_text, plain_text, reported, short_text
from expertscore.xlsxform.workbook import Row, Sheet

PLATFORM_FIELDS = [
    FieldSpec("id", "编号", ("id", "申报编号", "submission"), required=True),
    FieldSpec("platform", "平台名称", ("platform", "平台"), required=True),
    FieldSpec("operator", "运营单位", ("operator", "申报单位", "运营企业"), required=True),
    FieldSpec("region", "所在地区", ("region", "地区")),
    FieldSpec("category", "平台类别", ("category", "类别")),
    FieldSpec("industry_tags", "行业标签", ("industry_tags", "industry tags", "industry")),
    FieldSpec("domain_tags", "领域标签", ("domain_tags", "domain tags", "domain")),
]
ID_RULE = "letters, digits, '.', '_' and '-', at most 64, starting with a letter or digit"


@dataclass(frozen=True)
class Choices:
    """Names of categories or tags: every key to its code, and labels for hints."""

    what: str  # with its article: "a platform category"
    plural: str
    zh: str  # its Chinese name: 平台类别
    codes: dict[str, str]
    candidates: list[tuple[str, str]]

    @classmethod
    def of(cls, what: str, plural: str, zh: str, items: list[tuple[str, str]]) -> Choices:
        codes: dict[str, str] = {}
        candidates: list[tuple[str, str]] = []
        for code, name in items:
            codes.setdefault(key(code), code)
            codes.setdefault(key(name), code)
            candidates += [(key(name), name), (key(code), name)]
        return cls(what, plural, zh, codes, candidates)

    def code(self, row: Row, index: int, text: str, scheme: Scheme) -> str:
        found = self.codes.get(key(text))
        if found is not None:
            return found
        if not self.codes:
            raise row.error(index, f"scheme '{scheme.id}' has no {self.plural}").saying(
                "no_choices", scheme=scheme.id, kind=self.zh
            )
        nearest = closest(key(text), self.candidates)
        hint = f" (closest: '{nearest}')" if nearest else ""
        raise row.error(
            index, f"'{shown(text)}' is not {self.what} of scheme '{scheme.id}'{hint}"
        ).saying(
            "not_a_choice_near" if nearest else "not_a_choice",
            text=shown(text),
            kind=self.zh,
            scheme=scheme.id,
            nearest=nearest or "",
        )


def _categories(categories: list[Category]) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    for category in categories:
        items.append((category.code, category.name))
        items += _categories(category.kinds)
    return items


def _tags(tags: list[Tag]) -> list[tuple[str, str]]:
    return [(tag.code, tag.name) for tag in tags]


@dataclass(frozen=True)
class SubmissionRow:
    submission: Submission
    row: int


class SubmissionReader:
    def __init__(self, sheet: Sheet, scheme: Scheme) -> None:
        self.sheet = sheet
        self.scheme = scheme
        classification = scheme.classification
        self.category = Choices.of(
            "a platform category", "platform categories", "平台类别", _categories(scheme.categories)
        )
        self.industry = Choices.of(
            "an industry tag", "industry tags", "行业标签", _tags(classification.industry_tags)
        )
        self.domain = Choices.of(
            "a domain tag", "domain tags", "领域标签", _tags(classification.domain_tags)
        )
        self.table: Table | None = None

    def read(self) -> list[SubmissionRow]:
        """Every submission of the sheet; ``table`` then holds the counts of rows read."""
        table = open_table(self.sheet, PLATFORM_FIELDS, LeafIndex(self.scheme))
        if table is None:
            raise self.sheet.error("row 1 must hold the column headers, and it is empty").saying(
                "no_headers"
            )
        self.table = table
        columns = table.columns
        result: list[SubmissionRow] = []
        first_row: dict[str, int] = {}
        for row in table.data():
            submission = self._submission(row, columns)
            if submission.id in first_row:
                raise row.error(
                    columns.fields["id"],
                    f"submission id '{submission.id}' repeats row {first_row[submission.id]}",
                ).saying("submission_repeats", id=submission.id, row=first_row[submission.id])
            first_row[submission.id] = row.number
            result.append(SubmissionRow(submission, row.number))
        if not result:
            raise self.sheet.error("no submissions: every row below the header is empty").saying(
                "no_submissions"
            )
        return result

    def _text(self, row: Row, columns: Columns, name: str) -> str | None:
        index = columns.fields.get(name)
        if index is None:
            return None
        return short_text(row.value(index))

    def _required(self, row: Row, columns: Columns, name: str, label: str) -> str:
        text = self._text(row, columns, name)
        if text is None:
            raise row.error(columns.fields[name], f"'{label}' is empty").saying(
                "empty", column=label
            )
        return text

    def _submission(self, row: Row, columns: Columns) -> Submission:
        id_index = columns.fields["id"]
        submission_id = code_text(row.value(id_index))
        if submission_id is None:
            raise row.error(id_index, "'编号' is empty").saying("empty", column="编号")
        if not re.fullmatch(ID_PATTERN, submission_id):
            raise row.error(
                id_index, f"submission id '{shown(submission_id)}' is not valid: {ID_RULE}"
            ).saying("submission_id", id=shown(submission_id))
        fields: dict[str, object] = {
            "id": submission_id,
            "platform": self._required(row, columns, "platform", "平台名称"),
            "operator": self._required(row, columns, "operator", "运营单位"),
            "region": self._text(row, columns, "region"),
        }
        index = columns.fields.get("category")
        if index is not None and (text := code_text(row.value(index))) is not None:
            fields["category"] = self.category.code(row, index, text, self.scheme)
        for name, choices in (("industry_tags", self.industry), ("domain_tags", self.domain)):
            index = columns.fields.get(name)
            raw = None if index is None else row.value(index)
            if index is None or raw is None:
                continue
            items = split_list(plain_text(raw))
            codes = [choices.code(row, index, item, self.scheme) for item in items]
            fields[name] = list(dict.fromkeys(codes))
        fields["values"] = self._values(row, columns)
        try:
            return Submission.model_validate(fields)
        except ValidationError as exc:  # the checks above should leave nothing to find
            error = exc.errors(include_url=False)[0]
            where = ".".join(str(part) for part in error["loc"])
            raise self.sheet.error(f"row {row.number}: {where}: {error['msg']}").saying(
                "row_field", row=row.number, field=where, why=error["msg"]
            ) from None

    def _values(self, row: Row, columns: Columns) -> dict[str, ReportedValue]:
        values: dict[str, ReportedValue] = {}
        for index, leaf in columns.leaves:
            raw = row.value(index)
            parsed = reported(raw, row.number_format(index), leaf)
            if parsed is None:
                continue
            value, unit = parsed
            problem = check_value(self.scheme, leaf.code, value, unit)
            expected = leaf.reported.unit if leaf.reported else "text"
            numeric = unit == expected and expected not in ("text", "yes/no")
            if problem and numeric and not PLAIN_DECIMAL.match(value):
                raise row.error(
                    index,
                    f"indicator '{leaf.code}' ({leaf.name}): '{shown(value)}' is not a number",
                    FormRule.NOT_A_NUMBER,
                    indicator=leaf.code,
                    text=value,
                )
            if problem:
                raise row.error(index, problem).saying("reported_value", why=problem)
            values[leaf.code] = ReportedValue(value=value, unit=unit)
        return values
