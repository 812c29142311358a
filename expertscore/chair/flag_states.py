"""Whether each flag of the aggregation still asks for the panel's attention.

A flag (far apart, re-verify, too few experts, no scores) is open until the panel decides
on the indicator: an agreed panel score (with its cause from 87号令 art. 64) resolves
every flag of that indicator of that submission; the panel's verified value (the value
it agreed for the reported value) resolves the re-verify flag, and only that one. A
second-round request leaves the flag open: the new scores, once merged, are aggregated
afresh and may clear it themselves.
Objective-item disagreement is one flag per indicator and submission; ``distinct_values``
says which values the experts verified (or, without verified values, scored).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from expertscore.chair.aggregate import REVERIFY, IndicatorResult, Sheet, SubmissionResult
from expertscore.chair.override_causes import OverrideCause


class FlagState(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


AGREED_SCORE = "agreed-score"  # the decisions that resolve a flag
VERIFIED_VALUE = "verified-value"


@dataclass(frozen=True)
class FlagStatus:
    flag: str
    state: FlagState
    resolved_by: str | None = None  # AGREED_SCORE, VERIFIED_VALUE, or None while open
    cause: OverrideCause | None = None  # the agreed score's cause


def status(item: IndicatorResult, flag: str) -> FlagStatus:
    agreed = item.override
    if agreed is not None:
        return FlagStatus(flag, FlagState.RESOLVED, AGREED_SCORE, agreed.cause)
    if flag == REVERIFY and item.agreed_value is not None:
        return FlagStatus(flag, FlagState.RESOLVED, VERIFIED_VALUE)
    return FlagStatus(flag, FlagState.OPEN)


def statuses(item: IndicatorResult) -> list[FlagStatus]:
    """Each flag of ``item`` with its state, in the aggregation's order."""
    return [status(item, flag) for flag in item.flags]


def has_open_flag(item: IndicatorResult) -> bool:
    return any(status(item, flag).state is FlagState.OPEN for flag in item.flags)


def open_flags(sub: SubmissionResult) -> int:
    """How many of the submission's indicators have a flag the panel has not resolved."""
    return sum(1 for item in sub.indicators.values() if has_open_flag(item))


def distinct_values(
    sheets: Iterable[Sheet], item: IndicatorResult
) -> list[tuple[str, tuple[str, ...]]]:
    """The different values the experts verified for ``item`` (else the scores they gave),
    each with the experts who gave it, in the order of the values."""
    by_value: dict[str, list[str]] = {}
    chosen = [s for s in sheets if not s.recused and item.code in s.verified]
    if chosen:
        for sheet in chosen:
            by_value.setdefault(sheet.verified[item.code], []).append(sheet.expert)
    else:
        for expert, points in item.scores.items():
            by_value.setdefault(format(points, "f"), []).append(expert)
    return [(value, tuple(sorted(experts))) for value, experts in sorted(by_value.items())]
