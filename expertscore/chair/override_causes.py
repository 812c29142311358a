"""Why the panel may change a summed result: the four causes of 87号令 art. 64.

《政府采购货物和服务招标投标管理办法》（财政部令第87号）第六十四条 lets the evaluation
committee correct its results only for these causes; every agreed panel score names one,
and the report lists each correction with its cause under 结果修正.
"""

from __future__ import annotations

from enum import StrEnum


class OverrideCause(StrEnum):
    SUMMING_ERROR = "summing-error"
    OUT_OF_RANGE = "out-of-range"
    OBJECTIVE_INCONSISTENT = "objective-inconsistent"
    EXTREME_SCORE = "extreme-score"

    @property
    def zh(self) -> str:
        return _ZH[self]

    @property
    def en(self) -> str:
        return _EN[self]


_ZH = {
    OverrideCause.SUMMING_ERROR: "分值汇总计算错误",
    OverrideCause.OUT_OF_RANGE: "分项评分超出评分标准规定的分值范围",
    OverrideCause.OBJECTIVE_INCONSISTENT: "评审专家对客观评审因素评分不一致",
    OverrideCause.EXTREME_SCORE: "经专家组认定评分畸高、畸低",
}
_EN = {
    OverrideCause.SUMMING_ERROR: "summing error",
    OverrideCause.OUT_OF_RANGE: "score outside the allowed range",
    OverrideCause.OBJECTIVE_INCONSISTENT: "inconsistent scores of an objective item",
    OverrideCause.EXTREME_SCORE: "score judged abnormally high or low",
}
# Lines recorded before causes existed have none; they are shown as this.
NO_CAUSE_ZH = "未注明（早期记录）"


def cause_zh(cause: OverrideCause | None) -> str:
    return NO_CAUSE_ZH if cause is None else cause.zh
