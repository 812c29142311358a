"""Every validation rule of the scheme language, each shown failing on a broken scheme.

The broken schemes are the documented example (tests/fixtures/example-scheme.yaml) with one
thing changed; each test asserts the exact one-line issue, including file, line and node.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.errors import SchemeFileError, SchemeInvalid
from expertscore.schemes import load_scheme, load_scheme_text, max_points

EXAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "example-scheme.yaml"
SOURCE = "schemes/x.yaml"


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def broken(*replacements: tuple[str, str]) -> list[str]:
    text = example_text()
    for old, new in replacements:
        assert old in text, f"fixture lacks {old!r}"
        text = text.replace(old, new, 1)
    with pytest.raises(SchemeInvalid) as info:
        load_scheme_text(text, SOURCE)
    return [str(issue) for issue in info.value.issues]


def test_the_documented_example_is_valid_and_exact():
    scheme = load_scheme(EXAMPLE)
    maxima = {leaf.code: max_points(scheme, leaf) for leaf in scheme.leaves()}
    assert maxima == {
        "1.1": Decimal(10),
        "1.2": Decimal(30),
        "2.1": Decimal(20),
        "2.2": Decimal(40),
        "9.1": Decimal(3),
    }
    assert scheme.find("2.2").scoring.grades[1].fraction.value == Decimal("0.8")
    assert scheme.grades.levels[0].min.organizer_set is True
    assert scheme.find("1").weight.organizer_set is False


def test_example_in_docs_is_the_fixture(repo):
    doc = (repo / "docs" / "schemes.md").read_text(encoding="utf-8")
    block = doc.split("## A complete example")[1].split("```yaml\n")[1].split("```")[0]
    assert block == example_text()


def test_children_weights_must_sum_to_parent():
    issues = broken(("weight: 10%\n        nature", "weight: 9.5%\n        nature"))
    assert issues == [
        "schemes/x.yaml:34 indicator 1: children's weights sum to 39.5%, expected 40%"
    ]


def test_first_level_must_sum_to_100():
    issues = broken(
        ("weight: 60%", "weight: 61%"),
        (
            "weight: 40%\n        reported: {unit: text",
            "weight: 41%\n        reported: {unit: text",
        ),
    )
    assert issues == [
        "schemes/x.yaml:32 indicators: first-level weights sum to 101%, expected 100%"
    ]


def test_weights_are_exact_decimals_not_floats():
    # 0.1 + 0.2 is not 0.3 in binary floating point; the scheme must still add up.
    issues_free = (
        example_text()
        .replace("{step: 0.5,", "{step: 0.1,")
        .replace("weight: 10%", "weight: 0.1%")
        .replace("weight: 30%", "weight: 39.9%")
    )
    scheme = load_scheme_text(issues_free, SOURCE)
    assert scheme.find("1.1").weight.value == Decimal("0.1")
    assert max_points(scheme, scheme.find("1.2")) == Decimal("39.9")


def test_missing_weight_in_percent_scheme():
    issues = broken(("        weight: 30%\n", ""))
    assert (
        "schemes/x.yaml:42 indicator 1.2: needs a 'weight' (the scheme is weighted in percent)"
        in issues
    )


def test_negative_weight():
    issues = broken(("weight: 10%", "weight: -10%"), ("weight: 30%", "weight: 50%"))
    assert "schemes/x.yaml:38 indicator 1.1: weight must not be negative" in issues


def test_weight_needs_percent_sign():
    issues = broken(("weight: 10%", "weight: 10"))
    assert issues == [
        "schemes/x.yaml:38 indicator 1.1: weight: '10' must be a percentage such as '12.5%'"
    ]


def test_codes_unique():
    issues = broken(('code: "2.2"', 'code: "2.1"'))
    assert "schemes/x.yaml:62 indicator 2.1: code is used twice" in issues


def test_code_starts_with_parent_code():
    issues = broken(('code: "2.2"', 'code: "3.2"'))
    assert issues == [
        "schemes/x.yaml:62 indicator 3.2: code must start with its parent's code '2.'"
    ]


def test_step_divides_max():
    issues = broken(("{step: 0.5,", "{step: 0.7,"))
    assert "schemes/x.yaml:57 indicator 2.1: step 0.7 does not divide the maximum 20" in issues
    assert "schemes/x.yaml:36 indicator 1.1: step 0.7 does not divide the maximum 10" in issues


def test_bands_must_rise():
    issues = broken(("{min: 10000,", "{min: 1000,"))
    assert issues == ["schemes/x.yaml:61 indicator 2.1: band minimums must rise: 1000 follows 1000"]


def test_band_points_within_max():
    issues = broken(("points: {default: 20}", "points: {default: 25}"))
    assert issues == ["schemes/x.yaml:61 indicator 2.1: band points 25 outside 0..20"]


def test_ordinal_fraction_and_labels():
    issues = broken(("{label: 良, fraction: 0.8}", "{label: 优, fraction: 1.2}"))
    assert "schemes/x.yaml:67 indicator 2.2: grade labels must be unique" in issues
    assert "schemes/x.yaml:70 indicator 2.2: grade '优' fraction 1.2 outside 0..1" in issues


def test_leaf_needs_reported():
    issues = broken(("        reported: {unit: yes/no, source: 企业上传}\n", ""))
    assert issues == [
        "schemes/x.yaml:42 indicator 1.2: a leaf needs 'reported' (unit and data source)"
    ]


def test_group_has_no_scoring():
    issues = broken(("    name: 技术能力\n", "    name: 技术能力\n    scoring: {mode: yesno}\n"))
    assert issues == ["schemes/x.yaml:49 indicator 2: a group has no 'scoring'"]


def test_bonus_group_needs_cap_and_cap_needs_bonus():
    issues = broken(("    cap: 5\n", ""), ("    weight: 60%\n", "    weight: 60%\n    cap: 2\n"))
    assert "schemes/x.yaml:74 indicator 9: a bonus group needs a 'cap'" in issues
    assert "schemes/x.yaml:50 indicator 2: only a bonus node has a 'cap'" in issues


def test_bonus_item_needs_points():
    issues = broken(("        points: 3\n", ""))
    assert issues == ["schemes/x.yaml:78 indicator 9.1: a bonus item needs 'points'"]


def test_tags_unique():
    issues = broken(
        (
            '    - {code: "1", name: 先进装备制造}\n',
            '    - {code: "1", name: 先进装备制造}\n    - {code: "1", name: 先进装备制造}\n',
        )
    )
    assert issues == [
        "schemes/x.yaml:15 industry_tags: tag code '1' is used twice",
        "schemes/x.yaml:15 industry_tags: tag '先进装备制造' is listed twice",
    ]


def test_category_refers_to_existing_indicators():
    issues = broken(("indicators: all", 'indicators: ["1", "7.3"]'))
    assert issues == [
        "schemes/x.yaml:22 category industry: refers to indicator '7.3', which the scheme does not have"
    ]


def test_category_codes_unique_and_requirements_unique():
    issues = broken(
        (
            '      - {code: "1", text: 具备设备接入能力}\n',
            '      - {code: "1", text: 具备设备接入能力}\n      - {code: "1", text: 安全}\n',
        ),
        (
            "    indicators: all\n",
            "    indicators: all\n    kinds:\n      - {code: industry, name: 子类}\n",
        ),
    )
    assert "schemes/x.yaml:21 category industry: requirement codes must be unique" in issues
    assert "schemes/x.yaml:25 category industry: category code is used twice" in issues


def test_grade_thresholds_rise_and_stay_in_range():
    issues = broken(("min: {default: 80%}", "min: {default: 160%}"))
    assert issues == ["schemes/x.yaml:26 grade L2: threshold 160% outside 0%..100%"]
    issues = broken(("min: {default: 80%}", "min: {default: 50%}"))
    assert issues == ["schemes/x.yaml:26 grade L2: thresholds must rise: 50% follows 60%"]


def test_level_names_match_depth():
    issues = broken(
        ("level_names: [一级指标, 评估项]", "level_names: [一级指标, 二级指标, 评估项]")
    )
    assert issues == ["schemes/x.yaml:10 level_names: names 3 levels but the indicator tree has 2"]


def test_trimmed_mean_needs_three_experts():
    issues = broken(("trim_min_experts: 5", "trim_min_experts: 2"))
    assert issues == [
        "schemes/x.yaml:29 aggregation: a trimmed mean drops two scores, so it needs at least 3 experts"
    ]


def test_points_scheme_rules():
    issues = broken(
        ("weighting: percent", "weighting: points"),
    )
    assert (
        "schemes/x.yaml:38 indicator 1.1: the scheme is weighted in points, not percent" in issues
    )
    assert (
        "schemes/x.yaml:36 indicator 1.1: needs 'points' (the scheme is weighted in points)"
        in issues
    )


def test_group_points_equal_children():
    text = """format: expertscore-scheme/1
id: pts
title: 点数
version: "1"
source: {document: 测试}
weighting: points
indicators:
  - code: "1"
    name: 组
    points: 10
    children:
      - {code: "1.1", name: 甲, points: 4, reported: {unit: 个, source: 企业上传}}
      - {code: "1.2", name: 乙, points: 5, reported: {unit: 个, source: 企业上传}}
"""
    with pytest.raises(SchemeInvalid) as info:
        load_scheme_text(text, SOURCE)
    assert [str(i) for i in info.value.issues] == [
        "schemes/x.yaml:10 indicator 1: children's points sum to 9, expected 10"
    ]


def test_unknown_key_unit_and_mode_are_named():
    issues = broken(
        ("        rubric: 以审计报告为准", "        rubrik: 以审计报告为准"),
        ('reported: {unit: "%"', "reported: {unit: 米"),
        ("{mode: yesno}", "{mode: maybe}"),
    )
    assert "schemes/x.yaml:41 indicator 1.1: unknown key 'rubrik'" in issues
    assert any(
        i.startswith("schemes/x.yaml:40 indicator 1.1: unit: unknown unit '米'") for i in issues
    )
    assert any(
        i.startswith("schemes/x.yaml:81 indicator 9.1: scoring: Input tag 'maybe'") for i in issues
    )


def test_organizer_set_value_needs_default():
    issues = broken(("min: {default: 60%}", "min: {note: unknown}"))
    assert any("an organizer-set value needs a 'default'" in issue for issue in issues)


def test_wrong_format_version():
    with pytest.raises(SchemeInvalid) as info:
        load_scheme_text(
            example_text().replace("expertscore-scheme/1", "expertscore-scheme/9"), SOURCE
        )
    assert str(info.value) == (
        "schemes/x.yaml:1: format 'expertscore-scheme/9' is not supported;"
        " this program reads 'expertscore-scheme/1'"
    )


def test_invalid_yaml_names_line():
    with pytest.raises(SchemeFileError) as info:
        load_scheme_text(example_text().replace("name: 独立经营", "name: [独立经营"), SOURCE)
    assert str(info.value).startswith("schemes/x.yaml:")
    assert "not valid YAML" in str(info.value)


def test_key_twice_in_one_mapping():
    with pytest.raises(SchemeFileError) as info:
        load_scheme_text(example_text().replace("title: 示例", "id: again\ntitle: 示例"), SOURCE)
    assert str(info.value) == "schemes/x.yaml:3: key 'id' appears twice"


def test_code_written_as_number_stays_text():
    text = example_text().replace('code: "1.1"', "code: 1.10").replace('code: "1.2"', "code: 1.20")
    scheme = load_scheme_text(text, SOURCE)
    assert scheme.find("1.10") is not None
    assert scheme.find("1.20").name == "独立经营"
