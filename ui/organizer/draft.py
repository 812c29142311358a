"""The organizer's round as it is being prepared: source, roster, values, assignments.

``RoundDraft`` holds the choices of the organizer window and answers, with the core's own
functions and messages, whether they are valid: the organizer-set values are applied to
the scheme and checked like a scheme file (``schemes.organizer.apply``); the assignment
is planned (``plan_assignments``), adjusted by hand exactly as ``batch prepare`` adjusts
it, and checked for conflicts of interest and coverage (``check_coverage``). Exporting
calls ``prepare_round`` with the same options, so the package gets the assignment the
preview showed. No Qt here: the models and the window are views of a draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from expertscore.batch.manifest import Assignment, Manifest, Submission
from expertscore.batch.package import OpenedPackage, open_package
from expertscore.batch.sealed_package import unlock_key_identity
from expertscore.chair.workbook.notes import organizer_amounts
from expertscore.crypto.dsse import ED25519, key_algorithm
from expertscore.errors import ExpertScoreError
from expertscore.identity.keycard import KeyCard
from expertscore.identity.keys import ORGANIZER, ExpertKey, KeyInfo, list_keys
from expertscore.organizer.assign import (
    AssignmentError,
    Plan,
    Shortfall,
    check_coverage,
    conflict_reason,
    needed_experts,
    plan_assignments,
    to_assignments,
)
from expertscore.organizer.prepare import (
    RoundOptions,
    _adjust,
    prepare_round,
    round_id,
    source_package,
)
from expertscore.organizer.roster import Roster, RosterError, RosterExpert, add_card
from expertscore.reports.sheets import blank_sheets_from_package
from expertscore.schemes.loader import load_scheme_text
from expertscore.schemes.model import Scheme
from expertscore.schemes.organizer import OrganizerValueError, apply, parse_value


@dataclass(frozen=True)
class ValueRow:
    """One number the scheme leaves to the organizer."""

    target: str  # e.g. "weight:1.1"
    what: str  # the indicator or grade it belongs to
    default: Decimal  # the scheme's documented default
    percent: bool
    note: str = ""  # the guide's wording about the value, from the scheme

    @property
    def kind(self) -> str:
        """``weight``, ``points``, ``cap``, ``band``, ``fraction`` or ``grade``."""
        return self.target.partition(":")[0]

    @property
    def subject(self) -> str:
        """What the value belongs to, in the guide's words: ``3.4 技术开发水平``, ``一级门槛``."""
        if self.target.startswith("grade:*:"):
            return self.what.partition(" ")[2] or self.what  # the scheme-wide scale: 一级门槛
        return self.what


@dataclass(frozen=True)
class Preview:
    """The assignment that exporting would write, or why there is none."""

    assignments: list[Assignment]
    conflicts: dict[tuple[str, str], str]  # (expert, submission) -> reason
    problem: ExpertScoreError | None = None  # why there is no assignment
    short: list[Shortfall] = field(default_factory=list)  # submissions left unassigned
    policy_needs: int = 0  # the fewest experts the aggregation policy accepts

    def short_of(self, submission: str) -> list[Shortfall]:
        return [item for item in self.short if item.submission == submission]

    def assigned(self, expert: str, submission: str) -> Assignment | None:
        return next(
            (a for a in self.assignments if a.expert == expert and a.submission == submission),
            None,
        )

    def loads(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for assignment in self.assignments:
            counts[assignment.expert] = counts.get(assignment.expert, 0) + 1
        return counts


def open_source(
    source: Path, evidence: Path | None, scheme_id: str | None, work: Path
) -> OpenedPackage:
    """The authority's package, or its Excel form turned into one in ``work`` (worker thread)."""
    return open_package(source_package(source, evidence, scheme_id, work))


@dataclass
class RoundDraft:
    source: OpenedPackage
    roster: Roster = field(default_factory=Roster)
    values: dict[str, str] = field(default_factory=dict)  # target -> value text
    set_by: str = ""
    per_submission: int = field(default=5, init=False)
    counts: dict[str, int] = field(default_factory=dict)  # submission -> fewer experts
    split: dict[str, str] = field(default_factory=dict)  # first-level group -> role
    split_size: int | None = None
    add: set[tuple[str, str]] = field(default_factory=set)  # (submission, expert) by hand
    remove: set[tuple[str, str]] = field(default_factory=set)
    algorithm: str = ED25519  # the round's signature algorithm (SM2 for 国密)

    def __post_init__(self) -> None:
        self.rows = [
            ValueRow(target, what, amount.value, percent, amount.note or "")
            for target, what, amount, percent in organizer_amounts(self.pristine_scheme)
        ]
        current = {target: amount.value for target, _, amount, _ in organizer_amounts(self.scheme)}
        for row in self.rows:
            self.values.setdefault(row.target, _text(current.get(row.target, row.default)))
        # The fewest experts the aggregation policy accepts is where the organizer starts.
        self.per_submission = needed_experts(self.scheme)

    # --- the batch ----------------------------------------------------------------------

    @property
    def manifest(self) -> Manifest:
        return self.source.manifest

    @property
    def scheme(self) -> Scheme:
        """The scheme as the source package applies it (its own organizer values in place)."""
        return self.source.scheme

    @property
    def pristine_scheme(self) -> Scheme:
        return load_scheme_text(self.source.scheme_text, str(self.source.path))

    @property
    def submissions(self) -> list[Submission]:
        return list(self.manifest.submissions)

    def needed(self) -> int:
        return needed_experts(self.scheme)

    def new_batch_id(self) -> str:
        """The default id of the round: the authority's, with today's date."""
        return round_id(self.manifest.batch.id, datetime.now().astimezone())

    def signing_keys(self) -> list[KeyInfo]:
        """The organizer keys of this computer that may sign: none of the roster's."""
        pinned = {e.public_key for e in self.roster.experts} | {e.id for e in self.roster.experts}
        return [
            info
            for info in list_keys().keys
            if info.role == ORGANIZER
            and info.algorithm == self.algorithm
            and not {info.public_key, info.expert_id} & pinned
        ]

    def other_algorithm_keys(self) -> list[tuple[str, str]]:
        """Roster experts whose pinned key is not of the round's algorithm: (id, algorithm)."""
        return [
            (e.id, key_algorithm(e.public_key))
            for e in self.roster.experts
            if e.public_key and key_algorithm(e.public_key) != self.algorithm
        ]

    # --- the roster ---------------------------------------------------------------------

    def add_card(self, card: KeyCard, role: str | None = None) -> None:
        self.roster = add_card(self.roster, card, role, [])

    def remove_expert(self, expert_id: str) -> None:
        self.roster = Roster(experts=[e for e in self.roster.experts if e.id != expert_id])
        self.add = {(s, e) for s, e in self.add if e != expert_id}
        self.remove = {(s, e) for s, e in self.remove if e != expert_id}

    def update_expert(self, expert_id: str, **changes: object) -> None:
        """Change an expert's role or declared conflicts (the roster is checked again)."""
        experts = [
            RosterExpert.model_validate({**e.model_dump(), **changes}) if e.id == expert_id else e
            for e in self.roster.experts
        ]
        roster = Roster(experts=experts)
        roster.check("roster")
        self.roster = roster

    def roles(self) -> list[str]:
        return sorted({e.role for e in self.roster.experts if e.role})

    # --- organizer-set values ------------------------------------------------------------

    def set_value(self, target: str, text: str) -> None:
        """Take a value; a text that is not a number is refused with the core's message."""
        value = parse_value(target, text, self.set_by or "organizer").value
        self.values[target] = _text(value)

    def value_pairs(self) -> list[tuple[str, str]]:
        """The values the package records: those that differ from the scheme's defaults.

        If none differs but the source package had values of its own, every value is
        written, since an empty list would keep the source's.
        """
        defaults = {row.target: row.default for row in self.rows}
        changed = [(t, v) for t, v in self.values.items() if Decimal(v) != defaults.get(t)]
        if not changed and self.manifest.organizer_values:
            return list(self.values.items())
        return changed

    def values_problem(self) -> OrganizerValueError | None:
        """The core's refusal when the values break a scheme rule, else ``None``."""
        try:
            apply(
                self.pristine_scheme,
                [parse_value(t, v, self.set_by or "organizer") for t, v in self.value_pairs()],
            )
        except OrganizerValueError as exc:
            return exc
        return None

    # --- assignments ----------------------------------------------------------------------

    def _plan(self) -> Plan:
        return plan_assignments(
            self.roster.experts,
            self.manifest.submissions,
            self.per_submission,
            self.split,
            self.split_size,
            self.counts,
        )

    def _assignments(
        self, plan: Plan, add: set[tuple[str, str]], remove: set[tuple[str, str]]
    ) -> list[Assignment]:
        """What ``prepare_batch`` writes: the plan, adjusted by hand, checked."""
        options = RoundOptions(add=sorted(add), remove=sorted(remove))
        base = to_assignments(plan, self.scheme, self.split)
        assignments = _adjust(base, options, self.roster)
        short = {item.submission for item in plan.short}
        staffed = [s for s in self.manifest.submissions if s.id not in short]
        check_coverage(self.scheme, staffed, assignments, plan.conflicts)
        return assignments

    def conflicts(self) -> dict[tuple[str, str], str]:
        found = {}
        for expert in self.roster.experts:
            for sub in self.manifest.submissions:
                reason = conflict_reason(expert, sub)
                if reason is not None:
                    found[(expert.id, sub.id)] = reason
        return found

    def preview(self) -> Preview:
        conflicts = self.conflicts()
        needs = self.needed()
        if not self.roster.experts:
            empty = RosterError("add the panel's experts to the roster").saying("empty")
            return Preview([], conflicts, empty, [], needs)
        try:
            plan = self._plan()
            assignments = self._assignments(plan, self.add, self.remove)
            return Preview(assignments, conflicts, None, plan.short, needs)
        except (AssignmentError, RosterError) as exc:
            return Preview([], conflicts, exc, [], needs)

    def lower_count(self, submission: str, count: int) -> None:
        """Ask ``count`` experts for ``submission`` (a way out of a shortfall)."""
        self.counts[submission] = count

    def toggle(self, submission: str, expert: str) -> None:
        """Assign or unassign by hand; refused (``AssignmentError``) if a rule breaks."""
        add, remove = set(self.add), set(self.remove)
        pair = (submission, expert)
        plan = self._plan()
        planned = any(
            a.submission == submission and a.expert == expert
            for a in to_assignments(plan, self.scheme, self.split)
        )
        current = (planned and pair not in remove) or pair in add
        if current and pair in add:
            add.discard(pair)
        elif current:
            remove.add(pair)
        elif pair in remove:
            remove.discard(pair)
        else:
            add.add(pair)
        self._assignments(plan, add, remove)  # raises with the core's message
        self.add, self.remove = add, remove

    def reset_hand_changes(self) -> None:
        self.add.clear()
        self.remove.clear()

    def keep_valid_hand_changes(self) -> bool:
        """After the plan changed: keep the hand changes if they still hold, else drop them."""
        if not self.add and not self.remove:
            return True
        try:
            self._assignments(self._plan(), self.add, self.remove)
            return True
        except (AssignmentError, RosterError):
            self.reset_hand_changes()
            return False

    # --- exporting --------------------------------------------------------------------------

    def options(
        self, batch_id: str | None, title: str | None, organizer: str | None
    ) -> RoundOptions:
        return RoundOptions(
            per_submission=self.per_submission,
            counts=dict(self.counts),
            split=dict(self.split),
            split_size=self.split_size,
            values=self.value_pairs(),
            set_by=self.set_by,
            add=sorted(self.add),
            remove=sorted(self.remove),
            batch_id=batch_id or None,
            title=title or None,
            organizer=organizer or None,
            algorithm=self.algorithm,
        )


@dataclass(frozen=True)
class Exported:
    package: Path
    manifest: Manifest
    sheets: Path | None
    signer: str | None  # the signing key's owner and fingerprint, None when unsigned
    recipients: int = 0  # the keys the package is encrypted to; 0: a plain package


def export_round(
    source: Path,
    roster: Roster,
    options: RoundOptions,
    out: Path,
    signer: ExpertKey | None,
    sheets: Path | None,
    recipients: list[str] | None = None,
) -> Exported:
    """Write the signed package (encrypted to ``recipients`` when given) and, if asked, the
    blank sheets (worker thread; an encrypted package is read back with the signer's key)."""
    manifest = prepare_round(source, roster, options, out, signer, recipients=recipients)
    if recipients and signer is not None:
        unlock_key_identity(signer)
    printed = blank_sheets_from_package(out, None, sheets).path if sheets is not None else None
    signed = f"{signer.info.name} ({signer.info.fingerprint})" if signer is not None else None
    return Exported(out, manifest, printed, signed, len(recipients or ()))


def _text(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"
