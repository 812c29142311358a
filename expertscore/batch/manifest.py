"""The manifest of a batch package (``manifest.json``), format ``expertscore-batch/1``.

These records are the contract with other systems that write packages; ``docs/formats.md``
describes the same fields in prose. Checks that need the scheme (indicator codes, units,
categories, tags) live in ``crosscheck.py``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from expertscore.schemes.model import Scheme
from expertscore.schemes.organizer import apply, parse_value

BATCH_FORMAT: Final = "expertscore-batch/1"
ED25519, SM2 = "ed25519", "sm2"  # as crypto.dsse names them (it is not imported here)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class BatchInfo(Record):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    organizer: str = Field(min_length=1)
    created: datetime

    @field_validator("created")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("must include a UTC offset, e.g. 2025-06-01T09:00:00+08:00")
        return value


class SchemeRef(Record):
    path: Literal["scheme.yaml"] = "scheme.yaml"
    sha256: str = Field(pattern=SHA256_PATTERN)
    id: str
    version: str


class OrganizerValueRecord(Record):
    """A number the guide leaves open, set for this batch (``schemes/organizer.py``)."""

    target: str = Field(min_length=1)
    value: str = Field(pattern=r"^-?[0-9]+(\.[0-9]+)?$")
    set_by: str = Field(min_length=1)
    note: str | None = None


class Expert(Record):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    organization: str | None = None
    role: str | None = None  # 财务 / 技术 / 行业 ...
    public_key: str | None = None  # the key as key cards write it (crypto.dsse), when pinned


class ReportedValue(Record):
    """What the operator reported for one indicator, exactly as text.

    Numbers are decimal text (``"1234.5"``), yes/no is ``"yes"`` or ``"no"``.
    """

    value: str
    unit: str


class Case(Record):
    title: str = Field(min_length=1)
    text: str = ""
    indicators: list[str] = Field(default_factory=list)


class Submission(Record):
    id: str = Field(pattern=ID_PATTERN)
    platform: str = Field(min_length=1)
    operator: str = Field(min_length=1)
    region: str | None = None
    category: str | None = None
    industry_tags: list[str] = Field(default_factory=list)
    domain_tags: list[str] = Field(default_factory=list)
    values: dict[str, ReportedValue] = Field(default_factory=dict)
    cases: list[Case] = Field(default_factory=list)


class Evidence(Record):
    """One evidence file; the bytes are the package entry ``evidence/<sha256>``."""

    id: str = Field(pattern=ID_PATTERN)
    submission: str
    sha256: str = Field(pattern=SHA256_PATTERN)
    size: int = Field(ge=0)
    media_type: str = Field(pattern=r"^[a-z]+/[A-Za-z0-9.+-]+$")
    title: str = Field(min_length=1)
    filename: str = Field(min_length=1)
    indicators: list[str] = Field(default_factory=list)


# What an assignment gives an expert to score: every applicable indicator, or these groups.
AssignedIndicators = Literal["all"] | list[str]


class Assignment(Record):
    """An expert scores a submission: every applicable indicator, or the listed groups."""

    expert: str
    submission: str
    indicators: AssignedIndicators = "all"


class Conflict(Record):
    expert: str
    submission: str
    reason: str = Field(min_length=1)


class FormMerge(Record):
    """A merged cell of the form whose value was applied to every row it covers."""

    sheet: str
    range: str  # "C2:C3"
    first_row: int = Field(ge=1)
    last_row: int = Field(ge=1)


class FormRemoval(Record):
    """Invisible characters taken out of one cell of the form."""

    sheet: str
    cell: str
    characters: list[str]  # "U+200B", in the order they stood


class FormImport(Record):
    """What reading the Excel form found (``docs/xlsx-form.md``); for people, not scoring.

    Only packages made from the form carry it; every other producer leaves the key out.
    """

    workbook: str
    sheet: str
    rows: int = Field(ge=0)  # rows below the header holding anything
    number_only_rows: int = Field(ge=0)  # of those, rows holding only a 序号, skipped
    submissions: int = Field(ge=0)
    values: int = Field(ge=0)
    evidence_files: int = Field(ge=0)
    unlisted_evidence: list[str] = Field(default_factory=list)
    merges: list[FormMerge] = Field(default_factory=list)
    removed: list[FormRemoval] = Field(default_factory=list)


class EvidenceTextRef(Record):
    """The organizer's page texts of the evidence (``evidence-text.jsonl``), a search aid:
    named here by digest and size so the organizer's signature covers them."""

    path: Literal["evidence-text.jsonl"] = "evidence-text.jsonl"
    format: Literal["expertscore-evidence-text/1"] = "expertscore-evidence-text/1"
    sha256: str = Field(pattern=SHA256_PATTERN)
    size: int = Field(ge=0)


class Signing(Record):
    """How every signed file of the batch is signed; a manifest without it is Ed25519.

    Written only for SM2 (国密) batches, so an Ed25519 batch's manifest is as it always was.
    ``signer_id`` is SM2's signer id (the ``ID`` hashed into ``Z``), printable ASCII.
    """

    algorithm: Literal["ed25519", "sm2"]
    signer_id: str | None = Field(default=None, pattern=r"^[!-~]{1,64}$")

    @model_validator(mode="after")
    def _id_with_sm2(self) -> Signing:
        if (self.algorithm == SM2) != (self.signer_id is not None):
            raise ValueError("an sm2 batch names its signer_id; an ed25519 batch names none")
        return self


class Manifest(Record):
    format: Literal["expertscore-batch/1"]
    batch: BatchInfo
    scheme: SchemeRef
    organizer_values: list[OrganizerValueRecord] = Field(default_factory=list)
    roster: list[Expert] = Field(min_length=1)
    submissions: list[Submission] = Field(min_length=1)
    evidence: list[Evidence] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    form_import: FormImport | None = None  # written only when present
    evidence_text: EvidenceTextRef | None = None  # written only when present
    signing: Signing | None = None  # written only for SM2 batches

    @property
    def algorithm(self) -> str:
        """The batch's signature algorithm: ``ed25519`` or ``sm2``."""
        return self.signing.algorithm if self.signing else ED25519

    @property
    def signer_id(self) -> str | None:
        """SM2's signer id for every signature of the batch (None: Ed25519)."""
        return self.signing.signer_id if self.signing else None


def effective_scheme(scheme: Scheme, manifest: Manifest) -> Scheme:
    """The scheme with the batch's organizer-set values applied (and checked)."""
    return apply(
        scheme,
        [parse_value(v.target, v.value, v.set_by, v.note) for v in manifest.organizer_values],
    )
