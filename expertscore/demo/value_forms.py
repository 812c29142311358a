"""The reported numbers written as real documents write them, for the audit report's
second page: at another scale (``3.65亿元``, ``2.55万台/套``, ``2.5484 万``), in yuan
(``364,730,000.00元``), grouped or not, a percentage with or without a space.

The form is chosen by the figure's position, not drawn, so the demo's randomness (and so
every other byte of a batch) is the same as without it. ``written_form`` returns the text
a page shows; the locator tests look for it where it was written.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from expertscore.schemes.model import Indicator

WAN = Decimal(10000)


def _fixed(value: Decimal, decimals: int, grouped: bool = False) -> str:
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}" if grouped else f"{rounded:.{decimals}f}"


def _money(value: Decimal, turn: int) -> str:
    if turn % 3 == 0 and abs(value) >= WAN:
        return f"{_fixed(value / WAN, 2)}亿元"
    if turn % 3 == 1:
        return f"{_fixed(value * WAN, 2, grouped=True)}元"
    if abs(value) >= WAN:
        return f"{_fixed(value / WAN, 4)} 亿元"
    return f"{_fixed(value * WAN, 0)}元"


def _percent(value: Decimal, turn: int) -> str:
    return f"{_fixed(value, 2)}{' %' if turn % 2 else '%'}"


def _count(value: Decimal, unit: str, turn: int, decimals: int) -> str:
    if abs(value) >= 10 * WAN or (abs(value) >= WAN and turn % 2 == 0):
        return f"{_fixed(value / WAN, 2)}万{unit}"
    if abs(value) >= WAN:
        return f"{_fixed(value / WAN, 4)} 万{unit}"
    if abs(value) >= 1000:
        return f"{_fixed(value, decimals, grouped=True)}{unit}"
    return f"{_fixed(value, decimals)}{unit}"


def written_form(leaf: Indicator, value: str, turn: int) -> str | None:
    """How the figure ``value`` of ``leaf`` is written; None for a text or yes/no answer."""
    unit = leaf.reported.unit if leaf.reported else "text"
    if unit in ("text", "yes/no"):
        return None
    number = Decimal(value)
    if unit == "万元":
        return _money(number, turn)
    if unit == "%":
        return _percent(number, turn)
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite number (the forms write only those)
    decimals = max(0, -exponent)
    return _count(number, unit, turn, decimals)


def written_figures(leaves: list[Indicator], values: dict[str, str]) -> list[tuple[Indicator, str]]:
    """Each numeric leaf with its written form; the forms of a unit take turns."""
    found = []
    turns: dict[str, int] = {}
    for leaf in leaves:
        unit = leaf.reported.unit if leaf.reported else "text"
        form = written_form(leaf, values[leaf.code], turns.get(unit, 0))
        if form is not None:
            found.append((leaf, form))
            turns[unit] = turns.get(unit, 0) + 1
    return found
