"""The chair's advice on the panel, as every output shows it: window, workbook, report, file.

``advice_of`` computes it once (``panel_quality`` plus the experts' familiarity marks);
``advice_tables`` puts it into the same plain-text tables, in Chinese, for the chair
window's panel-quality tab, the workbook's sheet and the report's page, so the three show
the same figures worded alike. The panel file carries the numbers themselves
(``panel_advice_record``). All of it is advice: the official totals, grades and ranking
follow the scheme and never depend on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from expertscore.chair.aggregate import PanelInput, PanelResult
from expertscore.chair.agreement import Figure
from expertscore.chair.panel_quality import PanelQuality, Severity, panel_quality
from expertscore.schemes.model import Scheme
from expertscore.scoring.familiarity import LEVELS, NAMES

TITLE = "专家组一致性与评分宽严（供参考）"
ADVICE_NOTE = (
    "以下为供专家组组长参考的建议，不改变正式结果：正式总分、等级与排名按评分方案计算。"
    "一致性：Krippendorff α（区间）、ICC(2,1)/ICC(2,k)、Kendall W；宽严：专家与其他专家"
    "在相同指标上的平均偏差（负数为偏严）。"
)
NONE = "-"
AGREEMENT_HEADER = ("范围", "统计量", "数值", "解读", "评分数")
SEVERITY_HEADER = (
    "专家", "平均偏差（分/平台）", "平均偏差（%满分）", "95% 区间", "偏低平台数", "熟悉程度",
    "说明",
)  # fmt: skip
SUBMISSION_HEADER = (
    "平台", "α", "ICC(2,1)", "ICC(2,k)", "正式总分", "正式名次", "调整后总分", "调整后名次",
    "熟悉程度",
)  # fmt: skip


@dataclass
class Advice:
    quality: PanelQuality
    # submission -> expert -> familiarity level (only the experts who marked one)
    familiarity: dict[str, dict[str, str]] = field(default_factory=dict)
    group_names: dict[str, str] = field(default_factory=dict)
    ranking: list[str] = field(default_factory=list)  # the official ranking
    totals: dict[str, Decimal] = field(default_factory=dict)  # the official totals


def familiarity_of(inp: PanelInput) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for sheet in inp.sheets:
        if sheet.familiarity is not None and not sheet.recused:
            found.setdefault(sheet.submission, {})[sheet.expert] = sheet.familiarity
    return {sid: dict(sorted(marks.items())) for sid, marks in found.items()}


def advice_of(scheme: Scheme, inp: PanelInput, result: PanelResult) -> Advice:
    return Advice(
        quality=panel_quality(scheme, result),
        familiarity=familiarity_of(inp),
        group_names={node.code: node.name for node in scheme.indicators},
        ranking=list(result.ranking),
        totals={sid: sub.total for sid, sub in result.submissions.items()},
    )


# -- words --------------------------------------------------------------------------------


def figure_words(figure: Figure | None) -> tuple[str, str, str]:
    """(value to 3 places, reading 高/中/低, ratings behind it); "-" when there is none."""
    if figure is None:
        return NONE, NONE, "0"
    value = figure.rounded()
    return (
        NONE if value is None else str(value),
        figure.reading or NONE,
        str(figure.ratings),
    )


def severity_sentence(found: Severity) -> str:
    """ "E02 平均比其他专家低 32.00%（满分的百分比），8 个中 8 个偏低" in words."""
    direction = "低" if found.percent < 0 else "高"
    return (
        f"{found.expert} 平均比其他专家{direction} {abs(found.percent)}%（占所评指标满分），"
        f"所评 {found.submissions} 个平台中 {found.below} 个低于其他专家"
    )


def familiarity_words(marks: dict[str, str]) -> str:
    return "，".join(f"{expert} {NAMES[level]}" for expert, level in marks.items()) or NONE


def expert_familiarity(advice: Advice, expert: str) -> str:
    counts = dict.fromkeys(LEVELS, 0)
    for marks in advice.familiarity.values():
        if expert in marks:
            counts[marks[expert]] += 1
    shown = [f"{NAMES[level]} {count}" for level, count in counts.items() if count]
    return "，".join(shown) or "未标注"


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


def advice_tables(advice: Advice) -> list[Table]:
    """The advice as four tables of text: agreement, severity, submissions, the verdict."""
    quality = advice.quality
    agreement = [("全部指标", "α", *figure_words(quality.overall))]
    for code, figure in quality.groups.items():
        name = f"{code} {advice.group_names.get(code, '')}".strip()
        agreement.append((name, "α", *figure_words(figure)))
    agreement.append(("各专家总分的排序", "Kendall W", *figure_words(quality.concordance)))
    severity = [
        (
            found.expert,
            f"{found.points:+}",
            f"{found.percent:+}%",
            NONE if found.interval is None else f"{found.interval[0]:+}% ～ {found.interval[1]:+}%",
            f"{found.below} / {found.submissions}",
            expert_familiarity(advice, found.expert),
            severity_sentence(found),
        )
        for found in sorted(quality.severity, key=lambda s: s.percent)
    ]
    adjusted = quality.adjusted
    official = {sid: place for place, sid in enumerate(advice.ranking, start=1)}
    adjusted_place = (
        {sid: place for place, sid in enumerate(adjusted.ranking, start=1)} if adjusted else {}
    )
    submissions = []
    for sub in quality.submissions:
        sid = sub.submission
        moved = adjusted_place.get(sid) not in (None, official.get(sid))
        submissions.append(
            (
                sid,
                figure_words(sub.alpha)[0],
                figure_words(sub.icc.single)[0],
                figure_words(sub.icc.average)[0],
                str(advice.totals.get(sid, NONE)),
                str(official.get(sid, NONE)),
                str(adjusted.totals[sid]) if adjusted and sid in adjusted.totals else NONE,
                str(adjusted_place.get(sid, NONE)) + (" *" if moved else ""),
                familiarity_words(advice.familiarity.get(sid, {})),
            )
        )
    return [
        Table("一致性", AGREEMENT_HEADER, agreement),
        Table("专家宽严", SEVERITY_HEADER, severity),
        Table("各平台：一致性与按宽严调整后的排名（* 名次会变化）", SUBMISSION_HEADER, submissions),
        Table("结论", ("项目", "内容"), verdict_rows(advice)),
    ]


def verdict_rows(advice: Advice) -> list[tuple[str, str]]:
    """The three answers the chair asks for, in one line each."""
    quality = advice.quality
    value, reading, ratings = figure_words(quality.overall)
    consistency = f"整体 α = {value}（{reading}），依据 {ratings} 个评分"
    harsh = min(quality.severity, key=lambda s: s.percent, default=None)
    lenient = max(quality.severity, key=lambda s: s.percent, default=None)
    moves = quality.adjusted.moves if quality.adjusted else []
    ranking = (
        "；".join(f"{sid} 第 {a} 名 → 第 {b} 名" for sid, a, b in moves)
        if moves
        else "按宽严调整后没有名次变化：正式排名不取决于个别专家的宽严"
    )
    return [
        ("专家组是否一致", consistency),
        ("最严的专家", severity_sentence(harsh) if harsh else NONE),
        ("最宽的专家", severity_sentence(lenient) if lenient else NONE),
        ("名次是否取决于宽严", ranking),
        ("说明", ADVICE_NOTE),
    ]


def advice_text(advice: Advice) -> str:
    """The tables as plain text (the chair window's tab): one line per row, tab-separated."""
    lines = [TITLE, ADVICE_NOTE, ""]
    for table in advice_tables(advice):
        lines.append(f"【{table.title}】")
        lines.append("\t".join(table.header))
        lines.extend("\t".join(row) for row in table.rows)
        lines.append("")
    return "\n".join(lines)
