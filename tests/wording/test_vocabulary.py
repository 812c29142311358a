"""One vocabulary: each flag, merge outcome, progress state and policy word has one value
(the string files always held) and one Chinese and English label, used everywhere."""

from __future__ import annotations

import json

from expertscore.chair import aggregate, merge
from expertscore.chair.report import text as report_pdf_text
from expertscore.chair.workbook import common as workbook_common
from expertscore.schemes.model import AggregationMethod, Rounding
from expertscore.scoring import service
from expertscore.vocabulary import Flag, MergeOutcome, Progress
from expertscore.wording import EN, ZH
from expertscore.wording.labels import FLAG_MEANINGS, LABELS, flag_text, label


def test_values_are_the_strings_files_always_held():
    assert [f.value for f in Flag] == ["spread", "reverify", "too_few_experts", "no scores"]
    assert list(MergeOutcome) == ["accepted", "replaced", "unchanged", "refused"]
    assert list(Progress) == ["not_started", "in_progress", "complete", "recused"]
    assert json.dumps({"flags": [Flag.NO_SCORES], "outcome": MergeOutcome.REFUSED}) == (
        '{"flags": ["no scores"], "outcome": "refused"}'
    )
    assert f"{Progress.IN_PROGRESS}" == "in_progress"


def test_the_core_names_its_states_by_the_enums():
    assert (aggregate.SPREAD, aggregate.NO_SCORES) == (Flag.SPREAD, Flag.NO_SCORES)
    assert (merge.ACCEPTED, merge.REFUSED) == (MergeOutcome.ACCEPTED, MergeOutcome.REFUSED)
    assert (service.NOT_STARTED, service.RECUSED) == (Progress.NOT_STARTED, Progress.RECUSED)


def test_every_member_has_a_chinese_and_an_english_label():
    for kind, texts in LABELS.items():
        assert set(texts) == set(kind), kind
        for text in texts.values():
            assert text.en and text.zh and text.en != text.zh
    assert set(FLAG_MEANINGS) == set(Flag)


def test_the_workbook_and_the_report_say_the_same_label():
    one = {flag.value: label(Flag, flag, ZH) for flag in Flag}
    assert workbook_common.FLAG_LABELS == report_pdf_text.FLAG_NAMES == one
    assert one == {
        "spread": "分歧大",
        "reverify": "需复核",
        "too_few_experts": "评分专家不足",
        "no scores": "无人评分",
    }
    assert workbook_common.ROUNDING_LABELS == report_pdf_text.ROUNDING_NAMES
    assert workbook_common.METHOD_LABELS[AggregationMethod.MEDIAN] == "中位数"
    assert report_pdf_text.ROUNDING_NAMES[Rounding.HALF_EVEN] == "四舍六入五成双"
    assert report_pdf_text.OUTCOME_NAMES["accepted"] == label(MergeOutcome, "accepted", ZH)


def test_flags_are_listed_in_either_language():
    flags = ["spread", "no scores"]
    assert flag_text(flags, ZH) == "分歧大、无人评分"
    assert flag_text(flags, EN) == "far apart, no scores"
    assert label(Flag, "something new", ZH) == "something new"  # an unknown value as it is
