"""The expert panel: roster, balanced assignments and a few declared conflicts of interest."""

from __future__ import annotations

import random

from expertscore.batch.manifest import Assignment, Conflict, Expert
from expertscore.demo.names import Namer

PANEL_SIZE = 5  # experts per submission, at most
ROLE_CYCLE = ("技术", "行业", "财务", "技术", "行业")
CONFLICT_EVERY = 12  # about one submission in this many has a declared conflict

REASONS = {
    "财务": (
        "该专家所在会计师事务所近三年为申报单位提供过年度审计服务",
        "该专家曾为申报单位提供财务咨询服务（2023年）",
    ),
    "技术": (
        "该专家所在单位与申报单位共同承担省级科技项目",
        "该专家曾为申报单位提供平台架构技术咨询服务",
        "该专家指导的研究生在申报单位任职",
    ),
    "行业": (
        "该专家曾任申报单位独立董事（2022年离任）",
        "该专家所在单位是申报平台的付费用户",
        "该专家的近亲属在申报单位任职",
    ),
}


def expert_id(index: int, count: int) -> str:
    return f"E{index + 1:0{max(2, len(str(count)))}d}"


def make_roster(rng: random.Random, namer: Namer, count: int) -> list[Expert]:
    """``count`` experts; every fifth is a finance expert, the rest technology or industry."""
    roles = [ROLE_CYCLE[index % len(ROLE_CYCLE)] for index in range(count)]
    rng.shuffle(roles)
    return [
        Expert(
            id=expert_id(index, count),
            name=namer.person(),
            organization=namer.organization(role),
            role=role,
        )
        for index, role in enumerate(roles)
    ]


def make_assignments(roster: list[Expert], submission_ids: list[str]) -> list[Assignment]:
    """Each submission to min(K, 5) experts, consecutive round-robin so the load is even."""
    count = len(roster)
    panel = min(count, PANEL_SIZE)
    assignments = []
    for index, sub_id in enumerate(submission_ids):
        start = index * panel
        for offset in range(panel):
            expert = roster[(start + offset) % count]
            assignments.append(Assignment(expert=expert.id, submission=sub_id))
    return assignments


def make_conflicts(
    rng: random.Random, roster: list[Expert], assignments: list[Assignment]
) -> list[Conflict]:
    """About one submission in twelve (at least one) has an assigned expert with a conflict.

    The expert stays assigned; the conflict is recorded for the chair to decide.
    """
    by_submission: dict[str, list[str]] = {}
    for item in assignments:
        by_submission.setdefault(item.submission, []).append(item.expert)
    submission_ids = list(by_submission)
    if not submission_ids:
        return []
    count = max(1, round(len(submission_ids) / CONFLICT_EVERY))
    roles = {expert.id: expert.role or "技术" for expert in roster}
    conflicts = []
    for sub_id in sorted(rng.sample(submission_ids, count)):
        expert = rng.choice(by_submission[sub_id])
        reason = rng.choice(REASONS.get(roles[expert], REASONS["技术"]))
        conflicts.append(Conflict(expert=expert, submission=sub_id, reason=reason))
    return conflicts
