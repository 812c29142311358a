"""The modes scored in points: ``points`` (any multiple of the step) and ``bands`` (a
suggestion from the reported value, accepted or overridden in steps)."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation

from expertscore.schemes.model import Band
from expertscore.schemes.modes.base import (
    SUGGESTED,
    Entry,
    Judgement,
    Problem,
    ScoreRejected,
    ScoringMode,
    marked,
    snap,
)
from expertscore.schemes.numbers import fmt


def band_suggestion(bands: Sequence[Band], reported: str | None) -> Decimal | None:
    """The points of the last band whose minimum the reported value reaches (None: the
    reported value is not a number)."""
    if reported is None:
        return None
    try:
        value = Decimal(reported)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    chosen = None
    for band in bands:
        if value >= band.min:
            chosen = band.points.value
    return chosen if chosen is not None else Decimal(0)


class Points(ScoringMode):
    """Any score from 0 to the maximum in steps; also a leaf that names no mode."""

    name = "points"
    editor = "points"
    stepped = True

    def points_for(self, entry: Entry, reported: str | None) -> Decimal:
        return self.check_points(entry.points)

    def problems(self) -> Iterator[Problem]:
        return self.step_problems()

    def guide_lines(self, reported: str | None) -> list[str]:
        return [f"0–{fmt(self.top)} 分，步长 {fmt(self.step)}"]

    def simulate(self, fraction: float, reported: str | None, rng: random.Random) -> Judgement:
        return Judgement(Entry(points=snap(fraction, self.top, self.step)), fraction)


class Bands(Points):
    """Points suggested from the reported value; the expert accepts or overrides."""

    name = "bands"
    editor = "bands"

    def suggestion(self, reported: str | None) -> Decimal | None:
        return band_suggestion(self.scoring.bands, reported)

    def accepts_choice(self, choice: str) -> bool:
        return choice == SUGGESTED

    def points_for(self, entry: Entry, reported: str | None) -> Decimal:
        if entry.choice == SUGGESTED:
            suggestion = self.suggestion(reported)
            if suggestion is None:
                raise ScoreRejected(
                    self.code, "no suggestion: the reported value is not a number"
                ).saying("no_suggestion")
            return suggestion
        return self.check_points(entry.points)

    def off_step_points(self) -> set[Decimal]:
        return {band.points.value for band in self.scoring.bands}

    def problems(self) -> Iterator[Problem]:
        yield from self.step_problems()
        previous: Decimal | None = None
        top = self.top
        for index, band in enumerate(self.scoring.bands):
            where = ("bands", index)
            if previous is not None and band.min <= previous:
                yield where, f"band minimums must rise: {fmt(band.min)} follows {fmt(previous)}"
            previous = band.min
            if not Decimal(0) <= band.points.value <= top:
                yield where, f"band points {fmt(band.points.value)} outside 0..{fmt(top)}"

    def guide_lines(self, reported: str | None) -> list[str]:
        lines = ["按申报值分档："]
        lines += [
            f"≥{fmt(b.min)} 得 {marked(b.points.value, b.points)} 分" for b in self.scoring.bands
        ]
        suggestion = self.suggestion(reported)
        if suggestion is not None:
            lines.append(f"按申报值建议 {fmt(suggestion)} 分，可在 0–{fmt(self.top)} 间调整")
        return lines

    def paper_choices(self) -> list[str]:
        return ["采纳建议"]

    def simulate(self, fraction: float, reported: str | None, rng: random.Random) -> Judgement:
        top, step = self.top, self.step
        suggestion = self.suggestion(reported)
        if suggestion is None:
            return Judgement(Entry(points=snap(fraction, top, step)), fraction)
        verified = None
        if rng.random() < 0.5:
            verified = reported
            if rng.random() < 0.15:  # checked the evidence and found a somewhat lower figure
                verified = format(Decimal(reported or "0") * Decimal("0.9"), "f")
        points = self.suggestion(verified) if verified is not None else suggestion
        if points is None or rng.random() < 0.06:
            points = max(Decimal(0), min(top, suggestion + step * rng.choice((-1, 1))))
        share = float(points / top) if top else 0.0
        entry = Entry(choice=SUGGESTED) if points == suggestion else Entry(points=points)
        return Judgement(entry, share, verified)
