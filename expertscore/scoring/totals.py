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


@dataclass(frozen=True)
class _Plan:
    """The tree flattened in post-order, so a roll-up is two loops over lists."""

    codes: list[str]
    parent: list[int]  # -1 for first-level nodes
    leaf_max: list[Decimal | None]  # None for groups
    cap: list[Decimal | None]
    top_bonus: list[bool]  # first-level bonus node
    base_leaves: list[str]  # leaves outside bonus nodes
    base_set: frozenset[str]
    bonus_indexes: list[int]  # post-order indexes of nodes inside first-level bonus nodes


_PLANS: dict[int, tuple[Scheme, _Plan]] = {}


def _plan(scheme: Scheme) -> _Plan:
    cached = _PLANS.get(id(scheme))
    if cached is not None and cached[0] is scheme:
        return cached[1]
    codes: list[str] = []
    parent: list[int] = []
    leaf_max: list[Decimal | None] = []
    cap: list[Decimal | None] = []
    top_bonus: list[bool] = []

    def visit(node: Indicator, depth: int) -> int:
        child_indexes = [visit(child, depth + 1) for child in node.children]
        index = len(codes)
        codes.append(node.code)
        parent.append(-1)
        leaf_max.append((max_points(scheme, node) or ZERO) if node.is_leaf else None)
        cap.append(
            node.cap.value if node.bonus and node.cap is not None and node.children else None
        )
        top_bonus.append(depth == 0 and node.bonus)
        for child in child_indexes:
            parent[child] = index
        return index

    base_leaves: list[str] = []
    bonus_indexes: list[int] = []
    for node in scheme.indicators:
        start = len(codes)
        visit(node, 0)
        if node.bonus:
            bonus_indexes.extend(range(start, len(codes)))
        else:
            base_leaves.extend(leaf.code for leaf in node.walk() if leaf.is_leaf)
    plan = _Plan(
        codes, parent, leaf_max, cap, top_bonus, base_leaves, frozenset(base_leaves), bonus_indexes
    )
    _PLANS[id(scheme)] = (scheme, plan)
    return plan


def rollup(
    scheme: Scheme, leaf_points: Mapping[str, Decimal], applicable: Collection[str]
) -> Rollup:
    """Subtotals for ``leaf_points`` over the ``applicable`` leaf codes.

    Leaves without points count as 0 but still count towards what is attainable. A bonus
    group's points and its attainable points are both capped at its ``cap``.
    """
    plan = _plan(scheme)
    wanted = applicable if isinstance(applicable, set | frozenset | dict) else set(applicable)
    count = len(plan.codes)
    got = [ZERO] * count
    top = [ZERO] * count
    base = base_max = bonus = ZERO
    for index in range(count):  # post-order: children come before their parent
        maximum = plan.leaf_max[index]
        if maximum is not None:
            code = plan.codes[index]
            if code in wanted:
                got[index] = leaf_points.get(code, ZERO)
                top[index] = maximum
        else:
            limit = plan.cap[index]
            if limit is not None:
                got[index] = min(got[index], limit)
                top[index] = min(top[index], limit)
        up = plan.parent[index]
        if up >= 0:
            got[up] += got[index]
            top[up] += top[index]
        elif plan.top_bonus[index]:
            bonus += got[index]
        else:
            base += got[index]
            base_max += top[index]
    points = dict(zip(plan.codes, got, strict=True))
    maxima = dict(zip(plan.codes, top, strict=True))
    return Rollup(points, maxima, base, base_max, bonus, base + bonus)


def is_additive(scheme: Scheme) -> bool:
    """Whether a total is the plain sum of its leaves' points (no capped bonus part)."""
    return not _plan(scheme).bonus_indexes


def total_of(
    scheme: Scheme, leaf_points: Mapping[str, Decimal], applicable: Collection[str]
) -> Decimal:
    """``rollup(...).total`` without the subtotals: the fast path for many experts."""
    plan = _plan(scheme)
    keys = leaf_points.keys()
    if (
        not plan.bonus_indexes
        and isinstance(applicable, set | frozenset)
        and keys <= plan.base_set
        and keys <= applicable
    ):
        return sum(leaf_points.values(), ZERO)  # every score counts: no need to pick
    base = sum(
        (
            leaf_points[code]
            for code in plan.base_leaves
            if code in applicable and code in leaf_points
        ),
        ZERO,
    )
    if not plan.bonus_indexes:
        return base
    got: dict[int, Decimal] = {}
    bonus = ZERO
    for index in plan.bonus_indexes:
        if plan.leaf_max[index] is not None:
            code = plan.codes[index]
            value = leaf_points.get(code, ZERO) if code in applicable else ZERO
        else:
            value = got.pop(index, ZERO)
            limit = plan.cap[index]
            if limit is not None:
                value = min(value, limit)
        up = plan.parent[index]
        if up >= 0:
            got[up] = got.get(up, ZERO) + value
        else:
            bonus += value
    return base + bonus


def grade_name(scheme: Scheme, category: str | None, code: str) -> str:
    """The scheme's name for a grade code (the code itself if its scale has no such level)."""
    scale = scheme.grade_scale(category)
    level = next((lv for lv in scale.levels if lv.code == code), None) if scale else None
    return level.name if level else code


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
