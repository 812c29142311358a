"""The report's 结果修正: every agreed panel score with its cause (87号令 art. 64), the
indicator's computed score before and the agreed score after, and each corrected
submission's total, grade and rank before and after all its corrections.

"Before" is the same aggregation of the same sheets without any agreed score; it is
computed here only to be printed (nothing else uses it).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from expertscore.chair.aggregate import PanelResult, aggregate, quantize
from expertscore.chair.override_causes import cause_zh
from expertscore.chair.report.data import ReportData
from expertscore.schemes.rules import fmt

if TYPE_CHECKING:
    from expertscore.chair.report.document import ReportRenderer

HEADING = "三、结果修正（《政府采购货物和服务招标投标管理办法》第六十四条）"


def uncorrected(d: ReportData) -> PanelResult:
    """The panel's results without any agreed score."""
    return aggregate(replace(d.inp, overrides={}))


def corrections_section(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    # Imported here: the sections module holds the shared cells and imports this one.
    from expertscore.chair.report.sections import nothing, platform_cell

    heads = ["平台", "指标", "修正原因", "修正前", "修正后", "理由"]
    rows: list[list[object]] = [[r.para(h, "cell-head") for h in heads]]
    for (sid, code), override in sorted(d.decisions.overrides.items()):
        sub = d.result.submissions.get(sid)
        indicator = sub.indicators.get(code) if sub else None
        computed = "—"
        if indicator is not None and indicator.exact is not None:
            computed = fmt(quantize(indicator.exact, d.scheme.aggregation))
        applied = indicator is not None and indicator.override == override
        reason = override.reason + ("" if applied else "（未计入：该申报不评此指标）")
        rows.append(
            [
                platform_cell(r, d, sid),
                r.para(f"{code} {d.node_name(code)}"),
                r.para(cause_zh(override.cause)),
                r.para(computed, "num"),
                r.para(fmt(override.points), "num"),
                r.para(reason),
            ]
        )
    if len(rows) == 1:
        return [
            r.para(HEADING, "heading"),
            nothing(r, "无：各指标均采用按汇总规则计算的专家组得分，未作修正。"),
        ]
    widths = (0.2, 0.2, 0.16, 0.08, 0.08, 0.28)
    return [
        r.para(HEADING, "heading"),
        r.table(rows, widths),
        *_totals_table(r, d),
    ]


def _totals_table(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    from expertscore.chair.report.sections import platform_cell

    before = uncorrected(d)
    corrected = sorted({sid for sid, _code in d.decisions.overrides}, key=d.result.ranking.index)
    heads = [
        "平台",
        "修正前总分",
        "修正后总分",
        "修正前等级",
        "修正后等级",
        "修正前排名",
        "修正后排名",
    ]
    rows: list[list[object]] = [[r.para(h, "cell-head") for h in heads]]
    for sid in corrected:
        old, new = before.submissions.get(sid), d.result.submissions.get(sid)
        if old is None or new is None:
            continue
        rows.append(
            [
                platform_cell(r, d, sid),
                r.para(fmt(old.total), "num"),
                r.para(fmt(new.total), "num"),
                r.para(d.grade_of(old)),
                r.para(d.grade_of(new)),
                r.para(str(old.rank), "num"),
                r.para(str(new.rank), "num"),
            ]
        )
    return [r.table(rows, (0.28, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12))] if len(rows) > 1 else []
