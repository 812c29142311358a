"""The rules every chair decision must follow, when it is recorded and when it is replayed.

The command line, the chair window and the replay of ``audit.jsonl`` call the same
functions, so a line appended by hand is held to exactly the rules the program applies:

* an agreed panel score names a submission of the batch and a leaf scored for its
  category, and is a score the leaf's mode allows (0 to the maximum, on the step, or one of
  the choices' points), written to the policy's decimals, with one of the four causes of
  87号令 art. 64 and the panel's reason;
* a second round names experts assigned that submission and indicator (never one with a
  conflict of interest declared in the batch), with a reason;
* a confirmed key is for an expert on the roster whose key the roster does not pin, is no
  other roster expert's pinned key, and its fingerprint is the key's;
* a transcription allowed in place of an expert's own signed result names an assigned
  expert and the reason.

``agreed_score_problem`` checks one agreed score against the leaf's range, step and mode;
it is to be unified with the shared score validator of the result files (one rule for
experts' and agreed scores alike) once that exists.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from expertscore.batch.package import OpenedPackage
from expertscore.chair.aggregate import quantizer
from expertscore.chair.override_causes import OverrideCause
from expertscore.crypto.dsse import fingerprint
from expertscore.errors import ExpertScoreError
from expertscore.schemes.model import Indicator, Scheme
from expertscore.schemes.modes import mode_for
from expertscore.schemes.rules import fmt, max_points

# Rule names: the fact a refusal carries, for the UI and the report to word.
SUBMISSION = "submission"
INDICATOR = "indicator"
RANGE = "range"
STEP = "step"
MODE = "mode"
DECIMALS = "decimals"
REASON = "reason"
VALUE = "value"
CAUSE = "cause"
EXPERTS = "experts"
ASSIGNED = "assigned"
CONFLICT = "conflict"
ROSTER = "roster"
PINNED = "pinned"
FINGERPRINT = "fingerprint"


class DecisionError(ExpertScoreError):
    """A chair decision that breaks a rule; ``rule`` and the ids say which and where."""

    def __init__(
        self,
        message: str,
        *,
        rule: str | None = None,
        submission: str | None = None,
        indicator: str | None = None,
        expert: str | None = None,
    ) -> None:
        self.message = message
        self.rule = rule
        self.submission = submission
        self.indicator = indicator
        self.expert = expert
        super().__init__(message)


def agreed_score_problem(
    scheme: Scheme, leaf: Indicator, value: Decimal
) -> tuple[str, str, dict[str, str]] | None:
    """(rule, reason, facts) if ``value`` is not a score ``leaf`` can have, else None."""
    top = max_points(scheme, leaf) or Decimal(0)
    facts = {"value": fmt(value), "top": fmt(top)}
    if not value.is_finite() or not Decimal(0) <= value <= top:
        return RANGE, f"{fmt(value)} is outside 0–{fmt(top)}", facts
    mode = mode_for(scheme, leaf)
    choices = mode.allowed_points()
    if choices is not None:
        if value not in choices:
            shown = "/".join(fmt(c) for c in sorted(set(choices)))
            facts["scores"] = shown
            return MODE, f"{fmt(value)} is not one of the mode's scores {shown}", facts
        return None
    step = mode.step
    facts["step"] = fmt(step)
    if value % step != 0 and value not in mode.off_step_points():
        return STEP, f"{fmt(value)} is not a multiple of the step {fmt(step)}", facts
    return None


def _submission(package: OpenedPackage, submission: str) -> str | None:
    sub = next((s for s in package.manifest.submissions if s.id == submission), None)
    if sub is None:
        raise DecisionError(
            f"submission {submission} is not in the batch", rule=SUBMISSION, submission=submission
        ).saying("no_submission")
    return sub.category


def check_leaf(package: OpenedPackage, submission: str, indicator: str) -> Indicator:
    """The leaf ``indicator`` of ``submission``: in the batch, scored for its category."""
    category = _submission(package, submission)
    leaf = package.scheme.find(indicator)
    where = {"submission": submission, "indicator": indicator}
    if leaf is None or not leaf.is_leaf:
        raise DecisionError(
            f"{indicator} is not an indicator that experts score", rule=INDICATOR, **where
        ).saying("not_a_leaf")
    if leaf.code not in {x.code for x in package.scheme.applicable_leaves(category)}:
        raise DecisionError(
            f"{indicator} is not scored for {submission}'s category {category}",
            rule=INDICATOR,
            **where,
        ).saying("not_in_category", category=category)
    return leaf


def check_reason(reason: object, refusal: tuple[str, str], **where: str) -> str:
    """The reason without surrounding space; ``refusal`` (said, English line) when there is none."""
    if not isinstance(reason, str) or not reason.strip():
        raise DecisionError(refusal[1], rule=REASON, **where).saying(refusal[0])
    return reason.strip()


def check_cause(cause: object, *, stored: bool = False, **where: str) -> OverrideCause | None:
    """The cause of an agreed score: one of 87号令 art. 64's four.

    A stored line without ``cause`` was recorded before causes existed and is read as
    having none; a new decision must name one.
    """
    if cause is None and stored:
        return None
    try:
        return OverrideCause(cause)  # type: ignore[arg-type]
    except ValueError:
        known = ", ".join(member.value for member in OverrideCause)
        raise DecisionError(
            f"an agreed panel score needs its cause, one of {known}", rule=CAUSE, **where
        ).saying("cause") from None


def check_agreed_score(
    package: OpenedPackage, submission: str, indicator: str, points: str, *, stored: bool = False
) -> Decimal:
    """The agreed score as it is recorded (rounded to the policy's decimals).

    ``stored``: the text comes from the audit log, where it must already be so rounded.
    """
    leaf = check_leaf(package, submission, indicator)
    where = {"submission": submission, "indicator": indicator}
    try:
        value = Decimal(points)
    except (InvalidOperation, TypeError):
        raise DecisionError(f"'{points}' is not a number", rule=RANGE, **where).saying(
            "not_a_number", points=points
        ) from None
    problem = agreed_score_problem(package.scheme, leaf, value)
    if problem is not None:
        raise DecisionError(f"{indicator}: {problem[1]}", rule=problem[0], **where).saying(
            problem[0], **problem[2]
        )
    rounded = quantizer(package.scheme.aggregation)(value)
    if stored and str(rounded) != points:
        decimals = package.scheme.aggregation.decimals
        raise DecisionError(
            f"{indicator}: {points} is not written with the policy's {decimals} decimals",
            rule=DECIMALS,
            **where,
        ).saying("decimals", points=points, decimals=decimals)
    return rounded


def check_round(
    package: OpenedPackage, submission: str, indicator: str, experts: list[str]
) -> None:
    """Every named expert is assigned ``indicator`` of ``submission`` and has no conflict."""
    check_leaf(package, submission, indicator)
    if not experts:
        raise DecisionError(
            "name the experts who score the second round",
            rule=EXPERTS,
            submission=submission,
            indicator=indicator,
        ).saying("no_experts")
    scheme = package.scheme
    for expert in experts:
        where = {"submission": submission, "indicator": indicator, "expert": expert}
        rows = [
            a
            for a in package.manifest.assignments
            if a.expert == expert and a.submission == submission
        ]
        inside = any(
            a.indicators == "all"
            or any(
                indicator in {leaf.code for leaf in node.walk()}
                for code in a.indicators
                if (node := scheme.find(code)) is not None
            )
            for a in rows
        )
        if not inside:
            raise DecisionError(
                f"{expert} is not assigned {indicator} of {submission}", rule=ASSIGNED, **where
            ).saying("not_assigned")
        if submission in package.index.conflicts.get(expert, frozenset()):
            raise DecisionError(
                f"{expert} has a conflict of interest with {submission}", rule=CONFLICT, **where
            ).saying("conflict")


def check_roster_expert(package: OpenedPackage, expert: str) -> None:
    if expert not in package.index.roster:
        raise DecisionError(
            f"expert {expert} is not on the batch's roster", rule=ROSTER, expert=expert
        ).saying("not_on_roster")


def check_confirmation(
    package: OpenedPackage | None, expert: str, public_key: str, sheet_fingerprint: str
) -> str:
    """The key's fingerprint, if the key may be confirmed for ``expert``."""
    try:
        actual = fingerprint(public_key)
    except (ValueError, TypeError):
        raise DecisionError("the key is not base64", rule=FINGERPRINT, expert=expert).saying(
            "not_base64"
        ) from None
    if not isinstance(sheet_fingerprint, str) or actual.replace("-", "").lower() != (
        sheet_fingerprint.replace("-", "").lower()
    ):
        raise DecisionError(
            f"the key's fingerprint {actual} does not match {sheet_fingerprint} on the sheet",
            rule=FINGERPRINT,
            expert=expert,
        ).saying("fingerprint", actual=actual, sheet=sheet_fingerprint)
    if package is None:
        return actual
    check_roster_expert(package, expert)
    for member in package.manifest.roster:
        if member.id == expert and member.public_key and member.public_key != public_key:
            pinned = fingerprint(member.public_key)
            raise DecisionError(
                f"the batch roster pins key {pinned} for {expert};"
                " a confirmation cannot replace it",
                rule=PINNED,
                expert=expert,
            ).saying("pinned", key=pinned)
        if member.id != expert and member.public_key == public_key:
            raise DecisionError(
                f"key {actual} is pinned for {member.id} in the batch roster",
                rule=PINNED,
                expert=expert,
            ).saying("pinned_other", key=actual, owner=member.id)
    return actual


def check_transcription(package: OpenedPackage, expert: str) -> None:
    check_roster_expert(package, expert)
    if expert not in package.index.assigned:
        raise DecisionError(
            f"{expert} is assigned nothing in this batch", rule=ASSIGNED, expert=expert
        ).saying("nothing_assigned")


VALUE_LIMIT = 200  # characters of a verified value (a reported figure, never a paragraph)


def check_verified_value(
    package: OpenedPackage, submission: str, indicator: str, value: object, decided_by: object
) -> tuple[str, str]:
    """The value and who decided it, for an objective leaf of ``submission``.

    The panel's verified value is what the panel agreed the reported value really is, after
    the experts verified different values (the re-verify flag): one line of text, as the
    experts' own verified values are, and the name of who recorded the panel's agreement.
    """
    leaf = check_leaf(package, submission, indicator)
    where = {"submission": submission, "indicator": indicator}
    if leaf.nature is None or leaf.nature.value != "objective":
        raise DecisionError(
            f"{indicator} is not an objective indicator: it has no verified value",
            rule=INDICATOR,
            **where,
        ).saying("not_objective")
    if not isinstance(value, str) or not value.strip():
        raise DecisionError("a verified value needs the value", rule=VALUE, **where).saying(
            "no_value"
        )
    text = value.strip()
    if "\n" in text or "\r" in text or len(text) > VALUE_LIMIT:
        raise DecisionError(
            f"a verified value is one line of at most {VALUE_LIMIT} characters",
            rule=VALUE,
            **where,
        ).saying("value_line", limit=VALUE_LIMIT)
    if not isinstance(decided_by, str) or not decided_by.strip():
        raise DecisionError(
            "a verified value names who recorded the panel's agreement", rule=REASON, **where
        ).saying("decided_by")
    return text, decided_by.strip()
