"""What an expert may enter for a leaf, and how many points it earns.

Each scoring mode (``docs/schemes.md``) turns an entry into points between 0 and the leaf's
maximum; its rules are one class of ``schemes.modes``. An entry is refused with a reason
that names the indicator, so the window can show it in place. Everything is exact
``Decimal`` arithmetic.
"""

from __future__ import annotations

from decimal import Decimal

from expertscore.schemes.model import Indicator, Scheme
from expertscore.schemes.modes import (
    MODES,
    NAN,
    NO,
    YES,
    Entry,
    ScoreRejected,
    mode_for,
    parse_points,
)
from expertscore.schemes.modes.free import Points

__all__ = [
    "NAN",
    "NO",
    "YES",
    "Entry",
    "ScoreRejected",
    "choices_of",
    "mode_of",
    "parse_points",
    "points_for",
    "step_of",
]


def mode_of(leaf: Indicator) -> str:
    return leaf.scoring.mode if leaf.scoring is not None else Points.name


def step_of(scheme: Scheme, leaf: Indicator) -> Decimal:
    return mode_for(scheme, leaf).step


def choices_of(leaf: Indicator) -> list[str]:
    """The choices a mode offers (grade labels, yes/no); empty for free points."""
    return MODES[mode_of(leaf)].offered(leaf.scoring)


def points_for(
    scheme: Scheme, leaf: Indicator, entry: Entry, reported: str | None = None
) -> Decimal:
    """The points an entry earns, or ``ScoreRejected`` saying why it is not allowed."""
    return mode_for(scheme, leaf).points_for(entry, reported)
