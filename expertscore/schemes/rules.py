"""Rules that span several nodes of a scheme: sums, uniqueness, references, order.

Each rule yields ``Finding``s that carry the data path of the offending node, so that the
loader can turn them into ``file:line node: message``. All arithmetic is exact ``Decimal``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from expertscore.schemes.model import (
    BandsScoring,
    Category,
    GradeScale,
    Indicator,
    OrdinalScoring,
    PointsScoring,
    Scheme,
    Tag,
)
from expertscore.schemes.policies import policy_of
from expertscore.schemes.yamlsource import Path_


@dataclass(frozen=True)
class Finding:
    path: Path_
    node: str
    message: str
    said: str = ""  # the wording template of the few findings a window words itself
    facts: tuple[tuple[str, str], ...] = ()


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
        yield from _scoring(scheme, node, path, top)


def _scoring(scheme: Scheme, node: Indicator, path: Path_, top: Decimal) -> Iterator[Finding]:
    scoring = node.scoring
    where = (*path, "scoring")
    label = _label(node)
    if scoring is None or isinstance(scoring, PointsScoring | BandsScoring):
        step = scoring.step if scoring is not None and scoring.step else scheme.defaults.step
        if step <= 0:
            yield Finding(where, label, "step must be above 0")
        elif top % step != 0:
            yield Finding(where, label, f"step {fmt(step)} does not divide the maximum {fmt(top)}")
    if isinstance(scoring, BandsScoring):
        previous: Decimal | None = None
        for index, band in enumerate(scoring.bands):
            band_path = (*where, "bands", index)
            if previous is not None and band.min <= previous:
                yield Finding(
                    band_path,
                    label,
                    f"band minimums must rise: {fmt(band.min)} follows {fmt(previous)}",
                )
            previous = band.min
            if not Decimal(0) <= band.points.value <= top:
                yield Finding(
                    band_path,
                    label,
                    f"band points {fmt(band.points.value)} outside 0..{fmt(top)}",
                )
    if isinstance(scoring, OrdinalScoring):
        labels = [grade.label for grade in scoring.grades]
        if len(set(labels)) != len(labels):
            yield Finding(where, label, "grade labels must be unique")
        for index, grade in enumerate(scoring.grades):
            if not Decimal(0) <= grade.fraction.value <= Decimal(1):
                yield Finding(
                    (*where, "grades", index),
                    label,
                    f"grade '{grade.label}' fraction {fmt(grade.fraction.value)} outside 0..1",
                )
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
