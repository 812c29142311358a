"""The batch-wide parts of the panel report: cover, ranking, decisions, gaps, audit, signatures."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table

from expertscore.chair.aggregate import quantize
from expertscore.chair.member_notes import AGREE, Note
from expertscore.chair.ranking import group_name
from expertscore.chair.report.charts import TotalsRow, totals_charts, totals_rows_per_chart
from expertscore.chair.report.corrections import corrections_section
from expertscore.chair.report.data import HUNDRED, ReportData
from expertscore.chair.report.text import (
    FLAG_MEANINGS,
    FLAG_NAMES,
    audit_action,
    audit_detail,
    audit_time,
    fragile_text,
    gap_text,
    policy_lines,
)
from expertscore.chair.report.verified import flag_code, verified_values_table
from expertscore.reports.pdfbase import ALERT, CellParagraph, SectionStart, markup
from expertscore.reports.sheet_base import LABEL_TINT
from expertscore.reports.sheet_text import ORGANIZER_SET_NOTE, level_text, percent_text
from expertscore.schemes.model import GradeScale, RankWithin
from expertscore.schemes.rules import fmt
from expertscore.schemes.table import organizer_set_count

if TYPE_CHECKING:
    from expertscore.chair.report.document import ReportRenderer

ALERT_HEX = ALERT.hexval().replace("0x", "#")
FRAGILE_MARK = "※"
SIGNATURE_HEADING = "评审专家组签字页"
STATEMENT_NOTE = (
    "意见：评审专家对评审结果的书面意见（同意，或不同意及其理由），经本人密钥签名或由组长据纸质意见录入。"
    "对评审结果有异议的，应当在报告上签署不同意见并说明理由；拒绝签字且不书面说明不同意见和理由的，视为同意评审结果。"
)


# A note signed about other results than those this report shows.
STALE = "针对其他评审结果，已过期"


def statement_text(note: Note | None) -> str:
    """A member's statement as the signature page prints it."""
    if note is None:
        return "未提交书面意见"
    text = "同意" if note.stance == AGREE else f"不同意。理由：{note.reasons}"
    if note.stance == AGREE and note.reasons:
        text += f"（{note.reasons}）"
    if note.transcribed_by:
        return f"{text}【纸质意见，组长 {note.transcribed_by} 录入】"
    if note.stale:
        return f"{text}【已签名，密钥 {note.fingerprint}；{STALE}】"
    return f"{text}【已签名，密钥 {note.fingerprint}】"


def labelled(r: ReportRenderer, pairs: list[tuple[str, str]], mono: set[str]) -> Table:
    rows = [[r.para(k, "label"), r.para(v, "mono" if k in mono else "cell")] for k, v in pairs]
    return r.table(
        rows, (0.18, 0.82), header_rows=0, commands=[("BACKGROUND", (0, 0), (0, -1), LABEL_TINT)]
    )


def nothing(r: ReportRenderer, text: str) -> Paragraph:
    return r.para(text, "body")


def platform_cell(r: ReportRenderer, d: ReportData, sid: str, mark: str = "") -> Paragraph:
    """The platform's name, and its submission id in small print below."""
    return CellParagraph(
        f'{mark}{markup(d.platform(sid))}<br/><font size="7" color="#5b6675">{markup(sid)}</font>',
        r.styles["cell"],
    )


# --- cover ---------------------------------------------------------------------------------


def cover(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    batch = d.package.manifest.batch
    scheme = d.scheme
    pairs = [
        ("批次名称", batch.title),
        ("批次编号", batch.id),
        ("组织单位", batch.organizer),
        ("批次创建", batch.created.strftime("%Y-%m-%d %H:%M %z")),
        ("评估方案", f"{scheme.title}（版本 {scheme.version}，{scheme.id}）"),
        ("申报平台", f"{len(d.result.submissions)} 个"),
        ("评审专家", f"{len(d.panel_members)} 位，已接收 {len(d.accepted)} 份结果文件"),
        ("报告日期", d.generated.strftime("%Y年%m月%d日")),
        ("批次清单 SHA-256", d.package.manifest_sha256),
    ]
    return [
        SectionStart("cover", "封面与评审依据"),
        CellParagraph(markup(r.heading), r.styles["cover-title"]),
        r.para(batch.title, "heading"),
        Spacer(1, 3 * mm),
        labelled(r, pairs, {"批次清单 SHA-256"}),
        r.para("评审专家组", "heading"),
        panel_table(r, d),
        r.para("汇总规则", "heading"),
        *[r.para("· " + line, "cell") for line in policy_lines(scheme.aggregation)],
        r.para("等级划分", "heading"),
        *grade_lines(r, d),
        r.para("组织方设定的数值", "heading"),
        *organizer_values(r, d),
    ]


def panel_table(r: ReportRenderer, d: ReportData) -> Table:
    heads = ["序号", "专家", "单位 / 角色", "密钥指纹", "结果文件（SHA-256）"]
    rows: list[list[object]] = [[r.para(h, "cell-head") for h in heads]]
    for number, expert in enumerate(d.panel_members, 1):
        record = d.roster.get(expert)
        checked = d.accepted.get(expert)
        unit = " / ".join(p for p in ((record.organization, record.role) if record else ()) if p)
        if checked is None:
            key, result = r.para("—"), r.para("未接收", "alert")
        else:
            key = r.para(checked.fingerprint, "mono")
            digest = d.file_digests.get(expert, "")
            result = CellParagraph(
                f"第 {checked.payload.sequence} 版<br/>"
                f'<font name="{r.mono_font}" size="7">{markup(digest)}</font>',
                r.styles["cell"],
            )
        rows.append(
            [
                r.para(str(number), "num"),
                CellParagraph(r.expert_mark(expert) + markup(d.label(expert)), r.styles["cell"]),
                r.para(unit or "—"),
                key,
                result,
            ]
        )
    # The fingerprint column fits the 19 characters of a fingerprint on one line.
    return r.table(rows, (0.05, 0.16, 0.24, 0.2, 0.35))


def scale_text(scale: GradeScale) -> str:
    return "，".join(level_text(level) for level in scale.levels)


def grade_lines(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    scheme = d.scheme
    lines = []
    if scheme.grades is not None:
        lines.append(r.para(f"按总分占可得满分的比例：{scale_text(scheme.grades)}。"))
    categories = {sub.category for sub in d.result.submissions.values() if sub.category}
    for code in sorted(categories):
        scale = scheme.grade_scale(code)
        if scale is not None and scale is not scheme.grades:
            lines.append(r.para(f"{d.category_name(code)}：{scale_text(scale)}。"))
    if not lines:
        lines.append(r.para("本方案不划分等级，只按总分排名。"))
    return lines


def organizer_values(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    values = d.package.manifest.organizer_values
    out: list[Flowable] = []
    if values:
        rows: list[list[object]] = [
            [r.para(h, "cell-head") for h in ("设定对象", "数值", "设定人", "说明")]
        ]
        rows += [
            [r.para(v.target), r.para(v.value, "num"), r.para(v.set_by), r.para(v.note or "")]
            for v in values
        ]
        out.append(r.table(rows, (0.3, 0.12, 0.22, 0.36)))
    else:
        out.append(r.para("本批次未另行设定数值，沿用方案的默认值。"))
    count = organizer_set_count(d.scheme)
    out.append(
        r.para(
            f"方案中共有 {count} 个组织方设定的数值（权重、分值、等级门槛等），"
            "在本报告中以 * 标注。"
        )
    )
    out.append(r.para(ORGANIZER_SET_NOTE, "small"))
    return out


# --- ranking -------------------------------------------------------------------------------


def ranking_section(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    heads = ["名次", "申报编号", "平台名称 / 运营企业", "总分", "得分率", "等级", "留一检验"]
    rows: list[list[object]] = [[r.para(h, "cell-head") for h in heads]]
    for sub in d.ranked():
        record = d.submissions.get(sub.id)
        name = markup(d.platform(sub.id))
        if record is not None:
            name += f'<br/><font size="7.5" color="#5b6675">{markup(record.operator)}</font>'
        fragile = (
            CellParagraph(
                f'<font color="{ALERT_HEX}">{FRAGILE_MARK} 不稳定</font>', r.styles["cell"]
            )
            if sub.fragile
            else r.para("稳定")
        )
        within = group_name(d.scheme, sub.category)
        rank = str(sub.rank) if within is None else f"{sub.rank}<br/>{markup(within)}"
        rows.append(
            [
                CellParagraph(rank, r.styles["num"]),
                r.para(sub.id),
                CellParagraph(name, r.styles["cell"]),
                r.para(fmt(sub.total), "num"),
                r.para(percent_text(sub.percent), "num"),
                r.para(d.grade_of(sub)),
                fragile,
            ]
        )
    note = (
        f"{FRAGILE_MARK} 不稳定：去掉任意一位专家的评分后，该平台的等级或名次会改变"
        "（留一检验，详见各平台页与“分歧、说明与议定事项”）。总分为各指标专家组得分之和；"
        "得分率为总分占可得满分的比例。"
    )
    if d.scheme.aggregation.rank_within is RankWithin.CATEGORY:
        note += "各类别的满分与等级标准不同，名次在各类别内分别排定（名次下注明类别）。"
    return [
        PageBreak(),
        SectionStart("ranking", "评审结果排名"),
        r.para("评审结果排名", "section"),
        r.grid(rows, (0.07, 0.1, 0.37, 0.1, 0.11, 0.11, 0.14)),
        Spacer(1, 1.5 * mm),
        r.para(note, "small"),
        Spacer(1, 4 * mm),
        *totals_block(r, d),
    ]


# Room on a page for the chart's heading, the legend below it and the spacing between.
TOTALS_HEADING_ROOM = 40 * mm


def totals_block(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    """The totals chart, one part per page for a large batch (each part kept whole)."""
    rows = []
    for sub in d.ranked():
        base = sub.rollup.base_max
        shares = {e: t * HUNDRED / base for e, t in sub.expert_totals.items()} if base else {}
        scale = d.scheme.grade_scale(sub.category)
        thresholds = [(lv.name, lv.min.value) for lv in scale.levels] if scale else []
        rows.append(
            TotalsRow(
                label=f"{sub.rank}  {d.platform(sub.id)}",
                expert_shares=shares,
                panel_share=sub.percent,
                value=f"{fmt(sub.total)} 分",
                thresholds=thresholds,
                fragile=bool(sub.fragile),
            )
        )
    graded = any(row.thresholds for row in rows)
    marks = "　".join(r.expert_mark(e) + markup(d.names.get(e, e)) for e in d.scoring_experts)
    words = f"{marks}<br/>各点为专家个人总分占可得满分的比例，黑色竖线为专家组总分"
    if graded:
        words += f'，<font color="{ALERT_HEX}">红色虚线</font>为等级门槛'
    legend = CellParagraph(words + "。", r.styles["small"])
    per_chart = totals_rows_per_chart(r.frame_height - TOTALS_HEADING_ROOM)
    charts = totals_charts(rows, r.lanes, r.font, r.frame_width, per_chart)
    heading = "专家总分分布与等级门槛" if graded else "专家总分分布"
    parts = []
    for number, chart in enumerate(charts):
        title = heading if number == 0 else f"{heading}（续，第 {number + 1} / {len(charts)} 部分）"
        parts.append(KeepTogether([r.para(title, "heading"), chart, Spacer(1, 1.5 * mm), legend]))
    return parts


# --- divergences and decisions -------------------------------------------------------------


def decisions_section(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    return [
        PageBreak(),
        SectionStart("decisions", "分歧、说明与议定事项"),
        r.para("分歧、说明与议定事项", "section"),
        r.para("一、评分分歧与复核标记", "heading"),
        *flags_table(r, d),
        *verified_values_table(r, d),
        r.para("二、需作出说明的专家", "heading"),
        *explanations_table(r, d),
        *corrections_section(r, d),
        r.para("四、第二轮评分要求", "heading"),
        *rounds_table(r, d),
        r.para("五、结果稳健性（留一检验）", "heading"),
        *fragile_table(r, d),
    ]


def flags_table(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    flags = list(FLAG_NAMES)
    rows: list[list[object]] = [
        [r.para("平台", "cell-head"), *[r.para(FLAG_NAMES[f], "cell-head") for f in flags]]
    ]
    for sub in d.ranked():
        cells = []
        for flag in flags:
            codes = [flag_code(c, i, flag) for c, i in sub.indicators.items() if flag in i.flags]
            text = f"{len(codes)} 项：{'、'.join(codes)}" if codes else "—"
            cells.append(r.para(text))
        rows.append([platform_cell(r, d, sub.id), *cells])
    meanings = "；".join(f"{FLAG_NAMES[f]}：{FLAG_MEANINGS[f]}" for f in flags)
    resolved = "标“已认定”的指标已由专家组记录认定分（见结果修正），不再待处理"
    return [
        r.grid(rows, (0.22, 0.26, 0.26, 0.13, 0.13)),
        r.para(f"{meanings}。{resolved}。", "small"),
    ]


def explanation_text(text: str | None, stale: bool) -> str:
    if text is None:
        return "未收到"
    return f"{text}【{STALE}】" if stale else text


def explanations_table(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    heads = ["平台", "专家", "专家总分", "平均总分", "偏离", "书面说明"]
    rows: list[list[object]] = [[r.para(h, "cell-head") for h in heads]]
    for sub in d.ranked():
        mean = d.mean_expert_total(sub)
        for expert, deviation in sub.explanations_needed.items():
            text = d.notes.explanations.get((sub.id, expert))
            rows.append(
                [
                    platform_cell(r, d, sub.id),
                    r.para(d.label(expert)),
                    r.plain(fmt(sub.expert_totals[expert]), "num"),
                    r.plain(fmt(quantize(mean, d.scheme.aggregation)) if mean else "—", "num"),
                    r.plain(f"{fmt(deviation)}%", "num"),
                    r.para(explanation_text(text, (sub.id, expert) in d.notes.stale_explanations)),
                ]
            )
    if len(rows) == 1:
        return [nothing(r, "无：所有专家的总分与平均总分的偏离均在规定范围内。")]
    return [r.grid(rows, (0.2, 0.16, 0.1, 0.1, 0.09, 0.35))]


def rounds_table(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    heads = ["平台", "指标", "评分专家", "理由"]
    rows: list[list[object]] = [[r.para(h, "cell-head") for h in heads]]
    for (sid, code), request in sorted(d.decisions.rounds.items()):
        rows.append(
            [
                platform_cell(r, d, sid),
                r.para(f"{code} {d.node_name(code)}"),
                r.para("、".join(d.label(e) for e in request.experts)),
                r.para(request.reason or "—"),
            ]
        )
    if len(rows) == 1:
        return [nothing(r, "无。")]
    return [r.grid(rows, (0.24, 0.24, 0.24, 0.28))]


def fragile_table(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    rows: list[list[object]] = [[r.para(h, "cell-head") for h in ("平台", "去掉一位专家后的变化")]]
    for sub in d.ranked():
        if not sub.fragile:
            continue
        lines = [
            fragile_text(note, d.names, partial(d.grade_name, sub.category)) for note in sub.fragile
        ]
        rows.append([platform_cell(r, d, sub.id, f"{FRAGILE_MARK} "), r.plain("\n".join(lines))])
    if len(rows) == 1:
        return [nothing(r, "去掉任何一位专家的评分，各平台的等级和名次均不变。")]
    note = "去掉其中任意一位专家的评分即改变等级或名次的结果，请专家组复议并在签字前确认。"
    return [r.grid(rows, (0.3, 0.7)), r.para(note, "small")]


# --- gaps, audit, signatures ---------------------------------------------------------------


def gaps_section(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    heading = r.para("六、缺漏（未提交的专家、未评分的指标）", "heading")
    if not d.gaps:
        return [heading, nothing(r, "无：所有指派的专家均已提交结果，所有指派的指标均已评分。")]
    rows: list[list[object]] = [[r.para(h, "cell-head") for h in ("专家", "平台", "情况")]]
    for gap in d.gaps:
        where = platform_cell(r, d, gap.submission) if gap.submission else r.para("全部申报")
        rows.append([r.para(d.label(gap.expert)), where, r.para(gap_text(gap))])
    return [heading, r.grid(rows, (0.24, 0.32, 0.44))]


def audit_appendix(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    heads = ["时间", "操作", "专家", "内容", "文件 SHA-256"]
    rows: list[list[object]] = [[r.para(h, "cell-head") for h in heads]]
    for entry in d.audit:
        expert = entry.get("expert")
        digest = str(entry.get("digest") or "")
        rows.append(
            [
                r.para(audit_time(entry), "small"),
                r.para(audit_action(entry)),
                r.para(d.label(str(expert)) if expert else "—"),
                r.para(audit_detail(entry, d.platforms), "small"),
                CellParagraph(
                    f'<font name="{r.mono_font}" size="6.5">{markup(digest) or "—"}</font>',
                    r.styles["small"],
                ),
            ]
        )
    intro = (
        "合并文件夹审计记录（audit.jsonl）的全部条目，按记录先后排列：每份结果文件的接收、替换或拒收"
        "（含文件的 SHA-256 摘要），以及组长的全部决定。记录只追加、不改写。"
    )
    body: list[Flowable] = [r.para(intro, "small"), Spacer(1, 2 * mm)]
    body.append(
        r.grid(rows, (0.14, 0.13, 0.14, 0.33, 0.26)) if len(rows) > 1 else nothing(r, "无记录。")
    )
    return [
        PageBreak(),
        SectionStart("audit", "附录 审计记录"),
        r.para("附录　审计记录", "section"),
        *body,
    ]


def signature_page(r: ReportRenderer, d: ReportData) -> list[Flowable]:
    statement = (
        f"本专家组已审阅本报告所列 {len(d.result.submissions)} 个申报平台的评分、排名与等级，"
        "以及分歧标记、需说明事项、议定分、第二轮评分要求、留一检验与审计记录，确认评审结果如下："
    )
    results: list[list[object]] = [
        [r.para(h, "cell-head") for h in ("名次", "平台名称", "总分", "等级", "留一检验")]
    ]
    for sub in d.ranked():
        results.append(
            [
                r.para(str(sub.rank), "num"),
                r.para(d.platform(sub.id)),
                r.para(fmt(sub.total), "num"),
                r.para(d.grade_of(sub)),
                r.para(f"{FRAGILE_MARK} 不稳定" if sub.fragile else "稳定"),
            ]
        )
    heads = ("序号", "姓名", "单位", "角色", "意见", "签字", "日期")
    members: list[list[object]] = [[r.para(h, "cell-head") for h in heads]]
    for number, expert in enumerate(d.panel_members, 1):
        record = d.roster.get(expert)
        members.append(
            [
                r.para(str(number), "num"),
                r.para(d.label(expert)),
                r.para((record.organization if record else None) or "—"),
                r.para((record.role if record else None) or "—"),
                r.para(statement_text(d.notes.statements.get(expert))),
                Spacer(1, 11 * mm),  # room to sign
                "",
            ]
        )
    sign = r.table(members, (0.05, 0.14, 0.2, 0.07, 0.27, 0.16, 0.11))
    sign.setStyle([("VALIGN", (0, 1), (-1, -1), "MIDDLE")])
    return [
        PageBreak(),
        SectionStart("signatures", SIGNATURE_HEADING),
        r.para(SIGNATURE_HEADING, "section"),
        r.para(statement, "body"),
        Spacer(1, 2 * mm),
        r.grid(results, (0.08, 0.5, 0.13, 0.13, 0.16)),
        Spacer(1, 5 * mm),
        r.para("评审专家签字", "heading"),
        sign,
        r.para(STATEMENT_NOTE, "small"),
        Spacer(1, 10 * mm),
        chair_lines(r),
    ]


def chair_lines(r: ReportRenderer) -> Table:
    rows = [[r.para("评审组组长（签字）：", "body"), "", r.para("日期：", "body"), ""]]
    table = Table(
        rows,
        colWidths=[r.frame_width * f for f in (0.2, 0.4, 0.08, 0.32)],
        rowHeights=[14 * mm],
        hAlign="LEFT",
    )
    table.setStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), r.font),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LINEBELOW", (1, 0), (1, 0), 0.8, "#000000"),
            ("LINEBELOW", (3, 0), (3, 0), 0.8, "#000000"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return table
