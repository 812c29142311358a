"""The one Chinese and English label of each named state and kind: flags, merge outcomes,
progress states, edit kinds, aggregation methods, trim scopes and rounding rules.

The window, the workbook, the report and the command line all take their labels here, so
a flag reads 分歧大 wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from expertscore.schemes.model import AggregationMethod, Rounding, TrimScope
from expertscore.vocabulary import EditKind, Flag, MergeOutcome, Progress
from expertscore.wording import ZH, Text, current

LABELS: dict[type[StrEnum], dict[str, Text]] = {
    Flag: {
        Flag.SPREAD: Text("far apart", "分歧大"),
        Flag.REVERIFY: Text("re-verify", "需复核"),
        Flag.TOO_FEW: Text("too few experts", "评分专家不足"),
        Flag.NO_SCORES: Text("no scores", "无人评分"),
    },
    MergeOutcome: {
        MergeOutcome.ACCEPTED: Text("Accepted", "接收"),
        MergeOutcome.REPLACED: Text("Replaced", "替换"),
        MergeOutcome.UNCHANGED: Text("Unchanged", "未变"),
        MergeOutcome.REFUSED: Text("Refused", "拒收"),
    },
    Progress: {
        Progress.NOT_STARTED: Text("Not started", "未开始"),
        Progress.IN_PROGRESS: Text("In progress", "进行中"),
        Progress.COMPLETE: Text("Complete", "已完成"),
        Progress.RECUSED: Text("Recused", "已回避"),
    },
    EditKind: {
        EditKind.SCORE: Text("Score", "评分"),
        EditKind.COMMENT: Text("Comment", "评语"),
        EditKind.VERIFIED_VALUE: Text("Verified value", "核实值"),
        EditKind.PINS: Text("Pinned evidence", "关联佐证"),
        EditKind.NOTE: Text("Submission note", "总体意见"),
        EditKind.FAMILIARITY: Text("Familiarity", "熟悉程度"),
        EditKind.RECUSE: Text("Recusal", "回避"),
        EditKind.TRANSCRIBE: Text("Paper form typed in", "纸质评分表录入"),
        EditKind.SUBMIT: Text("Result submitted", "提交评分结果"),
        EditKind.UNLOCK: Text("Unlocked", "解除锁定"),
        EditKind.ROUND_REQUEST: Text("Another round requested", "收到再次评分请求"),
    },
    AggregationMethod: {
        AggregationMethod.MEAN: Text("mean", "算术平均"),
        AggregationMethod.MEDIAN: Text("median", "中位数"),
        AggregationMethod.TRIMMED_MEAN: Text(
            "mean without the highest and the lowest score", "去掉一个最高分和一个最低分后取平均"
        ),
        AggregationMethod.FAMILIARITY_WEIGHTED: Text(
            "mean weighted by the experts' familiarity", "按专家熟悉程度加权平均"
        ),
        AggregationMethod.WINSORISED_MEAN: Text(
            "mean with the highest and the lowest score replaced by their neighbours",
            "最高分和最低分以相邻分数替代后取平均（缩尾平均）",
        ),
    },
    TrimScope: {
        TrimScope.INDICATOR: Text(
            "trimmed per indicator (each indicator's highest and lowest score left out)",
            "按指标去极值（每项指标分别去掉最高分和最低分）",
        ),
        TrimScope.EXPERT_TOTAL: Text(
            "trimmed by expert totals (the experts with the highest and the lowest total left"
            " out, the others averaged per indicator)",
            "按专家总分去极值（去掉总分最高和最低的专家，其余专家各项取平均）",
        ),
    },
    Rounding: {
        Rounding.HALF_UP: Text("round half up", "四舍五入"),
        Rounding.HALF_EVEN: Text("round half to even", "四舍六入五成双"),
        Rounding.DOWN: Text("round down", "直接舍去"),
    },
}

# What a flag means, for a tooltip and the report's legend.
FLAG_MEANINGS: dict[str, Text] = {
    Flag.SPREAD: Text(
        "The highest and lowest scores are further apart than the threshold.",
        "专家评分极差超过该指标满分的规定比例",
    ),
    Flag.REVERIFY: Text(
        "An objective indicator was scored or verified differently by the experts.",
        "客观指标的专家评分或核实值不一致，需复核数据",
    ),
    Flag.TOO_FEW: Text(
        "Fewer experts scored it than the aggregation policy needs.", "评分专家人数少于规定人数"
    ),
    Flag.NO_SCORES: Text("Nobody scored this indicator.", "没有专家为该指标评分"),
}


def label(kind: type[StrEnum], value: str, language: str | None = None) -> str:
    """The label of ``value`` (a member of ``kind`` or its string); unknown: the value."""
    text = LABELS[kind].get(value)
    return text.in_language(language) if text is not None else value


def labels(kind: type[StrEnum], language: str | None = None) -> dict[str, str]:
    """Every member's value and label, in the enum's order."""
    return {member.value: label(kind, member, language) for member in kind}


def flag_text(flags: Iterable[str], language: str | None = None) -> str:
    """分歧大、需复核 (far apart, re-verify): the flags' labels as a list."""
    joiner = "、" if (language or current()) == ZH else ", "
    return joiner.join(label(Flag, flag, language) for flag in flags)


def chinese_flag_text(flags: Iterable[str]) -> str:
    """The flags as the workbook and the printed report (both Chinese) list them."""
    return flag_text(flags, ZH)


def flag_meaning(flag: str, language: str | None = None) -> str:
    text = FLAG_MEANINGS.get(flag)
    return text.in_language(language) if text is not None else flag
