"""The panel file's payload (``expertscore-panel-payload/5``): built from results, read back.

The ``*_record`` functions write plain JSON data (decimals as strings) from the
aggregation; ``PanelPayload`` is the same shape as typed, read-only records, refusing
unknown fields, missing fields and JSON numbers where decimal strings belong. The panel
file writes the one and reads the other, and its re-check compares the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    model_serializer,
    model_validator,
)

from expertscore.batch.manifest import ID_PATTERN, SHA256_PATTERN, Submission
from expertscore.batch.package import OpenedPackage
from expertscore.chair.aggregate import (
    Override,
    PanelInput,
    PanelResult,
    Sheet,
    SubmissionResult,
    VerifiedValue,
    aggregate,
)
from expertscore.chair.decisions import Decisions
from expertscore.chair.panel import panel_input
from expertscore.chair.panel_advice_record import AdviceRef
from expertscore.chair.robustness import leave_one_out
from expertscore.crypto.dsse import fingerprint
from expertscore.results.model import DECIMAL_PATTERN, BatchRef, Program, Strict
from expertscore.results.payload import plain
from expertscore.results.verify import CheckedResult
from expertscore.schemes.model import Scheme
from expertscore.schemes.policies import policy_of

PANEL_PAYLOAD_FORMAT = "expertscore-panel-payload/5"
EXACT = Decimal("1E-10")  # unrounded values are written to 10 decimal places

# -- the payload ---------------------------------------------------------------------------


def limited(value: Decimal) -> str:
    """An unrounded value (a mean, a percentage) to 10 places, without trailing zeros."""
    return plain(value.quantize(EXACT, rounding=ROUND_HALF_EVEN).normalize())


def fixed(value: Decimal, decimals: int) -> str:
    """A sum or a maximum: at least ``decimals`` places, more only if the value has them.

    Never rounded: trailing zeros are added up to ``decimals`` places, none removed.
    """
    # On the digits as written (the same as quantizing to ``decimals`` places when there
    # are fewer): a panel file has about 30,000 of these numbers to write.
    text = plain(value)
    dot = text.find(".")
    places = 0 if dot < 0 else len(text) - dot - 1
    if places >= decimals:
        return text
    return text + ("." if dot < 0 else "") + "0" * (decimals - places)


def policy_record(scheme: Scheme) -> dict[str, Any]:
    policy = scheme.aggregation
    return {
        "method": policy.method.value,
        "trim_min_experts": policy.trim_min_experts,
        "trim_scope": policy.trim_scope.value,
        "min_experts": policy.min_experts,
        "decimals": policy.decimals,
        "rounding": policy.rounding.value,
        "spread_threshold": plain(policy.spread_threshold),
        "deviation_limit": plain(policy.deviation_limit),
        "rank_within": policy.rank_within.value,
        **policy_of(policy).record(),  # a policy's own fields (familiarity weights)
    }


def _verified(agreed: VerifiedValue | None) -> dict[str, str] | None:
    if agreed is None:
        return None
    return {"value": agreed.value, "decided_by": agreed.decided_by, "reason": agreed.reason}


def _override(override: Override | None, decimals: int) -> dict[str, Any] | None:
    if override is None:
        return None
    return {
        "points": fixed(override.points, decimals),
        "cause": override.cause,
        "reason": override.reason,
    }


def _submission_record(
    sub: Submission, sheets: list[Sheet], inp: PanelInput, res: SubmissionResult
) -> dict[str, Any]:
    places = inp.scheme.aggregation.decimals
    return {
        "id": res.id,
        "platform": sub.platform,
        "operator": sub.operator,
        "region": sub.region,
        "category": res.category,
        "experts": sorted(s.expert for s in sheets if not s.recused),
        "recused": sorted(s.expert for s in sheets if s.recused),
        "base": fixed(res.rollup.base, places),
        "bonus": fixed(res.rollup.bonus, places),
        "total": fixed(res.total, places),
        "percent": None if res.percent is None else limited(res.percent),
        "grade": res.grade,
        "rank": res.rank,
        "kept_experts": sorted(res.kept_experts),
        "expert_totals": {e: fixed(v, places) for e, v in sorted(res.expert_totals.items())},
        "explanations_needed": {
            e: fixed(v, places) for e, v in sorted(res.explanations_needed.items())
        },
        "fragile": [found.record() for found in res.fragile],
        "indicators": [
            {
                "code": item.code,
                "maximum": fixed(item.maximum, places),
                "panel": None if item.panel is None else fixed(item.panel, places),
                "exact": None if item.exact is None else limited(item.exact),
                "kept": sorted(item.kept),
                "scores": {e: plain(v) for e, v in sorted(item.scores.items())},
                "spread": fixed(item.spread, places),
                "flags": list(item.flags),
                "override": _override(item.override, places),
                "verified_value": _verified(item.agreed_value),
            }
            for item in res.indicators.values()
        ],
    }


def submission_records(
    package: OpenedPackage, inp: PanelInput, result: PanelResult
) -> list[dict[str, Any]]:
    """Every submission's numbers as written in the payload, in batch order."""
    sheets: dict[str, list[Sheet]] = {}
    for sheet in inp.sheets:  # one pass, not one per submission (200 x 1,400 sheets)
        sheets.setdefault(sheet.submission, []).append(sheet)
    return [
        _submission_record(sub, sheets.get(sub.id, []), inp, result.submissions[sub.id])
        for sub in package.manifest.submissions
        if sub.id in result.submissions
    ]


def decisions_record(decisions: Decisions) -> dict[str, Any]:
    return {
        "overrides": [
            {
                "submission": s,
                "indicator": i,
                "points": plain(o.points),
                "cause": o.cause,
                "reason": o.reason,
            }
            for (s, i), o in sorted(decisions.overrides.items())
        ],
        "confirmed_keys": [
            {"expert": e, "public_key": key, "fingerprint": fingerprint(key)}
            for e, key in sorted(decisions.confirmed.items())
        ],
        "second_round": [
            {
                "submission": r.submission,
                "indicator": r.indicator,
                "experts": list(r.experts),
                "reason": r.reason,
            }
            for _, r in sorted(decisions.rounds.items())
        ],
        "transcriptions": [
            {"expert": e, "reason": reason}
            for e, reason in sorted(decisions.transcriptions.items())
        ],
        "verified_values": [
            {"submission": s, "indicator": i, **(_verified(v) or {})}
            for (s, i), v in sorted(decisions.verified_values.items())
        ],
    }


def batch_record(package: OpenedPackage) -> dict[str, Any]:
    manifest = package.manifest
    return {
        "id": manifest.batch.id,
        "sha256": package.manifest_sha256,
        "title": manifest.batch.title,
        "organizer": manifest.batch.organizer,
        "scheme": {
            "id": manifest.scheme.id,
            "version": manifest.scheme.version,
            "sha256": manifest.scheme.sha256,
        },
    }


def organizer_records(package: OpenedPackage) -> list[dict[str, Any]]:
    return [v.model_dump() for v in package.manifest.organizer_values]


def canonical_results(
    package: OpenedPackage,
    accepted: Iterable[CheckedResult],
    overrides: Mapping,
    verified: Mapping | None = None,
) -> tuple[PanelInput, PanelResult]:
    """The aggregation and leave-one-out check of accepted files (``panel_input`` takes them
    in expert order, so ties are always kept alike): the chair's tools and the panel
    file's re-check compute the same way."""
    inp = panel_input(package, accepted, overrides, verified)
    result = aggregate(inp)
    leave_one_out(inp, result)
    return inp, result


# -- the payload's shape, as read ----------------------------------------------------------


Dec = Annotated[str, Field(pattern=DECIMAL_PATTERN)]
Id = Annotated[str, Field(pattern=ID_PATTERN)]
Sha = Annotated[str, Field(pattern=SHA256_PATTERN)]


class ChairRef(Strict):
    id: Id
    name: str
    organization: str | None
    public_key: str


class OrganizerValueRef(Strict):
    target: str
    value: Dec
    set_by: str
    note: str | None


class FamiliarityWeightsRef(Strict):
    familiar: Dec
    fairly: Dec
    moderate: Dec
    unmarked: Dec


class PolicyRef(Strict):
    method: str
    trim_min_experts: int
    trim_scope: str
    min_experts: int
    decimals: int
    rounding: str
    spread_threshold: Dec
    deviation_limit: Dec
    rank_within: Literal["batch", "category"]
    # Written only under ``familiarity_weighted`` (``schemes.policies``), so the files of
    # the other policies stay as they were.
    familiarity_weights: FamiliarityWeightsRef | None = None

    @model_serializer(mode="wrap")
    def _as_written(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("familiarity_weights") is None:
            data.pop("familiarity_weights", None)
        return data


class InputRef(Strict):
    """One assigned expert and the result used: signed by them, a transcription, or none."""

    expert: Id
    result: Literal["signed", "transcription", "missing"]
    sequence: int | None = Field(ge=1)
    file_sha256: Sha | None
    payload_sha256: Sha | None
    key: str | None
    submitted_at: str | None
    transcribed_by: Id | None

    @model_validator(mode="after")
    def _consistent(self) -> InputRef:
        facts = (self.sequence, self.file_sha256, self.payload_sha256, self.key, self.submitted_at)
        if self.result == "missing":
            if any(f is not None for f in (*facts, self.transcribed_by)):
                raise ValueError("a missing result has no sequence, digest, key or time")
        elif any(f is None for f in facts):
            raise ValueError("a used result needs its sequence, digests, key and time")
        if (self.result == "transcription") != (self.transcribed_by is not None):
            raise ValueError("transcribed_by is set exactly for a transcription")
        return self


# The causes of ``OverrideCause`` as the payload spells them (a test keeps them equal).
CauseValue = Literal["summing-error", "out-of-range", "objective-inconsistent", "extreme-score"]


class OverrideRef(Strict):
    submission: Id
    indicator: str
    points: Dec
    cause: CauseValue | None
    reason: str


class ConfirmedKeyRef(Strict):
    expert: Id
    public_key: str
    fingerprint: str


class RoundRef(Strict):
    submission: Id
    indicator: str
    experts: list[Id]
    reason: str


class TranscriptionRef(Strict):
    expert: Id
    reason: str


class AgreedValue(Strict):
    value: str
    decided_by: str
    reason: str


class VerifiedValueRef(AgreedValue):
    submission: Id
    indicator: str


class DecisionsRef(Strict):
    overrides: list[OverrideRef]
    confirmed_keys: list[ConfirmedKeyRef]
    second_round: list[RoundRef]
    transcriptions: list[TranscriptionRef]
    verified_values: list[VerifiedValueRef]


class AgreedScore(Strict):
    points: Dec
    cause: CauseValue | None
    reason: str


class IndicatorRef(Strict):
    code: str
    maximum: Dec
    panel: Dec | None
    exact: Dec | None
    kept: list[Id]
    scores: dict[str, Dec]
    spread: Dec
    flags: list[str]
    override: AgreedScore | None
    verified_value: AgreedValue | None


class GradeChange(Strict):
    before: str | None
    after: str | None


class RankChange(Strict):
    before: int = Field(ge=1)
    after: int = Field(ge=1)


class Fragile(Strict):
    """A leave-one-out finding (``fragility.Fragility.record``): something changes."""

    without: Id
    grade: GradeChange | None
    rank: RankChange | None

    @model_validator(mode="after")
    def _a_change(self) -> Fragile:
        changes = [c for c in (self.grade, self.rank) if c is not None]
        if not changes:
            raise ValueError("a leave-one-out finding changes neither grade nor rank")
        if any(change.before == change.after for change in changes):
            raise ValueError("a leave-one-out finding lists a change to the same value")
        return self


class SubmissionRef(Strict):
    id: Id
    platform: str
    operator: str
    region: str | None
    category: str | None
    experts: list[Id]
    recused: list[Id]
    base: Dec
    bonus: Dec
    total: Dec
    percent: Dec | None
    grade: str | None
    rank: int = Field(ge=1)
    kept_experts: list[Id]
    expert_totals: dict[str, Dec]
    explanations_needed: dict[str, Dec]
    fragile: list[Fragile]
    indicators: list[IndicatorRef]


class PanelPayload(Strict):
    format: Literal["expertscore-panel-payload/5"]
    batch: BatchRef
    chair: ChairRef
    created_at: str
    program: Program
    organizer_values: list[OrganizerValueRef]
    policy: PolicyRef
    inputs: list[InputRef]
    decisions: DecisionsRef
    ranking: list[Id]
    submissions: list[SubmissionRef]
    advice: AdviceRef
    audit: list[dict[str, Any]]


def parse_panel_payload(raw: dict[str, Any]) -> PanelPayload:
    """The payload checked field by field; ``ValueError`` names the first wrong place."""
    try:
        return PanelPayload.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in error["loc"]) or "(top)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ValueError(f"payload {where}: {error['msg']}{more}") from None
