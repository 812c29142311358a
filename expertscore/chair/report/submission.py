"""One submission's pages of the panel report.

From a new page: the platform's particulars, total, share, grade and robustness; its
profile across the first-level indicators (radar, with the batch average); each expert's
total with the deviation from the panel mean; then every indicator of the tree with its
maximum, the experts' scores as a strip, the spread, the panel score and its flags,
agreed score and second-round request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from expertscore.chair.aggregate import ZERO, IndicatorResult, SubmissionResult, quantize
from expertscore.chair.report.charts import ScoreStrip, profile_chart
from expertscore.chair.report.data import ReportData
from expertscore.chair.report.text import (
    deviation_percent,
    fragile_text,
    signed_percent,
)
from expertscore.reports.pdfbase import ALERT, CellParagraph, SectionStart, markup
from expertscore.reports.sheet_base import LABEL_TINT, bonus_suffix, tree_rows
from expertscore.reports.sheet_text import percent_text
from expertscore.schemes.policies import policy_of
from expertscore.schemes.rules import fmt
from expertscore.wording.labels import chinese_flag_text as flag_text

if TYPE_CHECKING:
    from expertscore.chair.report.document import ReportRenderer

INDICATOR_COLUMNS = ("编号", "指标", "满分", "专家评分分布", "极差", "专家组得分", "标记与议定")
INDICATOR_FRACTIONS = (0.065, 0.225, 0.055, 0.25, 0.055, 0.1, 0.25)
STRIP_HEIGHT = 11.0
ALERT_HEX = ALERT.hexval().replace("0x", "#")


def submission_pages(r: ReportRenderer, d: ReportData, sub: SubmissionResult) -> list[Flowable]:
    platform = d.platform(sub.id)
    label = f"第 {sub.rank} 名  {platform}（{sub.id}）"
    title = CellParagraph(f"第 {sub.rank} 名　{markup(platform)}", r.styles["section"])
    return [
        PageBreak(),
        SectionStart(sub.id, label),
        title,
        particulars(r, d, sub),
        Spacer(1, 3 * mm),
        outcome_table(r, d, sub),
        Spacer(1, 3 * mm),
        *fragile_notes(r, d, sub),
        profile_block(r, d, sub),
        Spacer(1, 2 * mm),
        KeepTogether([r.para("专家总分", "heading"), expert_table(r, d, sub)]),
        Spacer(1, 2 * mm),
        r.para("各指标得分与专家评分分布", "heading"),
        strip_legend(r, d, sub),
        indicator_table(r, d, sub),
    ]


def particulars(r: ReportRenderer, d: ReportData, sub: SubmissionResult) -> Flowable:
    record = d.submissions.get(sub.id)
    scoring = [d.label(e) for e in sub.expert_totals]
    recused = [d.label(e) for e in d.recused(sub.id)]
    cells = [
        ("申报编号", sub.id, "运营企业", record.operator if record else "—"),
        ("平台类别", d.category_name(sub.category), "所在地区", (record and record.region) or "—"),
        ("评分专家", "、".join(scoring) or "—", "回避专家", "、".join(recused) or "无"),
    ]
    rows = [
        [r.plain(a, "label"), r.para(b), r.plain(c, "label"), r.para(e)] for a, b, c, e in cells
    ]
    return r.grid(
        rows,
        (0.1, 0.4, 0.1, 0.4),
        header_rows=0,
        commands=[
            ("BACKGROUND", (0, 0), (0, -1), LABEL_TINT),
            ("BACKGROUND", (2, 0), (2, -1), LABEL_TINT),
        ],
    )


def outcome_table(r: ReportRenderer, d: ReportData, sub: SubmissionResult) -> Flowable:
    fragile = "※ 不稳定（见下）" if sub.fragile else "稳定"
    heads = ["总分", "满分", "得分率", "等级", "名次", "留一检验"]
    base_max = sub.rollup.base_max
    bonus = f"（含加分 {fmt(sub.rollup.bonus)}）" if sub.rollup.bonus else ""
    values = [
        f"{fmt(sub.total)}{bonus}",
        fmt(base_max),
        percent_text(sub.percent),
        d.grade_of(sub),
        f"{sub.rank} / {len(d.result.ranking)}",
        fragile,
    ]
    cells: list[Flowable] = [r.para(v, "big-left") for v in values]
    if sub.fragile:
        cells[-1] = CellParagraph(
            f'<font color="{ALERT_HEX}">{markup(fragile)}</font>', r.styles["big-left"]
        )
    return r.grid(
        [[r.plain(h, "label") for h in heads], cells],
        (0.24, 0.12, 0.14, 0.14, 0.12, 0.24),
        commands=[("BACKGROUND", (0, 0), (-1, 0), LABEL_TINT)],
    )


def fragile_notes(r: ReportRenderer, d: ReportData, sub: SubmissionResult) -> list[Flowable]:
    if not sub.fragile:
        return []
    lines = [
        fragile_text(note, d.names, lambda g: d.grade_name(sub.category, g)) for note in sub.fragile
    ]
    text = "※ 留一检验：" + "；".join(lines) + "。结果依赖个别专家的评分，请专家组复议。"
    return [r.para(text, "alert"), Spacer(1, 2 * mm)]


def profile_block(r: ReportRenderer, d: ReportData, sub: SubmissionResult) -> Flowable:
    """The radar on the left, the first-level table on the right."""
    axes = d.axes(sub)
    split = 0.5
    left_width = r.column_width(split, left=True)
    averages = {axis.code: d.batch_average(axis.code) for axis in axes}
    chart = profile_chart(axes, averages, r.font, left_width, 66 * mm)
    rows: list[list[object]] = [
        [r.plain(h, "cell-head") for h in ("一级指标", "得分", "满分", "得分率", "批次平均")]
    ]
    for axis in axes:
        node = d.node(axis.code)
        name = axis.name + (bonus_suffix(node) if node else "")
        average = averages.get(axis.code)
        rows.append(
            [
                r.para(name),
                r.plain(fmt(axis.points), "num"),
                r.plain(fmt(axis.maximum), "num"),
                r.plain(percent_text(axis.percent), "num"),
                r.plain(percent_text(average), "num"),
            ]
        )
    right_width = r.column_width(split, left=False)
    table = r.table(rows, (0.34, 0.16, 0.14, 0.18, 0.18), width=right_width)
    note = r.para(
        "图中实线为本平台各一级指标的得分率（得分 ÷ 可得满分），虚线为本批次同一指标的平均得分率。",
        "small",
    )
    return r.side_by_side([chart], [table, Spacer(1, 2 * mm), note], split)


def expert_table(r: ReportRenderer, d: ReportData, sub: SubmissionResult) -> Flowable:
    policy = d.scheme.aggregation
    by_total = policy_of(policy).trims_experts
    mean = d.mean_expert_total(sub)
    heads = ["专家", "单位", "专家总分", "与平均总分偏离", "计入", "说明要求"]
    rows: list[list[object]] = [[r.plain(h, "cell-head") for h in heads]]
    for expert, total in sub.expert_totals.items():
        record = d.roster.get(expert)
        deviation = deviation_percent(total, mean) if mean is not None else None
        kept = "是" if not by_total or expert in sub.kept_experts else "否（去掉）"
        needed = sub.explanations_needed.get(expert)
        # A paragraph, not a plain cell: reportlab keeps "45.55%" whole when this wraps.
        note = (
            CellParagraph(
                f'<font color="{ALERT_HEX}">需作出说明（偏离 {fmt(needed)}%）</font>',
                r.styles["cell"],
            )
            if needed is not None
            else r.plain("—")
        )
        rows.append(
            [
                CellParagraph(r.expert_mark(expert) + markup(d.label(expert)), r.styles["cell"]),
                r.plain((record.organization if record else None) or "—"),
                r.plain(fmt(total), "num"),
                r.plain(signed_percent(deviation), "num"),
                r.plain(kept),
                note,
            ]
        )
    for expert in d.recused(sub.id):
        record = d.roster.get(expert)
        organization = (record.organization if record else None) or "—"
        rows.append([r.plain(d.label(expert)), r.plain(organization), r.plain("回避"), "", "", ""])
    mean_text = fmt(quantize(mean, policy)) if mean is not None else "—"
    rows.append([r.plain("平均总分", "label"), "", r.plain(mean_text, "num"), "", "", ""])
    return r.grid(
        rows,
        (0.2, 0.3, 0.11, 0.13, 0.08, 0.18),
        commands=[("SPAN", (0, len(rows) - 1), (1, len(rows) - 1))],
    )


def strip_legend(r: ReportRenderer, d: ReportData, sub: SubmissionResult) -> Flowable:
    experts = [e for e in d.scoring_experts if e in sub.expert_totals]
    marks = "　".join(r.expert_mark(e) + markup(d.names.get(e, e)) for e in experts)
    text = (
        f"{marks}<br/>每行横线为 0 至该指标满分；实心点为计入专家组得分的评分，空心点为去掉的"
        "最高、最低分；黑色竖线为专家组得分；"
        f'<font color="{ALERT_HEX}">◆</font> 为专家组议定分（灰色竖线为议定前的计算得分）。'
    )
    return CellParagraph(text, r.styles["small"])


def indicator_table(r: ReportRenderer, d: ReportData, sub: SubmissionResult) -> Flowable:
    strip_width = r.frame_width * INDICATOR_FRACTIONS[3] - 6
    policy = d.scheme.aggregation
    # Plain-text cells: the header repeats on every page the table runs onto.
    rows: list[list[object]] = [[r.plain(h, "cell-head") for h in INDICATOR_COLUMNS]]
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (3, 1), (3, -1), "MIDDLE"),
        # Tighter than other tables, so a 40-odd-leaf tree fits on two pages with the profile.
        ("TOPPADDING", (0, 1), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 1.8),
    ]
    for row in tree_rows(d.scheme, sub.indicators):
        node, depth = row.node, row.depth
        index = len(rows)
        if not node.is_leaf:
            rows.append(
                [
                    r.plain(node.code),
                    r.name_para(node.name + bonus_suffix(node), depth),
                    r.plain(fmt(sub.rollup.maxima.get(node.code, ZERO)), "num"),
                    "",
                    "",
                    r.plain(fmt(sub.rollup.points.get(node.code, ZERO)), "num"),
                    "",
                ]
            )
            commands.append(("BACKGROUND", (0, index), (-1, index), r.row_tint(node, depth)))
            continue
        result = sub.indicators[node.code]
        strip = ScoreStrip(result, r.lanes, policy, (strip_width, STRIP_HEIGHT))
        rows.append(
            [
                r.plain(node.code),
                r.name_para(node.name, depth),
                r.plain(fmt(result.maximum), "num"),
                strip,
                r.plain(fmt(result.spread) if result.scores else "—", "num"),
                panel_cell(r, result),
                notes_cell(r, d, sub, result),
            ]
        )
    total_row = len(rows)
    rows.append(
        [
            "",
            r.para("合计", "bold"),
            r.para(fmt(sub.rollup.base_max), "num"),
            "",
            "",
            r.para(fmt(sub.total), "num"),
            r.para(outcome_words(d, sub)),
        ]
    )
    commands.append(("BACKGROUND", (0, total_row), (-1, total_row), LABEL_TINT))
    return r.grid(rows, INDICATOR_FRACTIONS, commands=commands)


def outcome_words(d: ReportData, sub: SubmissionResult) -> str:
    words = f"得分率 {percent_text(sub.percent)}"
    if d.scheme.grade_scale(sub.category) is not None:
        words += f"，{d.grade_of(sub)}"
    return words


def panel_cell(r: ReportRenderer, result: IndicatorResult) -> Flowable:
    if result.panel is None:
        return r.plain("—", "num")
    if result.override is not None:
        return CellParagraph(
            f'<font color="{ALERT_HEX}">{fmt(result.panel)} 议定</font>', r.styles["num"]
        )
    return r.plain(fmt(result.panel), "num")


def notes_cell(
    r: ReportRenderer, d: ReportData, sub: SubmissionResult, result: IndicatorResult
) -> Flowable | str:
    if result.override is None and (sub.id, result.code) not in d.decisions.rounds:
        # Flags alone (most cells of a large batch): plain text in the alert colour.
        return r.plain(flag_text(result.flags), "alert") if result.flags else ""
    notes = notes_markup(d, sub, result)
    return CellParagraph(notes, r.styles["cell"]) if notes else ""


def notes_markup(d: ReportData, sub: SubmissionResult, result: IndicatorResult) -> str:
    """Flags, the agreed score with its reason, and a second-round request, as markup."""
    parts = []
    if result.flags:
        parts.append(f'<font color="{ALERT_HEX}">{markup(flag_text(result.flags))}</font>')
    if result.override is not None:
        computed = (
            fmt(quantize(result.exact, d.scheme.aggregation)) if result.exact is not None else "—"
        )
        parts.append(
            markup(
                f"议定 {fmt(result.override.points)}（计算 {computed}）：{result.override.reason}"
            )
        )
    request = d.decisions.rounds.get((sub.id, result.code))
    if request is not None:
        experts = "、".join(d.names.get(e, e) for e in request.experts)
        parts.append(markup(f"第二轮评分：{experts}"))
    return "<br/>".join(parts)
