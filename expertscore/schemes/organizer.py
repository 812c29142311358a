"""Organizer-set values: the numbers a guide leaves open, fixed for one batch.

A scheme marks such numbers as ``{default: ...}``. The organizer of a batch may set them;
the batch records each value with who set it, and every program that opens the batch
applies them to the scheme (``apply``) and checks the result with the same rules as a
scheme file, so weights that no longer add up are refused with the exact place.

Targets name one number:

============================  ==============================================
``weight:<code>``             a node's weight, in percent (``"12.5"``)
``points:<code>``             a node's points
``cap:<code>``                a bonus node's cap
``grade:<category>:<level>``  a grade threshold in percent; category ``*``
                              for the scheme's own grade levels
``band:<code>:<n>``           the points of band ``n`` (1-based) of a leaf
``fraction:<code>:<label>``   the fraction of an ordinal grade
============================  ==============================================

Numbers the guide publishes cannot be changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from expertscore.errors import ExpertScoreError
from expertscore.schemes.model import Amount, Scheme
from expertscore.schemes.rules import check


class OrganizerValueError(ExpertScoreError):
    """An organizer-set value that names nothing, changes a published number, or breaks a rule."""


@dataclass(frozen=True)
class OrganizerValue:
    target: str
    value: Decimal
    set_by: str
    note: str | None = None


def _parse(text: str, target: str) -> Decimal:
    try:
        value = Decimal(text.strip().removesuffix("%"))
    except InvalidOperation:
        raise OrganizerValueError(f"{target}: '{text}' is not a number").saying(
            "not_a_number", target=target, text=text
        ) from None
    if not value.is_finite():
        raise OrganizerValueError(f"{target}: '{text}' is not a number").saying(
            "not_a_number", target=target, text=text
        )
    return value


def parse_value(target: str, value: str, set_by: str, note: str | None = None) -> OrganizerValue:
    return OrganizerValue(target.strip(), _parse(value, target), set_by, note)


def _replace(amount: Amount | None, target: str, value: OrganizerValue) -> Amount:
    if amount is None:
        raise OrganizerValueError(f"{target}: the scheme has no such number").saying(
            "no_number", target=target
        )
    if not amount.organizer_set:
        raise OrganizerValueError(
            f"{target}: the guide publishes this number; it cannot be changed"
        ).saying("published", target=target)
    note = f"set by {value.set_by}" + (f": {value.note}" if value.note else "")
    return Amount(value=value.value, organizer_set=True, note=note)


def _node_data(data: dict[str, Any], code: str) -> dict[str, Any]:
    """The indicator ``code`` inside dumped scheme data."""

    def visit(nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
        for node in nodes:
            if node["code"] == code:
                return node
            found = visit(node["children"])
            if found is not None:
                return found
        return None

    found = visit(data["indicators"])
    assert found is not None, code
    return found


def _grades_holder(data: dict[str, Any], category: str) -> dict[str, Any] | None:
    if category == "*":
        return data

    def visit(categories: list[dict[str, Any]]) -> dict[str, Any] | None:
        for item in categories:
            if item["code"] == category:
                return item
            found = visit(item["kinds"])
            if found is not None:
                return found
        return None

    return visit(data["categories"])


def _apply_node_amount(scheme: Scheme, data: dict[str, Any], kind: str, value: OrganizerValue):
    code = value.target.partition(":")[2]
    node = scheme.find(code)
    if node is None:
        raise OrganizerValueError(f"{value.target}: the scheme has no indicator '{code}'").saying(
            "no_indicator", target=value.target, code=code
        )
    amount = _replace(getattr(node, kind), value.target, value)
    _node_data(data, code)[kind] = amount.model_dump()


def _apply_band(scheme: Scheme, data: dict[str, Any], value: OrganizerValue) -> None:
    code, _, number = value.target.partition(":")[2].rpartition(":")
    node = scheme.find(code)
    bands = getattr(getattr(node, "scoring", None), "bands", None) or []
    index = int(number) - 1 if number.isdigit() else -1
    if not 0 <= index < len(bands):
        raise OrganizerValueError(f"{value.target}: the scheme has no such band").saying(
            "no_band", target=value.target
        )
    amount = _replace(bands[index].points, value.target, value)
    _node_data(data, code)["scoring"]["bands"][index]["points"] = amount.model_dump()


def _apply_fraction(scheme: Scheme, data: dict[str, Any], value: OrganizerValue) -> None:
    code, _, label = value.target.partition(":")[2].partition(":")
    node = scheme.find(code)
    grades = getattr(getattr(node, "scoring", None), "grades", None) or []
    index = next((i for i, g in enumerate(grades) if g.label == label), None)
    if index is None:
        raise OrganizerValueError(f"{value.target}: the scheme has no such grade").saying(
            "no_grade", target=value.target
        )
    amount = _replace(grades[index].fraction, value.target, value)
    _node_data(data, code)["scoring"]["grades"][index]["fraction"] = amount.model_dump()


def _apply_grade(data: dict[str, Any], value: OrganizerValue) -> None:
    category, _, level = value.target.partition(":")[2].partition(":")
    holder = _grades_holder(data, category)
    scale = holder.get("grades") if holder is not None else None
    levels = scale["levels"] if scale else []
    index = next((i for i, lv in enumerate(levels) if lv["code"] == level), None)
    if index is None:
        raise OrganizerValueError(f"{value.target}: the scheme has no such grade level").saying(
            "no_level", target=value.target
        )
    amount = _replace(Amount.model_validate(levels[index]["min"]), value.target, value)
    levels[index]["min"] = amount.model_dump()


def _apply_one(scheme: Scheme, data: dict[str, Any], value: OrganizerValue) -> None:
    kind = value.target.partition(":")[0]
    if kind in ("weight", "points", "cap"):
        _apply_node_amount(scheme, data, kind, value)
    elif kind == "band":
        _apply_band(scheme, data, value)
    elif kind == "fraction":
        _apply_fraction(scheme, data, value)
    elif kind == "grade":
        _apply_grade(data, value)
    else:
        raise OrganizerValueError(
            f"{value.target}: unknown target;"
            " use weight:, points:, cap:, grade:, band: or fraction:"
        ).saying("unknown_target", target=value.target)


def apply(scheme: Scheme, values: Iterable[OrganizerValue]) -> Scheme:
    """The scheme with the organizer's values in place, checked like a scheme file."""
    values = list(values)
    if not values:
        return scheme
    seen: set[str] = set()
    data = scheme.model_dump()
    for value in values:
        if value.target in seen:
            raise OrganizerValueError(f"{value.target}: set twice").saying(
                "twice", target=value.target
            )
        seen.add(value.target)
        _apply_one(scheme, data, value)
    result = Scheme.model_validate(data)
    findings = check(result)
    if findings:
        first = findings[0]
        more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
        error = OrganizerValueError(f"organizer-set values: {first.node}: {first.message}{more}")
        if first.said and len(findings) == 1:
            error.saying(first.said, **dict(first.facts))
        else:
            error.saying("rules", node=first.node, message=first.message, count=len(findings))
        raise error
    return result
