"""The provincial 2025 monitoring scheme encodes its indicator list exactly.

Ground truth: /work/shared/seeds/004_72de9acf1bc1bb30.txt. The list publishes 4 parts,
9 groups, 32 numbered items with their data sources, and one number: item 22 (独立经营)
scores 3 points or nothing. Every other number is organizer-set.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.schemes import Scheme, load_scheme, max_points
from expertscore.schemes.model import (
    AggregationMethod,
    BandsScoring,
    FixedScoring,
    Nature,
    OrdinalScoring,
    PointsScoring,
    Rounding,
    TrimScope,
    YesNoScoring,
)

REPO = Path(__file__).resolve().parents[2]
SCHEME_FILE = REPO / "schemes" / "provincial-monitoring-2025.yaml"

PARTS = [
    ("1", "一", "基础能力"),
    ("2", "二", "服务成效"),
    ("3", "三", "运营能力"),
    ("4", "四", "加分项"),
]

GROUPS = [
    ("1.1", "（一）", "数据采集汇聚"),
    ("1.2", "（二）", "数据治理分析"),
    ("1.3", "（三）", "数字产品供给"),
    ("1.4", "（四）", "技术创新水平"),
    ("2.5", "（五）", "企业及园区数字化推广"),
    ("2.6", "（六）", "典型场景及解决方案推广"),
    ("3.7", "（七）", "企业运营质态"),
    ("3.8", "（八）", "生态体系建设"),
    ("4.9", "（九）", "平台荣誉"),
]

PORT, UPLOAD, SYSTEM = "端口采集", "企业上传", "系统匹配"

# number, group, name (text before the colon), data source, unit, nature, default points
ITEMS = [
    (1, "1.1", "工业设备连接数量", PORT, "台/套", "objective", "3"),
    (2, "1.1", "有效数据采集点数量", PORT, "个", "objective", "3"),
    (3, "1.1", "算力资源规模", PORT, "核", "objective", "3"),
    (4, "1.1", "平台数据总量", PORT, "TB", "objective", "3"),
    (5, "1.2", "工业模型数量", PORT, "个", "objective", "3"),
    (6, "1.2", "行业大模型建设", UPLOAD, "件", "objective", "4"),
    (7, "1.2", "数据管理能力", UPLOAD, "yes/no", "objective", "2"),
    (8, "1.2", "安全防护体系", UPLOAD, "yes/no", "objective", "2"),
    (9, "1.3", "工业APP数量", PORT, "个", "objective", "4"),
    (10, "1.3", "解决方案总数", UPLOAD, "个", "objective", "4"),
    (11, "1.4", "核心人才数量", UPLOAD, "人", "objective", "3"),
    (12, "1.4", "核心人才占比", UPLOAD, "%", "objective", "3"),
    (13, "1.4", "知识成果数量", UPLOAD, "件", "objective", "4"),
    (14, "1.4", "行业标准制定", UPLOAD, "项", "objective", "4"),
    (15, "2.5", "诊断服务项目数量", UPLOAD, "项", "objective", "4"),
    (16, "2.5", "服务企业数量", UPLOAD, "家", "objective", "4"),
    (17, "2.5", "服务园区数量", UPLOAD, "个", "objective", "4"),
    (18, "2.6", "行业典型场景", UPLOAD, "text", "subjective", "5"),
    (19, "2.6", "“双碳”服务", UPLOAD, "text", "subjective", "5"),
    (20, "2.6", "地区数字化赋能", UPLOAD, "text", "subjective", "4"),
    (21, "2.6", "平台出海", UPLOAD, "text", "subjective", "4"),
    (22, "3.7", "独立经营", UPLOAD, "yes/no", "objective", "3"),
    (23, "3.7", "平台营收", UPLOAD, "万元", "objective", "4"),
    (24, "3.7", "平台融资", UPLOAD, "text", "objective", "3"),
    (25, "3.7", "盈利模式", UPLOAD, "%", "objective", "3"),
    (26, "3.8", "工业APP订阅总数量", PORT, "次", "objective", "3"),
    (27, "3.8", "杀手锏工业APP订阅数量", PORT, "户", "objective", "3"),
    (28, "3.8", "平台注册用户数", PORT, "户", "objective", "2"),
    (29, "3.8", "月活跃用户数", PORT, "户", "objective", "2"),
    (30, "3.8", "开发者注册数量", PORT, "人", "objective", "2"),
    (31, "4.9", "平台荣誉", SYSTEM, "text", "objective", "3"),
    (32, "4.9", "专精特新", SYSTEM, "text", "objective", "2"),
]

# text after the colon of every item, lines joined
DESCRIPTIONS = {
    1: "平台通过公有云、私有云和专有网连接的工业设备数量。",
    2: "平台通过公有云、私有云和专有网连接的有效流程数据采集点数量。",
    3: "平台部署的云服务器vCPU核数。",
    4: "平台云存储和非云存储资源的数据资源总和，包括平台汇总的应用、用户、过程数据、系统内部存储的实际数据等。",
    5: "平台提供的工业机理模型数量。",
    6: "平台利用智能算力开展创新应用，面向生产制造环节建设行业垂类模型，获批相关软件著作或备案。",
    7: "平台获得DCMM认证。",
    8: "平台获得国家信息安全等级保护认证。",
    9: "平台提供的工业APP数量。",
    10: "面向工业需求，以促进企业降本提质增效、增强制造业创新能力为目标，以平台为依托实现数据闭环反馈、资源优化配置、产业融合发展的整套软硬件结合的产品与服务集合数量。",
    11: "与平台企业签订劳动合同，且从事平台开发运营的研究生及以上学历员工数量。",
    # seed glitch kept as printed: item 12 (a share, 占比) repeats item 11's text
    12: "与平台企业签订劳动合同，且从事平台开发运营的研究生及以上学历员工数量。",
    13: "平台获批相关专利和软著等知识成果数量。",
    14: "平台牵头或参与编制工业互联网建设应用等标准（国家/行业标准）。",
    15: "平台企业在2022-2024年度承担省内“智改数转网联”诊断服务项目数量。",
    16: "使用平台技术产品或解决方案等服务的企业总数。",
    17: "平台服务设区市及以上级别管理的工业园区、产业园区等数量。",
    18: "平台面向行业典型场景，提供安全生产、质量管控、供应链管理、研发设计、生产制造、运营管理、仓储物流、运维服务、AI融合应用等标准化解决方案，并提供相关案例。",
    19: "平台具有节能降碳、产品全生命周期碳足迹管理应用、绿色供应链管理、绿色工业园区、产业集群绿色发展等方面的解决方案，降低工业企业碳排放水平，并提供相关案例说明。",
    20: "支撑地方集群产业链“产业大脑”建设，提供数字产业地图、产业经济运行、产业链监测、企业画像、特色工业指数等服务，协助政府经济或运行分析，并提供相关案例说明。",
    21: "为海外企业提供服务解决方案并打造典型案例。",
    22: "主营业务为工业互联网平台建设运营的独立法人企业，建立依法合规管理的得3分，其他不得分。",
    23: "2024年度平台相关营收规模。",
    24: "平台获得A轮、B轮、C轮及后续轮次投资。",
    25: "2024年度企业营收中，通过平台服务获得的营收占比。",
    26: "平台上用户订阅工业APP的总数量。",
    27: "订阅/部署/应用杀手锏工业APP的用户数量（杀手锏工业APP指平台上订阅用户数最多的5个工业APP）",
    28: "平台上注册的用户数量。",
    29: "每月至少一次调用工业APP的用户数量。",
    30: "通过平台注册、基于平台提供的工具和环境进行开发的人员数量。",
    # the seed's trailing "（系统匹配）" is the data-source column, not description
    31: "平台获评工信部2024年度跨行业跨领域工业互联网平台动态评价B级及以上，入选2024年度人工智能赋能新型工业化、实数融合、制造业数字化转型等领域国家级典型案例名单等。",
    # the seed's trailing "（以最高得分为准，不重复计分）" is a scoring rule (rubric)
    32: "平台企业获评国家制造业单项冠军、国家专精特新“小巨人”、省专精特新中小企业等。",
}


@pytest.fixture(scope="module")
def scheme() -> Scheme:
    return load_scheme(SCHEME_FILE)


def item(scheme: Scheme, number: int):
    matches = [leaf for leaf in scheme.leaves() if leaf.number == str(number)]
    assert len(matches) == 1, number
    return matches[0]


def test_header(scheme: Scheme) -> None:
    assert scheme.id == "provincial-monitoring-2025"
    assert scheme.title == "2025年省级重点工业互联网平台监测评价指标"
    assert scheme.version == "2025.1"
    assert scheme.weighting == "points"
    assert scheme.level_names == ["部分", "类别", "指标"]
    assert scheme.source.file == "004_72de9acf1bc1bb30.txt"
    assert "data_sources" in scheme.source.publishes
    assert "structure" in scheme.source.publishes
    assert "points" not in scheme.source.publishes
    assert "weights" not in scheme.source.publishes
    assert scheme.defaults.step == Decimal("0.5")


def test_parts(scheme: Scheme) -> None:
    assert [(n.code, n.number, n.name) for n in scheme.indicators] == PARTS
    assert [n.bonus for n in scheme.indicators] == [False, False, False, True]


def test_groups(scheme: Scheme) -> None:
    groups = [(g.code, g.number, g.name) for part in scheme.indicators for g in part.children]
    assert groups == GROUPS
    for part in scheme.indicators:
        for group in part.children:
            assert not group.is_leaf
            assert all(child.is_leaf for child in group.children), group.code


def test_items_numbered_in_order(scheme: Scheme) -> None:
    leaves = scheme.leaves()
    assert len(leaves) == 32
    assert [leaf.number for leaf in leaves] == [str(i) for i in range(1, 33)]
    expected = [(f"{group}.{number}", name) for number, group, name, *_ in ITEMS]
    assert [(leaf.code, leaf.name) for leaf in leaves] == expected


def test_items_per_group(scheme: Scheme) -> None:
    counts = [len(g.children) for part in scheme.indicators for g in part.children]
    assert counts == [4, 4, 2, 4, 3, 4, 4, 5, 2]


def test_data_sources_units_nature(scheme: Scheme) -> None:
    for number, _group, _name, source, unit, nature, _points in ITEMS:
        leaf = item(scheme, number)
        assert leaf.reported is not None, number
        assert leaf.reported.source.value == source, number
        assert leaf.reported.unit == unit, number
        assert (leaf.nature or scheme.defaults.nature) == Nature(nature), number
        assert leaf.description, number
        assert leaf.rubric, number
    # item 32's column reads 数字工信匹配: the system match under the guide's own wording
    assert item(scheme, 32).reported.label == "数字工信匹配"
    assert item(scheme, 31).reported.label is None


def test_descriptions_exact(scheme: Scheme) -> None:
    for number, text in DESCRIPTIONS.items():
        assert item(scheme, number).description == text, number
    assert sorted(DESCRIPTIONS) == list(range(1, 33))
    # seed glitch kept as printed: item 12 (a share, 占比) repeats item 11's description
    assert item(scheme, 12).description == item(scheme, 11).description
    for leaf in scheme.leaves():
        assert "\n" not in leaf.description
        assert "（系统匹配）" not in leaf.description


def test_item_22_is_the_only_published_number(scheme: Scheme) -> None:
    leaf = item(scheme, 22)
    assert leaf.code == "3.7.22"
    assert leaf.points.value == Decimal(3)
    assert leaf.points.organizer_set is False
    assert isinstance(leaf.scoring, FixedScoring)
    assert (
        leaf.scoring.condition == "主营业务为工业互联网平台建设运营的独立法人企业，建立依法合规管理"
    )
    for node in scheme.walk():
        if node is leaf:
            continue
        for field in ("points", "weight", "cap"):
            amount = getattr(node, field)
            if amount is not None:
                assert amount.organizer_set, f"{node.code} {field} is not published"
                assert amount.note, f"{node.code} {field} needs a note"


def test_default_points(scheme: Scheme) -> None:
    for number, *_rest, points in ITEMS:
        assert item(scheme, number).points.value == Decimal(points), number


def test_parts_one_to_three_sum_to_100(scheme: Scheme) -> None:
    core = [leaf for part in scheme.indicators[:3] for leaf in part.walk() if leaf.is_leaf]
    assert len(core) == 30
    assert sum(max_points(scheme, leaf) for leaf in core) == Decimal(100)
    part_points = [part.points.value for part in scheme.indicators[:3]]
    assert part_points == [Decimal(45), Decimal(30), Decimal(25)]


def test_group_points_equal_children(scheme: Scheme) -> None:
    for node in scheme.walk():
        if node.children and node.points is not None:
            assert node.points.value == sum(c.points.value for c in node.children), node.code


def test_bonus_part(scheme: Scheme) -> None:
    bonus = scheme.find("4")
    assert bonus.bonus is True
    assert bonus.cap is not None
    assert bonus.cap.value == Decimal(5)
    assert bonus.cap.organizer_set is True
    assert [leaf.code for leaf in bonus.walk() if leaf.is_leaf] == ["4.9.31", "4.9.32"]


def test_item_31_yes_no(scheme: Scheme) -> None:
    leaf = item(scheme, 31)
    assert isinstance(leaf.scoring, YesNoScoring)


def test_item_32_ordinal_highest_counts(scheme: Scheme) -> None:
    leaf = item(scheme, 32)
    assert isinstance(leaf.scoring, OrdinalScoring)
    grades = leaf.scoring.grades
    assert [g.label for g in grades] == [
        "国家制造业单项冠军",
        "国家专精特新“小巨人”",
        "省专精特新中小企业",
        "无",
    ]
    assert all(g.fraction.organizer_set for g in grades[:3])
    fractions = [g.fraction.value for g in grades]
    assert fractions == [Decimal(1), Decimal("0.75"), Decimal("0.5"), Decimal(0)]
    assert "以最高得分为准，不重复计分" in leaf.rubric


def test_step_divides_every_maximum(scheme: Scheme) -> None:
    for leaf in scheme.leaves():
        scoring = leaf.scoring
        if scoring is None or isinstance(scoring, PointsScoring | BandsScoring):
            step = scoring.step if scoring is not None and scoring.step else scheme.defaults.step
            assert max_points(scheme, leaf) % step == 0, leaf.code


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
