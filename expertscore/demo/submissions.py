"""One demo submission: who applies, for which category, and what they report."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from expertscore.batch.manifest import Case, ReportedValue, Submission
from expertscore.demo.cases import DemoCase, make_cases
from expertscore.demo.names import Namer
from expertscore.demo.profiles import Profile, Region
from expertscore.demo.texts import TextWriter
from expertscore.demo.values import ValueDrawer
from expertscore.schemes.model import Category, Indicator, Scheme

# how often a category is chosen, and how large its platforms are
CATEGORY_WEIGHT = {"cross-industry": 1, "comprehensive": 2, "industry": 4, "regional": 3}
CATEGORY_SIZE = {
    "cross-industry": 3.0,
    "comprehensive": 2.0,
    "industry": 1.3,
    "vertical": 1.2,
    "regional": 1.0,
    "segment": 0.8,
    "specialized": 0.7,
}
REGIONAL = ("regional",)
NOT_PRIMARY = ("其他", "软件", "工业互联网")


@dataclass(frozen=True)
class DemoSubmission:
    """A submission with what the evidence files need to tell its story."""

    id: str
    platform: str
    operator: str
    brand: str
    region: Region
    category: Category | None
    industry: str  # short label of the main industry served
    industry_tags: list[str]
    domain_tags: list[str]
    size: float
    leaves: list[Indicator]  # applicable leaves, in scheme order
    values: dict[str, ReportedValue]
    cases: list[DemoCase]
    credit_code: str
    contact: str
    phone: str  # masked, as printed on forms
    founded: int
    report_date: date  # the date printed on its evidence

    def record(self) -> Submission:
        return Submission(
            id=self.id,
            platform=self.platform,
            operator=self.operator,
            region=self.region.name,
            category=self.category.code if self.category else None,
            industry_tags=self.industry_tags,
            domain_tags=self.domain_tags,
            values=self.values,
            cases=[Case(title=c.title, text=c.text, indicators=c.indicators) for c in self.cases],
        )


def selectable_categories(scheme: Scheme) -> list[Category]:
    """Categories a submission can declare: each kind, and each category without kinds."""
    found: list[Category] = []

    def visit(categories: list[Category]) -> None:
        for category in categories:
            if category.kinds:
                visit(category.kinds)
            else:
                found.append(category)

    visit(scheme.categories)
    return found


def _industry(rng: random.Random, scheme: Scheme, profile: Profile) -> tuple[str, list[str]]:
    """The main industry's label and the industry tags (when the scheme has them)."""
    tags = scheme.classification.industry_tags
    if not tags:
        return rng.choice(profile.industries), []
    primary = [t for t in tags if not any(word in t.name for word in NOT_PRIMARY)] or tags
    first = rng.choice(primary)
    chosen = [first.code]
    if rng.random() < 0.35:
        second = rng.choice(primary)
        if second.code != first.code:
            chosen.append(second.code)
    label = first.name
    for suffix in ("制造", "工业", "产业"):
        label = label.removesuffix(suffix)
    return label, chosen


def _domains(rng: random.Random, scheme: Scheme) -> list[str]:
    """One to three domain tags in the scheme's order, not 其他 (unless it is the only one)."""
    tags = [t for t in scheme.classification.domain_tags if "其他" not in t.name]
    tags = tags or scheme.classification.domain_tags
    if not tags:
        return []
    picked = {t.code for t in rng.sample(tags, rng.randint(1, min(3, len(tags))))}
    return [t.code for t in tags if t.code in picked]


def _credit_code(rng: random.Random) -> str:
    """Looks like a unified social credit code; not a valid one."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    return "9121" + "".join(rng.choices("0123456789", k=4)) + "".join(rng.choices(alphabet, k=10))


def make_submission(
    rng: random.Random,
    namer: Namer,
    scheme: Scheme,
    profile: Profile,
    sub_id: str,
    created: date,
) -> DemoSubmission:
    categories = selectable_categories(scheme)
    category = None
    if categories:
        weights = [CATEGORY_WEIGHT.get(c.code, 3) for c in categories]
        category = rng.choices(categories, weights=weights)[0]
    industry, industry_tags = _industry(rng, scheme, profile)
    domain_tags = _domains(rng, scheme)
    size = rng.lognormvariate(0.0, 0.7) * profile.scale
    if category is not None:
        size *= CATEGORY_SIZE.get(category.code, 1.0)
    region = namer.region()
    brand = namer.brand()
    regional = category is not None and category.code in REGIONAL
    platform = namer.platform(region, brand, industry, regional)
    operator = namer.operator(region, brand, large=size > 2.5)
    context = {"platform": platform, "brand": brand, "city": region.prefix, "industry": industry}
    leaves = scheme.applicable_leaves(category.code if category else None)
    drawer = ValueDrawer(rng, size)
    writer = TextWriter(rng, namer, context)
    values: dict[str, ReportedValue] = {}
    for leaf in leaves:
        unit = leaf.reported.unit if leaf.reported else "text"
        if unit == "text":
            value = writer.value(leaf)
        elif unit == "yes/no":
            value = drawer.yes_no()
        else:
            value = drawer.number(leaf)
        values[leaf.code] = ReportedValue(value=value, unit=unit)
    cases = make_cases(rng, namer, context, leaves, rng.choice((1, 1, 2)))
    return DemoSubmission(
        id=sub_id,
        platform=platform,
        operator=operator,
        brand=brand,
        region=region,
        category=category,
        industry=industry,
        industry_tags=industry_tags,
        domain_tags=domain_tags,
        size=size,
        leaves=leaves,
        values=values,
        cases=cases,
        credit_code=_credit_code(rng),
        contact=namer.person(),
        phone=f"1{rng.choice('3589')}{rng.randint(0, 9)}****{rng.randint(0, 9999):04d}",
        founded=created.year - max(2, round(4 + 6 * math.log1p(size) + rng.randint(-2, 6))),
        report_date=created - timedelta(days=rng.randint(6, 40)),
    )
