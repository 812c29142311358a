"""Adding up points along the indicator tree: subtotals, bonus caps, total, grade.

Used for one expert's scores in the scoring window and on sheets, and for the panel's
scores in the chair's results, so both add up the same way, to the last digit.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal

from expertscore.schemes.model import GradeLevel, Indicator, Scheme
from expertscore.schemes.rules import max_points

ZERO = Decimal(0)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Rollup:
    points: dict[str, Decimal]  # per node: points of its scored leaves (bonus groups capped)
    maxima: dict[str, Decimal]  # per node: points attainable from its applicable leaves
    base: Decimal  # points outside bonus nodes
    base_max: Decimal
    bonus: Decimal  # bonus points after caps
    total: Decimal  # base + bonus

    @property
    def percent(self) -> Decimal | None:
        """Total as a percentage of the attainable base points (bonus may push it over 100)."""
        if self.base_max == 0:
            return None
        return self.total * HUNDRED / self.base_max


def rollup(
    scheme: Scheme, leaf_points: Mapping[str, Decimal], applicable: Collection[str]
) -> Rollup:
    """Subtotals for ``leaf_points`` over the ``applicable`` leaf codes.

    Leaves without points count as 0 but still count towards what is attainable.
    """
    points: dict[str, Decimal] = {}
    maxima: dict[str, Decimal] = {}
    wanted = set(applicable)

    def visit(node: Indicator) -> tuple[Decimal, Decimal]:
        if node.is_leaf:
            if node.code not in wanted:
                return ZERO, ZERO
            top = max_points(scheme, node) or ZERO
            got = leaf_points.get(node.code, ZERO)
        else:
            got, top = ZERO, ZERO
            for child in node.children:
                child_got, child_top = visit(child)
                got += child_got
                top += child_top
            if node.bonus and node.cap is not None:
                got = min(got, node.cap.value)
                top = min(top, node.cap.value)
        points[node.code] = got
        maxima[node.code] = top
        return got, top

    base = base_max = bonus = ZERO
    for node in scheme.indicators:
        got, top = visit(node)
        if node.bonus:
            bonus += got
        else:
            base += got
            base_max += top
    return Rollup(points, maxima, base, base_max, bonus, base + bonus)


def grade_for(scheme: Scheme, category: str | None, percent: Decimal | None) -> GradeLevel | None:
    """The highest level whose threshold ``percent`` reaches, for the category's scale."""
    scale = scheme.grade_scale(category)
    if scale is None or percent is None:
        return None
    reached = None
    for level in scale.levels:
        if percent >= level.min.value:
            reached = level
    return reached
