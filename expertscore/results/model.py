"""The result payload as typed, read-only records, for verifying and for the chair's merge.

``parse_payload`` accepts exactly what ``payload.build_payload`` writes: unknown fields,
JSON numbers where decimal strings belong, or a missing field are refused with the place.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from expertscore.batch.manifest import ID_PATTERN, SHA256_PATTERN
from expertscore.crypto.envelope import check_format, newer_format
from expertscore.results.envelope import RESULT_KIND, ResultRefused
from expertscore.results.logchain import LogEntry, read_log
from expertscore.results.payload import PAYLOAD_FORMAT, READABLE_FORMATS, SPARSE_DEFAULTS
from expertscore.scoring.familiarity import level_ok

DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"


class Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class SchemeRef(Strict):
    id: str
    version: str
    sha256: str = Field(pattern=SHA256_PATTERN)


class BatchRef(Strict):
    id: str = Field(pattern=ID_PATTERN)
    sha256: str = Field(pattern=SHA256_PATTERN)
    title: str
    organizer: str
    scheme: SchemeRef


class ExpertRef(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    organization: str | None
    public_key: str | None  # None when the chair transcribed a paper sheet


class Transcriber(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str
    public_key: str
    sheet: str
    marked_at: str


class Supersedes(Strict):
    sequence: int = Field(ge=1)
    payload_sha256: str = Field(pattern=SHA256_PATTERN)
    unlocked_at: str | None
    unlock_reason: str | None


class Program(Strict):
    name: str
    version: str


class Recusal(Strict):
    reason: str
    source: Literal["roster", "declared"]
    declared_at: str


class Classification(Strict):
    category: str | None
    industry_tags: list[str]
    domain_tags: list[str]
    level: str | None
    updated_at: str


class PinnedEvidence(Strict):
    id: str
    page: int | None


@dataclass(frozen=True, slots=True)
class ScoreItem:
    """One score record: a row of the submission's score columns, defaults filled in."""

    indicator: str
    round: int
    points: str | None
    choice: str | None
    verified_value: str | None
    comment: str
    evidence: Sequence[PinnedEvidence]


DecimalText = Annotated[str, Field(pattern=DECIMAL_PATTERN)]
Row = Annotated[int, Field(ge=0)]


class ScoreColumns(Strict):
    """The scores of one submission, as columns.

    Record i is row i of ``indicator`` and ``points``; the other columns list ``(row,
    value)`` only where a record differs from the default (``payload.SPARSE_DEFAULTS``),
    rows ascending.
    """

    indicator: list[str]
    points: list[DecimalText | None]
    round: list[tuple[Row, Annotated[int, Field(ge=2)]]]
    choice: list[tuple[Row, str]]
    verified_value: list[tuple[Row, str]]
    comment: list[tuple[Row, Annotated[str, Field(min_length=1)]]]
    evidence: list[tuple[Row, Annotated[list[PinnedEvidence], Field(min_length=1)]]]

    @model_validator(mode="after")
    def _rows_fit(self) -> ScoreColumns:
        n = len(self.indicator)
        if len(self.points) != n:
            raise ValueError(
                f"the score columns differ in length (indicator {n}, points {len(self.points)})"
            )
        if not (self.round or self.choice or self.verified_value or self.comment or self.evidence):
            return self  # the usual record set: nothing but points
        for name in SPARSE_DEFAULTS:
            rows = [row for row, _ in getattr(self, name)]
            if rows and rows[-1] >= n:
                raise ValueError(f"{name} names row {rows[-1]}, but there are {n} records")
            if any(a >= b for a, b in pairwise(rows)):
                raise ValueError(f"{name} lists its rows out of order or twice")
        return self

    def __len__(self) -> int:
        return len(self.indicator)

    def column(self, name: str) -> list[Any]:
        """A sparse column written out with one value per record."""
        full = [SPARSE_DEFAULTS[name]] * len(self.indicator)
        for row, value in getattr(self, name):
            full[row] = value
        return full


class Totals(Strict):
    base: str = Field(pattern=DECIMAL_PATTERN)
    bonus: str = Field(pattern=DECIMAL_PATTERN)
    total: str = Field(pattern=DECIMAL_PATTERN)
    attainable: str = Field(pattern=DECIMAL_PATTERN)


class SubmissionResult(Strict):
    id: str = Field(pattern=ID_PATTERN)
    platform: str
    operator: str
    recusal: Recusal | None
    comment: str
    classification: Classification | None
    # Version 4 on: the expert's familiarity (``scoring.familiarity``), null when not marked.
    familiarity: str | None = None
    totals: Totals | None
    columns: ScoreColumns = Field(alias="scores")

    @model_validator(mode="after")
    def _familiarity_known(self) -> SubmissionResult:
        # The session's own rule (``scoring.familiarity.level_ok``), so writer and readers agree.
        if not level_ok(self.familiarity):
            raise ValueError(f"familiarity {self.familiarity!r} is not one the program writes")
        if self.familiarity is not None and self.recusal is not None:
            raise ValueError("a recused submission carries a familiarity")
        return self

    @cached_property
    def scores(self) -> list[ScoreItem]:
        """The score records one by one (built on first use: the merge reads the columns)."""
        c = self.columns
        sparse = [c.column(name) for name in SPARSE_DEFAULTS]
        rows = zip(c.indicator, sparse[0], c.points, *sparse[1:], strict=True)
        return [ScoreItem(*row) for row in rows]


class LogBlock(Strict):
    """The edit log as the payload carries it; ``logchain.read_log`` unpacks it."""

    entries: int = Field(ge=1)
    head: str = Field(pattern=SHA256_PATTERN)
    deflated: str


class ResultPayload(Strict):
    format: Literal["expertscore-result-payload/3", "expertscore-result-payload/4"]
    batch: BatchRef
    expert: ExpertRef
    transcribed_by: Transcriber | None
    sequence: int = Field(ge=1)
    submitted_at: str
    supersedes: Supersedes | None
    program: Program
    submissions: list[SubmissionResult]
    log: LogBlock

    @model_validator(mode="after")
    def _familiarity_by_version(self) -> ResultPayload:
        # Version 4 writes ``familiarity`` on every submission; version 3 has none.
        wanted = self.format == PAYLOAD_FORMAT
        for index, sub in enumerate(self.submissions):
            if ("familiarity" in sub.model_fields_set) != wanted:
                verb = "has no" if wanted else "has a"
                raise ValueError(f"submissions.{index} {verb} familiarity ({self.format})")
        return self

    def log_entries(self) -> list[LogEntry]:
        """The edit log unpacked (``LogUnreadable`` if it cannot be)."""
        return read_log(self.log.deflated, self.log.entries, self.batch.sha256)

    @property
    def signer_id(self) -> str:
        return self.transcribed_by.id if self.transcribed_by else self.expert.id

    @property
    def signer_key(self) -> str | None:
        return self.transcribed_by.public_key if self.transcribed_by else self.expert.public_key


@dataclass(frozen=True)
class Counts:
    submissions: int
    scored: int
    recused: int
    scores: int
    comments: int
    log_entries: int

    def __str__(self) -> str:
        return (
            f"{self.submissions} submissions ({self.scored} scored, {self.recused} recused),"
            f" {self.scores} scores, {self.comments} comments, {self.log_entries} log entries"
        )


def counts_of(payload: ResultPayload) -> Counts:
    subs = payload.submissions
    recused = sum(1 for sub in subs if sub.recusal is not None)
    scores = sum(len(sub.columns.points) - sub.columns.points.count(None) for sub in subs)
    comments = sum(len(sub.columns.comment) for sub in subs)
    return Counts(
        submissions=len(subs),
        scored=len(subs) - recused,
        recused=recused,
        scores=scores,
        comments=comments + sum(1 for sub in subs if sub.comment),
        log_entries=payload.log.entries,
    )


# Before the signature is checked, a malformed payload can only mean damage or a foreign file.
NOT_OURS = ": the file was changed or is not an ExpertScore result"


def peek_payload(data: bytes, source: str) -> dict[str, Any]:
    """The payload as JSON, its format checked, before the signature is (to find the key)."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ResultRefused(source, "the signed payload is nested too deeply").saying(
            "too_deep"
        ) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResultRefused(
            source, f"the signed payload is damaged (not valid JSON: {exc}): the file was changed"
        ).saying("damaged", detail=exc) from None
    if not isinstance(raw, dict):
        raise ResultRefused(source, "the signed payload is not a JSON object" + NOT_OURS).saying(
            "not_an_object"
        )
    declared = raw.get("format")
    if declared in READABLE_FORMATS:
        return raw
    if not newer_format(declared, PAYLOAD_FORMAT):
        # Before the signature is checked, an unknown format means damage or a foreign file.
        reason = f"the payload's format {declared!r} is not {PAYLOAD_FORMAT}" + NOT_OURS
        raise ResultRefused(source, reason)
    check_format(declared, RESULT_KIND, PAYLOAD_FORMAT, "payload", source)
    return raw


def parse_payload(data: bytes, source: str) -> ResultPayload:
    """The payload's JSON bytes as a ``ResultPayload``, or ``ResultRefused`` with the place."""
    try:
        return ResultPayload.model_validate_json(data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in error["loc"]) or "(top)"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ResultRefused(source, f"payload {where}: {error['msg']}{more}").saying(
            "payload_field", field=where, why=error["msg"]
        ) from None
