"""Rules that span several nodes of a scheme: sums, uniqueness, references, order.

Each rule yields ``Finding``s that carry the data path of the offending node, so that the
loader can turn them into ``file:line node: message``. All arithmetic is exact ``Decimal``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from expertscore.schemes.model import (
    Category,
    GradeScale,
    Indicator,
    Scheme,
    Tag,
)
from expertscore.schemes.modes import mode_for
from expertscore.schemes.numbers import fmt, max_points
from expertscore.schemes.policies import policy_of
from expertscore.schemes.yamlsource import Path_


@dataclass(frozen=True)
class Finding:
    path: Path_
    node: str
    message: str
    said: str = ""  # the wording template of the few findings a window words itself
    facts: tuple[tuple[str, str], ...] = ()


def indicator_paths(scheme: Scheme) -> Iterator[tuple[Path_, Indicator, Indicator | None]]:
    """Every indicator with its data path and its parent."""

    def visit(nodes: list[Indicator], base: Path_, parent: Indicator | None):
        for index, node in enumerate(nodes):
            path = (*base, index)
            yield path, node, parent
            yield from visit(node.children, (*path, "children"), node)

    yield from visit(scheme.indicators, ("indicators",), None)


def check(scheme: Scheme) -> list[Finding]:
    findings: list[Finding] = []
    findings += _codes(scheme)
    findings += _weights(scheme)
    findings += _leaves(scheme)
    findings += _tags(scheme.classification.industry_tags, ("classification", "industry_tags"))
    findings += _tags(scheme.classification.domain_tags, ("classification", "domain_tags"))
    findings += _categories(scheme)
    if scheme.grades is not None:
        findings += _grades(scheme.grades, ("grades",))
    findings += _aggregation(scheme)
    return findings


def _label(node: Indicator) -> str:
    return f"indicator {node.code}"


def _codes(scheme: Scheme) -> Iterator[Finding]:
    seen: dict[str, Path_] = {}
    depth = 0
    for path, node, parent in indicator_paths(scheme):
        depth = max(depth, len(path) // 2)
        if node.code in seen:
            yield Finding((*path, "code"), _label(node), "code is used twice")
        seen.setdefault(node.code, path)
        if parent is not None and not node.code.startswith(parent.code + "."):
            yield Finding(
                (*path, "code"),
                _label(node),
                f"code must start with its parent's code '{parent.code}.'",
            )
    if scheme.level_names and len(scheme.level_names) != depth:
        yield Finding(
            ("level_names",),
            "level_names",
            f"names {len(scheme.level_names)} levels but the indicator tree has {depth}",
        )


def _weights(scheme: Scheme) -> Iterator[Finding]:
    if scheme.weighting == "percent":
        yield from _percent_weights(scheme)
    else:
        yield from _point_sums(scheme)
    for path, node, _parent in indicator_paths(scheme):
        for field in ("weight", "points", "cap"):
            amount = getattr(node, field)
            if amount is not None and amount.value < 0:
                yield Finding((*path, field), _label(node), f"{field} must not be negative")
        if node.bonus and node.children and node.cap is None:
            yield Finding(path, _label(node), "a bonus group needs a 'cap'")
        if node.cap is not None and not node.bonus:
            yield Finding((*path, "cap"), _label(node), "only a bonus node has a 'cap'")


def bonus_codes(scheme: Scheme) -> set[str]:
    """Codes of bonus nodes and of every node below one: they add on top of the total."""
    return {inner.code for node in scheme.walk() if node.bonus for inner in node.walk()}


def _percent_weights(scheme: Scheme) -> Iterator[Finding]:
    top = [n for n in scheme.indicators if not n.bonus]
    missing = False
    in_bonus_codes = bonus_codes(scheme)
    for path, node, _parent in indicator_paths(scheme):
        in_bonus = node.code in in_bonus_codes
        if node.weight is None and not in_bonus:
            missing = True
            yield Finding(
                path, _label(node), "needs a 'weight' (the scheme is weighted in percent)"
            )
        if in_bonus and node.is_leaf and node.points is None:
            yield Finding(path, _label(node), "a bonus item needs 'points'")
    if missing:
        return
    total = sum((n.weight.value for n in top if n.weight), Decimal(0))
    if total != Decimal(100):
        yield Finding(
            ("indicators",),
            "indicators",
            f"first-level weights sum to {fmt(total)}%, expected 100%",
        )
    for path, node, _parent in indicator_paths(scheme):
        if node.is_leaf or node.code in in_bonus_codes or node.weight is None:
            continue
        parts = [c.weight.value for c in node.children if not c.bonus and c.weight is not None]
        subtotal = sum(parts, Decimal(0))
        if subtotal != node.weight.value:
            yield Finding(
                (*path, "weight"),
                _label(node),
                f"children's weights sum to {fmt(subtotal)}%, expected {fmt(node.weight.value)}%",
                "weights",
                (
                    ("code", node.code),
                    ("sum", f"{fmt(subtotal)}%"),
                    ("expected", f"{fmt(node.weight.value)}%"),
                ),
            )


def _point_sums(scheme: Scheme) -> Iterator[Finding]:
    for path, node, _parent in indicator_paths(scheme):
        if node.weight is not None:
            yield Finding(
                (*path, "weight"), _label(node), "the scheme is weighted in points, not percent"
            )
        if node.is_leaf and node.points is None:
            yield Finding(path, _label(node), "needs 'points' (the scheme is weighted in points)")
        if node.children and node.points is not None and not node.bonus:
            parts = [c.points.value for c in node.children if c.points is not None]
            subtotal = sum(parts, Decimal(0))
            if subtotal != node.points.value:
                yield Finding(
                    (*path, "points"),
                    _label(node),
                    f"children's points sum to {fmt(subtotal)}, expected {fmt(node.points.value)}",
                )


def _leaves(scheme: Scheme) -> Iterator[Finding]:
    for path, node, _parent in indicator_paths(scheme):
        if not node.is_leaf:
            for field in ("scoring", "reported", "rubric", "nature"):
                if getattr(node, field) is not None:
                    yield Finding((*path, field), _label(node), f"a group has no '{field}'")
            continue
        if node.reported is None:
            yield Finding(path, _label(node), "a leaf needs 'reported' (unit and data source)")
        top = max_points(scheme, node)
        if top is None:
            continue
        if top <= 0:
            yield Finding(path, _label(node), "a leaf's maximum must be above 0")
            continue
        yield from _scoring(scheme, node, path)


def _scoring(scheme: Scheme, node: Indicator, path: Path_) -> Iterator[Finding]:
    where = (*path, "scoring")
    label = _label(node)
    for below, problem in mode_for(scheme, node).problems():
        yield Finding((*where, *below), label, problem)
    if node.spread_threshold is not None and not Decimal(0) < node.spread_threshold <= 100:
        yield Finding((*path, "spread_threshold"), label, "spread threshold must be in (0%, 100%]")


def _tags(tags: list[Tag], base: Path_) -> Iterator[Finding]:
    codes: set[str] = set()
    names: set[str] = set()
    label = str(base[-1])
    for index, tag in enumerate(tags):
        if tag.code in codes:
            yield Finding((*base, index), label, f"tag code '{tag.code}' is used twice")
        if tag.name in names:
            yield Finding((*base, index), label, f"tag '{tag.name}' is listed twice")
        codes.add(tag.code)
        names.add(tag.name)


def _categories(scheme: Scheme) -> Iterator[Finding]:
    codes = {node.code for node in scheme.walk()}
    seen: set[str] = set()

    def visit(categories: list[Category], base: Path_) -> Iterator[Finding]:
        for index, category in enumerate(categories):
            path = (*base, index)
            label = f"category {category.code}"
            if category.code in seen:
                yield Finding((*path, "code"), label, "category code is used twice")
            seen.add(category.code)
            requirement_codes = [r.code for r in category.requirements]
            if len(set(requirement_codes)) != len(requirement_codes):
                yield Finding((*path, "requirements"), label, "requirement codes must be unique")
            if isinstance(category.indicators, list):
                for ref_index, code in enumerate(category.indicators):
                    if code not in codes:
                        yield Finding(
                            (*path, "indicators", ref_index),
                            label,
                            f"refers to indicator '{code}', which the scheme does not have",
                        )
            if category.grades is not None:
                yield from _grades(category.grades, (*path, "grades"))
            yield from visit(category.kinds, (*path, "kinds"))

    yield from visit(scheme.categories, ("categories",))


def _grades(scale: GradeScale, base: Path_) -> Iterator[Finding]:
    previous: Decimal | None = None
    codes: set[str] = set()
    for index, level in enumerate(scale.levels):
        path = (*base, "levels", index)
        label = f"grade {level.code}"
        if level.code in codes:
            yield Finding(path, label, "grade code is used twice")
        codes.add(level.code)
        value = level.min.value
        if not Decimal(0) <= value <= Decimal(100):
            yield Finding((*path, "min"), label, f"threshold {fmt(value)}% outside 0%..100%")
        if previous is not None and value <= previous:
            yield Finding(
                (*path, "min"),
                label,
                f"thresholds must rise: {fmt(value)}% follows {fmt(previous)}%",
            )
        previous = value


def _aggregation(scheme: Scheme) -> Iterator[Finding]:
    policy = scheme.aggregation
    base = ("aggregation",)
    for key, problem in policy_of(policy).problems():
        yield Finding((*base, key), "aggregation", problem)
    for field in ("spread_threshold", "deviation_limit"):
        value = getattr(policy, field)
        if not Decimal(0) < value <= Decimal(100):
            yield Finding((*base, field), "aggregation", f"{field} must be in (0%, 100%]")
