"""The panel file's ``advice`` (payload version 5): the chair's advice on the panel, as data.

Written from ``panel_advice.advice_of`` of the canonical aggregation, read back by
``AdviceRef`` (unknown or missing fields refused), and compared with a re-run by the panel
file's re-check. Advice only: nothing else in the file depends on it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field

from expertscore.batch.manifest import ID_PATTERN
from expertscore.chair.aggregate import PanelInput, PanelResult
from expertscore.chair.agreement import Figure
from expertscore.chair.panel_advice import advice_of
from expertscore.results.model import DECIMAL_PATTERN, Strict
from expertscore.results.payload import plain
from expertscore.schemes.model import Scheme
from expertscore.scoring.familiarity import LEVELS

EXACT = Decimal("1E-10")


def _figure(figure: Figure | None) -> dict[str, Any]:
    if figure is None or figure.value is None:
        return {"value": None, "reading": None, "ratings": 0 if figure is None else figure.ratings}
    value = Decimal(figure.value.numerator) / Decimal(figure.value.denominator)
    return {
        "value": plain(value.quantize(EXACT).normalize()),
        "reading": figure.reading,
        "ratings": figure.ratings,
    }


def advice_record(scheme: Scheme, inp: PanelInput, result: PanelResult) -> dict[str, Any]:
    advice = advice_of(scheme, inp, result)
    quality = advice.quality
    adjusted = quality.adjusted
    return {
        "alpha": _figure(quality.overall),
        "groups": {code: _figure(figure) for code, figure in quality.groups.items()},
        "kendall_w": _figure(quality.concordance),
        "submissions": [
            {
                "id": sub.submission,
                "alpha": _figure(sub.alpha),
                "icc_single": _figure(sub.icc.single),
                "icc_average": _figure(sub.icc.average),
                "familiarity": advice.familiarity.get(sub.submission, {}),
            }
            for sub in quality.submissions
        ],
        "severity": [
            {
                "expert": found.expert,
                "submissions": found.submissions,
                "below": found.below,
                "points": plain(found.points),
                "percent": plain(found.percent),
                "interval": None if found.interval is None else [plain(v) for v in found.interval],
            }
            for found in quality.severity
        ],
        "adjusted": {
            "ranking": adjusted.ranking if adjusted else [],
            "totals": {sid: plain(v) for sid, v in adjusted.totals.items()} if adjusted else {},
            "moves": [
                {"submission": sid, "official": a, "adjusted": b}
                for sid, a, b in (adjusted.moves if adjusted else [])
            ],
        },
    }


Id = Annotated[str, Field(pattern=ID_PATTERN)]
DecimalText = Annotated[str, Field(pattern=DECIMAL_PATTERN)]


class FigureRef(Strict):
    value: DecimalText | None
    reading: Literal["高", "中", "低"] | None
    ratings: int = Field(ge=0)


class SubmissionAdvice(Strict):
    id: Id
    alpha: FigureRef
    icc_single: FigureRef
    icc_average: FigureRef
    familiarity: dict[Id, Literal[LEVELS]]  # type: ignore[valid-type]


class SeverityRef(Strict):
    expert: Id
    submissions: int = Field(ge=1)
    below: int = Field(ge=0)
    points: DecimalText
    percent: DecimalText
    interval: Annotated[list[DecimalText], Field(min_length=2, max_length=2)] | None


class MoveRef(Strict):
    submission: Id
    official: int = Field(ge=1)
    adjusted: int = Field(ge=1)


class AdjustedRef(Strict):
    ranking: list[Id]
    totals: dict[Id, DecimalText]
    moves: list[MoveRef]


class AdviceRef(Strict):
    alpha: FigureRef
    groups: dict[str, FigureRef]
    kendall_w: FigureRef
    submissions: list[SubmissionAdvice]
    severity: list[SeverityRef]
    adjusted: AdjustedRef
