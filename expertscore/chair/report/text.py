"""The words of the panel report: flags, policies, robustness notes, gaps and audit entries.

The core writes its gap notes in English for logs (``3 indicators unscored (1.1, 2.2)``)
and keeps their facts; the printed report is Chinese, worded by ``expertscore.wording``.
Leave-one-out findings are objects (``fragility.Fragility``), worded as the workbook words them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from expertscore.chair.fragility import Fragility, chinese_text
from expertscore.chair.override_causes import NO_CAUSE_ZH, OverrideCause
from expertscore.chair.panel import Gap
from expertscore.schemes.model import Aggregation, Rounding
from expertscore.schemes.policies import policy_of
from expertscore.schemes.rules import fmt
from expertscore.vocabulary import Flag, MergeOutcome
from expertscore.wording import ZH
from expertscore.wording.labels import flag_meaning, labels
from expertscore.wording.phrases import phrase_text

# The report is Chinese: the one label of each (``expertscore.wording.labels``).
FLAG_NAMES = labels(Flag, ZH)
FLAG_MEANINGS = {flag.value: flag_meaning(flag, ZH) for flag in Flag}
ROUNDING_NAMES = labels(Rounding, ZH)
OUTCOME_NAMES = labels(MergeOutcome, ZH)
NO_GRADE = "未达等级"


def policy_lines(policy: Aggregation) -> list[str]:
    """How the panel score is made, in the words a panel member would use."""
    method = policy_of(policy).describe(ZH)
    rounding = ROUNDING_NAMES.get(policy.rounding.value, policy.rounding.value)
    return [
        f"汇总方法：{method}。",
        f"取舍：各指标的专家组得分保留 {policy.decimals} 位小数（{rounding}），"
        "小计与总分为各指标得分之和。",
        f"分歧标记：某指标专家评分的极差超过该指标满分的 {fmt(policy.spread_threshold)}%。",
        f"说明要求：专家总分偏离全体评分专家平均总分超过 {fmt(policy.deviation_limit)}% "
        "时，该专家需作出书面说明。",
        f"最少评分人数：每项指标至少 {policy.min_experts} 位专家评分。",
    ]


def expert_label(expert: str, names: Mapping[str, str]) -> str:
    name = names.get(expert)
    return f"{name}（{expert}）" if name else expert


def fragile_text(
    found: Fragility, names: Mapping[str, str], grade_name: Callable[[str | None], str]
) -> str:
    """去掉程明（E02）的评分：等级 一级→未达等级，名次 3→4."""
    return chinese_text(found, lambda expert: expert_label(expert, names), grade_name)


def gap_text(gap: Gap) -> str:
    return phrase_text(gap.said, gap.facts, gap.detail, ZH)


def deviation_percent(total: Decimal, mean: Decimal) -> Decimal | None:
    """How far an expert's total is from the panel mean, signed, in percent of the mean."""
    if mean == 0:
        return None
    return (total - mean) * 100 / mean


def signed_percent(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = fmt(value.quantize(Decimal("0.01")))
    return f"+{text}%" if value > 0 else f"{text}%"


def audit_time(entry: Mapping[str, object]) -> str:
    return str(entry.get("at", "")).replace("T", " ")


def audit_action(entry: Mapping[str, object]) -> str:
    action = str(entry.get("action", ""))
    if action == "merge":
        outcome = str(entry.get("outcome", ""))
        return f"合并结果文件：{OUTCOME_NAMES.get(outcome, outcome)}"
    return {
        "confirm-key": "确认专家密钥",
        "override": "记录议定分",
        "override-cleared": "撤销议定分",
        "round-2": "要求第二轮评分",
        "transcription-allowed": "允许组长录入结果替代专家本人结果",
    }.get(action, action)


def audit_detail(entry: Mapping[str, object], platforms: Mapping[str, str]) -> str:
    """What the entry did, without the digest (printed in its own column)."""
    action = entry.get("action")
    where = ""
    if entry.get("submission"):
        sid = str(entry["submission"])
        where = f"{platforms.get(sid, sid)}（{sid}）指标 {entry.get('indicator', '')}"
    if action == "merge":
        parts = [str(entry.get("file", ""))]
        if entry.get("sequence") is not None:
            parts.append(f"第 {entry['sequence']} 版")
        reason = str(entry.get("reason", ""))
        parts.append("新文件" if reason == "new" else reason)
        return "；".join(part for part in parts if part)
    if action == "confirm-key":
        return f"核对纸质评分表后确认密钥 {entry.get('fingerprint', '')}"
    if action == "override":
        cause = entry.get("cause")
        named = OverrideCause(str(cause)).zh if cause in set(OverrideCause) else NO_CAUSE_ZH
        return (
            f"{where}：议定分 {entry.get('points', '')}；修正原因：{named}；"
            f"理由：{entry.get('reason', '')}"
        )
    if action == "override-cleared":
        return f"{where}；理由：{entry.get('reason', '')}"
    if action == "round-2":
        listed = entry.get("experts")
        experts = "、".join(str(e) for e in (listed if isinstance(listed, list) else []))
        return f"{where}：{experts}；理由：{entry.get('reason', '')}"
    return "；".join(f"{k}={v}" for k, v in sorted(entry.items()) if k not in ("at", "action"))
