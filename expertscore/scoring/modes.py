"""What an expert may enter for a leaf, and how many points it earns.

Each scoring mode (``docs/schemes.md``) turns an entry into points between 0 and the leaf's
maximum. An entry is refused with a reason that names the indicator, so the window can
show it in place. Everything is exact ``Decimal`` arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from expertscore.errors import ExpertScoreError
from expertscore.schemes.model import (
    BandsScoring,
    FixedScoring,
    Indicator,
    OrdinalScoring,
    Scheme,
    YesNoScoring,
)
from expertscore.schemes.rules import fmt, max_points

YES, NO = "yes", "no"


NAN = "not_a_number"  # ScoreRejected.said of a text that is not a number


class ScoreRejected(ExpertScoreError):
    """An entry that the leaf's scoring mode does not allow."""

    def __init__(self, code: str, reason: str, rule: str = "mode") -> None:
        self.code = code
        self.reason = reason
        self.rule = rule  # "mode", "range", "step" or "choice" (``docs/formats.md``)
        super().__init__(f"indicator {code}: {reason}")


@dataclass(frozen=True)
class Entry:
    """What the expert entered: points, or a choice (grade label, yes/no), or both.

    For ``bands`` a choice of ``"suggested"`` accepts the band's points; points alone
    override the suggestion.
    """

    points: Decimal | None = None
    choice: str | None = None


def mode_of(leaf: Indicator) -> str:
    return leaf.scoring.mode if leaf.scoring is not None else "points"


def step_of(scheme: Scheme, leaf: Indicator) -> Decimal:
    scoring = leaf.scoring
    step = getattr(scoring, "step", None) if scoring is not None else None
    return step or scheme.defaults.step


def parse_points(code: str, text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise ScoreRejected(code, f"'{text}' is not a number").saying(NAN, text=text) from None
    if not value.is_finite():
        raise ScoreRejected(code, f"'{text}' is not a number").saying(NAN, text=text)
    return value


def suggest_from_bands(leaf: Indicator, reported: str | None) -> Decimal | None:
    """The points of the last band whose minimum the reported value reaches."""
    if not isinstance(leaf.scoring, BandsScoring) or reported is None:
        return None
    try:
        value = Decimal(reported)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    chosen = None
    for band in leaf.scoring.bands:
        if value >= band.min:
            chosen = band.points.value
    return chosen if chosen is not None else Decimal(0)


def choices_of(leaf: Indicator) -> list[str]:
    """The choices a mode offers (grade labels, yes/no); empty for free points."""
    scoring = leaf.scoring
    if isinstance(scoring, OrdinalScoring):
        return [grade.label for grade in scoring.grades]
    if isinstance(scoring, YesNoScoring | FixedScoring):
        return [YES, NO]
    return []


def _check_points(scheme: Scheme, leaf: Indicator, points: Decimal) -> Decimal:
    top = max_points(scheme, leaf)
    assert top is not None
    if points < 0 or points > top:
        raise ScoreRejected(leaf.code, f"{fmt(points)} is outside 0–{fmt(top)}", "range").saying(
            "range", value=fmt(points), top=fmt(top)
        )
    step = step_of(scheme, leaf)
    if points % step != 0:
        raise ScoreRejected(
            leaf.code, f"{fmt(points)} is not a multiple of the step {fmt(step)}", "step"
        ).saying("step", value=fmt(points), step=fmt(step))
    return points


def points_for(
    scheme: Scheme, leaf: Indicator, entry: Entry, reported: str | None = None
) -> Decimal:
    """The points an entry earns, or ``ScoreRejected`` saying why it is not allowed."""
    top = max_points(scheme, leaf)
    assert top is not None
    scoring = leaf.scoring
    if isinstance(scoring, OrdinalScoring):
        for grade in scoring.grades:
            if grade.label == entry.choice:
                return grade.fraction.value * top
        labels = "/".join(choices_of(leaf))
        raise ScoreRejected(
            leaf.code, f"choose one of {labels}, not '{entry.choice}'", "choice"
        ).saying("choice", labels=labels, choice=entry.choice)
    if isinstance(scoring, YesNoScoring | FixedScoring):
        if entry.choice == YES:
            return top
        if entry.choice == NO:
            return Decimal(0)
        raise ScoreRejected(leaf.code, f"choose yes or no, not '{entry.choice}'", "choice").saying(
            "yes_no", choice=entry.choice
        )
    if isinstance(scoring, BandsScoring) and entry.choice == "suggested":
        suggestion = suggest_from_bands(leaf, reported)
        if suggestion is None:
            raise ScoreRejected(
                leaf.code, "no suggestion: the reported value is not a number"
            ).saying("no_suggestion")
        return suggestion
    if entry.points is None:
        raise ScoreRejected(leaf.code, "enter points").saying("no_points")
    return _check_points(scheme, leaf, entry.points)
