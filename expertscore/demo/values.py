"""Reported numbers and yes/no answers with believable spreads.

Each submission has a size factor (log-normal around 1, larger for bigger categories), so
one platform's values move together: a platform with many connected devices also has many
users and apps. A value is ``median × size^elasticity × noise`` with log-normal noise;
parts of a whole (platform revenue within company revenue, province-wide customers within
all customers) are drawn as shares of the whole so they never exceed it. Percentages are
drawn from a plausible range. Which rule applies is decided by words in the leaf's name;
any other leaf gets its unit's default.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from expertscore.schemes.model import Indicator


@dataclass(frozen=True)
class Rule:
    key: str
    unit: str
    words: tuple[str, ...] = ()  # all must appear in the leaf's name; () matches any
    median: float = 0.0  # for a platform of size 1
    sigma: float = 0.5  # spread of the log-normal noise
    elasticity: float = 1.0  # how strongly the value follows the platform's size
    share_of: str | None = None  # the key of the whole this value is a part of
    low: float = 0.0  # share range, or the range of a percentage
    high: float = 0.0
    decimals: int = 0


def _abs(key, unit, words, median, sigma=0.5, elasticity=1.0, decimals=0) -> Rule:
    return Rule(key, unit, words, median, sigma, elasticity, decimals=decimals)


def _share(key, unit, words, whole, low, high, decimals=0) -> Rule:
    return Rule(key, unit, words, share_of=whole, low=low, high=high, decimals=decimals)


def _pct(key, words, low, high) -> Rule:
    return Rule(key, "%", words, low=low, high=high, decimals=2)


# Order matters: the first rule whose unit and words match a leaf is used.
RULES = (
    # 万元
    _abs("revenue", "万元", ("企业", "营收"), 45000, 0.55, decimals=2),
    _share("main_revenue", "万元", ("主营业务收入",), "revenue", 0.6, 0.95, 2),
    _share("platform_revenue", "万元", ("平台", "营收"), "revenue", 0.08, 0.35, 2),
    _share("profit", "万元", ("企业", "利润"), "revenue", 0.02, 0.12, 2),
    _share("platform_profit", "万元", ("平台", "利润"), "platform_revenue", -0.03, 0.22, 2),
    _share("own_profit", "万元", ("盈利",), "platform_revenue", 0.03, 0.2, 2),
    _abs("investment", "万元", ("投入",), 3500, 0.6, 0.8, 2),
    _abs("trade", "万元", ("交易额",), 60000, 0.8, 1.2, 2),
    _abs("money", "万元", (), 2000, 0.6, decimals=2),
    # 人
    _abs("researchers", "人", ("研发人员",), 180, 0.5, 0.8),
    _abs("developers", "人", ("开发者",), 4000, 0.7, 1.2),
    _abs("service_team", "人", ("服务团队",), 90, 0.45, 0.7),
    _abs("talents", "人", ("人才",), 70, 0.45, 0.7),
    _abs("people", "人", (), 100, 0.5, 0.8),
    # %
    _pct("debt_ratio", ("负债率",), 28, 68),
    _pct("rd_ratio", ("研发投入",), 3.5, 16),
    _pct("talent_ratio", ("占比",), 12, 45),
    _pct("income_mix", ("盈利模式",), 15, 70),
    _pct("percent", (), 10, 80),
    # 件
    _abs("copyrights", "件", ("企业", "软件著作权"), 90, 0.5, 0.7),
    _share("platform_copyrights", "件", ("平台", "软件著作权"), "copyrights", 0.2, 0.6),
    _abs("patents", "件", ("企业", "发明专利"), 25, 0.6, 0.7),
    _share("platform_patents", "件", ("平台", "发明专利"), "patents", 0.15, 0.5),
    _abs("large_models", "件", ("大模型",), 3, 0.6, 0.6),
    _abs("ip", "件", ("专利",), 110, 0.5, 0.7),
    _abs("knowledge", "件", (), 45, 0.5, 0.7),
    # 台/套
    _abs("devices", "台/套", (), 25000, 0.9, 1.3),
    # 个
    _abs("protocols", "个", ("协议",), 120, 0.45, 0.5),
    _abs("software", "个", ("工业软件",), 45, 0.5, 0.7),
    _abs("own_models", "个", ("自研", "模型"), 80, 0.55, 0.9),
    _abs("own_apps", "个", ("自研", "APP"), 90, 0.55, 0.9),
    _abs("apps", "个", ("APP",), 450, 0.6, 1.1),
    _abs("algorithms", "个", ("算法模型",), 160, 0.55, 0.9),
    _abs("mechanism_models", "个", ("机理模型",), 220, 0.55, 0.9),
    _abs("microservices", "个", ("微服务",), 380, 0.5, 0.9),
    _abs("models", "个", ("模型",), 900, 0.6, 1.0),
    _abs("solutions", "个", ("解决方案",), 35, 0.5, 0.8),
    _abs("data_points", "个", ("采集点",), 600000, 1.0, 1.3),
    _abs("parks", "个", ("园区",), 9, 0.5, 0.6),
    _abs("industries", "个", ("行业",), 8, 0.4, 0.5),
    _abs("partners", "个", ("门店",), 1800, 0.7, 1.1),
    _abs("items", "个", (), 50, 0.5, 0.8),
    # TB
    _abs("data", "TB", ("积累",), 400, 0.8, 1.2, 1),
    _share("data_out", "TB", ("输出",), "data", 0.1, 0.45, 1),
    _abs("data_total", "TB", (), 400, 0.8, 1.2, 1),
    # 家
    _share("customers_local", "家", ("省内",), "customers", 0.55, 0.9),
    _share("customers_parks", "家", ("园区",), "customers", 0.08, 0.3),
    _share("customers_sme", "家", ("中小企业",), "customers", 0.6, 0.9),
    _abs("customers", "家", ("服务", "企业"), 1200, 0.7, 1.2),
    _abs("companies", "家", (), 300, 0.6, 1.0),
    # 户
    _abs("users", "户", ("注册用户",), 30000, 0.8, 1.2),
    _share("monthly_active", "户", ("月活",), "users", 0.15, 0.4),
    _share("daily_active", "户", ("日活",), "users", 0.04, 0.12),
    _abs("subscribers", "户", ("订阅",), 2200, 0.7, 1.1),
    _abs("households", "户", (), 5000, 0.7, 1.1),
    # 次, 项, 核
    _abs("subscriptions", "次", (), 80000, 0.8, 1.2),
    _abs("diagnoses", "项", ("诊断",), 75, 0.5, 0.8),
    _abs("key_works", "项", ("重点工作",), 4, 0.5, 0.6),
    _abs("standards", "项", (), 6, 0.6, 0.8),
    _abs("cores", "核", (), 3000, 0.7, 1.1),
)

RULES_BY_KEY = {rule.key: rule for rule in RULES}


def rule_for(leaf: Indicator) -> Rule | None:
    unit = leaf.reported.unit if leaf.reported else None
    return next(
        (r for r in RULES if r.unit == unit and all(word in leaf.name for word in r.words)),
        None,
    )


def format_number(value: float, decimals: int) -> str:
    if decimals == 0:
        return str(max(0, round(value)))
    text = f"{value:.{decimals}f}"
    return "0.00" if text in ("-0.00", "-0.0") else text


class ValueDrawer:
    """Draws the reported numbers of one submission; ``size`` ties them together."""

    def __init__(self, rng: random.Random, size: float) -> None:
        self.rng = rng
        self.size = size
        self._drawn: dict[str, float] = {}

    def _amount(self, rule: Rule) -> float:
        if rule.key in self._drawn:
            return self._drawn[rule.key]
        if rule.unit == "%":
            amount = self.rng.uniform(rule.low, rule.high)
        elif rule.share_of is not None:
            whole = self._amount(RULES_BY_KEY[rule.share_of])
            amount = whole * self.rng.uniform(rule.low, rule.high)
        else:
            noise = self.rng.lognormvariate(0.0, rule.sigma)
            amount = rule.median * self.size**rule.elasticity * noise
        self._drawn[rule.key] = amount
        return amount

    def number(self, leaf: Indicator) -> str:
        rule = rule_for(leaf)
        if rule is None:  # a unit without rules cannot happen with UNITS; be safe
            return format_number(self.rng.lognormvariate(3.0, 0.5), 0)
        return format_number(self._amount(rule), rule.decimals)

    def yes_no(self) -> str:
        chance = min(0.95, max(0.2, 0.6 + 0.2 * math.log(self.size)))
        return "yes" if self.rng.random() < chance else "no"
