"""The Qingdao maturity scheme encodes exactly what 青岛市工业互联网平台培优工作指南 publishes.

Ground truth: /work/shared/seeds/003_bec0952e60e77310.txt (附件 and its two 附表). The guide
publishes the structure, units, descriptions and categories, but no points and no level
thresholds, so every such number must be organizer-set.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from expertscore.schemes import Indicator, Scheme, load_scheme, max_points
from expertscore.schemes.model import Category, DataSource, Nature, YesNoScoring

REPO = Path(__file__).resolve().parents[2]
SCHEME_FILE = REPO / "schemes" / "qingdao-maturity.yaml"

GENERAL = [
    ("主营业务收入", "万元"),
    ("建设投入", "万元"),
    ("自身盈利能力", "万元"),
    ("专业服务团队", "人"),
    ("服务企业数量", "家"),
    ("专利及软著数量", "件"),
    ("参与标准制定数", "项"),
    ("汇聚数据量", "TB"),
    ("安全防护水平", "yes/no"),
    ("互联互通水平", "yes/no"),
]

COMPREHENSIVE = [
    ("工业设备连接数量", "台/套"),
    ("工业APP及服务应用累计订阅数量", "次"),
    ("工业机理模型数量", "个"),
    ("赋能行业数量", "个"),
    ("服务园区数量", "个"),
    ("集聚开发者数量", "人"),  # no unit in the table: chosen
    ("注册用户数量", "户"),  # no unit in the table: chosen
    ("上年度平台交易额", "万元"),
]

FEATURED = [
    ("工业设备连接数量", "台/套"),
    ("工业协议兼容数量", "个"),  # no unit in the table: chosen
    ("自研工业APP及服务应用数量", "个"),
    ("工业机理模型数量", "个"),
    ("接入零售门店、上下游企业数量", "个"),
    ("上年度平台交易额", "万元"),
]

SPECIALIZED = [
    ("工业设备连接数量", "台/套"),
    ("自研工业APP数量", "个"),
    ("工业机理模型数量", "个"),
    ("工业APP及服务应用累计订阅数量", "次"),
    ("注册用户数量", "户"),  # no unit in the table: chosen
    ("平均日活用户数", "户"),  # no unit in the table: chosen
    ("平台集聚开发者数量", "人"),
    ("是否建设低代码平台", "yes/no"),
]

GROUPS = {
    "G": ("通用标准", GENERAL),
    "C": ("综合型个性标准", COMPREHENSIVE),
    "F": ("特色型个性标准", FEATURED),
    "P": ("专业型个性标准", SPECIALIZED),
}

# Leaves read from the platform monitoring system (第十二条: APP数量, 连接设备数量, 服务企业数量).
PORT_LEAVES = {"G.5", "C.1", "C.2", "F.1", "F.3", "P.1", "P.2", "P.4"}
YES_NO_LEAVES = {"G.9", "G.10", "P.8"}


@pytest.fixture(scope="module")
def scheme() -> Scheme:
    return load_scheme(SCHEME_FILE)


def group(scheme: Scheme, code: str) -> Indicator:
    node = scheme.find(code)
    assert node is not None, code
    return node


def category(scheme: Scheme, code: str) -> Category:
    found = [c for c in scheme.categories if c.code == code]
    assert len(found) == 1, code
    return found[0]


def applicable_leaves(scheme: Scheme, cat: Category) -> list[Indicator]:
    assert isinstance(cat.indicators, list)
    leaves: list[Indicator] = []
    for code in cat.indicators:
        leaves += [node for node in group(scheme, code).walk() if node.is_leaf]
    return leaves


def all_categories(scheme: Scheme) -> list[Category]:
    return [c for top in scheme.categories for c in (top, *top.kinds)]


def test_header(scheme: Scheme):
    assert scheme.id == "qingdao-maturity"
    assert scheme.title == "青岛市工业互联网平台能力成熟度评估"
    assert scheme.version == "2023.1"
    assert scheme.weighting == "points"
    assert scheme.level_names == ["标准", "指标"]
    assert scheme.defaults.step == Decimal("0.5")
    assert scheme.source.document == "青岛市工业互联网平台培优工作指南（试行）"
    assert scheme.source.file == "003_bec0952e60e77310.txt"
    assert scheme.source.publishes == ["structure", "units", "descriptions", "categories"]
    assert "points" not in scheme.source.publishes
    assert "thresholds" not in scheme.source.publishes


def test_aggregation(scheme: Scheme):
    policy = scheme.aggregation
    assert policy.method == "mean"
    assert policy.min_experts == 3
    assert policy.decimals == 2
    assert policy.rounding == "half_up"
    assert policy.spread_threshold == Decimal(30)
    assert policy.deviation_limit == Decimal(30)


def test_tree_has_four_groups_of_leaves(scheme: Scheme):
    assert [(n.code, n.name) for n in scheme.indicators] == [
        (code, name) for code, (name, _) in GROUPS.items()
    ]
    for node in scheme.indicators:
        assert node.points is None, node.code
        assert all(child.is_leaf for child in node.children), node.code
    assert len(scheme.leaves()) == 10 + 8 + 6 + 8


@pytest.mark.parametrize("code", list(GROUPS))
def test_leaves_names_units_and_numbers(scheme: Scheme, code: str):
    _, expected = GROUPS[code]
    children = group(scheme, code).children
    assert [(c.name, c.reported.unit) for c in children if c.reported] == expected
    assert len(children) == len(expected)
    assert [c.code for c in children] == [f"{code}.{i}" for i in range(1, len(expected) + 1)]
    assert [c.number for c in children] == [str(i) for i in range(1, len(expected) + 1)]


def test_general_descriptions(scheme: Scheme):
    descriptions = {n.code: n.description for n in group(scheme, "G").children}
    assert descriptions == {
        "G.1": "运营单位从事本行业生产经营活动所取得的营业收入。",
        "G.2": "运营单位用于平台开发建设的金额。",
        "G.3": "上年度实际服务企业上平台用平台利润总额。",
        "G.4": "围绕平台业务从事商业运营、技术开发、市场拓展、运维服务等专职人员数量，"
        "以缴纳社保为准。",
        "G.5": "运营单位依托平台服务工业企业、服务商及其他经济实体的数量。",
        "G.6": "运营单位获得的专利及软著数量。",
        "G.7": "运营单位牵头或参与编制相关行业及领域标准情况，包括国际、国家、行业和地方标准。",
        "G.8": "运营单位依托平台汇集研发、生产、销售等核心环节数据资源总量。",
        "G.9": "是否具备网络安全防护能力，并开展网络安全等级保护。",
        "G.10": "是否接入平台监测系统。",
    }


def test_type_specific_descriptions(scheme: Scheme):
    device = "工业设备（运行设备、加工设备、行走设备、安全生产设施及相关终端等）的连接数量。"
    for code in ("C.1", "F.1", "P.1"):
        assert group(scheme, code).description == device
    assert group(scheme, "C.2").description == (
        "运营单位依托平台提供MES、ERP等云化软件或专业级服务应用次数。"
    )
    assert group(scheme, "P.4").description == (
        "运营单位依托平台提供MES、ERP等云化软件或专业级服务应用年度被调用次数。"
    )
    assert group(scheme, "C.5").description == (
        "通过平台提高园区治理及产业协同水平、加速园区生态汇聚，赋能各类产业园区/集聚区数量。"
    )
    assert group(scheme, "F.2").description == "平台兼容或接入工业协议数量。"
    assert group(scheme, "F.5").description == (
        "运营单位依托平台变革传统生产组织模式，接入零售门店、售后服务商及上下游企业数量。"
    )
    assert group(scheme, "P.6").description == (
        "近一个月内平台平均每日实际活跃用户数量，活跃指当日至少登陆过一次平台。"
    )
    assert group(scheme, "P.8").description == (
        "围绕平台核心业务功能建设的低代码平台，以图形化的方式降低业务开发成本。"
    )
    assert all(leaf.description for leaf in scheme.leaves())


def test_every_point_value_is_organizer_set(scheme: Scheme):
    for leaf in scheme.leaves():
        assert leaf.points is not None, leaf.code
        assert leaf.points.organizer_set, leaf.code
        assert leaf.points.value == Decimal(10), leaf.code
        assert leaf.points.note, leaf.code
        assert max_points(scheme, leaf) == Decimal(10)


def test_leaves_are_objective_with_rubric_and_source(scheme: Scheme):
    for leaf in scheme.leaves():
        assert leaf.nature == Nature.OBJECTIVE, leaf.code
        assert leaf.rubric, leaf.code
        expected = DataSource.PORT if leaf.code in PORT_LEAVES else DataSource.UPLOAD
        assert leaf.reported is not None
        assert leaf.reported.source == expected, leaf.code


def test_yes_no_leaves_score_yes_or_no(scheme: Scheme):
    yes_no = {leaf.code for leaf in scheme.leaves() if leaf.reported.unit == "yes/no"}
    assert yes_no == YES_NO_LEAVES
    for code in YES_NO_LEAVES:
        assert isinstance(group(scheme, code).scoring, YesNoScoring), code


def test_three_categories(scheme: Scheme):
    assert [(c.code, c.name) for c in scheme.categories] == [
        ("comprehensive", "综合型"),
        ("featured", "特色型"),
        ("specialized", "专业型"),
    ]
    assert category(scheme, "comprehensive").description == (
        "综合型工业互联网平台系指具备跨行业跨领域服务能力，能够提供多行业、全价值链、"
        "全产业链、全生命周期服务，具备一定国内外影响力的平台。"
    )
    assert category(scheme, "featured").description == (
        "特色型工业互联网平台系指面向垂直行业、细分领域提供通用或特定场景云服务的平台。"
    )
    assert category(scheme, "specialized").description.startswith(
        "专业型工业互联网平台是指围绕特定工业场景和前沿信息技术"
    )


def test_featured_has_two_kinds(scheme: Scheme):
    featured = category(scheme, "featured")
    assert [(k.code, k.name) for k in featured.kinds] == [
        ("vertical", "垂直行业"),
        ("segment", "细分领域"),
    ]
    assert featured.requirements == []
    for kind in featured.kinds:
        assert len(kind.requirements) == 4, kind.code
        assert kind.description and kind.effects and kind.demonstration, kind.code
        assert kind.indicators is None, kind.code  # inherited from 特色型
        assert kind.grades is None, kind.code
        assert [leaf.code for leaf in scheme.applicable_leaves(kind.code)] == [
            leaf.code for leaf in scheme.applicable_leaves("featured")
        ]
        assert scheme.grade_scale(kind.code) == featured.grades
        assert kind.requirements_intro.startswith("基于平台打造")
        assert kind.kinds == []
    vertical, segment = featured.kinds
    assert vertical.description.startswith("垂直行业平台指龙头企业或行业解决方案供应商")
    assert segment.description.startswith("细分领域平台指聚焦制造业不同要素、不同环节")


def test_requirement_counts_and_text(scheme: Scheme):
    counts = {c.code: len(c.requirements) for c in all_categories(scheme)}
    assert counts == {
        "comprehensive": 6,
        "featured": 0,
        "vertical": 4,
        "segment": 4,
        "specialized": 4,
    }
    for cat in all_categories(scheme):
        assert [r.code for r in cat.requirements] == [
            str(i) for i in range(1, len(cat.requirements) + 1)
        ]
        for requirement in cat.requirements:
            assert not requirement.text.startswith(("一是", "二是", "三是", "四是")), cat.code
            assert requirement.text.endswith("。"), cat.code
    comprehensive = category(scheme, "comprehensive")
    assert comprehensive.requirements[1].text == (
        "具备跨行业平台应用服务能力，可提供覆盖3个及以上的行业级解决方案和工业APP。"
    )
    vertical = category(scheme, "featured").kinds[0]
    assert vertical.requirements[3].text == (
        "具备安全防护能力，确保网络安全、设备安全、应用安全和数据安全。"
    )
    segment = category(scheme, "featured").kinds[1]
    assert segment.requirements[1].text == (
        "轻量化场景服务能力，面向远程运维、设备管理、能耗监测、安全生产等特定场景，"
        "提供“小快轻灵”的场景化、SaaS化服务，降低规模化部署或应用成本。"
    )
    specialized = category(scheme, "specialized")
    assert specialized.requirements[2].text == (
        "应用前沿信息技术，深化“平台+数字仿真”“平台+人工智能”“平台+区块链”等技术融合应用能力。"
    )


def test_effects_and_demonstration(scheme: Scheme):
    for code in ("comprehensive", "specialized"):
        cat = category(scheme, code)
        assert cat.effects and cat.demonstration, code
    assert category(scheme, "comprehensive").effects.startswith(
        "通过跨行业跨领域工业互联网平台的应用"
    )
    assert category(scheme, "specialized").demonstration.endswith(
        "有效降低中小企业的研发成本和门槛。"
    )


@pytest.mark.parametrize(
    ("code", "groups", "count"),
    [
        ("comprehensive", ["G", "C"], 18),
        ("featured", ["G", "F"], 16),
        ("specialized", ["G", "P"], 18),
    ],
)
def test_applicable_indicators(scheme: Scheme, code: str, groups: list[str], count: int):
    cat = category(scheme, code)
    assert cat.indicators == groups
    leaves = applicable_leaves(scheme, cat)
    assert len(leaves) == count
    names = [leaf.name for leaf in leaves]
    assert names[:10] == [name for name, _ in GENERAL]


@pytest.mark.parametrize("code", ["comprehensive", "featured", "specialized"])
def test_each_category_has_three_organizer_set_levels(scheme: Scheme, code: str):
    grades = category(scheme, code).grades
    assert grades is not None
    assert [(level.code, level.name) for level in grades.levels] == [
        ("L1", "一级"),
        ("L2", "二级"),
        ("L3", "三级"),
    ]
    thresholds = [level.min.value for level in grades.levels]
    assert thresholds == [Decimal(60), Decimal(75), Decimal(90)]
    assert thresholds == sorted(thresholds) and len(set(thresholds)) == 3
    assert max(thresholds) == grades.levels[-1].min.value  # 三级 is the highest
    assert all(level.min.organizer_set for level in grades.levels)
    assert grades.note
    for meaning in ("市级平台培优名录", "省级重点平台", "国家级"):
        assert meaning in grades.note


def test_no_scheme_wide_grades(scheme: Scheme):
    # Levels are defined per category (第六条: 每一类设置一级、二级、三级).
    assert scheme.grades is None
