"""Ranks: over the whole batch, or within each category where the scheme says so.

A scheme whose categories are graded against different maxima (qingdao-maturity: 综合型,
特色型, 专业型) sets ``aggregation.rank_within: category``; then every submission is ranked
among the submissions of its top-level category only (a kind ranks with its category),
and the ranking lists the categories in the scheme's order, each highest total first.
Equal totals share a rank (1, 2, 2, 4). The aggregation and the leave-one-out check both
rank here, so every output ranks the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from expertscore.schemes.model import RankWithin, Scheme


def rank_group(scheme: Scheme, category: str | None) -> str:
    """The group a submission of ``category`` is ranked in ("" for the whole batch)."""
    if scheme.aggregation.rank_within is RankWithin.BATCH:
        return ""
    path = scheme.category_path(category) if category else []
    return path[0].code if path else (category or "")


def ranked(
    scheme: Scheme, totals: Mapping[str, Decimal], categories: Mapping[str, str | None]
) -> tuple[list[str], dict[str, int]]:
    """The submissions in ranking order and each one's rank (within its group)."""
    order = {category.code: index for index, category in enumerate(scheme.categories)}
    groups = {sid: rank_group(scheme, categories.get(sid)) for sid in totals}
    ordered = sorted(
        totals,
        key=lambda sid: (order.get(groups[sid], len(order)), groups[sid], -totals[sid], sid),
    )
    ranks: dict[str, int] = {}
    position, current, previous = 0, 0, None
    for sid in ordered:
        key = (groups[sid], totals[sid])
        position = 1 if previous is None or previous[0] != groups[sid] else position + 1
        if key != previous:
            current = position
        ranks[sid], previous = current, key
    return ordered, ranks


def group_name(scheme: Scheme, category: str | None) -> str | None:
    """The name of the category a submission is ranked in; None when ranked in the batch."""
    group = rank_group(scheme, category)
    if not group:
        return None
    path = scheme.category_path(group)
    return path[0].name if path else group
