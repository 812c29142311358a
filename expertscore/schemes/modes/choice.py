"""The modes scored by one choice: ``ordinal`` (a grade worth a fraction of the maximum),
``yesno`` and ``fixed`` (the maximum or nothing)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from expertscore.schemes.modes.base import (
    NO,
    YES,
    Entry,
    Judgement,
    Problem,
    ScoreRejected,
    ScoringMode,
    marked,
)
from expertscore.schemes.numbers import fmt


class Ordinal(ScoringMode):
    """Grades such as 优/良/中/差, each worth a fraction of the maximum."""

    name = "ordinal"
    editor = "choice"

    @classmethod
    def offered(cls, scoring: Any) -> list[str]:
        return [grade.label for grade in scoring.grades]

    def points_for(self, entry: Entry, reported: str | None) -> Decimal:
        for grade in self.scoring.grades:
            if grade.label == entry.choice:
                return grade.fraction.value * self.top
        labels = "/".join(self.choices())
        raise ScoreRejected(
            self.code, f"choose one of {labels}, not '{entry.choice}'", "choice"
        ).saying("choice", labels=labels, choice=entry.choice)

    def allowed_points(self) -> list[Decimal] | None:
        return [grade.fraction.value * self.top for grade in self.scoring.grades]

    def problems(self) -> Iterator[Problem]:
        labels = self.choices()
        if len(set(labels)) != len(labels):
            yield (), "grade labels must be unique"
        for index, grade in enumerate(self.scoring.grades):
            if not Decimal(0) <= grade.fraction.value <= Decimal(1):
                yield (
                    ("grades", index),
                    f"grade '{grade.label}' fraction {fmt(grade.fraction.value)} outside 0..1",
                )

    def guide_lines(self, reported: str | None) -> list[str]:
        top = self.top
        grades = "；".join(
            f"{g.label} {marked(g.fraction.value * top, g.fraction)}" for g in self.scoring.grades
        )
        return [f"按等级：{grades}"]

    def paper_choices(self) -> list[str]:
        return self.choices()

    def simulate(self, fraction: float, reported: str | None, rng: random.Random) -> Judgement:
        grade = min(self.scoring.grades, key=lambda g: abs(float(g.fraction.value) - fraction))
        return Judgement(Entry(choice=grade.label), fraction)


class YesNo(ScoringMode):
    """Yes earns the maximum, no earns nothing."""

    name = "yesno"
    editor = "choice"

    @classmethod
    def offered(cls, scoring: Any) -> list[str]:
        return [YES, NO]

    def points_for(self, entry: Entry, reported: str | None) -> Decimal:
        if entry.choice == YES:
            return self.top
        if entry.choice == NO:
            return Decimal(0)
        raise ScoreRejected(self.code, f"choose yes or no, not '{entry.choice}'", "choice").saying(
            "yes_no", choice=entry.choice
        )

    def allowed_points(self) -> list[Decimal] | None:
        return [Decimal(0), self.top]

    def prompt(self) -> str | None:
        return self.scoring.question

    def guide_lines(self, reported: str | None) -> list[str]:
        question = self.scoring.question or ""
        if question and question[-1] not in "？?：:":
            question += "："
        return [f"{question}是 得 {fmt(self.top)} 分；否 得 0 分"]

    def paper_choices(self) -> list[str]:
        return ["是", "否"]

    def simulate(self, fraction: float, reported: str | None, rng: random.Random) -> Judgement:
        return Judgement(Entry(choice=YES if fraction >= 0.5 else NO), fraction)


class Fixed(YesNo):
    """The maximum if the condition holds, else nothing (e.g. 独立法人 3 points or 0)."""

    name = "fixed"

    def prompt(self) -> str | None:
        return self.scoring.condition

    def guide_lines(self, reported: str | None) -> list[str]:
        return [f"满足“{self.scoring.condition}”得 {fmt(self.top)} 分，否则 0 分"]

    def simulate(self, fraction: float, reported: str | None, rng: random.Random) -> Judgement:
        holds = reported == YES if reported in (YES, NO) else fraction >= 0.3
        if rng.random() < 0.03:
            holds = not holds
        return Judgement(Entry(choice=YES if holds else NO), fraction)
