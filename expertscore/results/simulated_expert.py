"""How a simulated expert scores: plausible numbers with the disagreement real panels show.

The model, all drawn from one seeded generator so a seed always gives the same panel:

* each submission has a latent quality (0..1), and each (submission, indicator) a shared
  offset: a platform is strong at some things and weak at others, for every expert alike;
* each expert has a bias (lenient or strict) and a noise level;
* objective indicators (verifiable facts, fixed conditions, bands from reported values)
  mostly agree: no bias, little noise, and the band suggestion is usually accepted;
* rarely an expert is far off on one item, and once per panel one expert misjudges a whole
  submission, so the chair's deviation rule has something to find;
* comments are Chinese and come more often with low or unusual scores.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from expertscore.schemes.model import Indicator, Nature, Scheme
from expertscore.schemes.modes import Judgement, mode_for

HIGH_COMMENTS = (
    "材料完整，数据与证明文件一致。",
    "该项能力突出，案例具有示范意义。",
    "平台在该方面建设成效明显。",
    "证明材料充分，指标达到较高水平。",
)
MIDDLE_COMMENTS = (
    "基本满足要求，部分数据需进一步核实。",
    "有一定基础，建议加强应用推广。",
    "材料较完整，但缺少量化成效说明。",
)
LOW_COMMENTS = (
    "证明材料不足，建议补充第三方审计报告。",
    "申报数据与附件不一致，按附件核定。",
    "该项能力较弱，未见实际应用案例。",
    "仅提供截图，无法核实真实性。",
)
VERIFIED_COMMENTS = (
    "已按审计报告核实数值。",
    "核实后数值与申报略有出入，按核实值评分。",
)
SUBMISSION_COMMENTS = {
    "high": (
        "平台整体能力较强，技术路线清晰，应用成效显著，建议重点培育。",
        "平台建设基础扎实，服务企业数量多，具有较强示范带动作用。",
    ),
    "middle": (
        "平台具备一定能力，部分指标材料不足，建议补充后复核。",
        "平台发展势头良好，但数据采集和安全能力有待加强。",
    ),
    "low": (
        "平台尚处建设初期，核心能力和应用成效均不足。",
        "申报材料不完整，多项指标无法核实，建议暂缓。",
    ),
}
RECUSAL_REASONS = (
    "本人近两年曾为该申报单位提供技术咨询服务",
    "本人所在单位与申报单位存在合作项目",
    "本人亲属在申报单位任职",
)


@dataclass(frozen=True)
class ExpertProfile:
    bias: float  # added to every subjective judgement: lenient > 0 > strict
    noise: float  # standard deviation of the expert's own judgement
    talkative: float  # how readily the expert writes comments


def make_profile(rng: random.Random) -> ExpertProfile:
    return ExpertProfile(
        bias=rng.gauss(0, 0.05), noise=rng.uniform(0.03, 0.09), talkative=rng.uniform(0.6, 1.4)
    )


@dataclass
class SharedTruth:
    """What every expert sees alike: submission qualities and per-indicator offsets."""

    seed: int
    quality: dict[str, float]

    def offset(self, submission_id: str, code: str) -> float:
        return random.Random(f"{self.seed}/offset/{submission_id}/{code}").gauss(0, 0.08)

    def level(self, submission_id: str) -> str:
        quality = self.quality[submission_id]
        return "high" if quality >= 0.7 else "middle" if quality >= 0.5 else "low"


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def judge(
    scheme: Scheme,
    leaf: Indicator,
    fraction: float,
    reported: str | None,
    rng: random.Random,
) -> Judgement:
    """The entry an expert who judges ``fraction`` of the maximum makes for ``leaf``."""
    return mode_for(scheme, leaf).simulate(fraction, reported, rng)


def fraction_for(
    truth: SharedTruth,
    profile: ExpertProfile,
    leaf: Indicator,
    submission_id: str,
    rng: random.Random,
    far_off: float,
) -> float:
    """What this expert judges, as a share of the maximum."""
    base = truth.quality[submission_id] + truth.offset(submission_id, leaf.code)
    if leaf.nature == Nature.OBJECTIVE:
        return clamp(base + rng.gauss(0, 0.02) + far_off / 2)
    judged = base + profile.bias + rng.gauss(0, profile.noise) + far_off
    if rng.random() < 0.02:  # an occasional misreading of one item
        judged += 0.35 if base < 0.5 else -0.35
    return clamp(judged)


def comment_for(judgement: Judgement, profile: ExpertProfile, rng: random.Random) -> str:
    if judgement.verified_value is not None and rng.random() < 0.4:
        return rng.choice(VERIFIED_COMMENTS)
    share = judgement.fraction
    chance = (0.35 if share < 0.45 else 0.08 if share < 0.8 else 0.12) * profile.talkative
    if rng.random() >= chance:
        return ""
    pool = LOW_COMMENTS if share < 0.45 else MIDDLE_COMMENTS if share < 0.8 else HIGH_COMMENTS
    return rng.choice(pool)
