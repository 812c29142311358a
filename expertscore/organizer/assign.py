"""Who scores what: an automatic, balanced assignment that respects every conflict.

Each submission gets ``per_submission`` experts for the indicators that are not split off;
where the panel splits the work, each split group (e.g. ``1`` 经营能力 -> role 财务) gets
``per_submission`` experts of that role. An expert is never assigned a submission they
declared a conflict with, nor one whose operator is their own organization.

The assignment is greedy (the most constrained submissions first, the least loaded experts
first), then rebalanced by moving single assignments from the busiest to the least busy
eligible expert, so loads within each pool end up within one submission of each other
whenever the conflicts allow it. The result is deterministic.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from expertscore.batch.manifest import Assignment, Conflict, Submission
from expertscore.errors import ExpertScoreError
from expertscore.organizer.roster import RosterExpert
from expertscore.schemes.model import AggregationMethod, Scheme

GENERAL = ""  # the pool of experts who score what is not split off


class AssignmentError(ExpertScoreError):
    """An assignment that cannot be made or that breaks a rule."""


def _plain(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split()).lower()


def conflict_reason(expert: RosterExpert, submission: Submission) -> str | None:
    if submission.id in expert.conflicts:
        return "本人申报的利益冲突"
    if _plain(submission.operator) in {_plain(c) for c in expert.conflicts}:
        return f"本人申报与{submission.operator}存在利益冲突"
    if expert.organization and _plain(expert.organization) == _plain(submission.operator):
        return f"与申报单位同属{submission.operator}"
    return None


@dataclass
class Plan:
    """Assignments by pool: pool role -> submission id -> expert ids."""

    pools: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)

    def loads(self, pool: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for experts in self.pools.get(pool, {}).values():
            for expert in experts:
                counts[expert] = counts.get(expert, 0) + 1
        return counts


def _pool_members(roster: Sequence[RosterExpert], split: Mapping[str, str]) -> dict[str, list[str]]:
    split_roles = set(split.values())
    pools: dict[str, list[str]] = {GENERAL: []}
    for role in split_roles:
        pools[role] = []
    for expert in roster:
        pools[expert.role if expert.role in split_roles else GENERAL].append(expert.id)
    return pools


def _fill_pool(
    members: list[str],
    submissions: Sequence[Submission],
    eligible: Mapping[tuple[str, str], bool],
    per_submission: int,
    pool_name: str,
) -> dict[str, list[str]]:
    loads = dict.fromkeys(members, 0)
    choices: dict[str, list[str]] = {}
    order = sorted(
        submissions,
        key=lambda s: (sum(eligible[(e, s.id)] for e in members), s.id),
    )
    for sub in order:
        candidates = [e for e in members if eligible[(e, sub.id)]]
        if len(candidates) < per_submission:
            label = f"role {pool_name}" if pool_name else "the panel"
            raise AssignmentError(
                f"submission {sub.id}: only {len(candidates)} experts of {label} are free of"
                f" conflicts, {per_submission} needed"
            )
        chosen = sorted(candidates, key=lambda e: (loads[e], e))[:per_submission]
        for expert in chosen:
            loads[expert] += 1
        choices[sub.id] = sorted(chosen)
    _rebalance(choices, loads, eligible)
    return choices


def _rebalance(
    choices: dict[str, list[str]], loads: dict[str, int], eligible: Mapping[tuple[str, str], bool]
) -> None:
    for _ in range(10 * len(choices) + 10):
        busiest = max(loads, key=lambda e: (loads[e], e))
        idlest = min(loads, key=lambda e: (loads[e], e))
        if loads[busiest] - loads[idlest] <= 1:
            return
        moved = False
        for sid in sorted(choices):
            chosen = choices[sid]
            if busiest in chosen and idlest not in chosen and eligible[(idlest, sid)]:
                chosen[chosen.index(busiest)] = idlest
                chosen.sort()
                loads[busiest] -= 1
                loads[idlest] += 1
                moved = True
                break
        if not moved:
            return


def plan_assignments(
    roster: Sequence[RosterExpert],
    submissions: Sequence[Submission],
    per_submission: int,
    split: Mapping[str, str] | None = None,
    split_size: int | None = None,
) -> Plan:
    """Assign ``per_submission`` general experts, and ``split_size`` per split group."""
    split = dict(split or {})
    by_id = {expert.id: expert for expert in roster}
    eligible: dict[tuple[str, str], bool] = {}
    plan = Plan()
    for expert in roster:
        for sub in submissions:
            reason = conflict_reason(expert, sub)
            eligible[(expert.id, sub.id)] = reason is None
            if reason is not None:
                plan.conflicts.append(Conflict(expert=expert.id, submission=sub.id, reason=reason))
    for pool, members in _pool_members(list(by_id.values()), split).items():
        if pool == GENERAL and not members and len(split) > 0:
            continue
        size = per_submission if pool == GENERAL else (split_size or per_submission)
        plan.pools[pool] = _fill_pool(members, submissions, eligible, size, pool)
    return plan


def to_assignments(
    plan: Plan, scheme: Scheme, split: Mapping[str, str] | None = None
) -> list[Assignment]:
    """Manifest assignments: general experts score all but the split groups."""
    split = dict(split or {})
    general_codes = (
        "all" if not split else [node.code for node in scheme.indicators if node.code not in split]
    )
    assignments: dict[tuple[str, str], list[str] | str] = {}
    for pool, choices in plan.pools.items():
        codes = general_codes if pool == GENERAL else [c for c, r in split.items() if r == pool]
        for sid, experts in choices.items():
            for expert in experts:
                previous = assignments.get((expert, sid))
                if previous is None:
                    assignments[(expert, sid)] = codes
                elif previous != "all" and codes != "all":
                    assignments[(expert, sid)] = sorted({*previous, *codes})
    return [
        Assignment(expert=e, submission=s, indicators=codes)
        for (e, s), codes in sorted(assignments.items(), key=lambda item: (item[0][1], item[0][0]))
    ]


def needed_experts(scheme: Scheme) -> int:
    """The fewest experts each indicator needs under the scheme's aggregation policy."""
    policy = scheme.aggregation
    if policy.method == AggregationMethod.TRIMMED_MEAN:
        return max(policy.min_experts, policy.trim_min_experts)
    return policy.min_experts


def check_coverage(
    scheme: Scheme,
    submissions: Sequence[Submission],
    assignments: Sequence[Assignment],
    conflicts: Sequence[Conflict],
) -> None:
    """Refuse assignments that leave an indicator with fewer experts than the policy needs."""
    needed = needed_experts(scheme)
    blocked = {(c.expert, c.submission) for c in conflicts}
    for sub in submissions:
        counts = dict.fromkeys((leaf.code for leaf in scheme.applicable_leaves(sub.category)), 0)
        for assignment in assignments:
            if assignment.submission != sub.id:
                continue
            if (assignment.expert, sub.id) in blocked:
                raise AssignmentError(
                    f"{assignment.expert} is assigned {sub.id} despite a conflict of interest"
                )
            if assignment.indicators == "all":
                codes = set(counts)
            else:
                codes = {
                    leaf.code
                    for code in assignment.indicators
                    if (node := scheme.find(code)) is not None
                    for leaf in node.walk()
                }
            for code in codes & set(counts):
                counts[code] += 1
        short = [code for code, count in counts.items() if count < needed]
        if short:
            raise AssignmentError(
                f"submission {sub.id}: indicator {short[0]} has {counts[short[0]]} experts;"
                f" the aggregation policy needs {needed}"
            )
