"""The automatic assignment on a 200-submission, 15-expert round."""

from __future__ import annotations

import random

import pytest

from expertscore.batch.manifest import Assignment, Submission
from expertscore.organizer.assign import (
    GENERAL,
    AssignmentError,
    UnassignedSubmissions,
    WayOut,
    check_coverage,
    plan_assignments,
    to_assignments,
)
from expertscore.organizer.roster import RosterExpert
from expertscore.schemes.model import Aggregation
from expertscore.schemes.registry import resolve_scheme

LIAONING = resolve_scheme("liaoning-2025-grading").scheme
MEAN_OF_THREE = LIAONING.model_copy(
    update={"aggregation": Aggregation(method="mean", min_experts=3)}
)


def round_of_200():
    rng = random.Random(9)
    operators = [f"科技有限公司{n % 60}" for n in range(200)]
    submissions = [
        Submission(id=f"S{n:03d}", platform=f"平台{n}", operator=operators[n]) for n in range(200)
    ]
    roster = []
    for n in range(1, 16):
        role = "财务" if n <= 4 else ("技术" if n % 2 else "行业")
        # Five experts work for companies that submitted; four declared conflicts by id.
        organization = operators[n * 3] if n in (5, 6, 7, 8, 9) else f"大学{n}"
        conflicts = (
            [f"S{rng.randrange(200):03d}" for _ in range(6)] if n in (10, 11, 12, 13) else []
        )
        roster.append(
            RosterExpert(
                id=f"E{n:02d}",
                name=f"专家{n}",
                organization=organization,
                role=role,
                conflicts=conflicts,
            )
        )
    return submissions, roster


def test_balanced_and_free_of_conflicts_with_roles():
    submissions, roster = round_of_200()
    plan = plan_assignments(
        roster, submissions, per_submission=5, split={"1": "财务"}, split_size=3
    )
    assert len(plan.conflicts) > 20
    blocked = {(c.expert, c.submission) for c in plan.conflicts}
    assignments = to_assignments(plan, LIAONING, {"1": "财务"})
    assert all((a.expert, a.submission) not in blocked for a in assignments)
    finance = {e.id for e in roster if e.role == "财务"}
    for a in assignments:
        if a.expert in finance:
            assert a.indicators == ["1"]
        else:
            assert a.indicators == ["2", "3", "4"]
    for sub in submissions:
        chosen = [a.expert for a in assignments if a.submission == sub.id]
        assert len([e for e in chosen if e in finance]) == 3
        assert len([e for e in chosen if e not in finance]) == 5
    for pool in (GENERAL, "财务"):
        loads = plan.loads(pool)
        assert max(loads.values()) - min(loads.values()) <= 1, (pool, loads)
    check_coverage(MEAN_OF_THREE, submissions, assignments, plan.conflicts)


def test_same_organization_counts_as_a_conflict():
    submissions, roster = round_of_200()
    plan = plan_assignments(roster, submissions, per_submission=5)
    e05 = next(e for e in roster if e.id == "E05")
    own = [s.id for s in submissions if s.operator == e05.organization]
    assert own
    assigned = {a.submission for a in to_assignments(plan, LIAONING) if a.expert == "E05"}
    assert not assigned & set(own)
    reasons = {c.reason for c in plan.conflicts if c.expert == "E05"}
    assert reasons == {f"与申报单位同属{e05.organization}"}


def test_coverage_below_the_policy_is_refused_with_the_place():
    submissions, roster = round_of_200()
    plan = plan_assignments(roster, submissions[:3], per_submission=3)
    assignments = to_assignments(plan, LIAONING)
    trimmed = LIAONING  # trimmed mean from 5 experts: 3 are not enough
    with pytest.raises(AssignmentError) as info:
        check_coverage(trimmed, submissions[:3], assignments, plan.conflicts)
    assert str(info.value) == (
        "submission S000: indicator 1.1.1 has 3 experts; the aggregation policy needs 5"
    )


def test_a_hand_made_assignment_with_a_conflict_is_refused():
    submissions, roster = round_of_200()
    plan = plan_assignments(roster, submissions[:20], per_submission=5)
    conflict = plan.conflicts[0]
    assignments = [
        *to_assignments(plan, LIAONING),
        Assignment(expert=conflict.expert, submission=conflict.submission),
    ]
    with pytest.raises(
        AssignmentError, match=f"{conflict.expert} is assigned {conflict.submission} despite"
    ):
        check_coverage(MEAN_OF_THREE, submissions[:20], assignments, plan.conflicts)


def test_too_few_free_experts_leave_only_those_submissions_out():
    submissions, roster = round_of_200()
    roster = roster[9:14]  # five experts; E10–E13 declared conflicts
    plan = plan_assignments(roster, submissions[:40], per_submission=5)
    short = {s.submission: s for s in plan.short}
    assert short, "some submissions have a declared conflict"
    for sid, choices in plan.pools[GENERAL].items():
        assert sid not in short and len(choices) == 5
    assert set(plan.pools[GENERAL]) | set(short) == {s.id for s in submissions[:40]}
    first = plan.short[0]
    assert (first.free, first.wanted, first.role) == (4, 5, GENERAL)
    expert, reason = first.kept_apart[0]
    assert reason == "本人申报的利益冲突"
    assert first.ways_out(3) == [
        WayOut("lower", count=4),
        WayOut("add", role=GENERAL),
        WayOut("review", expert=expert, reason=reason),
    ]
    assert [w.kind for w in first.ways_out(5)] == ["add", "review"]
    lowered = plan_assignments(
        roster, submissions[:40], per_submission=5, counts={first.submission: 4}
    )
    assert first.submission not in {s.submission for s in lowered.short}
    assert len(lowered.pools[GENERAL][first.submission]) == 4
    error = UnassignedSubmissions(plan.short, 3)
    assert str(error).startswith(
        f"submission {first.submission}: only 4 experts of the panel are free of conflicts,"
        " 5 needed"
    )
