"""The Liaoning grading scheme encodes exactly what 辽宁省重点培育工业互联网平台分类分级评估指南 publishes.

Ground truth: /work/shared/seeds/000_71c79d6f89595e2d.txt. The guide publishes the structure
and every weight (its 附 table: 4 一级指标, 10 二级指标, 43 重点采集项, 100% in all) and the
industry (表1, 27) and domain (表2, 10, with 标签说明) tags. It publishes no categories and no
grade thresholds, so the grade levels must be organizer-set.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.schemes import Scheme, load_scheme, max_points, rules
from expertscore.schemes.model import DataSource, Nature, PointsScoring

REPO = Path(__file__).resolve().parents[2]
SCHEME_FILE = REPO / "schemes" / "liaoning-2025-grading.yaml"

OBJ = Nature.OBJECTIVE
SUBJ = Nature.SUBJECTIVE

# 附 辽宁省重点培育工业互联网平台分类分级评估指标表, transcribed from the seed.
FIRST_LEVEL = [
    ("1", "经营能力", "10"),
    ("2", "创新能力", "12"),
    ("3", "技术能力", "40"),
    ("4", "服务能力", "38"),
]

SECOND_LEVEL = [
    ("1.1", "运营能力", "6"),
    ("1.2", "盈利能力", "4"),
    ("2.1", "创新投入水平", "8"),
    ("2.2", "创新产出水平", "4"),
    ("3.1", "资源汇聚水平", "12"),
    ("3.2", "技术开发水平", "7"),
    ("3.3", "数据服务水平", "17"),
    ("3.4", "安全防护水平", "4"),
    ("4.1", "建设成效", "15"),
    ("4.2", "社会影响力", "23"),
]

# code, name, weight (%) from the seed; unit and nature are this scheme's choices.
LEAVES = [
    ("1.1.1", "资产负债率", "1", "%", OBJ),
    ("1.1.2", "企业信用等级", "1", "text", OBJ),
    ("1.1.3", "企业近三年营收情况", "2", "万元", OBJ),
    ("1.1.4", "平台近三年营收情况", "2", "万元", OBJ),
    ("1.2.1", "企业近二年利润情况", "2", "万元", OBJ),
    ("1.2.2", "平台近二年利润情况", "2", "万元", OBJ),
    ("2.1.1", "研发人员数量", "1", "人", OBJ),
    ("2.1.2", "近二年研发投入占比", "3", "%", OBJ),
    ("2.1.3", "企业软件著作权数量", "2", "件", OBJ),
    ("2.1.4", "企业发明专利数量", "2", "件", OBJ),
    ("2.2.1", "平台软件著作权数量", "2", "件", OBJ),
    ("2.2.2", "平台发明专利数量", "2", "件", OBJ),
    ("3.1.1", "工业设备连接数量", "2", "台/套", OBJ),
    ("3.1.2", "工业协议兼容数量", "2", "个", OBJ),
    ("3.1.3", "工业软件数量", "2", "个", OBJ),
    ("3.1.4", "工业APP数量", "2", "个", OBJ),
    ("3.1.5", "通用算法模型情况", "1.5", "个", OBJ),
    ("3.1.6", "工业机理模型情况", "1.5", "个", OBJ),
    ("3.1.7", "微服务数量", "1", "个", OBJ),
    ("3.2.1", "自研工业模型数量", "2", "个", OBJ),
    ("3.2.2", "自研工业APP数量", "2", "个", OBJ),
    ("3.2.3", "开发者使用情况", "1", "人", OBJ),
    ("3.2.4", "有效解决方案数量", "2", "个", OBJ),
    ("3.3.1", "平台积累工业数据", "1", "TB", OBJ),
    ("3.3.2", "平台输出工业数据", "1", "TB", OBJ),
    ("3.3.3", "边缘能力", "3", "text", SUBJ),
    ("3.3.4", "通用PaaS能力", "2", "text", SUBJ),
    ("3.3.5", "工业大数据能力", "3", "text", SUBJ),
    ("3.3.6", "工业数据处理能力", "2", "text", SUBJ),
    ("3.3.7", "工业模型能力", "3", "text", SUBJ),
    ("3.3.8", "工业APP能力", "1", "text", SUBJ),
    ("3.3.9", "平台间调用能力", "1", "text", SUBJ),
    ("3.4.1", "工业互联网安全分类分级自主定级情况", "1", "text", OBJ),
    ("3.4.2", "平台安全可靠机制", "3", "text", SUBJ),
    ("4.1.1", "服务工业企业数量", "1.5", "家", OBJ),
    ("4.1.2", "服务省内企业数量", "1", "家", OBJ),
    ("4.1.3", "服务园区企业数量", "1", "家", OBJ),
    ("4.1.4", "服务中小企业数量", "1.5", "家", OBJ),
    ("4.1.5", "企业/中小企业服务案例", "10", "text", SUBJ),
    ("4.2.1", "行业/区域/专业服务案例", "8", "text", SUBJ),
    ("4.2.2", "创新突破描述", "5", "text", SUBJ),
    ("4.2.3", "解决方案描述", "5", "text", SUBJ),
    ("4.2.4", "可持续发展能力", "5", "text", SUBJ),
]

# 表1 工业互联网平台服务行业标签
INDUSTRY_TAGS = [
    "先进装备制造",
    "石油与精细化工",
    "冶金新材料",
    "优质特色消费品工业",
    "生物医药与先进医疗装备制造",
    "汽车及零部件制造",
    "工程机械与高端重型装备制造",
    "电力装备制造",
    "新能源",
    "工业母机",
    "机器人与人工智能",
    "航空装备制造",
    "集成电路装备制造",
    "高品质钢铁材料",
    "船舶与海工装备",
    "轨道交通装备",
    "现代轻工",
    "先进有色金属材料",
    "节能环保",
    "菱镁精深加工",
    "精细化工产业",
    "现代高效畜牧业生产与精深加工",
    "优质粮油生产和食品制造",
    "特色纺织",
    "软件和信息技术服务产业",
    "工业互联网产业",
    "其他（需注明具体行业）",
]

# 表2 工业互联网平台服务领域标签 (the guide's own mix of "," and "，" is kept)
DOMAIN_TAGS = [
    (
        "研发设计",
        "面向工业产品研发领域提供工艺优化、虚拟仿真、多学科设计优化、研发资源协同、用户反馈设计优化等服务。",
    ),
    ("生产制造", "面向生产制造过程,提供工序优化、流程优化、智能排产、生产调度优化等服务。"),
    ("质量管控", "面向产品/服务,提供质量预警、缺陷检测识别、质量追溯、控制优化等服务。"),
    ("运营管理", "面向企业管理需求,提供运营监测、风险控制、科学决策等服务。"),
    ("供应链管理", "面向供应链采购领域，提供在线整合与发布、订单匹配、资源共享、信用评价等服务。"),
    (
        "仓储物流",
        "面向企业产品运输、配送、仓储、分拣等领域,提供智能搬运、物流调配、仓储管控等服务。",
    ),
    ("安全生产", "面向人机料法环等各场景,提供监测监控、定位跟踪、智能巡检、应急保障等服务。"),
    (
        "节能减排",
        "面向能源生产、调配、使用等领域,提供能效规划、存储转换、节能分析、碳监测、碳交易等服务。",
    ),
    (
        "运维服务",
        "面向设备运行和全生命周期,提供状态检测、故障预警及诊断、预测维护、远程运维等服务。",
    ),
    ("其他", "不属于以上制造场景的服务领域（需注明）。"),
]


@pytest.fixture(scope="module")
def scheme() -> Scheme:
    return load_scheme(SCHEME_FILE)


def test_loads_without_issues(scheme: Scheme):
    assert rules.check(scheme) == []
    assert scheme.id == "liaoning-2025-grading"
    assert scheme.title == "辽宁省重点培育工业互联网平台分类分级评估"
    assert scheme.version == "2025.1"
    assert scheme.weighting == "percent"
    assert scheme.total_points == Decimal(100)
    assert scheme.level_names == ["一级指标", "二级指标", "重点采集项"]


def test_source_declares_what_the_guide_publishes(scheme: Scheme):
    assert scheme.source.file == "000_71c79d6f89595e2d.txt"
    assert scheme.source.document == "辽宁省重点培育工业互联网平台分类分级评估指南（试行）"
    assert scheme.source.publishes == ["structure", "weights", "tags"]
    assert scheme.source.notes and "组织方" in scheme.source.notes


def test_first_level(scheme: Scheme):
    assert [(n.code, n.name, n.weight.value) for n in scheme.indicators] == [
        (code, name, Decimal(weight)) for code, name, weight in FIRST_LEVEL
    ]
    assert all(not n.weight.organizer_set for n in scheme.indicators)
    assert sum(n.weight.value for n in scheme.indicators) == Decimal(100)


def test_second_level(scheme: Scheme):
    second = [child for node in scheme.indicators for child in node.children]
    assert len(second) == 10
    assert [(n.code, n.name, n.weight.value) for n in second] == [
        (code, name, Decimal(weight)) for code, name, weight in SECOND_LEVEL
    ]
    assert all(not n.is_leaf for n in second)
    assert sum(n.weight.value for n in second) == Decimal(100)
    for node in scheme.indicators:
        assert sum(c.weight.value for c in node.children) == node.weight.value


def test_every_leaf_weight(scheme: Scheme):
    leaves = scheme.leaves()
    assert len(leaves) == 43
    assert [(n.code, n.name, n.weight.value) for n in leaves] == [
        (code, name, Decimal(weight)) for code, name, weight, _unit, _nature in LEAVES
    ]
    assert all(not n.weight.organizer_set for n in leaves)
    assert sum(n.weight.value for n in leaves) == Decimal(100)
    # every leaf sits on the third level, under its second-level group
    assert all(n.code.count(".") == 2 for n in leaves)
    for node in scheme.walk():
        if not node.is_leaf:
            assert sum(c.weight.value for c in node.children) == node.weight.value


def test_leaf_counts_per_group(scheme: Scheme):
    counts = {
        group.code: len(group.children) for top in scheme.indicators for group in top.children
    }
    assert counts == {
        "1.1": 4,
        "1.2": 2,
        "2.1": 4,
        "2.2": 2,
        "3.1": 7,
        "3.2": 4,
        "3.3": 9,
        "3.4": 2,
        "4.1": 5,
        "4.2": 4,
    }


def test_leaves_report_units_from_the_operator(scheme: Scheme):
    by_code = {n.code: n for n in scheme.leaves()}
    for code, _name, _weight, unit, nature in LEAVES:
        leaf = by_code[code]
        assert leaf.reported is not None
        assert leaf.reported.unit == unit, code
        assert leaf.reported.source == DataSource.UPLOAD, code
        assert leaf.nature == nature, code
        assert leaf.rubric, code
        assert leaf.scoring is None or isinstance(leaf.scoring, PointsScoring)


def test_max_points(scheme: Scheme):
    expected = {
        "1.1.1": "1",
        "2.1.2": "3",
        "3.1.5": "1.5",
        "4.1.4": "1.5",
        "4.1.5": "10",
        "4.2.1": "8",
        "3": "40",
        "4.2": "23",
    }
    for code, points in expected.items():
        assert max_points(scheme, scheme.find(code)) == Decimal(points), code
    assert sum(max_points(scheme, n) for n in scheme.leaves()) == Decimal(100)


def test_step_divides_every_leaf(scheme: Scheme):
    assert scheme.defaults.step == Decimal("0.1")
    for leaf in scheme.leaves():
        assert max_points(scheme, leaf) % scheme.defaults.step == 0


def test_industry_tags(scheme: Scheme):
    tags = scheme.classification.industry_tags
    assert len(tags) == 27
    assert [(t.code, t.name) for t in tags] == [
        (str(i), name) for i, name in enumerate(INDUSTRY_TAGS, start=1)
    ]
    assert tags[0].name == "先进装备制造"
    assert tags[19].name == "菱镁精深加工"
    assert tags[26].code == "27"
    assert tags[26].name == "其他（需注明具体行业）"


def test_domain_tags(scheme: Scheme):
    tags = scheme.classification.domain_tags
    assert len(tags) == 10
    assert [(t.code, t.name, t.description) for t in tags] == [
        (str(i), name, text) for i, (name, text) in enumerate(DOMAIN_TAGS, start=1)
    ]


def test_no_categories(scheme: Scheme):
    assert scheme.categories == []


def test_grades_are_organizer_set(scheme: Scheme):
    grades = scheme.grades
    assert grades is not None
    assert grades.note and "门槛" in grades.note
    assert [(g.code, g.name, g.min.value) for g in grades.levels] == [
        ("L1", "一级", Decimal(60)),
        ("L2", "二级", Decimal(75)),
        ("L3", "三级", Decimal(90)),
    ]
    assert all(g.min.organizer_set for g in grades.levels)


def test_aggregation(scheme: Scheme):
    policy = scheme.aggregation
    assert policy.method == "trimmed_mean"
    assert policy.trim_min_experts == 5
    assert policy.trim_scope == "indicator"
    assert policy.min_experts == 3
    assert policy.decimals == 2
    assert policy.rounding == "half_up"
    assert policy.spread_threshold == Decimal(30)
    assert policy.deviation_limit == Decimal(30)
