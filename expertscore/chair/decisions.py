"""The chair's decisions, kept in the merge folder's audit log and replayed from it.

* ``confirm-key``: the chair compared an expert's key fingerprint with the one on the
  expert's signed paper sheet and accepts that key for the expert;
* ``override`` / ``override-cleared``: an agreed panel score for one indicator, with its
  cause (87号令 art. 64) and the panel's reason (replaces the computed panel score; the
  experts' scores stay visible);
* ``round-2``: an indicator goes to a second scoring round for the named experts;
* ``transcription-allowed``: the chair's transcription of an expert's paper sheet may be
  used although the expert's own signed result exists, with the reason;
* ``verified-value``: the value the panel agreed for an objective indicator's reported
  value, after the experts verified different ones (re-verify), with who recorded it and
  why; it resolves the re-verify flag, the scores stay as they are. A later one replaces it.

Nothing is ever deleted: a later entry supersedes an earlier one. Recording and replaying
apply the same rules (``decision_rules``): a line appended by hand that the command line
would have refused stops the replay with ``AuditRefused`` (line number, action, rule), so
nothing is computed or signed from it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from expertscore.batch.package import OpenedPackage
from expertscore.chair import decision_rules as rules
from expertscore.chair.aggregate import Override, VerifiedValue
from expertscore.chair.decision_rules import DecisionError
from expertscore.chair.merge import AUDIT, append_audit
from expertscore.results.trust import CHAIR_CONFIRMED, KnownKey
from expertscore.wording.errors import worded

__all__ = ["AuditRefused", "DecisionError", "Decisions", "replay", "replay_entries"]

CONFIRMED_SOURCE = CHAIR_CONFIRMED  # one wording of the trust source, kept in results.trust
DECISION_ACTIONS = (
    "confirm-key",
    "override",
    "override-cleared",
    "round-2",
    "transcription-allowed",
    "verified-value",
)
OTHER_ACTIONS = ("merge",)
# What a decision without its reason is refused with: (DecisionError.said, English line).
NO_OVERRIDE_REASON = ("override_reason", "an agreed panel score needs the panel's reason")
NO_WITHDRAWAL_REASON = ("withdrawal_reason", "withdrawing an agreed score needs a reason")
NO_ROUND_REASON = ("round_reason", "a second round needs a reason")
NO_TRANSCRIPTION_REASON = ("transcription_reason", "using a transcription needs a reason")
NO_VALUE_REASON = ("value_reason", "a verified value needs the panel's reason")


class AuditRefused(DecisionError):
    """A line of ``audit.jsonl`` that the program would not have written."""

    def __init__(self, line: int, action: str, error: DecisionError, source: str = AUDIT) -> None:
        self.line = line
        self.action = action
        super().__init__(
            f"{source} line {line}: {action}: {error.message}",
            rule=error.rule,
            submission=error.submission,
            indicator=error.indicator,
            expert=error.expert,
        )
        # Worded as the line and the refusal of the decision it records, in both languages.
        self.saying("line", source=source, why=worded(error))


@dataclass(frozen=True)
class RoundDecision:
    submission: str
    indicator: str
    experts: tuple[str, ...]
    reason: str


@dataclass
class Decisions:
    confirmed: dict[str, str]  # expert -> public key (base64)
    overrides: dict[tuple[str, str], Override]
    rounds: dict[tuple[str, str], RoundDecision]
    # expert -> why a transcription may replace their own signed result
    transcriptions: dict[str, str] = field(default_factory=dict)
    # (submission, indicator) -> the panel's verified value
    verified_values: dict[tuple[str, str], VerifiedValue] = field(default_factory=dict)

    @classmethod
    def empty(cls) -> Decisions:
        return cls({}, {}, {}, {}, {})

    def confirmed_keys(self) -> list[KnownKey]:
        return [KnownKey(e, key, CONFIRMED_SOURCE) for e, key in self.confirmed.items()]


def _text(entry: dict[str, Any], name: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str):
        raise DecisionError(f"the line has no text field '{name}'", rule="shape").saying(
            "no_field", field=name
        )
    return value


def _apply_override(package: OpenedPackage, entry: dict, decisions: Decisions) -> None:
    sid, code = _text(entry, "submission"), _text(entry, "indicator")
    points = rules.check_agreed_score(package, sid, code, _text(entry, "points"), stored=True)
    cause = rules.check_cause(entry.get("cause"), stored=True, submission=sid, indicator=code)
    rules.check_reason(
        entry.get("reason"),
        NO_OVERRIDE_REASON,
        submission=sid,
        indicator=code,
    )
    decisions.overrides[(sid, code)] = Override(points, entry["reason"], cause)


def _apply_cleared(package: OpenedPackage, entry: dict, decisions: Decisions) -> None:
    sid, code = _text(entry, "submission"), _text(entry, "indicator")
    rules.check_leaf(package, sid, code)
    rules.check_reason(entry.get("reason"), NO_WITHDRAWAL_REASON, submission=sid)
    if decisions.overrides.pop((sid, code), None) is None:
        raise DecisionError(
            f"{sid} {code} has no agreed score to withdraw",
            rule="withdraw",
            submission=sid,
            indicator=code,
        ).saying("nothing_to_withdraw")


def _apply_round(package: OpenedPackage, entry: dict, decisions: Decisions) -> None:
    sid, code = _text(entry, "submission"), _text(entry, "indicator")
    experts = entry.get("experts")
    if not isinstance(experts, list) or not all(isinstance(e, str) for e in experts):
        raise DecisionError("the line has no list of expert ids 'experts'", rule="shape").saying(
            "no_field", field="experts"
        )
    if experts != sorted(set(experts)):
        raise DecisionError(
            "the experts are not listed once each, in order", rule=rules.EXPERTS, submission=sid
        ).saying("experts_order")
    rules.check_round(package, sid, code, experts)
    rules.check_reason(entry.get("reason"), NO_ROUND_REASON, submission=sid)
    decisions.rounds[(sid, code)] = RoundDecision(sid, code, tuple(experts), entry["reason"])


def _apply_confirmation(package: OpenedPackage, entry: dict, decisions: Decisions) -> None:
    expert, key = _text(entry, "expert"), _text(entry, "public_key")
    rules.check_confirmation(package, expert, key, _text(entry, "fingerprint"))
    decisions.confirmed[expert] = key


def _apply_transcription(package: OpenedPackage, entry: dict, decisions: Decisions) -> None:
    expert = _text(entry, "expert")
    rules.check_transcription(package, expert)
    reason = rules.check_reason(entry.get("reason"), NO_TRANSCRIPTION_REASON, expert=expert)
    decisions.transcriptions[expert] = reason


def _apply_verified(package: OpenedPackage, entry: dict, decisions: Decisions) -> None:
    sid, code = _text(entry, "submission"), _text(entry, "indicator")
    value, by = rules.check_verified_value(
        package, sid, code, entry.get("value"), entry.get("decided_by")
    )
    reason = rules.check_reason(entry.get("reason"), NO_VALUE_REASON, submission=sid)
    decisions.verified_values[(sid, code)] = VerifiedValue(value, by, reason)


_APPLY: dict[str, Callable[[OpenedPackage, dict, Decisions], None]] = {
    "confirm-key": _apply_confirmation,
    "override": _apply_override,
    "override-cleared": _apply_cleared,
    "round-2": _apply_round,
    "transcription-allowed": _apply_transcription,
    "verified-value": _apply_verified,
}


def replay_entries(
    entries: Iterable[tuple[int, Any]], package: OpenedPackage, source: str = AUDIT
) -> Decisions:
    """The decisions of numbered audit entries, each checked as when it was recorded."""
    decisions = Decisions.empty()
    for number, entry in entries:
        action = entry.get("action") if isinstance(entry, dict) else None
        shown = action if isinstance(action, str) else "?"
        try:
            if not isinstance(entry, dict):
                raise DecisionError("the line is not a JSON object", rule="shape").saying(
                    "not_an_object"
                )
            if action in OTHER_ACTIONS:
                continue
            step = _APPLY.get(action)  # type: ignore[arg-type]
            if step is None:
                raise DecisionError(f"unknown action {json.dumps(action)}", rule="action").saying(
                    "unknown_action", name=json.dumps(action)
                )
            step(package, entry, decisions)
        except DecisionError as exc:
            raise AuditRefused(number, shown, exc, source) from None
    return decisions


def numbered_lines(folder: Path) -> list[tuple[int, Any]]:
    """The audit log's lines with their numbers (1-based); a broken line is refused."""
    path = folder / AUDIT
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line:
            continue
        try:
            entries.append((number, json.loads(line)))
        except ValueError:
            raise AuditRefused(
                number,
                "unreadable",
                DecisionError("the line is not JSON", rule="shape").saying("not_json"),
            ) from None
    return entries


def replay(folder: Path, package: OpenedPackage) -> Decisions:
    """The chair's decisions in ``folder``'s audit log, under the rules of recording them."""
    return replay_entries(numbered_lines(folder), package)


def confirm_key(
    folder: Path,
    expert: str,
    public_key: str,
    sheet_fingerprint: str,
    package: OpenedPackage | None = None,
) -> None:
    """Accept ``public_key`` for ``expert`` once its fingerprint matches the paper sheet's."""
    actual = rules.check_confirmation(package, expert, public_key, sheet_fingerprint)
    append_audit(
        folder,
        {
            "action": "confirm-key",
            "expert": expert,
            "public_key": public_key,
            "fingerprint": actual,
        },
    )


def record_override(
    folder: Path,
    package: OpenedPackage,
    submission: str,
    indicator: str,
    points: str,
    reason: str,
    cause: str,
) -> None:
    """Record the panel's agreed score for a leaf, checked against the leaf's scoring.

    ``cause`` is one of 87号令 art. 64's four (``OverrideCause`` values).
    """
    value = rules.check_agreed_score(package, submission, indicator, points)
    known = rules.check_cause(cause, submission=submission, indicator=indicator)
    text = rules.check_reason(
        reason,
        NO_OVERRIDE_REASON,
        submission=submission,
        indicator=indicator,
    )
    append_audit(
        folder,
        {
            "action": "override",
            "submission": submission,
            "indicator": indicator,
            "points": str(value),
            "cause": str(known),
            "reason": text,
        },
    )


def clear_override(
    folder: Path,
    submission: str,
    indicator: str,
    reason: str,
    package: OpenedPackage | None = None,
) -> None:
    text = rules.check_reason(reason, NO_WITHDRAWAL_REASON, submission=submission)
    if package is not None:
        rules.check_leaf(package, submission, indicator)
        if (submission, indicator) not in replay(folder, package).overrides:
            raise DecisionError(
                f"{submission} {indicator} has no agreed score to withdraw",
                rule="withdraw",
                submission=submission,
                indicator=indicator,
            ).saying("nothing_to_withdraw")
    append_audit(
        folder,
        {
            "action": "override-cleared",
            "submission": submission,
            "indicator": indicator,
            "reason": text,
        },
    )


def request_round(
    folder: Path,
    submission: str,
    indicator: str,
    experts: list[str],
    reason: str,
    package: OpenedPackage | None = None,
) -> None:
    if not experts:
        raise DecisionError(
            "name the experts who score the second round", rule=rules.EXPERTS
        ).saying("no_experts")
    named = sorted(set(experts))
    if package is not None:
        rules.check_round(package, submission, indicator, named)
    text = rules.check_reason(reason, NO_ROUND_REASON, submission=submission)
    append_audit(
        folder,
        {
            "action": "round-2",
            "submission": submission,
            "indicator": indicator,
            "experts": named,
            "reason": text,
        },
    )


def allow_transcription(folder: Path, package: OpenedPackage, expert: str, reason: str) -> None:
    """Let the chair's transcription of ``expert``'s sheet replace their own signed result."""
    rules.check_transcription(package, expert)
    text = rules.check_reason(reason, NO_TRANSCRIPTION_REASON, expert=expert)
    append_audit(folder, {"action": "transcription-allowed", "expert": expert, "reason": text})


def record_verified_value(
    folder: Path,
    package: OpenedPackage,
    submission: str,
    indicator: str,
    value: str,
    decided_by: str,
    reason: str,
) -> VerifiedValue:
    """Record the value the panel agreed for ``indicator``'s reported value (re-verify)."""
    text, by = rules.check_verified_value(package, submission, indicator, value, decided_by)
    why = rules.check_reason(reason, NO_VALUE_REASON, submission=submission, indicator=indicator)
    append_audit(
        folder,
        {
            "action": "verified-value",
            "submission": submission,
            "indicator": indicator,
            "value": text,
            "decided_by": by,
            "reason": why,
        },
    )
    return VerifiedValue(text, by, why)
