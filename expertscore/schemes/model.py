"""The scheme language as typed, immutable records.

A scheme file (``docs/schemes.md``) is parsed by ``yamlsource`` into plain data and then
validated here by pydantic: field types, enumerations and per-node shape. Rules that span
several nodes (weights adding up, unique codes, references) live in ``rules.py``.

All numbers are ``Decimal``. A number the source guide does not publish is written as a
mapping ``{default: ..., note: ...}`` and becomes an ``Amount`` with ``organizer_set``.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

SCHEME_FORMAT = "expertscore-scheme/1"

CODE_PATTERN = r"^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


def parse_percent(value: Any) -> Decimal:
    """``"12.5%"`` -> ``Decimal("12.5")``; the percent sign is required for clarity."""
    if isinstance(value, Decimal):
        return value
    text = str(value).strip()
    if not text.endswith("%"):
        raise ValueError(f"'{text}' must be a percentage such as '12.5%'")
    try:
        number = Decimal(text[:-1].strip())
    except ArithmeticError:
        raise ValueError(f"'{text}' is not a number followed by '%'") from None
    if not number.is_finite():
        raise ValueError(f"'{text}' is not a finite percentage")
    return number


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        raise ValueError("binary floating-point numbers are not accepted; write the digits")
    text = str(value).strip()
    try:
        number = Decimal(text)
    except ArithmeticError:
        raise ValueError(f"'{text}' is not a number") from None
    if not number.is_finite():
        raise ValueError(f"'{text}' is not a finite number")
    return number


class Amount(Frozen):
    """A number of the scheme, either published by the guide or set by the organizer.

    In a file: ``3`` (published) or ``{default: 3, note: why}`` (organizer-set, ``3`` is the
    documented default used until the organizer of a batch sets another value).
    """

    value: Decimal
    organizer_set: bool = False
    note: str | None = None

    @classmethod
    def wrap(cls, raw: Any, parse: Any) -> Any:
        if isinstance(raw, cls):
            return raw
        if isinstance(raw, dict) and "value" in raw:
            return raw  # already in stored form (a dumped Amount)
        if isinstance(raw, dict):
            unknown = set(raw) - {"default", "note"}
            if unknown:
                raise ValueError(f"unknown key(s) {sorted(unknown)}; expected 'default', 'note'")
            if "default" not in raw:
                raise ValueError("an organizer-set value needs a 'default'")
            return {"value": parse(raw["default"]), "organizer_set": True, "note": raw.get("note")}
        return {"value": parse(raw)}


def _percent_amount(raw: Any) -> Any:
    return Amount.wrap(raw, parse_percent)


def _decimal_amount(raw: Any) -> Any:
    return Amount.wrap(raw, parse_decimal)


def _optional(parse: Any) -> Any:
    return lambda value: None if value is None else parse(value)


Dec = Annotated[Decimal, BeforeValidator(parse_decimal)]
Pct = Annotated[Decimal, BeforeValidator(parse_percent)]
OptDec = Annotated[Decimal | None, BeforeValidator(_optional(parse_decimal))]
OptPct = Annotated[Decimal | None, BeforeValidator(_optional(parse_percent))]
PercentAmount = Annotated[Amount, BeforeValidator(_percent_amount)]
PointsAmount = Annotated[Amount, BeforeValidator(_decimal_amount)]


class DataSource(StrEnum):
    """How the reported value reaches the authority."""

    PORT = "端口采集"  # read from the platform's monitoring interface
    UPLOAD = "企业上传"  # uploaded by the operator with evidence
    SYSTEM = "系统匹配"  # matched by the authority's own system


class Nature(StrEnum):
    OBJECTIVE = "objective"  # a verifiable fact: experts must agree
    SUBJECTIVE = "subjective"  # a judgement


UNITS = (
    "万元",
    "人",
    "台/套",
    "TB",
    "个",
    "次",
    "件",
    "项",
    "家",
    "户",
    "核",
    "%",
    "yes/no",
    "text",
)


class Reported(Frozen):
    """The value the operator reports for a leaf indicator."""

    unit: str
    source: DataSource
    label: str | None = None  # the guide's wording when it differs, e.g. 数字工信匹配
    prompt: str | None = None  # what the operator is asked to report

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        if unit not in UNITS:
            raise ValueError(f"unknown unit '{unit}'; expected one of {', '.join(UNITS)}")
        return unit

    @property
    def numeric(self) -> bool:
        return self.unit not in ("yes/no", "text")


class PointsScoring(Frozen):
    """Any score from 0 to the leaf's maximum in steps of ``step``."""

    mode: Literal["points"]
    step: OptDec = None  # None: the scheme's default step


class Grade(Frozen):
    label: str
    fraction: PointsAmount  # share of the leaf's maximum, 0..1; may be organizer-set


class OrdinalScoring(Frozen):
    """Grades such as 优/良/中/差, each worth a fraction of the maximum."""

    mode: Literal["ordinal"]
    grades: list[Grade] = Field(min_length=2)


class YesNoScoring(Frozen):
    """Yes earns the maximum, no earns nothing."""

    mode: Literal["yesno"]
    question: str | None = None


class Band(Frozen):
    """Reported values from ``min`` (inclusive) upward earn ``points``."""

    min: Dec
    points: PointsAmount


class BandsScoring(Frozen):
    """Points suggested from the reported value; the expert accepts or overrides."""

    mode: Literal["bands"]
    bands: list[Band] = Field(min_length=1)
    step: OptDec = None  # step for an override; None: the scheme's default


class FixedScoring(Frozen):
    """The maximum if ``condition`` holds, else nothing (e.g. 独立法人 3 points or 0)."""

    mode: Literal["fixed"]
    condition: str = Field(min_length=1)


class Shortcoming(Frozen):
    """A shortcoming a ``deduction`` leaf lists, and the points it deducts."""

    label: str = Field(min_length=1)
    points: Dec


class DeductionScoring(Frozen):
    """扣分制: the maximum less the points of each shortcoming the expert ticks, floor 0."""

    mode: Literal["deduction"]
    deductions: list[Shortcoming] = Field(min_length=1)


Scoring = Annotated[
    PointsScoring | OrdinalScoring | YesNoScoring | BandsScoring | FixedScoring | DeductionScoring,
    Field(discriminator="mode"),
]


class Indicator(Frozen):
    """A node of the indicator tree; a node without children is a leaf that experts score."""

    code: str = Field(pattern=CODE_PATTERN)
    name: str = Field(min_length=1)
    number: str | None = None  # the serial printed in the guide, e.g. "22" or "（七）"
    weight: PercentAmount | None = None
    points: PointsAmount | None = None
    description: str | None = None
    requirement: str | None = None  # 能力要求 of a group
    bonus: bool = False
    cap: PointsAmount | None = None
    children: list[Indicator] = Field(default_factory=list)
    scoring: Scoring | None = None
    reported: Reported | None = None
    nature: Nature | None = None
    rubric: str | None = None
    spread_threshold: OptPct = None

    @field_validator("code", "number", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return None if value is None else str(value)

    @property
    def is_leaf(self) -> bool:
        return not self.children

    def walk(self) -> Iterator[Indicator]:
        yield self
        for child in self.children:
            yield from child.walk()


class Tag(Frozen):
    code: str
    name: str = Field(min_length=1)
    description: str | None = None

    @field_validator("code", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str:
        return str(value)


class Classification(Frozen):
    industry_tags: list[Tag] = Field(default_factory=list)
    domain_tags: list[Tag] = Field(default_factory=list)
    note: str | None = None


class GradeLevel(Frozen):
    """A level reached when the result is at least ``min`` percent of the attainable points."""

    code: str
    name: str
    min: PercentAmount


class GradeScale(Frozen):
    levels: list[GradeLevel] = Field(min_length=1)
    note: str | None = None


class Requirement(Frozen):
    code: str
    text: str = Field(min_length=1)

    @field_validator("code", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str:
        return str(value)


class Category(Frozen):
    """A platform category (e.g. 双跨型) with its capability checklist.

    ``indicators`` lists the codes (groups or leaves) that apply to platforms of this
    category, or is ``all``. A kind (sub-category) that sets no ``indicators`` or
    ``grades`` inherits its category's; a category that sets none uses ``all`` and the
    scheme's grades.
    """

    code: str = Field(pattern=SLUG_PATTERN)
    name: str = Field(min_length=1)
    description: str | None = None
    requirements_intro: str | None = None  # the sentence that leads into the checklist
    requirements: list[Requirement] = Field(default_factory=list)
    effects: str | None = None  # 应用成效
    demonstration: str | None = None  # 示范内容
    notes: str | None = None
    indicators: Literal["all"] | list[str] | None = None
    kinds: list[Category] = Field(default_factory=list)
    grades: GradeScale | None = None

    @field_validator("indicators", mode="before")
    @classmethod
    def _codes(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [str(item) for item in value]
        return value


class AggregationMethod(StrEnum):
    MEAN = "mean"
    TRIMMED_MEAN = "trimmed_mean"
    MEDIAN = "median"
    FAMILIARITY_WEIGHTED = "familiarity_weighted"  # a mean weighted by the experts' familiarity
    WINSORISED_MEAN = "winsorised_mean"  # the extremes replaced by their neighbours, then the mean


class TrimScope(StrEnum):
    INDICATOR = "indicator"  # trim per indicator, then add up
    EXPERT_TOTAL = "expert_total"  # add up per expert, then trim the totals


class Rounding(StrEnum):
    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    DOWN = "down"


class RankWithin(StrEnum):
    BATCH = "batch"  # one ranking of every submission
    CATEGORY = "category"  # one ranking per top-level category (kinds rank with their category)


class FamiliarityWeights(Frozen):
    """The weight of an expert's score by their own familiarity mark (熟悉程度) with the
    submission, for ``method: familiarity_weighted``; ``unmarked``: no mark. The field names
    are the marks a result file carries (``scoring.familiarity.LEVELS``)."""

    familiar: Dec = Field(default=Decimal(1), gt=0)  # 熟悉
    fairly: Dec = Field(default=Decimal("0.8"), gt=0)  # 较熟悉
    moderate: Dec = Field(default=Decimal("0.6"), gt=0)  # 一般
    unmarked: Dec = Field(default=Decimal(1), gt=0)


class Aggregation(Frozen):
    """How the panel's scores become one score (``schemes.policies`` holds each method's
    rules)."""

    method: AggregationMethod = AggregationMethod.MEAN
    trim_min_experts: int = 5  # trim one highest and one lowest from this many experts on
    trim_scope: TrimScope = TrimScope.INDICATOR
    min_experts: int = Field(default=1, ge=1)
    decimals: int = Field(default=2, ge=0, le=6)
    rounding: Rounding = Rounding.HALF_UP
    spread_threshold: Pct = Decimal(30)  # percent of the leaf's maximum
    deviation_limit: Pct = Decimal(30)  # percent from the panel mean
    rank_within: RankWithin = RankWithin.BATCH
    # Only with ``method: familiarity_weighted``; not given there: the defaults.
    familiarity_weights: FamiliarityWeights | None = None


class Source(Frozen):
    document: str
    file: str | None = None
    publishes: list[
        Literal[
            "structure",
            "weights",
            "points",
            "tags",
            "categories",
            "thresholds",
            "descriptions",
            "units",
            "data_sources",
        ]
    ] = Field(default_factory=list)
    notes: str | None = None


class Defaults(Frozen):
    step: Dec = Decimal("0.5")
    nature: Nature = Nature.SUBJECTIVE


class Scheme(Frozen):
    """One evaluation guide, ready to score with."""

    format: Literal["expertscore-scheme/1"]
    id: str = Field(pattern=SLUG_PATTERN)
    title: str = Field(min_length=1)
    version: str
    source: Source
    weighting: Literal["percent", "points"]
    total_points: Dec = Decimal(100)
    level_names: list[str] = Field(default_factory=list)
    defaults: Defaults = Field(default_factory=Defaults)
    classification: Classification = Field(default_factory=Classification)
    categories: list[Category] = Field(default_factory=list)
    grades: GradeScale | None = None
    aggregation: Aggregation = Field(default_factory=Aggregation)
    indicators: list[Indicator] = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> str:
        return str(value)

    def walk(self) -> Iterator[Indicator]:
        for node in self.indicators:
            yield from node.walk()

    def leaves(self) -> list[Indicator]:
        return [node for node in self.walk() if node.is_leaf]

    @cached_property
    def _by_code(self) -> dict[str, Indicator]:
        index: dict[str, Indicator] = {}
        for node in self.walk():
            index.setdefault(node.code, node)
        return index

    def find(self, code: str) -> Indicator | None:
        return self._by_code.get(code)

    def category_path(self, code: str) -> list[Category]:
        """The category with ``code`` and its ancestors, outermost first; [] if unknown."""

        def search(categories: list[Category], trail: list[Category]) -> list[Category]:
            for category in categories:
                if category.code == code:
                    return [*trail, category]
                found = search(category.kinds, [*trail, category])
                if found:
                    return found
            return []

        return search(self.categories, [])

    def applicable_leaves(self, category_code: str | None) -> list[Indicator]:
        """The leaves scored for a platform of this category (kinds inherit); all if None."""
        trail = self.category_path(category_code) if category_code else []
        selection = next((c.indicators for c in reversed(trail) if c.indicators is not None), "all")
        if selection == "all":
            return self.leaves()
        chosen = [node for code in selection if (node := self.find(code)) is not None]
        seen: set[str] = set()
        leaves: list[Indicator] = []
        for node in chosen:
            for leaf in node.walk():
                if leaf.is_leaf and leaf.code not in seen:
                    seen.add(leaf.code)
                    leaves.append(leaf)
        return leaves

    def grade_scale(self, category_code: str | None) -> GradeScale | None:
        """The grade levels for a category (its own, else its parent's, else the scheme's)."""
        trail = self.category_path(category_code) if category_code else []
        own = next((c.grades for c in reversed(trail) if c.grades is not None), None)
        return own or self.grades
