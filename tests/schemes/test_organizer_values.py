"""Organizer-set values: applied to the scheme, checked like a scheme file."""

from __future__ import annotations

from decimal import Decimal

import pytest

from expertscore.schemes.organizer import OrganizerValueError, apply, parse_value
from expertscore.schemes.registry import resolve_scheme
from expertscore.schemes.rules import max_points

NATIONAL = resolve_scheme("national-crossindustry-2023").scheme
QINGDAO = resolve_scheme("qingdao-maturity").scheme
LIAONING = resolve_scheme("liaoning-2025-grading").scheme
PROVINCIAL = resolve_scheme("provincial-monitoring-2025").scheme


def value(target: str, number: str):
    return parse_value(target, number, "省工信厅评审处", "2025年第一批")


def test_weights_that_add_up_are_applied_and_marked():
    values = [value("weight:1", "30"), value("weight:1.1", "10"), value("weight:2", "15")]
    values += [value("weight:2.3", "1")]
    result = apply(NATIONAL, values)
    assert result.find("1").weight.value == Decimal(30)
    assert result.find("1.1").weight.value == Decimal(10)
    assert result.find("1.1").weight.note == "set by 省工信厅评审处: 2025年第一批"
    assert max_points(result, result.find("1.1")) == Decimal(10)
    assert NATIONAL.find("1").weight.value == Decimal(25)  # the original is untouched


def test_weights_that_do_not_add_up_are_refused_with_the_place():
    with pytest.raises(OrganizerValueError) as info:
        apply(NATIONAL, [value("weight:1.1", "6")])
    assert str(info.value) == (
        "organizer-set values: indicator 1: children's weights sum to 26%, expected 25%"
    )


def test_published_numbers_cannot_change():
    with pytest.raises(OrganizerValueError) as info:
        apply(LIAONING, [value("weight:1.1.1", "2")])
    assert str(info.value) == "weight:1.1.1: the guide publishes this number; it cannot be changed"
    with pytest.raises(OrganizerValueError, match="publishes this number"):
        apply(PROVINCIAL, [value("points:3.7.22", "5")])


def test_grade_thresholds_per_category_must_rise():
    result = apply(QINGDAO, [value("grade:featured:L3", "85")])
    assert result.grade_scale("vertical").levels[2].min.value == Decimal(85)
    with pytest.raises(OrganizerValueError) as info:
        apply(QINGDAO, [value("grade:featured:L2", "95")])
    assert str(info.value) == (
        "organizer-set values: grade L3: thresholds must rise: 90% follows 95%"
    )


def test_points_fractions_and_caps():
    result = apply(
        PROVINCIAL,
        [value("cap:4", "6"), value("fraction:4.9.32:省专精特新中小企业", "0.4")],
    )
    assert result.find("4").cap.value == Decimal(6)
    grades = result.find("4.9.32").scoring.grades
    assert next(g for g in grades if g.label == "省专精特新中小企业").fraction.value == Decimal(
        "0.4"
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("weight:9.9", "weight:9.9: the scheme has no indicator '9.9'"),
        ("grade:*:L9", "grade:*:L9: the scheme has no such grade level"),
        ("band:1.1:1", "band:1.1:1: the scheme has no such band"),
        (
            "colour:1",
            "colour:1: unknown target; use weight:, points:, cap:, grade:, band: or fraction:",
        ),
    ],
)
def test_unknown_targets(target, message):
    with pytest.raises(OrganizerValueError) as info:
        apply(NATIONAL, [value(target, "1")])
    assert str(info.value) == message


def test_set_twice_and_not_a_number():
    with pytest.raises(OrganizerValueError, match="weight:1: set twice"):
        apply(NATIONAL, [value("weight:1", "25"), value("weight:1", "25")])
    with pytest.raises(OrganizerValueError, match="'lots' is not a number"):
        parse_value("weight:1", "lots", "x")
