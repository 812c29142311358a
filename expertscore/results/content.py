"""What a result file claims, checked against the batch package's rules.

A signature proves who signed, not that the signer kept the rules: the expert owns the
session file and can edit it with any SQLite tool before signing. So every reader checks
each claim against the *package* (never the session's copy of it): every score is for a
(submission, indicator) pair in the expert's assignment, on a submission that is not
recused, and is an entry the leaf's mode allows (``scoring.rules``); a recusal from the
roster is the package's conflict, word for word, and a recused submission carries nothing.
``replay`` then checks that the edit log produces exactly these scores.

``BatchRules`` is built once per package and shared by every file the chair checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from expertscore.batch.package import OpenedPackage
from expertscore.results.model import ResultPayload, SubmissionResult
from expertscore.scoring.rules import ScoreCheck, leaves_in_scope


@dataclass(frozen=True)
class Broken:
    """One broken rule: which rule, where, and what was found (``docs/formats.md``)."""

    rule: str
    detail: str
    submission: str | None = None
    indicator: str | None = None


class BatchRules:
    """The package's assignments, conflicts and reported values, looked up per expert."""

    def __init__(self, package: OpenedPackage) -> None:
        self.package = package
        self.check = ScoreCheck(package.scheme)
        self._scopes: dict[str, dict[str, dict[str, int]]] = {}

    @cached_property
    def _categories(self) -> dict[str, str | None]:
        return {s.id: s.category for s in self.package.manifest.submissions}

    @cached_property
    def reported(self) -> dict[str, dict[str, str]]:
        return {
            s.id: {code: v.value for code, v in s.values.items()}
            for s in self.package.manifest.submissions
        }

    @cached_property
    def evidence(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for item in self.package.manifest.evidence:
            found.setdefault(item.submission, set()).add(item.id)
        return found

    @cached_property
    def conflicts(self) -> dict[tuple[str, str], str]:
        return {(c.expert, c.submission): c.reason for c in self.package.manifest.conflicts}

    def scope(self, expert: str) -> dict[str, dict[str, int]]:
        """Submission -> the leaf codes the package gives ``expert`` to score, in order.

        Each code maps to its place in the submission's leaves (the order a result lists
        them in).
        """
        found = self._scopes.get(expert)
        if found is None:
            shared: dict[tuple, dict[str, int]] = {}
            found = {}
            for a in self.package.manifest.assignments:
                if a.expert != expert:
                    continue
                groups = a.indicators if a.indicators == "all" else tuple(a.indicators)
                key = (self._categories.get(a.submission), groups)
                if key not in shared:
                    leaves = leaves_in_scope(self.package.scheme, key[0], groups)
                    shared[key] = {leaf.code: index for index, leaf in enumerate(leaves)}
                found[a.submission] = shared[key]
            self._scopes[expert] = found
        return found


_CACHE: list[tuple[OpenedPackage, BatchRules]] = []


def rules_for(package: OpenedPackage) -> BatchRules:
    """The rules of ``package``, built on first use (a chair checks thirty files with one)."""
    for known, rules in _CACHE:
        if known is package:
            return rules
    rules = BatchRules(package)
    _CACHE[:] = [*_CACHE[-3:], (package, rules)]
    return rules


def content_problem(
    payload: ResultPayload, rules: BatchRules, entries_checked: bool = False
) -> Broken | None:
    """The first claim of ``payload`` that breaks the batch's rules, or ``None``.

    ``entries_checked``: the log's replay will check every entry (and so every final
    score); only what the replay cannot see is checked here.
    """
    expert = payload.expert.id
    scope = rules.scope(expert)
    for sub in payload.submissions:
        conflict = rules.conflicts.get((expert, sub.id))
        problem = (
            _recusal_problem(sub, conflict, rules.package)
            if sub.recusal is not None or conflict is not None
            else _scores_problem(sub, scope.get(sub.id, {}), rules, entries_checked)
        )
        if problem is not None:
            return problem
    return None


def _recusal_problem(
    sub: SubmissionResult, conflict: str | None, package: OpenedPackage
) -> Broken | None:
    recusal = sub.recusal
    if recusal is None:
        return Broken(
            "recused", "the batch lists a conflict of interest, but it was scored", sub.id
        )
    if recusal.source == "roster":
        created = package.manifest.batch.created.isoformat()
        if conflict is None:
            return Broken("recusal", "a conflict of interest the batch does not list", sub.id)
        if (recusal.reason, recusal.declared_at) != (conflict, created):
            return Broken("recusal", "the roster's conflict of interest is not as listed", sub.id)
    elif conflict is not None:
        return Broken("recusal", "the batch's conflict of interest is shown as declared", sub.id)
    if len(sub.columns) or sub.totals is not None or sub.comment or sub.classification:
        return Broken("recused", "a recused submission carries scores or comments", sub.id)
    return None


def _scores_problem(
    sub: SubmissionResult, leaves: dict[str, int], rules: BatchRules, entries_checked: bool
) -> Broken | None:
    cols = sub.columns
    if entries_checked:  # the replay checks every entry, and the columns are its outcome
        return _evidence_problem(sub, rules)
    rounds = cols.column("round") if cols.round else None
    choices = cols.column("choice") if cols.choice else None
    reported = rules.reported.get(sub.id, {})
    seen: set[tuple[str, int]] = set()
    problem = rules.check.problem
    for row, code in enumerate(cols.indicator):
        if code not in leaves:
            return Broken("scope", "not in the expert's assignment in the batch", sub.id, code)
        key = (code, rounds[row] if rounds else 1)
        if key in seen:
            return Broken("duplicate", f"round {key[1]} is scored twice", sub.id, code)
        seen.add(key)
        rejected = problem(
            code, cols.points[row], choices[row] if choices else None, reported.get(code)
        )
        if rejected is not None:
            return Broken(rejected.rule, rejected.reason, sub.id, code)
    return _evidence_problem(sub, rules)


def _evidence_problem(sub: SubmissionResult, rules: BatchRules) -> Broken | None:
    cols = sub.columns
    known = rules.evidence.get(sub.id, set())
    for row, pins in cols.evidence:
        for pin in pins:
            if pin.id not in known:
                detail = f"evidence {pin.id} is not a file of this submission"
                return Broken("evidence", detail, sub.id, cols.indicator[row])
    return None
