"""Short Chinese answers for ``text`` leaves.

A text leaf gets a template whose keyword appears in its name, filled with the
submission's own platform, industry and invented customers; a leaf no keyword fits gets a
generic sentence naming the indicator.
"""

from __future__ import annotations

import random

from expertscore.demo.names import Namer
from expertscore.schemes.model import Indicator

# keyword in the leaf's name -> templates; the first keyword that fits wins
TEMPLATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "信用等级",
        (
            "{rating}级（第三方信用评级机构评定，有效期至{next}年）",
            "纳税信用A级，企业信用等级{rating}",
        ),
    ),
    (
        "定级",
        ("已完成工业互联网企业网络安全分类分级自主定级，定为{level}级，并报属地主管部门备案。",),
    ),
    (
        "边缘",
        (
            "部署自研边缘网关{k}类，支持Modbus、OPC UA、Profinet等协议解析和边缘实时计算，"
            "已在{n}个工厂现场落地。",
        ),
    ),
    (
        "PaaS",
        (
            "基于容器和微服务架构构建通用PaaS层，提供资源调度、服务治理和DevOps流水线，"
            "支撑{n}个行业应用快速部署。",
        ),
    ),
    (
        "大数据",
        ("建成工业数据湖，统一存储治理时序、关系和文件等多源数据，日均处理数据约{m}万条。",),
    ),
    ("数据处理", ("提供数据清洗、标注和特征工程工具链，流式处理端到端延迟低于{k}00毫秒。",)),
    ("模型能力", ("沉淀{industry}领域机理模型和数据模型，提供低代码建模工具，模型复用率约{p}%。",)),
    (
        "APP能力",
        (
            "提供工业APP开发、测试、发布和订阅全流程支撑，"
            "上架应用覆盖研发设计、生产管控和运维服务等场景。",
        ),
    ),
    ("调用", ("通过标准化API网关与{k}个外部平台实现数据互通和服务调用，日均调用量约{m}万次。",)),
    (
        "安全",
        (
            "建立等保三级安全防护体系，部署态势感知、入侵检测和数据加密措施，"
            "平台年可用率达到99.9{d}%。",
        ),
    ),
    ("机制", ("建立多活容灾和分级告警机制，核心服务故障恢复时间小于{k}0分钟。",)),
    (
        "杀手锏",
        ("自研“{brand}设备管家”APP，年订阅用户{m}户，在{industry}行业市场占有率位居前列。",),
    ),
    (
        "中小企业",
        (
            "面向{city}中小企业推出轻量化SaaS应用包，累计服务中小企业{m}家，"
            "平均上线周期缩短至{k}周。",
        ),
    ),
    ("园区", ("赋能{city}{park}等{k}个园区数字化转型，园区企业上云率提升至{p}%。",)),
    (
        "案例",
        (
            "为{customer}实施{scenario}项目，{effect}。",
            "在{customer}落地{scenario}应用，{effect}。",
        ),
    ),
    ("场景", ("在{industry}行业形成设备远程运维、质量追溯和能耗管理等典型场景{n}个。",)),
    (
        "创新",
        (
            "突破多源异构设备接入和工业知识图谱等关键技术，新增发明专利{k}项，"
            "相关成果获省部级科技奖励。",
        ),
    ),
    (
        "解决方案",
        (
            "形成面向{industry}行业的智能工厂、设备运维和供应链协同等{k}套解决方案，"
            "已在{n}家企业复制推广。",
        ),
    ),
    ("行业和领域", ("覆盖{industry}等{k}个行业及研发设计、生产制造、运维服务等多个领域。",)),
    ("国际", ("在东南亚和中东设立服务节点，服务海外客户{n}家，海外业务收入占比{k}%。",)),
    ("出海", ("随{industry}龙头企业出海，在{k}个国家部署平台服务节点，服务海外工厂{n}家。",)),
    ("稳增长", ("帮助服务企业平均降低生产成本{k}%，带动产业链上下游新增产值约{n}亿元。",)),
    ("双碳", ("为{n}家高耗能企业提供能耗监测和碳排放核算服务，年减少碳排放约{k}万吨。",)),
    (
        "运行分析",
        (
            "基于平台汇聚的设备开工率、用电量等数据，按月形成{industry}行业运行分析报告，"
            "报送主管部门参考。",
        ),
    ),
    (
        "数字化赋能",
        (
            "承担{city}中小企业数字化转型试点服务任务，完成企业诊断{n}家，"
            "推动{k}0余家企业改造升级。",
        ),
    ),
    (
        "可持续",
        (
            "平台业务收入连续三年保持{k}%以上增长，"
            "已形成订阅服务、项目实施和数据服务相结合的盈利模式。",
        ),
    ),
    ("盈利", ("平台业务连续{k}年盈利，毛利率约{p}%。",)),
    (
        "资源调配",
        ("集团设立平台专项事业部，近三年累计投入研发资金{m}万元，组建{n}人专职团队。",),
    ),
    ("生态", ("联合{n}家合作伙伴组建开发者生态，举办开发者大赛，累计注册开发者{m}人。",)),
    ("融资", ("{round}，{year}年完成，融资额{m}万元。",)),
    ("荣誉", ("入选{year}年省级重点工业互联网平台，获评工业互联网平台创新领航应用案例。",)),
    (
        "专精特新",
        ("国家级专精特新“小巨人”企业（{year}年认定）", "省级专精特新中小企业（{year}年认定）"),
    ),
)

GENERIC = "围绕“{name}”，平台已形成相应能力，并在{customer}等企业应用，详见证明材料。"

RATINGS = ("AAA", "AAA", "AA+", "AA", "A")
ROUNDS = ("A轮融资", "B轮融资", "C轮融资", "战略融资", "Pre-A轮融资")
PARKS = ("高新技术产业开发区", "经济技术开发区", "装备制造产业园", "化工园区")
SCENARIO_EFFECTS = (
    ("设备预测性维护", "非计划停机时间下降{p}%"),
    ("能耗管理", "单位产品综合能耗下降{k}%"),
    ("AI视觉质量检测", "质检成本降低{p}%"),
    ("高级计划排产", "订单准时交付率提升{k}个百分点"),
    ("供应链协同", "采购周期缩短{p}%"),
)


class TextWriter:
    """Writes the ``text`` answers of one submission."""

    def __init__(self, rng: random.Random, namer: Namer, context: dict[str, str]) -> None:
        self.rng = rng
        self.namer = namer
        self.context = context  # platform, brand, city, industry

    def _fill(self, template: str, **extra: str) -> str:
        rng = self.rng
        year = rng.choice((2022, 2023, 2024))
        scenario, effect = rng.choice(SCENARIO_EFFECTS)
        values = {
            **self.context,
            "customer": self.namer.customer(self.context["industry"]),
            "scenario": scenario,
            "rating": rng.choice(RATINGS),
            "level": rng.choice(("二", "三", "三")),
            "round": rng.choice(ROUNDS),
            "park": rng.choice(PARKS),
            "year": str(year),
            "next": str(year + 3),
            "k": str(rng.randint(3, 12)),
            "n": str(rng.randint(12, 260)),
            "m": str(rng.randint(80, 9000)),
            "p": str(rng.randint(12, 45)),
            "d": str(rng.randint(1, 9)),
            **extra,
        }
        values["effect"] = effect.format(**values)
        return template.format(**values)

    def value(self, leaf: Indicator) -> str:
        """The answer to a ``text`` leaf."""
        for word, templates in TEMPLATES:
            if word in leaf.name:
                return self._fill(self.rng.choice(templates))
        return self._fill(GENERIC, name=leaf.name)
