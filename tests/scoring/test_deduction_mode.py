"""The deduction mode (扣分制), added as one class: 1.1 of the example scheme (maximum 10)
lists three shortcomings deducting 4, 3 and 5 points; the score never goes below 0."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.chair.decision_rules import agreed_score_problem
from expertscore.errors import SchemeInvalid
from expertscore.reports.sheet_text import choice_labels, entry_text, guide_lines
from expertscore.schemes import load_scheme_text
from expertscore.schemes.modes import Deduction, Entry, ScoreRejected, mode_for
from expertscore.scoring.modes import points_for
from expertscore.scoring.rules import ScoreCheck
from expertscore.scoring.service import ScoringService
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.deduction_scheme import deduction_builder, deduction_scheme_text

D = Decimal
AUDIT, MISMATCH, SCOPE = "未提供审计报告", "数据前后不一致", "口径不符"


@pytest.fixture(scope="module")
def scheme():
    return load_scheme_text(deduction_scheme_text(), "schemes/x.yaml")


@pytest.fixture
def leaf(scheme):
    return scheme.find("1.1")


def test_the_mode_object_is_the_deduction_class(scheme, leaf):
    mode = mode_for(scheme, leaf)
    assert isinstance(mode, Deduction)
    assert (mode.name, mode.editor, mode.top) == ("deduction", "checks", D(10))


@pytest.mark.parametrize(
    ("choice", "points"),
    [
        ("none", D(10)),  # nothing ticked: full marks
        (AUDIT, D(6)),  # 10 - 4
        (f"{AUDIT} + {MISMATCH}", D(3)),  # 10 - 4 - 3
        (f"{MISMATCH} + {SCOPE}", D(2)),  # 10 - 3 - 5
        (f"{AUDIT} + {MISMATCH} + {SCOPE}", D(0)),  # 10 - 12, floor 0
    ],
)
def test_points_are_the_maximum_less_the_ticked_deductions(scheme, leaf, choice, points):
    assert points_for(scheme, leaf, Entry(choice=choice)) == points


@pytest.mark.parametrize(
    "choice",
    [f"{MISMATCH} + {AUDIT}", f"{AUDIT} + {AUDIT}", "未知不足", "", None, "yes"],
)
def test_a_choice_that_is_not_a_set_of_ticks_in_order_is_refused(scheme, leaf, choice):
    with pytest.raises(ScoreRejected) as info:
        points_for(scheme, leaf, Entry(choice=choice))
    error = info.value
    assert (error.code, error.rule, error.said) == ("1.1", "choice", "deductions")
    assert error.facts == {"labels": f"{AUDIT}/{MISMATCH}/{SCOPE}", "choice": choice}


def test_the_result_file_check_holds_the_stored_points_to_the_ticks(scheme):
    check = ScoreCheck(scheme)
    assert check.problem("1.1", "6", AUDIT, None) is None
    assert check.problem("1.1", "10", "none", None) is None
    wrong = check.problem("1.1", "7", AUDIT, None)
    assert (wrong.rule, wrong.reason) == ("mode", f"'{AUDIT}' earns 6 points, not 7")
    bare = check.problem("1.1", "6", None, None)
    assert (bare.rule, bare.reason) == ("choice", "the deduction mode scores by a choice")
    order = check.problem("1.1", "3", f"{MISMATCH} + {AUDIT}", None)
    assert order.rule == "choice"


def test_the_chair_may_agree_only_on_a_score_some_ticks_give(scheme, leaf):
    # Sums of the deductions: 0 3 4 5 7 8 9 12 -> scores 10 7 6 5 3 2 1 0.
    assert mode_for(scheme, leaf).allowed_points() == [D(n) for n in (0, 1, 2, 3, 5, 6, 7, 10)]
    assert agreed_score_problem(scheme, leaf, D(7)) is None
    rule, reason, facts = agreed_score_problem(scheme, leaf, D(4))
    assert (rule, facts["scores"]) == ("mode", "0/1/2/3/5/6/7/10")
    assert reason == "4 is not one of the mode's scores 0/1/2/3/5/6/7/10"
    assert agreed_score_problem(scheme, leaf, D(11))[0] == "range"


def test_the_paper_sheet_lists_the_shortcomings(scheme, leaf):
    assert guide_lines(scheme, leaf, None) == [
        "以审计报告为准",
        "扣分制：满分 10 分，每项不足扣相应分数，扣完为止：",
        "未提供审计报告 扣 4 分",
        "数据前后不一致 扣 3 分",
        "口径不符 扣 5 分",
    ]
    assert choice_labels(scheme, leaf) == [AUDIT, MISMATCH, SCOPE]
    assert entry_text(D(10), "none") == "无扣分 · 10"
    assert entry_text(D(3), f"{AUDIT} + {MISMATCH}") == f"{AUDIT} + {MISMATCH} · 3"


@pytest.mark.parametrize(
    ("fraction", "choice"),
    [
        (1.0, "none"),
        (0.8, MISMATCH),  # 7 is nearest 8
        (0.55, AUDIT),  # 6 is nearest 5.5; then 3 and 1 are farther
        (0.3, f"{AUDIT} + {MISMATCH}"),  # 3 is 3
        (0.0, f"{AUDIT} + {MISMATCH} + {SCOPE}"),
    ],
)
def test_a_simulated_expert_ticks_towards_their_judgement(scheme, leaf, fraction, choice):
    judgement = mode_for(scheme, leaf).simulate(fraction, None, random.Random(1))
    assert judgement.entry == Entry(choice=choice)


def test_the_scheme_check_refuses_bad_shortcomings():
    def issues(old: str, new: str) -> list[str]:
        text = deduction_scheme_text()
        assert old in text
        with pytest.raises(SchemeInvalid) as info:
            load_scheme_text(text.replace(old, new, 1), "schemes/x.yaml")
        return [str(issue) for issue in info.value.issues]

    last = "{label: 口径不符, points: 5}"
    assert issues(last, "{label: 未提供审计报告, points: 5}") == [
        "schemes/x.yaml:43 indicator 1.1: shortcoming labels must be unique"
    ]
    assert issues(last, "{label: 口径+不符, points: 0}") == [
        "schemes/x.yaml:47 indicator 1.1: a shortcoming's label cannot be 'none' or contain '+'",
        "schemes/x.yaml:47 indicator 1.1: shortcoming '口径+不符' must deduct more than 0 points",
    ]


def test_a_session_stores_the_ticks_and_their_points(tmp_path: Path):
    deduction_builder().write(tmp_path / "batch.esbatch")
    path = create_session(tmp_path / "batch.esbatch", "E01", tmp_path / "e01.esession")
    session = SessionFile(path)
    try:
        scoring = ScoringService(session)
        scoring.set_entry("S002", "1.1", Entry(choice=f"{AUDIT} + {SCOPE}"))
        record = scoring.scores("S002")["1.1"]
        assert (record.points, record.choice) == (D(1), f"{AUDIT} + {SCOPE}")
        with pytest.raises(ScoreRejected):
            scoring.set_entry("S002", "1.1", Entry(points=D(8)))
    finally:
        session.close()
