"""The Jilin selection scheme encodes 吉林省省级工业互联网平台遴选参考指南（2025年版）.

Ground truth: /work/shared/seeds/001_f75c140950a2c701.txt. The guide publishes four
categories with numbered 能力要求, 应用成效 and 示范内容. Its indicator table (section 三)
survives only as fragments, each identical to the Liaoning table, so the scheme uses the
Liaoning tree leaf by leaf. No tags; the selection threshold is organizer-set.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.schemes import Scheme, load_scheme, max_points, rules

REPO = Path(__file__).resolve().parents[2]
SCHEME_FILE = REPO / "schemes" / "jilin-2025-selection.yaml"
LIAONING_FILE = REPO / "schemes" / "liaoning-2025-grading.yaml"

# The fragments of section 三 that survive in the seed: (code, name, weight %).
FRAGMENTS = [
    ("3.3.8", "工业APP能力", "1"),
    ("3.3.9", "平台间调用能力", "1"),
    ("3.4", "安全防护水平", "4"),
    ("3.4.1", "工业互联网安全分类分级自主定级情况", "1"),
    ("3.4.2", "平台安全可靠机制", "3"),
    ("4.1", "建设成效", "15"),
    ("4.1.1", "服务工业企业数量", "1.5"),
    ("4.1.2", "服务省内企业数量", "1"),
    ("4.1.3", "服务园区企业数量", "1"),
    ("4.1.4", "服务中小企业数量", "1.5"),
    ("4.1.5", "企业/中小企业服务案例", "10"),
    ("4.2", "社会影响力", "23"),
    ("4.2.1", "行业/区域/专业服务案例", "8"),
    ("4.2.2", "创新突破描述", "5"),
    ("4.2.3", "解决方案描述", "5"),
    ("4.2.4", "可持续发展能力", "5"),
]

CATEGORIES = [
    ("cross-industry", "双跨型", 6),
    ("industry", "行业级", 4),
    ("regional", "区域级", 5),
    ("specialized", "专业型", 3),
]

DEVICE_ACCESS = (
    "具备设备接入能力，可提供跨行业设备异构数据规模化接入，支持云边协同和运维管理，"
    "在计算、存储、网络等方面满足性能要求，在高并发场景下保证稳定性"
)
DEVELOPMENT = (
    "具备应用开发支持能力，能够提供丰富的开发支持、开发工具、开发语言数量，具备图形化开发能力，"
    "具备对接国家级和省级平台监测系统的能力"
)
SECURITY = "具备安全防护能力，确保网络安全、设备安全、应用安全和数据安全"


@pytest.fixture(scope="module")
def scheme() -> Scheme:
    return load_scheme(SCHEME_FILE)


@pytest.fixture(scope="module")
def liaoning() -> Scheme:
    return load_scheme(LIAONING_FILE)


def test_loads_without_issues(scheme: Scheme):
    assert rules.check(scheme) == []
    assert scheme.id == "jilin-2025-selection"
    assert scheme.title == "吉林省省级工业互联网平台遴选"
    assert scheme.version == "2025.1"
    assert scheme.weighting == "percent"
    assert scheme.level_names == ["一级指标", "二级指标", "重点采集项"]
    assert scheme.source.file == "001_f75c140950a2c701.txt"
    assert "categories" in scheme.source.publishes


def test_notes_explain_the_borrowed_table_and_the_libraries(scheme: Scheme):
    notes = scheme.source.notes
    assert notes
    assert "辽宁省重点培育工业互联网平台分类分级评估指标表" in notes
    assert "省级平台培育库" in notes
    assert "专业型平台纳入省级储备平台培育库" in notes


def test_structure_and_weights(scheme: Scheme):
    assert [(n.code, n.name, n.weight.value) for n in scheme.indicators] == [
        ("1", "经营能力", Decimal(10)),
        ("2", "创新能力", Decimal(12)),
        ("3", "技术能力", Decimal(40)),
        ("4", "服务能力", Decimal(38)),
    ]
    second = [child for node in scheme.indicators for child in node.children]
    assert len(second) == 10
    leaves = scheme.leaves()
    assert len(leaves) == 43
    assert sum(n.weight.value for n in scheme.indicators) == Decimal(100)
    assert sum(n.weight.value for n in second) == Decimal(100)
    assert sum(n.weight.value for n in leaves) == Decimal(100)
    assert all(not n.weight.organizer_set for n in scheme.walk())


def test_surviving_fragments(scheme: Scheme):
    for code, name, weight in FRAGMENTS:
        node = scheme.find(code)
        assert node is not None, code
        assert (node.name, node.weight.value) == (name, Decimal(weight)), code


def test_tree_identical_to_liaoning(scheme: Scheme, liaoning: Scheme):
    mine = [(n.code, n.name, n.weight.value, n.is_leaf) for n in scheme.walk()]
    theirs = [(n.code, n.name, n.weight.value, n.is_leaf) for n in liaoning.walk()]
    assert mine == theirs
    for leaf, other in zip(scheme.leaves(), liaoning.leaves(), strict=True):
        assert leaf.weight == other.weight, leaf.code
        assert leaf.reported == other.reported, leaf.code
        assert leaf.nature == other.nature, leaf.code
        assert max_points(scheme, leaf) == max_points(liaoning, other), leaf.code


def test_max_points(scheme: Scheme):
    assert max_points(scheme, scheme.find("4.1.5")) == Decimal(10)
    assert max_points(scheme, scheme.find("3.1.5")) == Decimal("1.5")
    assert max_points(scheme, scheme.find("3.3.8")) == Decimal(1)
    assert scheme.defaults.step == Decimal("0.1")


def test_categories(scheme: Scheme):
    assert [(c.code, c.name, len(c.requirements)) for c in scheme.categories] == CATEGORIES
    for category in scheme.categories:
        assert [r.code for r in category.requirements] == [
            str(i) for i in range(1, len(category.requirements) + 1)
        ]
        assert category.indicators == "all"
        assert category.description and category.effects and category.demonstration
        assert category.kinds == []
        for requirement in category.requirements:
            assert not requirement.text.startswith(("一是", "二是", "三是"))
            assert not requirement.text.endswith("。")


def test_requirement_texts(scheme: Scheme):
    cats = {c.code: c for c in scheme.categories}
    cross = [r.text for r in cats["cross-industry"].requirements]
    assert cross[0] == DEVICE_ACCESS
    assert cross[3] == "具备行业知识复用能力，可提供工业机理模型的沉淀、转化与调用能力"
    assert cross[4] == DEVELOPMENT
    assert cross[5] == SECURITY
    industry = [r.text for r in cats["industry"].requirements]
    assert industry[1] == (
        "具备行业软件部署能力，具备一定数量的重点行业机理模型、重点行业工业APP，"
        "实现工业软件和APP的广泛应用以及工业机理模型的广泛调用"
    )
    assert industry[2:] == [DEVELOPMENT, SECURITY]
    regional = [r.text for r in cats["regional"].requirements]
    assert (
        regional[1] == "具备区域软件部署能力，为区域内行业企业提供工业机理模型、工业APP等应用服务"
    )
    assert regional[3:] == [DEVELOPMENT, SECURITY]
    assert [r.text for r in cats["specialized"].requirements] == [
        "具备业务数据集成能力，打通ERP、MES、WMS等系统，实现供应链信息汇聚",
        "具备资源配置优化能力，基于供应链调度算法，实现供应链优化",
        "具备供应商管理能力，实现供应商台账、供应商评价、供应商寻优等数字化管理",
    ]


def test_category_texts(scheme: Scheme):
    cats = {c.code: c for c in scheme.categories}
    assert cats["cross-industry"].description == (
        "跨行业跨领域综合型工业互联网平台指具备跨行业跨领域服务能力，能够提供多行业、全价值链、"
        "全产业链服务，具备一定国内外影响力的综合型平台。"
    )
    assert cats["industry"].description == (
        "重点行业平台指龙头企业或行业解决方案商发挥行业专业知识优势，赋能同类行业用户的平台。"
    )
    assert cats["regional"].description.startswith("重点区域平台指以市、园区等为服务对象")
    assert cats["specialized"].description.startswith("省级工业互联网储备平台是指面向特定领域")
    assert cats["specialized"].effects.startswith("缩短交付周期，快速响应用户需求")
    assert cats["specialized"].demonstration.startswith("面向产业链上下游原材料供应商")
    assert cats["industry"].demonstration == (
        "鼓励建设面向重点行业的特色型工业互联网平台，深化平台在垂直行业的应用，推动技术融合应用、"
        "数据价值挖掘、金融模式创新和组织管理变革等，提升劳动力、资本、技术、数据等制造业要素效率。"
    )
    assert "“块状经济”" in cats["regional"].demonstration


def test_categories_name_their_cultivation_library(scheme: Scheme):
    notes = {c.code: c.notes or "" for c in scheme.categories}
    for code in ("cross-industry", "industry", "regional"):
        assert "拟纳入省级平台培育库" in notes[code], code
        assert "储备" not in notes[code], code
    assert "纳入省级储备平台培育库" in notes["specialized"]
    assert "跨行业跨领域综合型工业互联网平台" in notes["cross-industry"]


def test_no_tags(scheme: Scheme):
    assert scheme.classification.industry_tags == []
    assert scheme.classification.domain_tags == []


def test_grade_is_organizer_set(scheme: Scheme):
    grades = scheme.grades
    assert grades is not None and grades.note
    assert [(g.code, g.name, g.min.value) for g in grades.levels] == [
        ("selected", "入选", Decimal(60))
    ]
    assert grades.levels[0].min.organizer_set


def test_aggregation_as_liaoning(scheme: Scheme, liaoning: Scheme):
    assert scheme.aggregation == liaoning.aggregation
    assert scheme.defaults == liaoning.defaults
    assert scheme.aggregation.method == "trimmed_mean"
    assert scheme.aggregation.min_experts == 3
