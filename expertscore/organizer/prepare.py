"""Preparing a review round: the authority's submissions become the signed batch package.

``prepare_batch`` takes the submissions and evidence of the authority's export (a package,
or the Excel form turned into one first, so there is one import path), puts in the panel
roster, the organizer-set values, the assignment (automatic, then adjusted by hand), and
writes the package signed with the organizer's key. Everything is checked before anything
is written: organizer-set values as the scheme rules check a scheme file, assignments for
conflicts of interest and for the number of experts the aggregation policy needs.

The signer must not be on the roster: a panel member who signed the package could pin any
roster key. The organizer's name and the round's batch id are the organizer's to give (by
default the authority's name and a new id made from the authority's); neither is ever
taken from the signing key.

The organizer chooses the batch's signature algorithm (``ed25519``, or ``sm2`` for 国密);
every roster key and the organizer's own key must be of it (``KeyOfOtherAlgorithm``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from expertscore.batch.builder import PackageBuilder
from expertscore.batch.manifest import (
    Assignment,
    BatchInfo,
    Expert,
    Manifest,
    OrganizerValueRecord,
    Signing,
)
from expertscore.batch.package import OpenedPackage, open_package
from expertscore.batch.sealed_package import plain_build_path, seal_package
from expertscore.crypto.dsse import DEFAULT_SIGNER_ID, ED25519, SM2, key_algorithm
from expertscore.errors import ExpertScoreError, PackageError, WrongAlgorithm
from expertscore.identity.keys import ExpertKey
from expertscore.identity.roles import BATCH, require_role
from expertscore.organizer.assign import (
    AssignmentError,
    UnassignedSubmissions,
    check_coverage,
    needed_experts,
    plan_assignments,
    to_assignments,
)
from expertscore.organizer.roster import Roster
from expertscore.schemes.organizer import OrganizerValueError, apply, parse_value


class SignerOnRoster(ExpertScoreError):
    """The signing key belongs to someone on the batch's roster."""

    def __init__(self, expert: str, fingerprint: str) -> None:
        self.expert = expert
        self.fingerprint = fingerprint
        super().__init__(
            f"the key {fingerprint} belongs to {expert}, who is on the roster; a panel member"
            " cannot sign the batch"
        )


class KeyOfOtherAlgorithm(WrongAlgorithm):
    """A roster key (``source`` "roster E01") or the signing key that is not the batch's."""

    def __init__(self, source: str, expected: str, found: str) -> None:
        self.source, self.expected, self.found = source, expected, found
        super().__init__(f"{source}: the key is {found}, but the batch signs with {expected}")


def check_algorithms(roster: Roster, signer: ExpertKey | None, algorithm: str) -> None:
    """Refuse a roster key or the signing key of another algorithm than the batch's."""
    for expert in roster.experts:
        if expert.public_key and key_algorithm(expert.public_key) != algorithm:
            found = key_algorithm(expert.public_key)
            raise KeyOfOtherAlgorithm(f"roster {expert.id}", algorithm, found)
    if signer is not None and signer.info.algorithm != algorithm:
        where = str(signer.info.path or signer.info.expert_id)
        raise KeyOfOtherAlgorithm(where, algorithm, signer.info.algorithm)


def round_id(authority_id: str, when: datetime) -> str:
    """A new batch id for a round prepared from the authority's batch ``authority_id``."""
    return f"{authority_id[:52]}-R{when:%Y%m%d}"


def check_signer(signer: ExpertKey, roster: Roster) -> None:
    """Refuse a signing key that is a roster member's (by key, or by id), or not an
    organizer's."""
    for expert in roster.experts:
        if expert.public_key == signer.info.public_key or expert.id == signer.info.expert_id:
            raise SignerOnRoster(expert.id, signer.info.fingerprint)
    require_role(signer.info, BATCH)


@dataclass
class RoundOptions:
    per_submission: int = 5
    counts: dict[str, int] = field(default_factory=dict)  # submission -> fewer experts
    split: dict[str, str] = field(default_factory=dict)  # indicator group -> role
    split_size: int | None = None  # experts per split group; None: per_submission
    values: list[tuple[str, str]] = field(default_factory=list)  # (target, value)
    set_by: str = ""
    add: list[tuple[str, str]] = field(default_factory=list)  # (submission, expert)
    remove: list[tuple[str, str]] = field(default_factory=list)
    batch_id: str | None = None
    title: str | None = None
    organizer: str | None = None
    created: datetime | None = None
    index: bool = False  # carry the evidence's page texts (``evidence.packaged``)
    ocr: bool = False  # and read scanned pages with Tesseract (``evidence.ocr``)
    algorithm: str = ED25519  # or SM2: every signature of the batch
    signer_id: str | None = None  # SM2's signer id; None: the standard 1234567812345678


def source_package(source: Path, evidence: Path | None, scheme_id: str | None, work: Path) -> Path:
    """The authority's export as a package: itself, or the Excel form converted."""
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        from expertscore.xlsxform.convert import workbook_to_package

        if scheme_id is None:
            raise AssignmentError(f"{source}: an Excel form needs --scheme").saying(
                "form_scheme", source=source
            )
        out = work / "from-form.esbatch"
        workbook_to_package(source, evidence, scheme_id, out, experts=("ORG:组织方",))
        return out
    return source


def _adjust(
    assignments: list[Assignment], options: RoundOptions, roster: Roster
) -> list[Assignment]:
    known = {e.id for e in roster.experts}
    result = [a for a in assignments if (a.submission, a.expert) not in set(options.remove)]
    for submission, expert in options.remove:
        if not any(a.submission == submission and a.expert == expert for a in assignments):
            raise AssignmentError(
                f"{expert} is not assigned {submission}; nothing to remove"
            ).saying("not_assigned", expert=expert, sid=submission)
    for submission, expert in options.add:
        if expert not in known:
            raise AssignmentError(f"{expert} is not on the roster").saying(
                "not_on_roster", expert=expert
            )
        if any(a.submission == submission and a.expert == expert for a in result):
            raise AssignmentError(f"{expert} is already assigned {submission}").saying(
                "already", expert=expert, sid=submission
            )
        result.append(Assignment(expert=expert, submission=submission))
    return sorted(result, key=lambda a: (a.submission, a.expert))


def prepare_batch(
    source: OpenedPackage,
    roster: Roster,
    options: RoundOptions,
    out: Path,
    signer: ExpertKey | None,
    recipients: list[str] | None = None,
) -> Manifest:
    """Write the round's package to ``out``; sealed to ``recipients`` when given."""
    manifest = source.manifest
    scheme = source.scheme
    if signer is not None:
        check_signer(signer, roster)
    check_algorithms(roster, signer, options.algorithm)
    values = [
        OrganizerValueRecord(
            target=target,
            value=str(parse_value(target, value, options.set_by or "organizer").value),
            set_by=options.set_by or "organizer",
        )
        for target, value in options.values
    ]
    try:  # the values first: a wrong weight is the costliest mistake to find late
        apply(scheme, [parse_value(v.target, v.value, v.set_by) for v in values])
    except OrganizerValueError as exc:
        raise PackageError(out, f"organizer_values: {exc}").saying(
            "prepared_values", cause=exc
        ) from None
    plan = plan_assignments(
        roster.experts,
        manifest.submissions,
        options.per_submission,
        options.split,
        options.split_size,
        options.counts,
    )
    if plan.short:
        raise UnassignedSubmissions(plan.short, needed_experts(scheme))
    assignments = _adjust(to_assignments(plan, scheme, options.split), options, roster)
    submission_ids = {s.id for s in manifest.submissions}
    for submission, _ in options.add:
        if submission not in submission_ids:
            raise AssignmentError(f"submission {submission} is not in the batch").saying(
                "no_submission", sid=submission
            )
    check_coverage(scheme, manifest.submissions, assignments, plan.conflicts)
    created = options.created or manifest.batch.created
    builder = PackageBuilder(
        scheme_text=source.scheme_text,
        batch=BatchInfo(
            id=options.batch_id or round_id(manifest.batch.id, datetime.now().astimezone()),
            title=options.title or manifest.batch.title,
            organizer=options.organizer or manifest.batch.organizer,
            created=created,
        ),
        roster=[
            Expert(
                id=e.id,
                name=e.name,
                organization=e.organization,
                role=e.role,
                public_key=e.public_key,
            )
            for e in roster.experts
        ],
        submissions=list(manifest.submissions),
        assignments=assignments,
        conflicts=plan.conflicts,
        organizer_values=values or list(manifest.organizer_values),
    )
    builder.form_import = manifest.form_import
    if options.algorithm == SM2:  # an Ed25519 batch's manifest names no algorithm
        builder.signing = Signing(algorithm="sm2", signer_id=options.signer_id or DEFAULT_SIGNER_ID)
    for item in manifest.evidence:
        builder.add_evidence_from_package(source.path, item)
    if options.index:
        from expertscore.evidence.packaged import text_of_package

        builder.evidence_text = text_of_package(source, ocr=options.ocr)
    signing = (signer.private_key, signer.info.name) if signer else None
    if not recipients:
        return builder.write(out, signer=signing)
    with plain_build_path(out) as plain:  # the plain zip never lands beside ``out``
        written = builder.write(plain, signer=signing)
        seal_package(plain, out, recipients)
    return written


def prepare_round(
    source: Path,
    roster: Roster,
    options: RoundOptions,
    out: Path,
    signer: ExpertKey | None,
    evidence: Path | None = None,
    scheme_id: str | None = None,
    recipients: list[str] | None = None,
) -> Manifest:
    with tempfile.TemporaryDirectory(dir=out.parent if out.parent.exists() else None) as work:
        package = source_package(source, evidence, scheme_id, Path(work))
        return prepare_batch(open_package(package), roster, options, out, signer, recipients)


def loads(assignments: Sequence[Assignment]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for assignment in assignments:
        counts[assignment.expert] = counts.get(assignment.expert, 0) + 1
    return counts
