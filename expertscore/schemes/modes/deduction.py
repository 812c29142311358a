"""``deduction`` (扣分制): the maximum less the points of each listed shortcoming the expert
ticks, never below 0.

The entry is a choice naming the ticked shortcomings: their labels in the scheme's order
joined by `` + ``, or ``none`` when nothing is ticked (full marks), so one set of ticks
has exactly one spelling in a session and a result file.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from expertscore.schemes.modes.base import (
    Entry,
    Judgement,
    Problem,
    ScoreRejected,
    ScoringMode,
)
from expertscore.schemes.numbers import fmt

NONE = "none"  # the choice with nothing ticked
JOINER = " + "


class Deduction(ScoringMode):
    name = "deduction"
    editor = "checks"

    def labels(self) -> list[str]:
        return [item.label for item in self.scoring.deductions]

    def choice_of(self, ticked: Sequence[str]) -> str:
        """The choice spelling the ticked labels (in the scheme's order)."""
        chosen = [label for label in self.labels() if label in ticked]
        return JOINER.join(chosen) if chosen else NONE

    def ticked(self, choice: str | None) -> list[str] | None:
        """The labels a choice ticks; None if it is not a choice of this leaf."""
        if choice == NONE:
            return []
        if not choice:
            return None
        parts = choice.split(JOINER)
        if set(parts) - set(self.labels()) or self.choice_of(parts) != choice:
            return None  # an unknown label, a repeat, or not in the scheme's order
        return parts

    @classmethod
    def offered(cls, scoring: Any) -> list[str]:
        # Every set of ticks is a choice; these are the single ones (and none).
        return [NONE, *(item.label for item in scoring.deductions)]

    def accepts_choice(self, choice: str) -> bool:
        return self.ticked(choice) is not None

    def _earned(self, ticked: Sequence[str]) -> Decimal:
        taken = sum((d.points for d in self.scoring.deductions if d.label in ticked), Decimal(0))
        return max(Decimal(0), self.top - taken)

    def points_for(self, entry: Entry, reported: str | None) -> Decimal:
        ticked = self.ticked(entry.choice)
        if ticked is None:
            labels = "/".join(self.labels())
            raise ScoreRejected(
                self.code, f"tick shortcomings among {labels}, not '{entry.choice}'", "choice"
            ).saying("deductions", labels=labels, choice=entry.choice)
        return self._earned(ticked)

    def allowed_points(self) -> list[Decimal] | None:
        # Distinct sums of the deductions: a guide lists a handful, and equal sums merge.
        sums = {Decimal(0)}
        for item in self.scoring.deductions:
            sums |= {taken + item.points for taken in sums}
        return sorted({max(Decimal(0), self.top - taken) for taken in sums})

    def problems(self) -> Iterator[Problem]:
        labels = self.labels()
        if len(set(labels)) != len(labels):
            yield (), "shortcoming labels must be unique"
        for index, item in enumerate(self.scoring.deductions):
            where = ("deductions", index)
            if item.label == NONE or JOINER.strip() in item.label:
                yield where, f"a shortcoming's label cannot be '{NONE}' or contain '+'"
            if item.points <= 0:
                yield where, f"shortcoming '{item.label}' must deduct more than 0 points"

    def guide_lines(self, reported: str | None) -> list[str]:
        lines = [f"扣分制：满分 {fmt(self.top)} 分，每项不足扣相应分数，扣完为止："]
        lines += [f"{d.label} 扣 {fmt(d.points)} 分" for d in self.scoring.deductions]
        return lines

    def paper_choices(self) -> list[str]:
        return self.labels()

    def simulate(self, fraction: float, reported: str | None, rng: random.Random) -> Judgement:
        # Tick, in the listed order, each shortcoming that brings the score nearer to
        # what the expert thinks.
        target = Decimal(str(round(fraction, 4))) * self.top
        ticked: list[str] = []
        for item in self.scoring.deductions:
            now = self._earned(ticked)
            if abs(self._earned([*ticked, item.label]) - target) < abs(now - target):
                ticked.append(item.label)
        return Judgement(Entry(choice=self.choice_of(ticked)), fraction)
