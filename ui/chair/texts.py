"""Translated words for the chair's and organizer's views, and the core's messages.

The core writes English one-line messages; the common shapes are matched here and rebuilt
from translatable templates (as ``ui.messages`` does for the expert's window). Anything
else is shown as the core wrote it, which is still a complete sentence.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from expertscore.chair.decision_rules import CAUSE, DecisionError
from expertscore.chair.fragility import Fragility
from expertscore.chair.merge import ACCEPTED, REFUSED, REPLACED, UNCHANGED, MergeFolderChanged
from expertscore.chair.override_causes import OverrideCause
from expertscore.errors import ExpertScoreError
from expertscore.results.envelope import ResultRefused
from ui.messages import error_text
from ui.plaintext import shown

CONTEXT = "ChairTexts"


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


OUTCOMES = (ACCEPTED, REPLACED, UNCHANGED, REFUSED)


def outcome_label(outcome: str) -> str:
    labels = {
        ACCEPTED: QCoreApplication.translate("ChairTexts", "Accepted"),
        REPLACED: QCoreApplication.translate("ChairTexts", "Replaced"),
        UNCHANGED: QCoreApplication.translate("ChairTexts", "Unchanged"),
        REFUSED: QCoreApplication.translate("ChairTexts", "Refused"),
    }
    return labels.get(outcome, outcome)


def flag_label(flag: str) -> str:
    labels = {
        "spread": QCoreApplication.translate("ChairTexts", "far apart"),
        "reverify": QCoreApplication.translate("ChairTexts", "re-verify"),
        "too_few_experts": QCoreApplication.translate("ChairTexts", "too few experts"),
        "no scores": QCoreApplication.translate("ChairTexts", "no scores"),
    }
    return labels.get(flag, flag)


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
    labels = {
        "spread": QCoreApplication.translate(
            "ChairTexts", "The highest and lowest scores are further apart than the threshold."
        ),
        "reverify": QCoreApplication.translate(
            "ChairTexts",
            "An objective indicator was scored or verified differently by the experts.",
        ),
        "too_few_experts": QCoreApplication.translate(
            "ChairTexts", "Fewer experts scored it than the aggregation policy needs."
        ),
        "no scores": QCoreApplication.translate("ChairTexts", "Nobody scored this indicator."),
    }
    return labels.get(flag, flag)


# (pattern of the core's English text, the same text as a translatable template): in
# English the message reads exactly as the core wrote it; Chinese comes from the .qm.
_PATTERNS: list[tuple[str, str]] = [
    (r"new", QT_TRANSLATE_NOOP("ChairTexts", "new")),
    (
        r"replaces result (?P<before>\d+)",
        QT_TRANSLATE_NOOP("ChairTexts", "replaces result {before}"),
    ),
    (
        r"same as the accepted result (?P<before>\d+)",
        QT_TRANSLATE_NOOP("ChairTexts", "same as the accepted result {before}"),
    ),
    (
        r"older \(sequence (?P<sequence>\d+)\) than the accepted result (?P<before>\d+)",
        QT_TRANSLATE_NOOP(
            "ChairTexts", "older (sequence {sequence}) than the accepted result {before}"
        ),
    ),
    (
        r"differs from the accepted result with the same sequence (?P<before>\d+)",
        QT_TRANSLATE_NOOP(
            "ChairTexts", "differs from the accepted result with the same sequence {before}"
        ),
    ),
    (
        r"the signed payload is damaged \((?P<detail>.*)\): the file was changed",
        QT_TRANSLATE_NOOP(
            "ChairTexts", "the signed payload is damaged ({detail}): the file was changed"
        ),
    ),
    (
        r"the file was changed after signing(?P<rest>.*)",
        QT_TRANSLATE_NOOP("ChairTexts", "the file was changed after signing{rest}"),
    ),
    (
        r"unknown key (?P<key>\S+): neither the batch roster nor a key card names a key"
        r" for (?P<expert>\S+)",
        QT_TRANSLATE_NOOP(
            "ChairTexts",
            "unknown key {key}: neither the batch roster nor a key card names a key for {expert}",
        ),
    ),
    (
        r"no result file accepted yet",
        QT_TRANSLATE_NOOP("ChairTexts", "no result file accepted yet"),
    ),
    (r"not in the expert's result", QT_TRANSLATE_NOOP("ChairTexts", "not in the expert's result")),
    (
        r"(?P<count>\d+) indicators unscored \((?P<codes>.*)\)",
        QT_TRANSLATE_NOOP("ChairTexts", "{count} indicators unscored ({codes})"),
    ),
    (
        r"the key's fingerprint (?P<actual>\S+) does not match (?P<sheet>.*) on the sheet",
        QT_TRANSLATE_NOOP(
            "ChairTexts", "the key's fingerprint {actual} does not match {sheet} on the sheet"
        ),
    ),
    (
        r"an agreed panel score needs the panel's reason",
        QT_TRANSLATE_NOOP("ChairTexts", "an agreed panel score needs the panel's reason"),
    ),
    (
        r"(?P<code>\S+): (?P<value>\S+) is outside 0–(?P<top>\S+)",
        QT_TRANSLATE_NOOP("ChairTexts", "{code}: {value} is outside 0–{top}"),
    ),
    (
        r"name the experts who score the second round",
        QT_TRANSLATE_NOOP("ChairTexts", "name the experts who score the second round"),
    ),
    (
        r"(?P<expert>\S+) is assigned (?P<sid>\S+) despite a conflict of interest",
        QT_TRANSLATE_NOOP(
            "ChairTexts", "{expert} is assigned {sid} despite a conflict of interest"
        ),
    ),
    (
        r"submission (?P<sid>\S+): indicator (?P<code>\S+) has (?P<count>\d+) experts;"
        r" the aggregation policy needs (?P<needed>\d+)",
        QT_TRANSLATE_NOOP(
            "ChairTexts",
            "submission {sid}: indicator {code} has {count} experts;"
            " the aggregation policy needs {needed}",
        ),
    ),
    (
        r"submission (?P<sid>\S+): only (?P<count>\d+) experts of (?P<pool>.+) are free of"
        r" conflicts, (?P<needed>\d+) needed",
        QT_TRANSLATE_NOOP(
            "ChairTexts",
            "submission {sid}: only {count} experts of {pool} are free of conflicts,"
            " {needed} needed",
        ),
    ),
    (
        r"organizer-set values: indicator (?P<code>\S+): children's weights sum to"
        r" (?P<sum>\S+), expected (?P<expected>\S+)",
        QT_TRANSLATE_NOOP(
            "ChairTexts",
            "organizer-set values: indicator {code}: children's weights sum to {sum},"
            " expected {expected}",
        ),
    ),
    (
        r"(?P<target>\S+): '(?P<text>.*)' is not a number",
        QT_TRANSLATE_NOOP("ChairTexts", "{target}: '{text}' is not a number"),
    ),
    (
        r"expert (?P<expert>\S+) is already on the roster \((?P<name>.*)\)",
        QT_TRANSLATE_NOOP("ChairTexts", "expert {expert} is already on the roster ({name})"),
    ),
    (
        r"add the panel's experts to the roster",
        QT_TRANSLATE_NOOP("ChairTexts", "add the panel's experts to the roster"),
    ),
]


def core_text(text: str) -> str:
    """The core's one-line message in the user's language where its shape is known."""
    for pattern, template in _PATTERNS:
        found = re.fullmatch(pattern, text)
        if found:
            return _t(template).format(**found.groupdict())
    return text


def failure_text(error: BaseException) -> str:
    """One line for an error of the chair's or organizer's core calls.

    Background work reports every failure this way, also an unexpected one (named by its
    type), so that a window never waits for a result that will not come.
    """
    from ui.sealed_texts import sealed_error_text

    worded = sealed_error_text(error)  # encrypted files: no key, not this key, damaged
    if worded is not None:
        return worded
    if isinstance(error, ResultRefused):
        return f"{error.source}: {core_text(error.reason)}"
    if isinstance(error, MergeFolderChanged):
        return QCoreApplication.translate(
            "ChairTexts",
            "{file} in the merge folder is not the file merged for {expert}: put back the"
            " merged file, or merge the new one.",
        ).format(file=shown(error.file), expert=shown(error.expert))
    if isinstance(error, DecisionError) and error.rule == CAUSE:
        return QCoreApplication.translate(
            "ChairTexts", "Choose why the panel changes the summed result (87号令 art. 64)."
        )
    if isinstance(error, ExpertScoreError | OSError):
        return core_text(error_text(error))
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
