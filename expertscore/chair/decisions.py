"""The chair's decisions, kept in the merge folder's audit log and replayed from it.

* ``confirm-key``: the chair compared an expert's key fingerprint with the one on the
  expert's signed paper sheet and accepts that key for the expert;
* ``override`` / ``override-cleared``: an agreed panel score for one indicator, with the
  panel's reason (replaces the computed panel score; the experts' scores stay visible);
* ``round-2``: an indicator goes to a second scoring round for the named experts.

Nothing is ever deleted: a later entry supersedes an earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from expertscore.batch.package import OpenedPackage
from expertscore.chair.aggregate import Override, quantizer
from expertscore.chair.merge import append_audit, read_audit
from expertscore.crypto.dsse import fingerprint
from expertscore.errors import ExpertScoreError
from expertscore.results.trust import KnownKey
from expertscore.schemes.rules import fmt, max_points

CONFIRMED_SOURCE = "the chair's check against the signed paper sheet"


class DecisionError(ExpertScoreError):
    """A chair decision that cannot be recorded."""


@dataclass(frozen=True)
class RoundRequest:
    submission: str
    indicator: str
    experts: tuple[str, ...]
    reason: str


@dataclass
class Decisions:
    confirmed: dict[str, str]  # expert -> public key (base64)
    overrides: dict[tuple[str, str], Override]
    rounds: dict[tuple[str, str], RoundRequest]

    def confirmed_keys(self) -> list[KnownKey]:
        return [KnownKey(e, key, CONFIRMED_SOURCE) for e, key in self.confirmed.items()]


def replay(folder: Path) -> Decisions:
    decisions = Decisions({}, {}, {})
    for entry in read_audit(folder):
        action = entry.get("action")
        key = (entry.get("submission"), entry.get("indicator"))
        if action == "confirm-key":
            decisions.confirmed[entry["expert"]] = entry["public_key"]
        elif action == "override":
            decisions.overrides[key] = Override(Decimal(entry["points"]), entry["reason"])
        elif action == "override-cleared":
            decisions.overrides.pop(key, None)
        elif action == "round-2":
            decisions.rounds[key] = RoundRequest(
                entry["submission"], entry["indicator"], tuple(entry["experts"]), entry["reason"]
            )
    return decisions


def confirm_key(folder: Path, expert: str, public_key: str, sheet_fingerprint: str) -> None:
    """Accept ``public_key`` for ``expert`` once its fingerprint matches the paper sheet's."""
    actual = fingerprint(public_key)
    if actual.replace("-", "").lower() != sheet_fingerprint.replace("-", "").lower():
        raise DecisionError(
            f"the key's fingerprint {actual} does not match {sheet_fingerprint} on the sheet"
        )
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
) -> None:
    """Record the panel's agreed score for a leaf, checked against the leaf's maximum."""
    scheme = package.scheme
    if submission not in {s.id for s in package.manifest.submissions}:
        raise DecisionError(f"submission {submission} is not in the batch")
    leaf = scheme.find(indicator)
    if leaf is None or not leaf.is_leaf:
        raise DecisionError(f"{indicator} is not an indicator that experts score")
    try:
        value = Decimal(points)
    except InvalidOperation:
        raise DecisionError(f"'{points}' is not a number") from None
    top = max_points(scheme, leaf) or Decimal(0)
    if not value.is_finite() or not Decimal(0) <= value <= top:
        raise DecisionError(f"{indicator}: {points} is outside 0–{fmt(top)}")
    value = quantizer(scheme.aggregation)(value)
    if not reason.strip():
        raise DecisionError("an agreed panel score needs the panel's reason")
    append_audit(
        folder,
        {
            "action": "override",
            "submission": submission,
            "indicator": indicator,
            "points": str(value),
            "reason": reason.strip(),
        },
    )


def clear_override(folder: Path, submission: str, indicator: str, reason: str) -> None:
    append_audit(
        folder,
        {
            "action": "override-cleared",
            "submission": submission,
            "indicator": indicator,
            "reason": reason,
        },
    )


def request_round(
    folder: Path, submission: str, indicator: str, experts: list[str], reason: str
) -> None:
    if not experts:
        raise DecisionError("name the experts who score the second round")
    append_audit(
        folder,
        {
            "action": "round-2",
            "submission": submission,
            "indicator": indicator,
            "experts": sorted(experts),
            "reason": reason,
        },
    )
