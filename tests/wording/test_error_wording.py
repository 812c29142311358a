"""Every error the core raises has one Chinese and one English wording, and the Chinese
one says its sentence in Chinese (``expertscore.wording.errors``)."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from decimal import Decimal
from pathlib import Path

import pytest

import expertscore
from expertscore.chair import decisions
from expertscore.chair.decision_rules import DecisionError, check_reason
from expertscore.errors import ExpertScoreError
from expertscore.organizer.assign import Shortfall, UnassignedSubmissions
from expertscore.schemes.organizer import OrganizerValueError, parse_value
from expertscore.scoring.modes import ScoreRejected, parse_points
from expertscore.scoring.service import SessionLocked
from expertscore.wording import EN, ZH
from expertscore.wording.errors import ERRORS, error_text
from expertscore.wording.phrases import PHRASES
from expertscore.xlsxform.errors import FormRule, XlsxFormError

CORE = Path(expertscore.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")
# Two English words in a row: a sentence (or its part) left in English.
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}")


def error_classes() -> dict[str, type[ExpertScoreError]]:
    for module in pkgutil.walk_packages(expertscore.__path__, "expertscore."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    # The window's one error of its own (printing), worded from the same catalog: loaded
    # here so the test does not depend on which tests ran before it.
    importlib.import_module("ui.expert.printing")
    found: dict[str, type[ExpertScoreError]] = {"ExpertScoreError": ExpertScoreError}
    todo = [ExpertScoreError]
    while todo:
        for sub in todo.pop().__subclasses__():
            found[sub.__name__] = sub
            todo.append(sub)
    return found


def said_in_source() -> set[tuple[str, str]]:
    """(class, said) of every ``Class(...).saying("said", ...)`` and ``self.saying(...)``."""
    found = set()
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [None, *[n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]]:
            body = tree if cls is None else cls
            for node in ast.walk(body):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "saying"
                    and node.args
                ):
                    continue
                first = node.args[0]
                branches = [first.body, first.orelse] if isinstance(first, ast.IfExp) else [first]
                saids = [b.value for b in branches if isinstance(b, ast.Constant)]
                target = node.func.value
                if isinstance(target, ast.Call) and isinstance(target.func, ast.Name):
                    found |= {(target.func.id, said) for said in saids}
                elif isinstance(target, ast.Name) and target.id == "self" and cls is not None:
                    found |= {(cls.name, said) for said in saids}
    return found


def has_template(classes: dict[str, type], name: str, said: str) -> bool:
    return any(f"{cls.__name__}.{said}" in ERRORS for cls in classes[name].__mro__)


def filled(template: str) -> str:
    names = [field for _, field, _, _ in string.Formatter().parse(template) if field]
    return template.format_map({name: "X1" for name in names})


def test_every_error_class_has_a_chinese_and_an_english_template():
    classes = error_classes()
    missing = sorted(name for name in classes if name not in ERRORS)
    assert missing == [], f"add these classes to expertscore.wording.errors.ERRORS: {missing}"
    unknown = sorted(k for k in ERRORS if k.partition(".")[0] not in classes)
    assert unknown == []
    for text in ERRORS.values():
        assert text.en and text.zh


def test_every_specific_refusal_has_its_template():
    classes = error_classes()
    said = said_in_source()
    assert ("ScoreRejected", "range") in said and ("UnassignedSubmissions", "only_free") in said
    said |= {("XlsxFormError", str(rule)) for rule in FormRule if rule != FormRule.OTHER}
    said |= {("DecisionError", rule) for rule in ("range", "step", "mode")}  # agreed scores
    said |= {
        ("DecisionError", refusal[0])
        for refusal in (
            decisions.NO_OVERRIDE_REASON,
            decisions.NO_WITHDRAWAL_REASON,
            decisions.NO_ROUND_REASON,
            decisions.NO_TRANSCRIPTION_REASON,
        )
    }
    missing = sorted(
        f"{n}.{s}" for n, s in said if n in classes and not has_template(classes, n, s)
    )
    assert missing == [], f"add these to expertscore.wording.errors.ERRORS: {missing}"


@pytest.mark.parametrize("key", sorted(ERRORS))
def test_every_chinese_template_says_its_sentence_in_chinese(key):
    text = filled(ERRORS[key].zh).replace("{detail}", "")
    assert CJK.search(text), key
    assert not ENGLISH_WORDS.search(text), (key, text)


@pytest.mark.parametrize("key", sorted(PHRASES))
def test_every_chinese_phrase_says_its_sentence_in_chinese(key):
    text = filled(PHRASES[key].zh)
    assert CJK.search(text) and not ENGLISH_WORDS.search(text), key


def test_a_refusal_reads_in_both_languages_from_its_facts():
    with pytest.raises(ScoreRejected) as caught:
        parse_points("1.1", "abc")
    assert error_text(caught.value, ZH) == "指标 1.1：“abc”不是数字"
    assert error_text(caught.value, EN) == "Indicator 1.1: “abc” is not a number"
    with pytest.raises(OrganizerValueError) as given:
        parse_value("weight:1.1", "x%", "organizer")
    assert error_text(given.value, ZH) == "weight:1.1：“x%”不是数字"
    with pytest.raises(DecisionError) as refused:
        check_reason("  ", decisions.NO_ROUND_REASON, submission="S01")
    assert error_text(refused.value, ZH) == "第二轮评分须填写理由"
    assert str(refused.value) == "a second round needs a reason"  # the log's line unchanged
    short = UnassignedSubmissions([Shortfall("S01", "", 2, 3, ())], 2)
    assert error_text(short, ZH) == "申报 S01：评审组中只有 2 位专家没有利益冲突，需要 3 位"
    locked = SessionLocked(2, "2026-12-01 10:00")
    assert error_text(locked, ZH) == (
        "该会话已提交（第 2 次，2026-12-01 10:00）并已锁定；如需修改，请先填写理由解锁。"
    )


def test_an_error_without_its_facts_falls_back_to_its_class_wording():
    bare = ScoreRejected("2.1", "enter points").saying("range")  # no value, no top
    assert error_text(bare, ZH) == "指标 2.1：enter points"
    form = XlsxFormError("表单.xlsx", "something else", "申报信息", "B4")
    assert error_text(form, ZH) == f"Excel 表单有误：{form}"
    assert error_text(form, EN) == str(form)


def test_facts_are_shown_through_the_callers_filter():
    error = ScoreRejected("1.1", "x").saying("not_a_number", text="<b>")
    assert (
        error_text(error, ZH, show=lambda t: t.replace("<", "&lt;")) == "指标 1.1：“&lt;b>”不是数字"
    )


def test_decimal_facts_are_written_as_the_core_writes_them():
    error = DecisionError("x").saying("range", indicator="1.1", value=Decimal("12.5"), top="10")
    assert error_text(error, ZH) == "1.1：12.5 超出 0–10 的范围"
