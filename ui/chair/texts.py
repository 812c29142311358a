"""Translated words for the chair's and organizer's views.

The core's errors and its merge and gap notes are worded by ``expertscore.wording`` from
their facts (``ui.messages``); the labels of the chair's own views are Qt translations.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from expertscore.chair.fragility import Fragility
from expertscore.chair.merge import ACCEPTED, REFUSED, REPLACED, UNCHANGED, Decision
from expertscore.chair.override_causes import OverrideCause
from expertscore.chair.panel import Gap
from expertscore.errors import ExpertScoreError
from expertscore.vocabulary import Flag, MergeOutcome
from expertscore.wording.labels import flag_meaning, label
from expertscore.wording.phrases import phrase_text
from ui.messages import error_text
from ui.plaintext import shown

OUTCOMES = (ACCEPTED, REPLACED, UNCHANGED, REFUSED)


def outcome_label(outcome: str) -> str:
    return label(MergeOutcome, outcome)


def flag_label(flag: str) -> str:
    return label(Flag, flag)


def cause_text(cause: OverrideCause | None) -> str:
    """Why the panel changed a summed result (87号令 art. 64), in the interface's language."""
    labels = {
        OverrideCause.SUMMING_ERROR: QCoreApplication.translate("ChairTexts", "Summing error"),
        OverrideCause.OUT_OF_RANGE: QCoreApplication.translate(
            "ChairTexts", "Score outside the allowed range"
        ),
        OverrideCause.OBJECTIVE_INCONSISTENT: QCoreApplication.translate(
            "ChairTexts", "Inconsistent scores of an objective item"
        ),
        OverrideCause.EXTREME_SCORE: QCoreApplication.translate(
            "ChairTexts", "Score judged abnormally high or low"
        ),
    }
    if cause is None:
        return QCoreApplication.translate("ChairTexts", "No cause recorded (earlier record)")
    return labels[cause]


def flag_explanation(flag: str) -> str:
    return flag_meaning(flag)


def decision_text(decision: Decision) -> str:
    """Why a merge decides as it does, in the window's language."""
    if decision.refusal is not None:
        return error_text(decision.refusal, placed=False)
    return phrase_text(decision.said, decision.facts, decision.reason, show=shown)


def gap_text(gap: Gap) -> str:
    """What is missing of an expert's results, in the window's language."""
    return phrase_text(gap.said, gap.facts, gap.detail, show=shown)


def failure_text(error: BaseException) -> str:
    """One line for an error of the chair's or organizer's core calls.

    Background work reports every failure this way, also an unexpected one (named by its
    type), so that a window never waits for a result that will not come.
    """
    if isinstance(error, ExpertScoreError | OSError):
        return error_text(error)
    return f"{type(error).__name__}: {error}"


def fragile_text(found: Fragility, grade_name) -> str:
    """A leave-one-out finding in words: without E03: grade 二级→一级, rank 2→3.

    ``grade_name`` turns a grade code (``None``: no grade) into the scheme's name for it.
    """
    words = []
    if found.grade is not None:
        before, after = found.grade
        words.append(
            QCoreApplication.translate("ChairTexts", "grade {before}→{after}").format(
                before=grade_name(before), after=grade_name(after)
            )
        )
    if found.rank is not None:
        words.append(
            QCoreApplication.translate("ChairTexts", "rank {before}→{after}").format(
                before=found.rank[0], after=found.rank[1]
            )
        )
    return QCoreApplication.translate("ChairTexts", "without {expert}: {changes}").format(
        expert=found.expert, changes=", ".join(words)
    )
