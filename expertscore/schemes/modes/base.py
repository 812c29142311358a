"""What every scoring mode answers, and the records an entry and a refusal are.

A mode object is bound to one leaf of one scheme (``modes.mode_for``); its methods are the
mode's rules, written once: what an entry earns (``points_for``), which choices it
offers, which scores the chair may agree on, what is wrong with the scheme's keys, the
words printed on a paper sheet, and what a simulated expert enters. It never imports Qt:
the window asks ``editor`` which of its widgets to show.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, ClassVar

from expertscore.errors import ExpertScoreError
from expertscore.schemes.model import Indicator, Scheme
from expertscore.schemes.numbers import fmt, max_points

YES, NO = "yes", "no"
NAN = "not_a_number"  # ScoreRejected.said of a text that is not a number
SUGGESTED = "suggested"  # the choice that accepts a band's suggestion

# (path below the leaf's ``scoring``, what is wrong): a finding of the scheme check.
Problem = tuple[tuple[str | int, ...], str]


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


@dataclass
class Judgement:
    """What a simulated expert enters, and what they thought (0..1) for the comment."""

    entry: Entry
    fraction: float
    verified_value: str | None = None


def parse_points(code: str, text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        raise ScoreRejected(code, f"'{text}' is not a number").saying(NAN, text=text) from None
    if not value.is_finite():
        raise ScoreRejected(code, f"'{text}' is not a number").saying(NAN, text=text)
    return value


def snap(fraction: float, top: Decimal, step: Decimal) -> Decimal:
    """``fraction`` of ``top`` rounded to a multiple of ``step`` within 0..top."""
    exact = Decimal(str(round(fraction, 4))) * top / step
    points = exact.to_integral_value(rounding=ROUND_HALF_UP) * step
    return max(Decimal(0), min(top, points))


def marked(number: Decimal, amount: Any) -> str:
    """A number as printed, with ``*`` when it comes from an organizer-set ``Amount``."""
    text = fmt(number)
    # "*" is ``schemes.table.DEFAULT_MARK`` (that module reads the rules, which read this).
    return text + "*" if amount is not None and amount.organizer_set else text


class ScoringMode(ABC):
    """One scoring mode's rules for one leaf (``leaf.scoring`` is the mode's record)."""

    name: ClassVar[str]  # the scheme's ``scoring.mode``
    # Which editor the window shows: "points", "choice", "bands" or "checks".
    editor: ClassVar[str]
    stepped: ClassVar[bool] = False  # points in steps (the window shows the step)

    def __init__(self, scheme: Scheme, leaf: Indicator) -> None:
        self.scheme = scheme
        self.leaf = leaf
        self.scoring: Any = leaf.scoring

    @property
    def code(self) -> str:
        return self.leaf.code

    @property
    def top(self) -> Decimal:
        """The leaf's maximum (0 for a leaf the scheme check refuses for having none)."""
        return max_points(self.scheme, self.leaf) or Decimal(0)

    @property
    def step(self) -> Decimal:
        step = getattr(self.scoring, "step", None)
        return step or self.scheme.defaults.step

    # -- an entry ----------------------------------------------------------------------

    @classmethod
    def offered(cls, scoring: Any) -> list[str]:
        """The choices a mode's record offers (grade labels, yes/no); none for points."""
        return []

    def choices(self) -> list[str]:
        return self.offered(self.scoring)

    def options(self) -> list[tuple[str, Decimal]]:
        """Each choice with the points it earns (the window's buttons)."""
        return [(choice, self.points_for(Entry(choice=choice), None)) for choice in self.choices()]

    def prompt(self) -> str | None:
        """The scheme's question above the choices (``yesno``), or condition (``fixed``)."""
        return None

    def accepts_choice(self, choice: str) -> bool:
        """Whether a stored entry may carry ``choice`` (``check_entry``)."""
        return choice in self.choices()

    @property
    def scores_by_choice(self) -> bool:
        return bool(self.choices())

    @abstractmethod
    def points_for(self, entry: Entry, reported: str | None) -> Decimal:
        """The points ``entry`` earns, or ``ScoreRejected`` saying why it is not allowed."""

    def check_points(self, points: Decimal | None) -> Decimal:
        """Points typed by the expert: 0..maximum on the step."""
        if points is None:
            raise ScoreRejected(self.code, "enter points").saying("no_points")
        top = self.top
        if points < 0 or points > top:
            raise ScoreRejected(
                self.code, f"{fmt(points)} is outside 0–{fmt(top)}", "range"
            ).saying("range", value=fmt(points), top=fmt(top))
        step = self.step
        if points % step != 0:
            raise ScoreRejected(
                self.code, f"{fmt(points)} is not a multiple of the step {fmt(step)}", "step"
            ).saying("step", value=fmt(points), step=fmt(step))
        return points

    # -- the chair's agreed score ----------------------------------------------------------

    def allowed_points(self) -> list[Decimal] | None:
        """The only scores the mode gives (None: any multiple of the step)."""
        return None

    def off_step_points(self) -> set[Decimal]:
        """Scores allowed although off the step (a band's points)."""
        return set()

    # -- the scheme check --------------------------------------------------------------------

    def problems(self) -> Iterator[Problem]:
        """What is wrong with the mode's keys for this leaf (its maximum is above 0)."""
        return iter(())

    def step_problems(self) -> Iterator[Problem]:
        step = self.step
        if step <= 0:
            yield (), "step must be above 0"
        elif self.top % step != 0:
            yield (), f"step {fmt(step)} does not divide the maximum {fmt(self.top)}"

    # -- on paper ----------------------------------------------------------------------------

    @abstractmethod
    def guide_lines(self, reported: str | None) -> list[str]:
        """How the leaf is scored, for an expert scoring on paper (Chinese)."""

    def paper_choices(self) -> list[str]:
        """What to tick on paper (e.g. 优/良/中/差); none for points."""
        return []

    # -- a simulated expert ------------------------------------------------------------------

    @abstractmethod
    def simulate(self, fraction: float, reported: str | None, rng: random.Random) -> Judgement:
        """The entry of an expert who judges ``fraction`` of the maximum."""
