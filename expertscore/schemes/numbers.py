"""How a scheme's numbers are written and what a node can earn (shared by the rules and the
scoring modes, which the rules consult)."""

from __future__ import annotations

from decimal import Decimal

from expertscore.schemes.model import Indicator, Scheme


def fmt(number: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 39.50 -> '39.5', 1E+1 -> '10'."""
    text = format(number.normalize(), "f")
    return text


def max_points(scheme: Scheme, node: Indicator) -> Decimal | None:
    """The most a leaf (or group) can earn, in points of the scheme's total."""
    if node.points is not None:
        return node.points.value
    if node.weight is not None:
        return node.weight.value * scheme.total_points / Decimal(100)
    return None
