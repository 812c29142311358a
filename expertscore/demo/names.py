"""Invented Chinese names: platforms, operators, customers, experts and their organizations.

Every name is drawn from a ``random.Random`` the caller owns, so a seed gives the same
names. Brands are made of two syllables that real companies rarely combine; a platform
name is never used twice in one batch.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from expertscore.demo.profiles import Profile, Region

BRAND_CHARS = "睿擎衡启航鼎源辰瀚峰嘉宏博远恒泰信达锐创凯盛望融拓联智云数芯德星川屹曜澜卓"

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董曹程袁邓许傅沈曾彭吕苏卢蒋蔡贾"
)
GIVEN = (
    "伟芳敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚建华文志红海宏晓俊亮"
    "鹏宇欣慧颖浩博晨凯琳雪婷峰斌健春玉兰英东"
)

OPERATOR_TRADES = (
    "智能科技",
    "信息技术",
    "数字科技",
    "工业互联网科技",
    "软件",
    "自动化科技",
    "智能装备",
    "云计算科技",
)

PLATFORM_PATTERNS = (
    "{brand}云工业互联网平台",
    "{brand}智造云平台",
    "{brand}{industry}工业互联网平台",
    "{brand}工业互联网平台",
    "{brand}数字孪生工业互联网平台",
    "{brand}设备智联平台",
    "{brand}{industry}产业链协同平台",
    "{brand}工业智能平台",
)

REGIONAL_PATTERNS = (
    "{prefix}{brand}区域工业互联网平台",
    "{prefix}工业互联网公共服务平台（{brand}）",
)

CUSTOMER_TRADES = {
    "装备": ("重型机械", "数控机床", "智能装备", "液压件"),
    "汽车": ("汽车零部件", "汽车部件", "车桥"),
    "化工": ("石化", "精细化工", "化学"),
    "冶金": ("特钢", "冶金", "铝业"),
    "钢铁": ("特钢", "钢铁", "钢管"),
    "电子": ("电子", "光电", "半导体材料"),
    "光电": ("光电", "光学仪器"),
    "食品": ("食品", "乳业", "饮料"),
    "农产品": ("粮油", "食品", "农产品加工"),
    "纺织": ("纺织", "服饰", "化纤"),
    "医药": ("制药", "生物科技", "医疗器械"),
    "家用电器": ("电器", "家电配件"),
    "橡胶": ("轮胎", "橡胶制品"),
    "船舶": ("船舶重工", "海洋工程装备"),
    "海洋": ("海洋工程装备", "船舶配套"),
    "轨道": ("轨道交通装备", "转向架"),
    "菱镁": ("镁业", "耐火材料"),
    "新能源": ("新能源", "储能科技", "光伏"),
    "材料": ("新材料", "复合材料"),
    "建材": ("建材", "水泥"),
    "有色": ("铝业", "铜业"),
}

UNIVERSITY_SCHOOLS = (
    "信息科学与工程学院",
    "机械工程学院",
    "计算机科学与技术学院",
    "自动化学院",
    "管理学院",
    "控制科学与工程学院",
)


def pick_weighted(rng: random.Random, regions: Sequence[Region]) -> Region:
    return rng.choices(list(regions), weights=[r.weight for r in regions])[0]


def province_short(profile: Profile) -> str:
    if profile.province == "全国":
        return "中国"
    return profile.province.removeprefix("山东省").removesuffix("省")


class Namer:
    """Draws names for one batch, keeping platform and person names unique."""

    def __init__(self, rng: random.Random, profile: Profile) -> None:
        self.rng = rng
        self.profile = profile
        self._platforms: set[str] = set()
        self._people: set[str] = set()
        self._brands: set[str] = set()

    def brand(self) -> str:
        """Two syllables, not used before in this batch while there are fresh ones."""
        for _ in range(50):
            first, second = self.rng.sample(BRAND_CHARS, 2)
            brand = first + second
            if brand not in self._brands:
                break
        self._brands.add(brand)
        return brand

    def region(self) -> Region:
        return pick_weighted(self.rng, self.profile.regions)

    def operator(self, region: Region, brand: str, large: bool) -> str:
        trade = self.rng.choice(OPERATOR_TRADES)
        if large:
            suffix = self.rng.choice(("股份有限公司", "集团有限公司"))
        else:
            suffix = self.rng.choices(("有限公司", "股份有限公司"), weights=(4, 1))[0]
        return f"{region.prefix}{brand}{trade}{suffix}"

    def platform(self, region: Region, brand: str, industry: str, regional: bool) -> str:
        patterns = REGIONAL_PATTERNS if regional else PLATFORM_PATTERNS
        values = {"brand": brand, "industry": industry, "prefix": region.prefix}

        def draw() -> str:  # 融云 + 云工业互联网平台 reads 融云工业互联网平台
            return self.rng.choice(patterns).format(**values).replace("云云", "云")

        name = draw()
        for _ in range(10):
            if name not in self._platforms:
                break
            values["brand"] = self.brand()
            name = draw()
        serial = 1
        base = name
        while name in self._platforms:
            serial += 1
            name = f"{base}（{serial}号）"
        self._platforms.add(name)
        return name

    def customer(self, industry: str) -> str:
        """A manufacturing company the platform serves, e.g. 鞍山恒泰特钢有限公司."""
        trades = next(
            (words for key, words in CUSTOMER_TRADES.items() if key in industry), ("制造",)
        )
        region = self.region()
        first, second = self.rng.sample(BRAND_CHARS, 2)
        return f"{region.prefix}{first}{second}{self.rng.choice(trades)}有限公司"

    def person(self) -> str:
        for _ in range(100):
            given = "".join(self.rng.choices(GIVEN, k=self.rng.choice((1, 2, 2))))
            name = self.rng.choice(SURNAMES) + given
            if name not in self._people:
                break
        self._people.add(name)
        return name

    def organization(self, role: str) -> str:
        """Where an expert of ``role`` (财务, 技术, 行业) works."""
        profile = self.profile
        short = province_short(profile)
        rng = self.rng
        if role == "财务":
            firm = f"{self.region().prefix}{self.brand()}会计师事务所（特殊普通合伙）"
            return rng.choice((firm, firm, f"{short}注册会计师协会", f"{short}财经研究院"))
        if role == "行业":
            industry = rng.choice(profile.industries)
            return rng.choice(
                (
                    f"{short}工业互联网产业联盟",
                    f"{short}{industry}行业协会",
                    f"{short}智能制造专家委员会",
                    f"{self.region().prefix}{self.brand()}重工集团有限公司技术中心",
                )
            )
        university = rng.choice(profile.universities)
        return rng.choice(
            (
                f"{university}{rng.choice(UNIVERSITY_SCHOOLS)}",
                f"{university}{rng.choice(UNIVERSITY_SCHOOLS)}",
                f"{short}工业互联网创新研究院",
                f"{short}信息技术研究院",
            )
        )
