"""Who scores what: an automatic, balanced assignment that respects every conflict.

Each submission gets ``per_submission`` experts for the indicators that are not split off;
where the panel splits the work, each split group (e.g. ``1`` 经营能力 -> role 财务) gets
``per_submission`` experts of that role. An expert is never assigned a submission they
declared a conflict with, nor one whose operator is their own organization.

A submission that has too few eligible experts in a pool is left out of that pool and
listed as a ``Shortfall`` (with the experts kept apart and why), so one short submission
never empties the whole plan; ``ways_out`` says what the organizer can change.

The assignment is greedy (the most constrained submissions first, the least loaded experts
first), then rebalanced by moving single assignments from the busiest to the least busy
eligible expert, so loads within each pool end up within one submission of each other
whenever the conflicts allow it. The result is deterministic.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from expertscore.batch.manifest import AssignedIndicators, Assignment, Conflict, Submission
from expertscore.errors import ExpertScoreError
from expertscore.organizer.roster import RosterExpert
from expertscore.schemes.model import Scheme
from expertscore.schemes.policies import policy_of

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


@dataclass(frozen=True)
class WayOut:
    """One change that would let a short submission be assigned.

    ``kind`` is ``lower`` (ask ``count`` experts of this submission), ``add`` (add an expert,
    of ``role`` when set) or ``review`` (review ``expert``'s conflict, ``reason``).
    """

    kind: str
    count: int = 0
    role: str = ""
    expert: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Shortfall:
    """A submission a pool cannot staff: ``free`` eligible experts, ``wanted`` asked for."""

    submission: str
    role: str  # the pool: GENERAL or a split role
    free: int
    wanted: int
    kept_apart: tuple[tuple[str, str], ...]  # (expert, reason) of the pool's conflicts

    def ways_out(self, policy_needs: int) -> list[WayOut]:
        """Lower the count (if the policy allows it), add an expert, review each conflict."""
        ways = []
        if self.free >= max(policy_needs, 1):
            ways.append(WayOut("lower", count=self.free))
        ways.append(WayOut("add", role=self.role))
        ways.extend(WayOut("review", expert=e, reason=r) for e, r in self.kept_apart)
        return ways


class UnassignedSubmissions(AssignmentError):
    """Some submissions cannot be assigned; ``shortfalls`` says which and why."""

    def __init__(self, shortfalls: Sequence[Shortfall], policy_needs: int) -> None:
        self.shortfalls = list(shortfalls)
        self.policy_needs = policy_needs  # the fewest experts the aggregation policy accepts
        first = self.shortfalls[0]
        label = f"role {first.role}" if first.role else "the panel"
        more = f" (and {len(self.shortfalls) - 1} more)" if len(self.shortfalls) > 1 else ""
        super().__init__(
            f"submission {first.submission}: only {first.free} experts of {label} are free of"
            f" conflicts, {first.wanted} needed{more}"
        )
        # With more than one short, the first is worded and the others counted.
        facts = {"sid": first.submission, "count": first.free, "role": first.role}
        facts |= {"needed": first.wanted, "more": len(self.shortfalls) - 1}
        if more:
            self.saying("only_free_role_more" if first.role else "only_free_more", **facts)
        else:
            self.saying("only_free_role" if first.role else "only_free", **facts)


@dataclass
class Plan:
    """Assignments by pool: pool role -> submission id -> expert ids."""

    pools: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    short: list[Shortfall] = field(default_factory=list)

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
    reasons: Mapping[tuple[str, str], str],
    sizes: Mapping[str, int],
    pool_name: str,
    short: list[Shortfall],
) -> dict[str, list[str]]:
    """Assign each submission ``sizes[id]`` members; a submission short of them is listed."""
    eligible = {(e, s.id): (e, s.id) not in reasons for e in members for s in submissions}
    loads = dict.fromkeys(members, 0)
    choices: dict[str, list[str]] = {}
    order = sorted(
        submissions,
        key=lambda s: (sum(eligible[(e, s.id)] for e in members), s.id),
    )
    for sub in order:
        candidates = [e for e in members if eligible[(e, sub.id)]]
        size = sizes[sub.id]
        if len(candidates) < size:
            apart = tuple((e, r) for e in members if (r := reasons.get((e, sub.id))))
            short.append(Shortfall(sub.id, pool_name, len(candidates), size, apart))
            continue
        chosen = sorted(candidates, key=lambda e: (loads[e], e))[:size]
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
    counts: Mapping[str, int] | None = None,
) -> Plan:
    """Assign ``per_submission`` general experts, and ``split_size`` per split group.

    ``counts`` lowers the number for single submissions, in every pool; what
    cannot be staffed is in ``plan.short``.
    """
    split = dict(split or {})
    counts = dict(counts or {})
    by_id = {expert.id: expert for expert in roster}
    reasons: dict[tuple[str, str], str] = {}
    plan = Plan()
    for expert in roster:
        for sub in submissions:
            reason = conflict_reason(expert, sub)
            if reason is not None:
                reasons[(expert.id, sub.id)] = reason
                plan.conflicts.append(Conflict(expert=expert.id, submission=sub.id, reason=reason))
    for pool, members in _pool_members(list(by_id.values()), split).items():
        if pool == GENERAL and not members and len(split) > 0:
            continue
        size = per_submission if pool == GENERAL else (split_size or per_submission)
        sizes = {s.id: min(size, counts.get(s.id, size)) for s in submissions}
        plan.pools[pool] = _fill_pool(members, submissions, reasons, sizes, pool, plan.short)
    plan.short.sort(key=lambda item: (item.submission, item.role))
    return plan


def to_assignments(
    plan: Plan, scheme: Scheme, split: Mapping[str, str] | None = None
) -> list[Assignment]:
    """Manifest assignments: general experts score all but the split groups."""
    split = dict(split or {})
    general_codes: AssignedIndicators = (
        "all" if not split else [node.code for node in scheme.indicators if node.code not in split]
    )
    assignments: dict[tuple[str, str], AssignedIndicators] = {}
    for pool, choices in plan.pools.items():
        codes: AssignedIndicators = (
            general_codes if pool == GENERAL else [c for c, r in split.items() if r == pool]
        )
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
    return policy_of(scheme.aggregation).needed_experts()


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
                ).saying("conflict", expert=assignment.expert, sid=sub.id)
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
            ).saying("too_few", sid=sub.id, code=short[0], count=counts[short[0]], needed=needed)
