"""Who organizes a demo batch and where its platforms are, for each bundled scheme.

A scheme that is not bundled (a file given by path) gets the nationwide profile with a
short name made from its id.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    """A place a platform operator is registered: ``name`` as written, ``prefix`` for names."""

    name: str
    prefix: str  # what a company name starts with, e.g. 沈阳 for 沈阳市
    weight: int = 1  # how often operators come from here


@dataclass(frozen=True)
class Profile:
    short: str  # in the batch id, DEMO-<short>-<seed>
    province: str  # 辽宁省, or 全国
    organizer: str
    title: str  # batch title
    regions: tuple[Region, ...]
    industries: tuple[str, ...]  # industries the platforms serve, for names and texts
    universities: tuple[str, ...]
    scale: float = 1.0  # typical platform size relative to a provincial platform


def _cities(province: str, names: str, heavy: int = 2) -> tuple[Region, ...]:
    """``names`` separated by spaces; the first ``heavy`` are the larger economies."""
    regions = []
    for index, name in enumerate(names.split()):
        prefix = name.removesuffix("市").removesuffix("朝鲜族自治州")
        regions.append(Region(f"{province}{name}", prefix, 4 if index < heavy else 1))
    return tuple(regions)


GENERIC_INDUSTRIES = (
    "装备制造",
    "汽车零部件",
    "石油化工",
    "钢铁冶金",
    "电子信息",
    "食品饮料",
    "纺织服装",
    "生物医药",
    "家用电器",
    "建材",
    "有色金属",
    "新能源",
)

LIAONING = Profile(
    short="LN",
    province="辽宁省",
    organizer="辽宁省工业和信息化厅",
    title="2025年辽宁省重点培育工业互联网平台分类分级评估（演示批次）",
    regions=_cities(
        "辽宁省",
        "沈阳市 大连市 鞍山市 抚顺市 本溪市 丹东市 锦州市 营口市 阜新市 辽阳市"
        " 盘锦市 铁岭市 朝阳市 葫芦岛市",
    ),
    industries=("装备制造", "石油化工", "冶金新材料", "汽车零部件", "船舶与海工装备", "菱镁加工"),
    universities=("东北大学", "大连理工大学", "沈阳工业大学", "辽宁大学", "大连海事大学"),
)

JILIN = Profile(
    short="JL",
    province="吉林省",
    organizer="吉林省工业和信息化厅",
    title="2025年吉林省省级工业互联网平台遴选（演示批次）",
    regions=_cities(
        "吉林省", "长春市 吉林市 四平市 辽源市 通化市 白山市 松原市 白城市 延边朝鲜族自治州"
    ),
    industries=("汽车零部件", "轨道交通装备", "石油化工", "医药健康", "农产品加工", "光电信息"),
    universities=("吉林大学", "长春工业大学", "东北师范大学", "长春理工大学", "吉林化工学院"),
)

NATIONAL = Profile(
    short="NAT",
    province="全国",
    organizer="工业和信息化部信息技术发展司",
    title="2023年跨行业跨领域工业互联网平台申报能力评价（演示批次）",
    regions=(
        Region("北京市", "北京", 4),
        Region("上海市", "上海", 4),
        Region("广东省深圳市", "深圳", 3),
        Region("广东省广州市", "广州", 2),
        Region("浙江省杭州市", "杭州", 3),
        Region("江苏省苏州市", "苏州", 2),
        Region("山东省青岛市", "青岛", 2),
        Region("湖北省武汉市", "武汉", 2),
        Region("四川省成都市", "成都", 2),
        Region("安徽省合肥市", "合肥", 1),
        Region("辽宁省沈阳市", "沈阳", 1),
        Region("天津市", "天津", 1),
        Region("重庆市", "重庆", 1),
        Region("湖南省长沙市", "长沙", 1),
        Region("陕西省西安市", "西安", 1),
        Region("福建省厦门市", "厦门", 1),
    ),
    industries=GENERIC_INDUSTRIES,
    universities=("清华大学", "北京航空航天大学", "浙江大学", "华中科技大学", "上海交通大学"),
    scale=4.0,
)

QINGDAO_DISTRICTS = (
    "崂山区",
    "西海岸新区",
    "城阳区",
    "市南区",
    "市北区",
    "李沧区",
    "即墨区",
    "胶州市",
    "平度市",
    "莱西市",
)

QINGDAO = Profile(
    short="QD",
    province="山东省青岛市",
    organizer="青岛市工业和信息化局",
    title="2025年青岛市工业互联网平台培优能力成熟度评估（演示批次）",
    regions=tuple(
        Region(f"山东省青岛市{name}", "青岛", 3 if index < 3 else 1)
        for index, name in enumerate(QINGDAO_DISTRICTS)
    ),
    industries=("家用电器", "橡胶轮胎", "食品饮料", "轨道交通装备", "海洋装备", "纺织服装"),
    universities=("中国海洋大学", "青岛大学", "青岛科技大学", "山东科技大学", "青岛理工大学"),
)

JIANGSU = Profile(
    short="JS",
    province="江苏省",
    organizer="江苏省工业和信息化厅",
    title="2025年省级重点工业互联网平台监测评价（演示批次）",
    regions=_cities(
        "江苏省",
        "南京市 苏州市 无锡市 常州市 徐州市 南通市 连云港市 淮安市 盐城市 扬州市"
        " 镇江市 泰州市 宿迁市",
        heavy=3,
    ),
    industries=("高端装备", "电子信息", "新材料", "纺织服装", "生物医药", "汽车零部件"),
    universities=("东南大学", "南京大学", "江南大学", "南京航空航天大学", "河海大学"),
)

PROFILES = {
    "liaoning-2025-grading": LIAONING,
    "jilin-2025-selection": JILIN,
    "national-crossindustry-2023": NATIONAL,
    "qingdao-maturity": QINGDAO,
    "provincial-monitoring-2025": JIANGSU,
}


def profile_for(scheme_id: str, scheme_title: str) -> Profile:
    """The bundled profile of a scheme, or a nationwide one named after the scheme."""
    known = PROFILES.get(scheme_id)
    if known is not None:
        return known
    short = "".join(part[0] for part in scheme_id.split("-") if part).upper()[:8] or "X"
    return Profile(
        short=short,
        province="全国",
        organizer="工业互联网平台评估组织单位",
        title=f"{scheme_title}（演示批次）",
        regions=NATIONAL.regions,
        industries=GENERIC_INDUSTRIES,
        universities=NATIONAL.universities,
    )
