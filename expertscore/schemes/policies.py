"""Aggregation policies: how the experts' scores of one indicator become the panel's score.

Each policy is one class, registered in ``POLICIES`` under the scheme's
``aggregation.method``; ``policy_of(rules)`` gives the object for a scheme's rules. The
aggregation (``chair.aggregate``) and its leave-one-out check (``chair.robustness``) ask
the same object, and so do the scheme check, the organizer's coverage check, the panel
file's ``policy`` record and the outputs that describe the policy, so each policy's rules
are written once. Adding a policy is adding a class here, registered under its method
name (a member of ``schemes.model.AggregationMethod``, with its label in
``wording.labels``).

``combine`` takes one indicator's scores in expert-id order (and, for a policy that weighs
experts, their weights) and returns the exact panel value and the indexes of the scores
that made it. ``without_each`` gives, for each of those scores, the rounded panel value of
the others: the leave-one-out check needs it for every expert and indicator, so the
policies that only look at the values work it out once per distinct value from the sorted
scores (``alternatives``), in constant time each where the sum allows it; ``without`` is
the rule for one left-out score, written next to ``combine``. Arithmetic is ``Decimal``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, ClassVar, Protocol

from expertscore.schemes.model import (
    Aggregation,
    AggregationMethod,
    FamiliarityWeights,
    TrimScope,
)
from expertscore.wording import Text, current
from expertscore.wording.labels import label

ZERO = Decimal(0)
# Keys of ``aggregation`` that only the policies reading them may set (the trimming keys
# predate this rule and are accepted with any method).
EXCLUSIVE_KEYS = frozenset({"familiarity_weights"})
Rounded = Callable[[Decimal], Decimal]


class Marked(Protocol):
    """What weighing an expert needs from their sheet of a submission (``aggregate.Sheet``)."""

    @property
    def expert(self) -> str: ...

    @property
    def familiarity(self) -> str | None: ...


def _plain(number: Decimal) -> str:
    """A Decimal as written in a scheme: no exponent, no trailing zeros (0.80 -> 0.8)."""
    return format(number.normalize(), "f")


class AggregationPolicy(ABC):
    """One aggregation method with the scheme's rules (``Aggregation``) it reads.

    The default methods describe a policy that looks at each indicator's values alone and
    weighs every expert alike; a subclass overrides what it does differently.
    """

    method: ClassVar[AggregationMethod]
    # The keys of ``aggregation`` the policy reads beyond the common ones; those in
    # ``EXCLUSIVE_KEYS`` a scheme may set only for a policy that reads them.
    own_keys: ClassVar[frozenset[str]] = frozenset()
    # The sentence of the report's 汇总方法, in English and Chinese; its ``{fields}`` are
    # filled from ``facts``.
    sentence: ClassVar[Text]

    def __init__(self, rules: Aggregation) -> None:
        self.rules = rules

    # -- who counts --------------------------------------------------------------------

    @property
    def trims_experts(self) -> bool:
        """Whether whole experts are left out by their totals (``kept_experts``): then a
        panel value depends on every indicator, and leave-one-out re-aggregates."""
        return False

    def kept_experts(self, totals: Sequence[Decimal]) -> list[int]:
        """The indexes, ascending, of the experts whose scores count, from their totals."""
        return list(range(len(totals)))

    def weights(self, sheets: Sequence[Marked]) -> dict[str, Decimal] | None:
        """Each expert's weight on a submission; ``None``: every expert weighs alike."""
        return None

    def needed_experts(self) -> int:
        """The fewest experts each indicator needs for the policy to work as written."""
        return self.rules.min_experts

    # -- one indicator ---------------------------------------------------------------------

    @abstractmethod
    def combine(
        self, values: Sequence[Decimal], weights: Sequence[Decimal] | None = None
    ) -> tuple[Decimal, list[int]]:
        """The panel value of ``values`` (expert-id order) and the indexes of those kept."""

    def without(self, ordered: Sequence[Decimal], position: int, total: Decimal) -> Decimal:
        """The panel value of the sorted ``ordered`` without the one at ``position``;
        ``total`` is their sum. (A policy that weighs experts overrides ``without_each``
        instead: there the left-out expert matters, not only their score.)"""
        raise NotImplementedError(f"{self.method}: leave-one-out is by expert")

    def alternatives(self, ordered: Sequence[Decimal], rounded: Rounded) -> dict[Decimal, Decimal]:
        """Each distinct value of the sorted ``ordered`` (two or more) -> the rounded panel
        value without one score of that value (any one: the same scores remain)."""
        n = len(ordered) - 1
        total = sum(ordered, ZERO)
        # Each distinct value with the position of its first occurrence.
        first = dict(zip(reversed(ordered), range(n, -1, -1), strict=True))
        return {v: rounded(self.without(ordered, p, total)) for v, p in first.items()}

    def without_each(
        self, values: Sequence[Decimal], weights: Sequence[Decimal] | None, rounded: Rounded
    ) -> list[Decimal | None]:
        """For each of ``values``, the rounded panel value of the others (``None``: none)."""
        if len(values) < 2:
            return [None] * len(values)
        found = self.alternatives(sorted(values), rounded)
        return list(map(found.__getitem__, values))

    # -- in words and in the panel file ----------------------------------------------------

    def problems(self) -> Iterator[tuple[str, str]]:
        """(key of ``aggregation``, what is wrong) for every rule the scheme breaks."""
        for key in sorted(EXCLUSIVE_KEYS - self.own_keys):
            if getattr(self.rules, key) is not None:
                readers = " or ".join(p.method for p in POLICIES.values() if key in p.own_keys)
                yield key, f"{key} is read only by method {readers}"

    def facts(self, language: str) -> dict[str, str]:
        return {}

    def describe(self, language: str | None = None) -> str:
        """How an indicator's panel score is made, in a sentence (the report's 汇总方法)."""
        chosen = language or current()
        return self.sentence.in_language(chosen).format(**self.facts(chosen))

    def details(self, language: str | None = None) -> list[tuple[str, str]]:
        """(what, how) lines beyond the method's name (the workbook's 说明 sheet)."""
        return []

    def record(self) -> dict[str, Any]:
        """The panel file's ``policy`` fields beyond the common ones (docs/formats.md)."""
        return {}


class Mean(AggregationPolicy):
    method = AggregationMethod.MEAN
    sentence = Text(
        "each indicator: the mean of every expert's score", "各指标取全部评分专家的算术平均值"
    )

    def combine(
        self, values: Sequence[Decimal], weights: Sequence[Decimal] | None = None
    ) -> tuple[Decimal, list[int]]:
        return sum(values, ZERO) / len(values), list(range(len(values)))

    def without(self, ordered: Sequence[Decimal], position: int, total: Decimal) -> Decimal:
        return (total - ordered[position]) / (len(ordered) - 1)

    def alternatives(self, ordered: Sequence[Decimal], rounded: Rounded) -> dict[Decimal, Decimal]:
        n = len(ordered) - 1
        total = sum(ordered, ZERO)
        return {v: rounded((total - v) / n) for v in set(ordered)}


class Median(AggregationPolicy):
    method = AggregationMethod.MEDIAN
    sentence = Text(
        "each indicator: the median of every expert's score", "各指标取全部评分专家的中位数"
    )

    def combine(
        self, values: Sequence[Decimal], weights: Sequence[Decimal] | None = None
    ) -> tuple[Decimal, list[int]]:
        # Sorted stably: of equal values the first in expert-id order comes first.
        order = sorted(range(len(values)), key=values.__getitem__)
        n = len(order)
        middle = order[(n - 1) // 2 : n // 2 + 1]
        return sum(map(values.__getitem__, middle), ZERO) / len(middle), middle

    def without(self, ordered: Sequence[Decimal], position: int, total: Decimal) -> Decimal:
        n = len(ordered) - 1
        rest = [*ordered[:position], *ordered[position + 1 :]]
        middle = rest[(n - 1) // 2 : n // 2 + 1]
        return sum(middle, ZERO) / len(middle)


class TrimmedMean(AggregationPolicy):
    """The highest and the lowest score dropped (one each) once ``trim_min_experts``
    scored, per indicator; or, with ``trim_scope: expert_total``, the experts with the
    highest and the lowest total left out and the others' scores averaged per indicator."""

    method = AggregationMethod.TRIMMED_MEAN
    own_keys = frozenset({"trim_min_experts", "trim_scope"})
    sentence = Text(
        "each indicator: the mean without the highest and the lowest score ({trim})",
        "各指标去掉一个最高分和一个最低分（{trim}）后取算术平均值",
    )
    by_totals = Text(
        "the experts with the highest and the lowest total left out ({trim}); each"
        " indicator: the mean of the other experts' scores",
        "按专家总分去掉一个最高分和一个最低分（{trim}），各指标取其余专家评分的算术平均值",
    )
    when = Text("once {count} experts scored", "评分专家达到 {count} 人时")
    trimming = Text("Trimming", "去极值")
    trimming_how = Text(
        "{scope}; only once at least {count} experts scored",
        "{scope}；至少 {count} 位专家评分时才去极值",
    )

    @property
    def trims_experts(self) -> bool:
        return self.rules.trim_scope == TrimScope.EXPERT_TOTAL

    @property
    def _trim_from(self) -> int:
        return self.rules.trim_min_experts

    def kept_experts(self, totals: Sequence[Decimal]) -> list[int]:
        if not self.trims_experts:
            return super().kept_experts(totals)
        return sorted(self._trimmed(totals)[1])

    def needed_experts(self) -> int:
        return max(self.rules.min_experts, self.rules.trim_min_experts)

    def _trimmed(self, values: Sequence[Decimal]) -> tuple[Decimal, list[int]]:
        if len(values) < self._trim_from:
            return sum(values, ZERO) / len(values), list(range(len(values)))
        # Sorted stably: of equal lowest values the first in expert-id order is dropped,
        # of equal highest values the last.
        order = sorted(range(len(values)), key=values.__getitem__)
        kept = order[1:-1]
        return sum(map(values.__getitem__, kept), ZERO) / len(kept), kept

    def combine(
        self, values: Sequence[Decimal], weights: Sequence[Decimal] | None = None
    ) -> tuple[Decimal, list[int]]:
        if not self.trims_experts:
            return self._trimmed(values)
        # The kept experts' scores, averaged (listed in the order of their values).
        order = sorted(range(len(values)), key=values.__getitem__)
        return sum(map(values.__getitem__, order), ZERO) / len(order), order

    def _trims(self, remaining: int) -> bool:
        return not self.trims_experts and remaining >= self._trim_from

    def without(self, ordered: Sequence[Decimal], position: int, total: Decimal) -> Decimal:
        n = len(ordered) - 1
        remaining = total - ordered[position]
        if self._trims(n):
            low = ordered[1] if position == 0 else ordered[0]
            high = ordered[-2] if position == n else ordered[-1]
            return (remaining - low - high) / (n - 2)
        return remaining / n

    def alternatives(self, ordered: Sequence[Decimal], rounded: Rounded) -> dict[Decimal, Decimal]:
        # Leaving out an inner score leaves both ends to be dropped: the value follows
        # from the sum; only the two ends (which change what is dropped) need ``without``.
        n = len(ordered) - 1
        total = sum(ordered, ZERO)
        if not self._trims(n):
            return {v: rounded((total - v) / n) for v in set(ordered)}
        low, high = ordered[0], ordered[-1]
        inner = total - low - high
        found = {v: rounded((inner - v) / (n - 2)) for v in set(ordered)}
        found[low] = rounded(self.without(ordered, 0, total))
        found[high] = rounded(self.without(ordered, n, total))
        return found

    def problems(self) -> Iterator[tuple[str, str]]:
        yield from super().problems()
        if self.rules.trim_min_experts < 3:
            yield (
                "trim_min_experts",
                "a trimmed mean drops two scores, so it needs at least 3 experts",
            )

    def facts(self, language: str) -> dict[str, str]:
        return {"trim": self.when.in_language(language).format(count=self.rules.trim_min_experts)}

    def describe(self, language: str | None = None) -> str:
        chosen = language or current()
        sentence = self.by_totals if self.trims_experts else self.sentence
        return sentence.in_language(chosen).format(**self.facts(chosen))

    def details(self, language: str | None = None) -> list[tuple[str, str]]:
        chosen = language or current()
        scope = label(TrimScope, self.rules.trim_scope, chosen)
        how = self.trimming_how.in_language(chosen)
        return [
            (
                self.trimming.in_language(chosen),
                how.format(scope=scope, count=self.rules.trim_min_experts),
            )
        ]


class FamiliarityWeighted(AggregationPolicy):
    """Each indicator: the mean of every expert's score weighted by their familiarity mark
    with the submission, sum(weight x score) / sum(weight), the weights the scheme's
    ``familiarity_weights`` (or their defaults)."""

    method = AggregationMethod.FAMILIARITY_WEIGHTED
    own_keys = frozenset({"familiarity_weights"})
    sentence = Text(
        "each indicator: the mean of every expert's score weighted by their familiarity"
        " with the platform ({weights})",
        "各指标取全部评分专家评分按其对该平台熟悉程度的加权平均值（权重：{weights}）",
    )
    names: ClassVar[dict[str, Text]] = {
        "familiar": Text("familiar", "熟悉"),
        "fairly": Text("fairly familiar", "较熟悉"),
        "moderate": Text("moderately familiar", "一般"),
        "unmarked": Text("not marked", "未标注"),
    }
    weights_title = Text("Familiarity weights", "熟悉程度权重")

    @property
    def table(self) -> FamiliarityWeights:
        return self.rules.familiarity_weights or FamiliarityWeights()

    def weight_of(self, mark: str | None) -> Decimal:
        table = self.table
        return table.unmarked if mark is None else getattr(table, mark)

    def weights(self, sheets: Sequence[Marked]) -> dict[str, Decimal]:
        return {sheet.expert: self.weight_of(sheet.familiarity) for sheet in sheets}

    @staticmethod
    def _shares(
        values: Sequence[Decimal], weights: Sequence[Decimal] | None
    ) -> tuple[Sequence[Decimal], list[Decimal]]:
        """The weights (none given: every expert weighs 1) and weight x score of each."""
        given = [Decimal(1)] * len(values) if weights is None else weights
        return given, [w * v for w, v in zip(given, values, strict=True)]

    def combine(
        self, values: Sequence[Decimal], weights: Sequence[Decimal] | None = None
    ) -> tuple[Decimal, list[int]]:
        given, products = self._shares(values, weights)
        return sum(products, ZERO) / sum(given, ZERO), list(range(len(values)))

    def without_each(
        self, values: Sequence[Decimal], weights: Sequence[Decimal] | None, rounded: Rounded
    ) -> list[Decimal | None]:
        # Who is left out matters, not only their score: worked out per expert. The sums
        # are exact, so subtracting one expert's share equals summing the others'.
        if len(values) < 2:
            return [None] * len(values)
        given, products = self._shares(values, weights)
        weighted, total = sum(products, ZERO), sum(given, ZERO)
        return [rounded((weighted - p) / (total - w)) for p, w in zip(products, given, strict=True)]

    def _weights_text(self, language: str) -> str:
        joiner = "、" if language == "zh" else ", "
        return joiner.join(
            f"{name.in_language(language)} {_plain(getattr(self.table, key))}"
            for key, name in self.names.items()
        )

    def facts(self, language: str) -> dict[str, str]:
        return {"weights": self._weights_text(language)}

    def details(self, language: str | None = None) -> list[tuple[str, str]]:
        chosen = language or current()
        return [(self.weights_title.in_language(chosen), self._weights_text(chosen))]

    def record(self) -> dict[str, Any]:
        table = self.table
        return {"familiarity_weights": {key: _plain(getattr(table, key)) for key in self.names}}


class WinsorisedMean(AggregationPolicy):
    """Per indicator, once ``trim_min_experts`` scored: the lowest score replaced by the
    next lowest and the highest by the next highest (one each), then the mean of all of
    them. Every expert counts; the extremes count at their neighbours' values."""

    method = AggregationMethod.WINSORISED_MEAN
    own_keys = frozenset({"trim_min_experts"})
    sentence = Text(
        "each indicator: the mean with the highest score replaced by the next highest and"
        " the lowest by the next lowest ({trim})",
        "各指标将一个最高分替换为次高分、一个最低分替换为次低分（{trim}）后取算术平均值",
    )
    replacing = Text("Winsorising", "缩尾（极值替代）")
    replacing_how = Text(
        "per indicator; only once at least {count} experts scored",
        "按指标；至少 {count} 位专家评分时才以相邻分数替代最高分和最低分",
    )

    def needed_experts(self) -> int:
        return max(self.rules.min_experts, self.rules.trim_min_experts)

    def _winsorised(self, ordered: Sequence[Decimal]) -> Decimal:
        """The mean of the sorted ``ordered``, its two ends replaced once enough scored."""
        n = len(ordered)
        total = sum(ordered, ZERO)
        if n >= self.rules.trim_min_experts:
            total += ordered[1] - ordered[0] + ordered[-2] - ordered[-1]
        return total / n

    def combine(
        self, values: Sequence[Decimal], weights: Sequence[Decimal] | None = None
    ) -> tuple[Decimal, list[int]]:
        return self._winsorised(sorted(values)), list(range(len(values)))

    def without(self, ordered: Sequence[Decimal], position: int, total: Decimal) -> Decimal:
        return self._winsorised([*ordered[:position], *ordered[position + 1 :]])

    def problems(self) -> Iterator[tuple[str, str]]:
        yield from super().problems()
        if self.rules.trim_min_experts < 3:
            yield (
                "trim_min_experts",
                "a winsorised mean replaces two scores by others, so it needs at least 3 experts",
            )
        if self.rules.trim_scope != TrimScope.INDICATOR:
            yield "trim_scope", "a winsorised mean replaces scores per indicator only"

    def facts(self, language: str) -> dict[str, str]:
        count = self.rules.trim_min_experts
        return {"trim": TrimmedMean.when.in_language(language).format(count=count)}

    def details(self, language: str | None = None) -> list[tuple[str, str]]:
        chosen = language or current()
        how = self.replacing_how.in_language(chosen)
        return [(self.replacing.in_language(chosen), how.format(count=self.rules.trim_min_experts))]


POLICIES: dict[AggregationMethod, type[AggregationPolicy]] = {
    policy.method: policy
    for policy in (Mean, Median, TrimmedMean, FamiliarityWeighted, WinsorisedMean)
}


def policy_of(rules: Aggregation) -> AggregationPolicy:
    """The policy object for a scheme's ``aggregation``."""
    return POLICIES[rules.method](rules)
