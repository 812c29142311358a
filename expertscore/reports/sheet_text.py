"""The words and numbers printed on scoring sheets, as plain text.

Numbers come straight from the core as ``Decimal`` and are written with ``fmt`` (no
exponent, no trailing zeros), so a sheet shows exactly what the session adds up to. A
number the guide does not publish carries ``*`` (organizer-set), as on every other output.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from expertscore.schemes.model import GradeLevel, Indicator, Nature, Scheme
from expertscore.schemes.modes import mode_for
from expertscore.schemes.modes.base import marked
from expertscore.schemes.modes.deduction import NONE
from expertscore.schemes.rules import fmt, max_points
from expertscore.schemes.table import DEFAULT_MARK, amount_text
from expertscore.scoring.modes import NO, YES

ORGANIZER_SET_NOTE = (
    f"{DEFAULT_MARK} 组织方设定：指南未公布该数值，由本批次组织方设定（未设定时沿用方案默认值）。"
)
NOT_REPORTED = "未填报"
NOT_SCORED = "未评分"
CHOICE_NAMES = {YES: "是", NO: "否", "suggested": "采纳建议", NONE: "无扣分"}


class ReportedLike(Protocol):
    """A reported value from a manifest or a session: decimal or yes/no text and a unit."""

    @property
    def value(self) -> str: ...

    @property
    def unit(self) -> str: ...


def reported_text(reported: ReportedLike | None) -> str:
    """``45.2%``, ``1200 台/套``, ``是``, or the text as reported."""
    if reported is None:
        return NOT_REPORTED
    value, unit = reported.value, reported.unit
    if unit == "yes/no":
        return CHOICE_NAMES.get(value, value)
    if unit == "text":
        return value
    if unit == "%":
        return f"{value}%"
    return f"{value} {unit}"


def source_text(leaf: Indicator) -> str:
    """Where the value comes from: 端口采集, 企业上传, 系统匹配 (or the guide's own label)."""
    if leaf.reported is None:
        return ""
    return leaf.reported.label or leaf.reported.source.value


def weight_text(scheme: Scheme, node: Indicator) -> str:
    """The node's weight as the scheme writes it: ``10%``, ``5%*``, ``3``, ``上限 5``."""
    if node.cap is not None:
        return f"上限 {amount_text(node.cap)}"
    if scheme.weighting == "percent" and node.weight is not None:
        return amount_text(node.weight, percent=True)
    return amount_text(node.points)


def max_text(scheme: Scheme, node: Indicator) -> str:
    """A leaf's maximum points, marked when it derives from an organizer-set number."""
    top = max_points(scheme, node)
    if top is None:
        return ""
    source = node.points if node.points is not None else node.weight
    return marked(top, source)


def attainable_text(node: Indicator, attainable: Decimal) -> str:
    """Points attainable in a group, marked when they are the group's organizer-set points."""
    if node.points is not None and node.points.value == attainable:
        return amount_text(node.points)
    return fmt(attainable)


def group_amount(scheme: Scheme, node: Indicator, attainable: Decimal) -> str:
    """A group's weight (percent schemes) and the points attainable in it, or its bonus cap.

    ``attainable`` is what the submission's leaves below can earn, which is less than the
    group's published points when its category leaves some out.
    """
    if node.cap is not None:
        return weight_text(scheme, node)
    top = attainable_text(node, attainable)
    if scheme.weighting == "percent" and node.weight is not None:
        return f"{weight_text(scheme, node)}\n满分 {top}"
    return f"满分 {top}"


def weight_and_max(scheme: Scheme, leaf: Indicator) -> str:
    """For a percent scheme ``10% / 10 分``; for a points scheme ``3 分``."""
    top = max_text(scheme, leaf)
    if scheme.weighting == "percent" and leaf.weight is not None:
        return f"{weight_text(scheme, leaf)}\n满分 {top}"
    return f"满分 {top}"


def guide_lines(scheme: Scheme, leaf: Indicator, reported: ReportedLike | None) -> list[str]:
    """How the leaf is scored, for an expert scoring on paper."""
    lines = mode_for(scheme, leaf).guide_lines(reported.value if reported else None)
    if leaf.rubric:
        lines.insert(0, leaf.rubric)
    return lines


def choice_labels(scheme: Scheme, leaf: Indicator) -> list[str]:
    """What to tick on paper for a mode with choices, e.g. 优/良/中/差; none for points."""
    return mode_for(scheme, leaf).paper_choices()


def is_objective(scheme: Scheme, leaf: Indicator) -> bool:
    return (leaf.nature or scheme.defaults.nature) == Nature.OBJECTIVE


def entry_text(points: Decimal | None, choice: str | None) -> str:
    """What the expert entered: ``7.5``, ``良 · 32``, ``是 · 30``, ``采纳建议 · 10``."""
    if points is None:
        return NOT_SCORED
    if choice:
        return f"{CHOICE_NAMES.get(choice, choice)} · {fmt(points)}"
    return fmt(points)


def percent_text(percent: Decimal | None) -> str:
    """A share for reading (two decimals at most); grades are decided on the exact value."""
    if percent is None:
        return "—"
    return fmt(percent.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)) + "%"


def level_text(level: GradeLevel) -> str:
    return f"{level.name}（≥{amount_text(level.min, percent=True)}）"
