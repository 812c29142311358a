"""The national 2023 双跨 scheme encodes its guide exactly.

Ground truth: /work/shared/seeds/002_0e91e89661f763d1.txt (2023年跨行业跨领域工业互联网平台
申报能力要求). The guide publishes the structure (5 dimensions, 21 indicators) and the text
of every indicator; it publishes no weights, so every weight is organizer-set.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.schemes import Scheme, load_scheme, max_points
from expertscore.schemes.model import (
    AggregationMethod,
    DataSource,
    Nature,
    PointsScoring,
    Rounding,
    TrimScope,
)

REPO = Path(__file__).resolve().parents[2]
SCHEME_FILE = REPO / "schemes" / "national-crossindustry-2023.yaml"

DIMENSIONS = [
    ("1", "平台资源管理水平", "25"),
    ("2", "平台核心技术水平", "20"),
    ("3", "平台赋能成效", "25"),
    ("4", "平台社会贡献度", "15"),
    ("5", "平台可持续发展能力", "15"),
]

# code, name as printed in the guide, default weight (%), unit, nature
INDICATORS = [
    ("1.1", "工业设备数量", "5", "台/套", "objective"),
    ("1.2", "工业模型数量", "5", "个", "objective"),
    ("1.3", "工业APP数量", "5", "个", "objective"),
    ("1.4", "服务工业企业数量", "5", "家", "objective"),
    ("1.5", "平台开发者数量", "5", "人", "objective"),
    ("2.1", "平台技术创新能力", "7", "text", "subjective"),
    ("2.2", "平台产品可靠性和安全防护能力", "7", "text", "subjective"),
    ("2.3", "自研杀手锏工业APP情况", "6", "text", "subjective"),
    ("3.1", "解决方案供给能力", "5", "text", "subjective"),
    ("3.2", "赋能园区转型成效", "5", "text", "subjective"),
    ("3.3", "赋能行业和领域成效", "5", "text", "subjective"),
    ("3.4", "中小企业服务能力", "5", "text", "subjective"),
    ("3.5", "国际业务拓展能力", "5", "text", "subjective"),
    ("4.1", "稳增长支撑能力", "3", "text", "subjective"),
    ("4.2", "“双链”“双碳”支撑能力", "3", "text", "subjective"),
    ("4.3", "支撑经济或行业运行分析", "3", "text", "subjective"),
    ("4.4", "部重点工作参与情况", "3", "项", "objective"),
    ("4.5", "参与标准制定情况", "3", "项", "objective"),
    ("5.1", "平台盈利能力", "5", "text", "subjective"),
    ("5.2", "公司资源调配能力", "5", "text", "subjective"),
    ("5.3", "生态运营能力", "5", "text", "subjective"),
]

# the guide's evaluation text of every indicator, lines joined
DESCRIPTIONS = {
    "1.1": "评价工业设备的连接数量和类型、工业协议兼容适配能力等，包含运行设备、加工设备、行走设备和其他设备四类。",
    "1.2": "评价工业模型的数量、类型等，包含研发仿真模型、业务流程模型、行业机理模型和数据算法模型四类。",
    # seed: "工业 APP" (PDF spacing dropped)
    "1.3": "评价工业APP的数量、类型、种类、活跃情况等。工业APP指基于工业互联网平台，承载工业知识和经验，满足特定需求的工业应用软件。",
    "1.4": "评价服务工业企业数量等，包括工业制造企业、工业服务企业（如行业解决方案提供商），以及付费用户比例。",
    "1.5": "评价开发者数量，包括注册总数和活跃开发者数。",
    "2.1": "评价平台的技术先进性，对新一代信息技术的融合创新能力，对应用软件及解决方案的支撑能力，技术产品化能力，获得的专利及软著数量等。",
    "2.2": "评价平台核心软硬件产品的可靠性和市场竞争力，平台的安全防护体系和防护能力，获得第三方安全测评认证的情况等。安全防护能力包括数据、代码、应用和访问安全防护等。",
    # seed: "杀手铜" (garbled 杀手锏)
    "2.3": "评价平台对工业APP的自研能力，杀手锏工业APP的创新性、订阅量、日活次数、市场价值等。",
    "3.1": "解决方案应和平台关联性强，能够通过平台连接设备、承载模型、开发多种工业APP，解决工艺优化、质量改进、效率提升等痛难点问题；评价解决方案的场景复杂度、与新一代信息技术融合创新程度、应用价值和可推广能力等。",
    "3.2": "评价平台服务园区、产业集群转型升级成效，包括服务园区数量、特色功能，对园区管理侧和产业侧的赋能成效，如提升园区治理能力、促进园区招商引资和生态汇聚、提高园区内企业数字化水平和产业协同水平等。",
    "3.3": "评价平台赋能行业和领域成效，包括服务行业、领域数量，重点服务行业、场景，新模式新业态培育情况等。",
    "3.4": "评价平台服务中小企业数量和产生的收入，服务中小企业的创新产品及解决方案应用情况，如开发轻量化、模块化软件工具及解决方案，创新商业模式为中小企业数字化转型提供低成本服务等。",
    "3.5": "评价平台国际业务拓展能力和国际竞争力，能够对海外企业提供平台赋能解决方案，将中国技术、中国方案带向国际。",
    "4.1": "评价平台在“六稳”“六保”等方面发挥的作用，作为新型基础设施对相关行业的带动作用，在服务属地工业增长和转型中发挥的作用。",
    # seed: "绿色供应链管理 etc 能力" ("etc" stands for 等)
    "4.2": "评价平台支撑产业链供应链协同的创新解决方案情况，能够助力特定产业强链补链；平台具有支撑能源管控、节能减排、绿色供应链管理等能力。",
    "4.3": "评价平台依托工业互联网平台数据构建数字产业地图、产业经济运行、产业链监测、企业画像、特色工业指数等情况。",
    "4.4": "评价平台参与工业互联网领域重点工作情况，包括创新发展工程、试点示范、进园区、深度行、创新合作中心等重点工作。",
    "4.5": "平台牵头或参与编制工业互联网平台领域标准情况，包括国际、国家和行业标准。",
    "5.1": "评价平台自身盈利能力，包括与平台相关的业务收入、业务成本、投资回报率和资本融资情况等。",
    "5.2": "评价平台研发投入及占主营业务收入比、从业人员数量等资源投入情况。",
    "5.3": "评价平台赋能特定行业/区域平台建设、带动行业解决方案服务商发展情况，在产融合作、产教融合、人才培养等方面情况。",
}

# the guide's 能力要求 of every dimension, lines joined
REQUIREMENTS = {
    "1": "具备较强的设备管理能力，可接入海量工业设备，兼容多种工业协议，能够实现工业设备数据的采集、汇聚、分析与应用，优化工业设备运行。具备较强的工业知识沉淀能力，可通过工业模型、微服务组件的封装与调用，实现工业知识的沉淀、转化与复用。具备良好的用户基础，能够服务海量工业企业，为企业数字化转型赋能。汇聚不同学科知识背景和不同行业经验的各类开发者，持续推动平台开发创新。",
    # seed: "杀手铜工业 APP" (garbled 杀手锏, PDF spacing dropped)
    "2": "平台应具有较强的技术创新能力和融合能力；平台应具有特色软硬件产品，掌握关键核心技术，具备较强的安全防护能力；平台应具备良好的开发环境和开发工具，具备面向多行业多领域的创新产品、创新功能、创新解决方案，能够支持特定场景解决方案和工业APP的开发创新。具备较强的应用自研能力，杀手锏工业APP具有较高的应用价值。",
    "3": "平台应具有特色行业解决方案，能够体现与平台强关联关系，能够显著解决制造业数字化转型痛点问题，满足区域产业数字化转型需求，进园区、进基地成效显著，积极拓展国际业务。",
    "4": "平台作为“新基建”核心要素，具备在重大事件、重大风险防范方面的支撑作用，如支撑国家重要部署，参与部重点工作。",
    # the seed splits "能力" over two lines
    "5": "平台具有较好的投资回报能力、公司资源调配能力，具有良好的生态运营水平，具备汇聚各方资源创新发展的能力。",
}


@pytest.fixture(scope="module")
def scheme() -> Scheme:
    return load_scheme(SCHEME_FILE)


def test_header(scheme: Scheme) -> None:
    assert scheme.id == "national-crossindustry-2023"
    assert scheme.title == "2023年跨行业跨领域工业互联网平台申报能力评价"
    assert scheme.version == "2023.1"
    assert scheme.weighting == "percent"
    assert scheme.total_points == Decimal(100)
    assert scheme.level_names == ["评价维度", "评价指标"]
    assert scheme.source.file == "002_0e91e89661f763d1.txt"
    assert scheme.source.publishes == ["structure", "descriptions"]
    assert scheme.defaults.step == Decimal("0.5")
    # the guide is for 双跨 platforms only and classifies nothing
    assert scheme.categories == []
    assert scheme.classification.industry_tags == []
    assert scheme.classification.domain_tags == []


def test_dimensions(scheme: Scheme) -> None:
    got = [(node.code, node.name) for node in scheme.indicators]
    assert got == [(code, name) for code, name, _ in DIMENSIONS]
    for node in scheme.indicators:
        assert not node.bonus
        assert node.requirement, f"dimension {node.code} lacks its 能力要求"
        assert node.description is None


def test_indicators_per_dimension(scheme: Scheme) -> None:
    assert [len(node.children) for node in scheme.indicators] == [5, 3, 5, 5, 3]
    leaves = scheme.leaves()
    assert len(leaves) == 21
    assert [(leaf.code, leaf.name) for leaf in leaves] == [(c, n) for c, n, *_ in INDICATORS]
    # the tree is two levels deep: every child of a dimension is a leaf
    for node in scheme.indicators:
        assert all(child.is_leaf for child in node.children)


def test_serials_as_printed(scheme: Scheme) -> None:
    assert [node.number for node in scheme.indicators] == ["一", "二", "三", "四", "五"]
    for node in scheme.indicators:
        assert [child.number for child in node.children] == [
            str(i) for i in range(1, len(node.children) + 1)
        ]


def test_every_weight_is_organizer_set(scheme: Scheme) -> None:
    for node in scheme.walk():
        assert node.weight is not None, node.code
        assert node.weight.organizer_set, f"{node.code}: the guide publishes no weights"
        assert node.weight.note, f"{node.code}: an organizer-set weight needs a note"
        assert node.points is None


def test_default_weights(scheme: Scheme) -> None:
    dims = {node.code: node.weight.value for node in scheme.indicators}
    assert dims == {code: Decimal(weight) for code, _, weight in DIMENSIONS}
    leaves = {leaf.code: leaf.weight.value for leaf in scheme.leaves()}
    assert leaves == {code: Decimal(weight) for code, _, weight, *_ in INDICATORS}
    assert sum(dims.values()) == Decimal(100)
    assert sum(leaves.values()) == Decimal(100)
    for node in scheme.indicators:
        assert sum(child.weight.value for child in node.children) == node.weight.value


def test_max_points_and_step(scheme: Scheme) -> None:
    for code, _name, weight, *_ in INDICATORS:
        leaf = scheme.find(code)
        top = max_points(scheme, leaf)
        assert top == Decimal(weight)
        assert leaf.scoring is None or isinstance(leaf.scoring, PointsScoring)
        assert top % scheme.defaults.step == 0


def test_reported_and_nature(scheme: Scheme) -> None:
    for code, _name, _weight, unit, nature in INDICATORS:
        leaf = scheme.find(code)
        assert leaf.reported is not None
        assert leaf.reported.unit == unit, code
        assert leaf.reported.source == DataSource.UPLOAD, code
        assert (leaf.nature or scheme.defaults.nature) == Nature(nature), code
        assert leaf.rubric, f"{code} needs a rubric"
        assert leaf.description, f"{code} needs the guide's evaluation text"


def test_descriptions_exact(scheme: Scheme) -> None:
    for code, text in DESCRIPTIONS.items():
        assert scheme.find(code).description == text, code
    assert len(DESCRIPTIONS) == 21


def test_requirements_exact(scheme: Scheme) -> None:
    for code, text in REQUIREMENTS.items():
        assert scheme.find(code).requirement == text, code
    assert len(REQUIREMENTS) == 5


def test_seed_glitches_are_corrected(scheme: Scheme) -> None:
    for node in scheme.walk():
        for text in (node.name, node.description, node.requirement):
            if text:
                assert "杀手铜" not in text, node.code
                assert "etc" not in text, node.code
                assert "\n" not in text, node.code
                assert " APP" not in text and "APP " not in text, node.code


def test_grades_are_organizer_set(scheme: Scheme) -> None:
    assert scheme.grades is not None
    assert scheme.grades.note
    levels = [(lv.code, lv.name, lv.min.value, lv.min.organizer_set) for lv in scheme.grades.levels]
    assert levels == [
        ("L1", "一级", Decimal(60), True),
        ("L2", "二级", Decimal(75), True),
        ("L3", "三级", Decimal(90), True),
    ]


def test_aggregation(scheme: Scheme) -> None:
    policy = scheme.aggregation
    assert policy.method == AggregationMethod.TRIMMED_MEAN
    assert policy.trim_min_experts == 5
    assert policy.trim_scope == TrimScope.INDICATOR
    assert policy.min_experts == 3
    assert policy.decimals == 2
    assert policy.rounding == Rounding.HALF_UP
    assert policy.spread_threshold == Decimal(30)
    assert policy.deviation_limit == Decimal(30)
