"""The report's verified values: what the panel agreed an objective indicator's reported
value really is, where the experts verified different ones (the re-verify flag).

The scores are not changed by such a decision; it resolves the re-verify flag, which the
flags table then marks 已核实.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from expertscore.chair.aggregate import IndicatorResult
from expertscore.chair.report.data import ReportData

if TYPE_CHECKING:
    from expertscore.chair.report.document import ReportRenderer


def flag_code(code: str, item: IndicatorResult, flag: str) -> str:
    """The indicator's code in the flags table, marked when a decision resolved the flag."""
    if item.override is not None:
        return f"{code}（已认定）"
    if flag == "reverify" and item.agreed_value is not None:
        return f"{code}（已核实）"
    return code


def verified_values_table(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    """The values the panel agreed for objective indicators whose verified values differed
    (only when there are any: the section reads as before otherwise)."""
    agreed = sorted(d.decisions.verified_values.items())
    if not agreed:
        return []
    heads = ["平台", "指标", "专家组核实值", "记录人", "理由"]
    rows: list[list[object]] = [[r.para(h, "cell-head") for h in heads]]
    for (sid, code), value in agreed:
        rows.append(
            [
                r.para(f"{d.platform(sid)}（{sid}）"),
                r.para(code),
                r.para(value.value),
                r.para(value.decided_by),
                r.para(value.reason),
            ]
        )
    note = "标“已核实”的需复核指标已由专家组议定核实值（上表），评分不因此改变"
    return [r.table(rows, (0.22, 0.12, 0.26, 0.14, 0.26)), r.para(f"{note}。", "small")]
