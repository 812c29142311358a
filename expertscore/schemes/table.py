"""Schemes as aligned text tables for the terminal (rich measures CJK cells as two columns)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from expertscore.schemes.model import Amount, Indicator, Scheme
from expertscore.schemes.rules import fmt, indicator_paths, max_points

if TYPE_CHECKING:
    from rich.table import Table

DEFAULT_MARK = "*"


def organizer_set_count(scheme: Scheme) -> int:
    return sum(1 for amount in _amounts(scheme) if amount.organizer_set)


def _amounts(scheme: Scheme):
    for node in scheme.walk():
        for amount in (node.weight, node.points, node.cap):
            if amount is not None:
                yield amount
    for scale in [scheme.grades, *(c.grades for c in scheme.categories)]:
        if scale is not None:
            yield from (level.min for level in scale.levels)


def scheme_summary_table(schemes: list[Scheme]) -> Table:
    from rich.table import Table  # only the terminal needs it; the window shows amounts

    table = Table(title="Bundled schemes", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("title")
    table.add_column("version", no_wrap=True)
    table.add_column("weighting", no_wrap=True)
    table.add_column("indicators", justify="right")
    table.add_column("organizer-set", justify="right")
    for scheme in schemes:
        table.add_row(
            scheme.id,
            scheme.title,
            scheme.version,
            scheme.weighting,
            str(len(scheme.leaves())),
            str(organizer_set_count(scheme)),
        )
    return table


def amount_text(amount: Amount | None, percent: bool = False) -> str:
    if amount is None:
        return ""
    text = fmt(amount.value) + ("%" if percent else "")
    return text + DEFAULT_MARK if amount.organizer_set else text


def _mode(node: Indicator) -> str:
    if not node.is_leaf:
        return ""
    return node.scoring.mode if node.scoring is not None else "points"


def scheme_tree_table(scheme: Scheme) -> Table:
    caption = (
        f"{DEFAULT_MARK} default: the guide publishes no number, the organizer sets it per batch"
        if organizer_set_count(scheme)
        else None
    )
    from rich.table import Table

    table = Table(
        title=f"{scheme.title}  ({scheme.id} {scheme.version})",
        title_justify="left",
        caption=caption,
        caption_justify="left",
    )
    table.add_column("code", no_wrap=True)
    table.add_column("indicator", no_wrap=True)
    table.add_column("weight" if scheme.weighting == "percent" else "points", justify="right")
    table.add_column("max", justify="right")
    table.add_column("mode", no_wrap=True)
    table.add_column("unit", no_wrap=True)
    table.add_column("source", no_wrap=True)
    for path, node, _parent in indicator_paths(scheme):
        depth = len(path) // 2 - 1
        name = "  " * depth + node.name + (" [加分]" if node.bonus else "")
        if scheme.weighting == "percent" and node.weight is not None:
            value = amount_text(node.weight, percent=True)
        else:
            value = amount_text(node.points)
        if node.cap is not None:
            value = f"≤{amount_text(node.cap)}"
        top = max_points(scheme, node) if node.is_leaf else None
        reported = node.reported
        table.add_row(
            node.code,
            name,
            value,
            fmt(top) if top is not None else "",
            _mode(node),
            reported.unit if reported else "",
            (reported.label or reported.source.value) if reported else "",
            style="bold" if depth == 0 else None,
        )
    return table
