"""Numbers as documents write them: each form of the issue matches, near misses do not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from expertscore.evidence.forms import date_forms, indicator_words, matches, read_numbers


def _strengths(value: str, unit: str, text: str) -> list[str | None]:
    return [matches(Decimal(value), unit, written) for written in read_numbers(text)]


@pytest.mark.parametrize(
    "text",
    ["131238", "共131,238台", "13.12万台", "13.1238 万台", "约13.1万", "0.13亿", "131238.00"],
)
def test_a_count_in_every_usual_form(text):
    strengths = _strengths("131238", "台/套", text)
    if text == "0.13亿":  # two significant digits prove nothing
        assert strengths == [None]
    else:
        assert strengths == ["strong"], text


@pytest.mark.parametrize(
    "text",
    ["1,312,384,500元", "131,238.45万元", "13.12亿元", "13.1238 亿元", "1312384500.00", "13.123亿"],
)
def test_money_in_wan_yuan_and_yi(text):
    assert _strengths("131238.45", "万元", text) == ["strong"], text


@pytest.mark.parametrize(
    "text", ["131239", "13.13万台", "1312389", "2131238", "131,2380", "1.31238万%"]
)
def test_near_misses_are_not_matches(text):
    assert "strong" not in _strengths("131238", "台/套", text), text


def test_percentages_with_and_without_a_space():
    assert _strengths("10.34", "%", "负债率10.34%") == ["strong"]
    assert _strengths("10.34", "%", "负债率 10.34 %") == ["strong"]
    assert _strengths("10.34", "%", "10.34％") == ["strong"]
    assert _strengths("10.34", "%", "10.35%") == [None]
    assert _strengths("10.34", "台/套", "10.34%") == [None]  # a percentage is not a count


def test_a_short_number_is_only_short():
    assert _strengths("3", "件", "大模型3件") == ["short"]
    assert _strengths("3", "件", "3.0") == ["short"]


def test_a_negative_amount():
    assert _strengths("-1520.50", "万元", "净利润-1,520.50万元") == ["strong"]
    assert _strengths("-1520.50", "万元", "净利润1,520.50万元") == [None]


def test_dates_in_their_usual_spellings():
    forms = date_forms("2024-03-05")
    assert {"2024-03-05", "2024年3月5日", "2024年03月05日", "2024/3/5", "2024.03.05"} <= set(forms)
    assert date_forms("2024-02-30") == []
    assert date_forms("共计12项") == []


def test_indicator_words_drop_generic_leads_and_tails():
    assert indicator_words("平台自研工业APP数量") == ["平台自研工业APP数量", "自研工业APP"]
    assert indicator_words("资产负债率") == ["资产负债率"]
