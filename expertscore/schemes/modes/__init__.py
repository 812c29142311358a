"""Scoring modes: how an expert's entry for a leaf becomes points.

Each mode is one class, registered in ``MODES`` under the scheme's ``scoring.mode``;
``mode_for(scheme, leaf)`` gives the object for a leaf (a leaf without ``scoring`` is
scored in ``points``). The expert's session and the result files (``scoring.rules``), the
chair's decision rules, the scheme check, the paper sheets, the simulated experts and the
window's editors all ask that object, so each mode's rules are written once. Adding a mode
is adding its record to ``schemes.model.Scoring`` and its class here.
"""

from __future__ import annotations

from expertscore.schemes.model import Indicator, Scheme
from expertscore.schemes.modes.base import (
    NAN,
    NO,
    SUGGESTED,
    YES,
    Entry,
    Judgement,
    ScoreRejected,
    ScoringMode,
    parse_points,
    snap,
)
from expertscore.schemes.modes.choice import Fixed, Ordinal, YesNo
from expertscore.schemes.modes.deduction import Deduction
from expertscore.schemes.modes.free import Bands, Points

MODES: dict[str, type[ScoringMode]] = {
    mode.name: mode for mode in (Points, Ordinal, YesNo, Bands, Fixed, Deduction)
}


def mode_for(scheme: Scheme, leaf: Indicator) -> ScoringMode:
    """The mode object of ``leaf``."""
    name = leaf.scoring.mode if leaf.scoring is not None else Points.name
    return MODES[name](scheme, leaf)


__all__ = [
    "MODES",
    "NAN",
    "NO",
    "SUGGESTED",
    "YES",
    "Bands",
    "Deduction",
    "Entry",
    "Fixed",
    "Judgement",
    "Ordinal",
    "Points",
    "ScoreRejected",
    "ScoringMode",
    "YesNo",
    "mode_for",
    "parse_points",
    "snap",
]
