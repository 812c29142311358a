"""Matching header row 1 to platform fields and to the scheme's leaf indicators.

A header is compared after NFKC (full-width to half-width), with every space removed and
case folded, and with ``*`` markers of required columns dropped. A leaf's column may be
headed by its code (``1.1.1``), its name (``资产负债率``) or both (``1.1.1 资产负债率``,
also ``1.1.1、资产负债率``), optionally followed by the unit in brackets
(``资产负债率（%）``), which must then be the leaf's unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from expertscore.schemes.model import Indicator, Scheme
from expertscore.wording import Text
from expertscore.xlsxform.text import clean, closest, key, shown, squeeze
from expertscore.xlsxform.values import plain_text, unit_matches
from expertscore.xlsxform.workbook import Row

NUMBERING = "序号"  # a row counter: a row holding only it is an empty row
IGNORED = (NUMBERING, "备注")  # row counters and remarks, common in government forms
CODE_NAME_SEPARATORS = ("", "、", ".", ":", "-", "_")
_UNIT_SUFFIX = re.compile(r"^(.+)\(([^()]*)\)$")


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the record field it fills
    label: str  # the Chinese header the template writes
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass
class Columns:
    """Where each field and leaf is: 0-based column indexes."""

    fields: dict[str, int] = field(default_factory=dict)
    leaves: list[tuple[int, Indicator]] = field(default_factory=list)
    ignored: set[int] = field(default_factory=set)
    numbering: set[int] = field(default_factory=set)  # 序号 columns (also in ignored)

    def known(self) -> set[int]:
        return {*self.fields.values(), *(index for index, _ in self.leaves), *self.ignored}


def leaf_label(leaf: Indicator) -> str:
    return f"{leaf.code} {leaf.name}"


class LeafIndex:
    """Every way to name a leaf in a header, to the leaves it may mean."""

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self.leaves = scheme.leaves()
        self._by_key: dict[str, list[Indicator]] = {}
        self.candidates: list[tuple[str, str]] = []
        for leaf in self.leaves:
            code, name = key(leaf.code), key(leaf.name)
            keys = [code, name, *(code + sep + name for sep in CODE_NAME_SEPARATORS)]
            for item in dict.fromkeys(keys):
                bucket = self._by_key.setdefault(item, [])
                if leaf not in bucket:
                    bucket.append(leaf)
            label = leaf_label(leaf)
            self.candidates += [(name, label), (code + name, label)]

    def lookup(self, header_key: str) -> list[Indicator]:
        return self._by_key.get(header_key, [])


def field_keys(spec: FieldSpec) -> set[str]:
    return {key(spec.label), key(spec.name), *(key(alias) for alias in spec.aliases)}


def header_key(raw: object) -> str:
    """What a header cell is matched by: normalized, ``*`` markers dropped, case folded."""
    if raw is None:
        return ""
    return squeeze(clean(plain_text(raw))[0]).strip("*").casefold()


def match_header(
    header_row: Row,
    fields: list[FieldSpec],
    leaves: LeafIndex | None = None,
) -> Columns:
    """Read row 1; refuse unknown, repeated and missing columns, naming the cell."""
    columns = Columns()
    seen: dict[str, str] = {}  # field name or leaf code -> cell where it was first
    keys_of = [(spec, field_keys(spec)) for spec in fields]
    for index in range(len(header_row)):
        raw = header_row.value(index)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue  # a column without a header is refused only if it holds values
        text = plain_text(raw)
        typed = squeeze(text).strip("*")
        header = typed.casefold()
        if not header:
            continue
        ref = header_row.ref(index)
        spec = next((s for s, keys in keys_of if header in keys), None)
        if spec is not None:
            _remember(
                header_row, seen, spec.name, Text(f"'{spec.label}'", f"“{spec.label}”"), text, ref
            )
            columns.fields[spec.name] = index
            continue
        if leaves is not None:
            leaf = _match_leaf(header_row, index, text, typed, leaves)
            if leaf is not None:
                label = leaf_label(leaf)
                _remember(
                    header_row,
                    seen,
                    leaf.code,
                    Text(f"indicator '{label}'", f"指标“{label}”"),
                    text,
                    ref,
                )
                columns.leaves.append((index, leaf))
                continue
        if header.startswith("#") or header in {key(item) for item in IGNORED}:
            columns.ignored.add(index)
            if header == key(NUMBERING):
                columns.numbering.add(index)
            continue
        candidates = [(k, spec.label) for spec, keys in keys_of for k in sorted(keys)]
        if leaves is not None:
            candidates += leaves.candidates
        nearest = closest(header, candidates)
        hint = f" (closest: '{nearest}')" if nearest else ""
        raise header_row.sheet.error(f"unknown column '{shown(text)}'{hint}", ref).saying(
            "unknown_column_near" if nearest else "unknown_column",
            text=shown(text),
            nearest=nearest or "",
        )
    for spec in fields:
        if spec.required and spec.name not in columns.fields:
            raise header_row.sheet.error(f"missing column '{spec.label}'").saying(
                "missing_column", column=spec.label
            )
    if leaves is not None:
        found = {leaf.code for _, leaf in columns.leaves}
        for leaf in leaves.leaves:
            if leaf.code not in found:
                raise header_row.sheet.error(
                    f"missing column for indicator '{leaf_label(leaf)}'"
                    f" of scheme '{leaves.scheme.id}'"
                ).saying("missing_leaf_column", column=leaf_label(leaf), scheme=leaves.scheme.id)
    return columns


def _remember(
    header_row: Row, seen: dict[str, str], item: str, label: Text, text: str, ref: str
) -> None:
    """Note the column of ``item``; a second column for it is refused (``label`` names it
    in both languages)."""
    if item in seen:
        raise header_row.sheet.error(
            f"column '{shown(text)}' repeats {label.en} (already column {seen[item]})", ref
        ).saying("repeated_column", text=shown(text), label=label, first=seen[item])
    seen[item] = ref


def _match_leaf(
    header_row: Row, index: int, text: str, typed: str, leaves: LeafIndex
) -> Indicator | None:
    unit = None
    found = leaves.lookup(typed.casefold())
    if not found:
        suffix = _UNIT_SUFFIX.match(typed)
        if suffix:
            found = leaves.lookup(suffix.group(1).casefold())
            unit = suffix.group(2)
    if not found:
        return None
    ref = header_row.ref(index)
    if len(found) > 1:
        codes = ", ".join(leaf.code for leaf in found)
        raise header_row.sheet.error(
            f"column '{shown(text)}' could be any of the indicators {codes};"
            f" head it with the code, e.g. '{leaf_label(found[0])}'",
            ref,
        ).saying("ambiguous_column", text=shown(text), codes=codes, example=leaf_label(found[0]))
    leaf = found[0]
    expected = leaf.reported.unit if leaf.reported else "text"
    if unit is not None and not unit_matches(unit, expected):
        raise header_row.sheet.error(
            f"column '{shown(text)}': unit '{unit}' does not match the scheme's"
            f" '{expected}' for indicator '{leaf_label(leaf)}'",
            ref,
        ).saying(
            "column_unit",
            text=shown(text),
            unit=unit,
            expected=expected,
            column=leaf_label(leaf),
        )
    return leaf
