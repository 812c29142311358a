"""The cases (典型案例) a submission reports, with the numbers a case study shows."""

from __future__ import annotations

import random
from dataclasses import dataclass

from expertscore.demo.names import Namer
from expertscore.schemes.model import Indicator


@dataclass(frozen=True)
class Scenario:
    name: str
    effect: str  # sentence with {n}, {p}, {m}
    metric: str  # the key figure that improved, with its unit
    start: tuple[float, float]  # range of the figure before the project
    higher_is_better: bool
    words: tuple[str, ...]  # words of leaf names this kind of case supports


SCENARIOS = (
    Scenario(
        "设备预测性维护",
        "接入{n}台关键设备的振动和温度数据，非计划停机时间下降{p}%，年节约维修费用约{m}万元",
        "设备综合效率OEE（%）",
        (58, 72),
        True,
        ("设备", "运维"),
    ),
    Scenario(
        "能耗管理与碳排放核算",
        "实现水电气实时计量和能效分析，单位产品综合能耗下降{p}%，年节约能源费用约{m}万元",
        "单位产品综合能耗（千克标准煤/吨）",
        (120, 400),
        False,
        ("双碳", "能耗", "节能"),
    ),
    Scenario(
        "AI视觉质量检测",
        "在{n}个检测工位部署视觉检测系统，缺陷漏检率显著下降，质检成本降低{p}%",
        "产品一次合格率（%）",
        (90, 95),
        True,
        ("质量", "模型", "APP"),
    ),
    Scenario(
        "高级计划排产",
        "打通ERP与MES数据，订单准时交付率提升{p}个百分点，在制品库存减少约{m}万元",
        "订单准时交付率（%）",
        (72, 86),
        True,
        ("解决方案", "APP"),
    ),
    Scenario(
        "供应链协同",
        "连接上下游供应商{n}家，采购周期缩短{p}%，库存周转效率明显提升",
        "库存周转天数（天）",
        (30, 60),
        False,
        ("供应链", "企业", "服务"),
    ),
    Scenario(
        "数字孪生产线",
        "构建产线三维孪生模型，换型调试时间缩短{p}%，新品导入周期缩短约{n}天",
        "产线换型时间（小时）",
        (6, 16),
        False,
        ("模型", "数字孪生", "创新"),
    ),
    Scenario(
        "安全生产监测预警",
        "接入{n}个危险源监测点，实现风险分级预警，年均减少安全事故隐患约{p}%",
        "隐患整改闭环率（%）",
        (70, 85),
        True,
        ("安全",),
    ),
)

CASE_WORDS = ("案例", "场景", "解决方案", "成效", "赋能", "中小企业", "服务")


@dataclass(frozen=True)
class DemoCase:
    title: str
    text: str
    indicators: list[str]
    customer: str
    scenario: Scenario
    effect: str  # what the project achieved, one sentence
    metrics: list[tuple[str, str, str]]  # label, before, after


def code_key(code: str) -> tuple:
    """Sort key of indicator codes: 1.2 before 1.10, letters after digits."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in code.split("."))


def _linked(rng: random.Random, scenario: Scenario, leaves: list[Indicator]) -> list[str]:
    """One or two applicable leaves the case supports, case leaves (…案例) first."""

    def rank(leaf: Indicator) -> int:
        text = leaf.reported is not None and leaf.reported.unit == "text"
        if "案例" in leaf.name:
            return 0
        if any(word in leaf.name for word in scenario.words):
            return 1 if text else 2
        if any(word in leaf.name for word in CASE_WORDS):
            return 3 if text else 4
        return 5 if text else 6

    pool = sorted(leaves, key=rank)[:3]
    chosen = rng.sample(pool, min(len(pool), rng.randint(1, 2)))
    return sorted({leaf.code for leaf in chosen}, key=code_key)


def make_cases(
    rng: random.Random, namer: Namer, context: dict[str, str], leaves: list[Indicator], count: int
) -> list[DemoCase]:
    """``count`` cases on different scenarios for one submission."""
    cases = []
    for scenario in rng.sample(SCENARIOS, count):
        customer = namer.customer(context["industry"])
        numbers = {
            "n": str(rng.randint(20, 400)),
            "p": str(rng.randint(12, 40)),
            "m": str(rng.randint(60, 1500)),
        }
        effect = scenario.effect.format(**numbers)
        text = (
            f"{customer}是{context['industry']}行业骨干企业。{context['platform']}为其实施"
            f"{scenario.name}项目，{effect}。"
        )
        before = rng.uniform(*scenario.start)
        if scenario.higher_is_better:
            after = min(99.5, before + (100 - before) * rng.uniform(0.25, 0.6))
        else:
            after = before * rng.uniform(0.6, 0.9)
        metrics = [
            (scenario.metric, f"{before:.1f}", f"{after:.1f}"),
            ("项目周期（月）", "—", str(rng.randint(3, 14))),
            ("投资回收期（年）", "—", f"{rng.uniform(0.8, 3.5):.1f}"),
        ]
        cases.append(
            DemoCase(
                title=f"{customer}{scenario.name}项目",
                text=text,
                indicators=_linked(rng, scenario, leaves),
                customer=customer,
                scenario=scenario,
                effect=effect,
                metrics=metrics,
            )
        )
    return cases
