"""Checks of a manifest against its scheme and against itself.

Returns the first problem as ``where: what`` text (the caller prefixes the package), or
None. Reported values are checked for type and unit against the scheme's leaf. A problem
is its English line that also carries the phrase wording it (``Problem.worded``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from expertscore.batch.manifest import ED25519, SM2, Manifest, Submission
from expertscore.schemes.model import Scheme
from expertscore.wording import EN, ZH, Text
from expertscore.wording.phrases import phrase_text

YES_NO = ("yes", "no")
# Amounts of money and percentages may be negative (a loss, a decline); counts may not.
COUNTING_UNITS = ("人", "台/套", "TB", "个", "次", "件", "项", "家", "户", "核")
PLAIN_DECIMAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")


class Problem(str):
    """One problem: its English line (what callers print and compare), the phrase that
    words it (``said``, in ``expertscore.wording.phrases``) and that phrase's facts."""

    said: str
    facts: tuple[tuple[str, object], ...]

    def __new__(cls, line: str, said: str, **facts: object) -> Problem:
        problem = super().__new__(cls, line)
        problem.said, problem.facts = said, tuple(facts.items())
        return problem

    def worded(self) -> Text:
        """The problem in both languages, a fact of the refusal that names it."""
        return Text(*(phrase_text(self.said, self.facts, self, lang) for lang in (EN, ZH)))


def _duplicate(values: Iterable[str]) -> str | None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None


def check_value(scheme: Scheme, code: str, value: str, unit: str) -> Problem | None:
    """Why a reported value does not fit the scheme's leaf ``code``, or None."""
    node = scheme.find(code)
    if node is None or not node.is_leaf:
        return Problem(
            f"indicator '{code}' is not a leaf of scheme '{scheme.id}'",
            "check.not_leaf",
            code=code,
            scheme=scheme.id,
        )
    expected = node.reported.unit if node.reported else None
    name = node.name
    if unit != expected:
        return Problem(
            f"indicator '{code}' ({name}): unit '{unit}' does not match the scheme's '{expected}'",
            "check.unit",
            code=code,
            name=name,
            unit=unit,
            expected=expected,
        )
    if value.startswith("="):
        return Problem(
            f"indicator '{code}' ({name}): '{value[:20]}' is a formula, not a value",
            "check.formula",
            code=code,
            name=name,
            value=value[:20],
        )
    if expected == "yes/no" and value not in YES_NO:
        return Problem(
            f"indicator '{code}' ({name}): '{value}' is not yes or no",
            "check.yes_no",
            code=code,
            name=name,
            value=value,
        )
    if expected not in ("yes/no", "text") and not PLAIN_DECIMAL.match(value):
        return Problem(
            f"indicator '{code}' ({name}): '{value}' is not a plain decimal number",
            "check.decimal",
            code=code,
            name=name,
            value=value,
        )
    if expected in COUNTING_UNITS and value.startswith("-"):
        return Problem(
            f"indicator '{code}' ({name}): a count ({expected}) cannot be negative",
            "check.negative",
            code=code,
            name=name,
            unit=expected,
        )
    return None


def _submission_problems(scheme: Scheme, index: int, sub: Submission) -> Iterator[Problem]:
    where = f"submissions[{index}] ({sub.id})"
    if sub.category is not None and not scheme.category_path(sub.category):
        yield Problem(
            f"{where} category: '{sub.category}' is not a category of the scheme",
            "check.category",
            where=where,
            category=sub.category,
        )
    industry = {tag.code for tag in scheme.classification.industry_tags}
    domain = {tag.code for tag in scheme.classification.domain_tags}
    for tag in sub.industry_tags:
        if tag not in industry:
            yield Problem(
                f"{where} industry_tags: '{tag}' is not an industry tag of the scheme",
                "check.industry_tag",
                where=where,
                tag=tag,
            )
    for tag in sub.domain_tags:
        if tag not in domain:
            yield Problem(
                f"{where} domain_tags: '{tag}' is not a domain tag of the scheme",
                "check.domain_tag",
                where=where,
                tag=tag,
            )
    for code, reported in sub.values.items():
        problem = check_value(scheme, code, reported.value, reported.unit)
        if problem:
            yield Problem(
                f"{where} values: {problem}", "check.values", where=where, problem=problem.worded()
            )
    codes = {node.code for node in scheme.walk()}
    for case in sub.cases:
        for code in case.indicators:
            if code not in codes:
                yield Problem(
                    f"{where} cases: indicator '{code}' is not in the scheme",
                    "check.case_indicator",
                    where=where,
                    code=code,
                )


def problems(manifest: Manifest, scheme: Scheme) -> Iterator[Problem]:
    for label, values in (
        ("roster", [e.id for e in manifest.roster]),
        ("submissions", [s.id for s in manifest.submissions]),
        ("evidence", [e.id for e in manifest.evidence]),
    ):
        twice = _duplicate(values)
        if twice:
            yield Problem(
                f"{label}: id '{twice}' is used twice", "check.id_twice", label=label, id=twice
            )
    keys = [e.public_key for e in manifest.roster if e.public_key]
    if _duplicate(keys):
        yield Problem("roster: two experts have the same public key", "check.same_key")
    for expert in manifest.roster:
        # Roster keys are written as key cards write them: SM2 keys begin with "sm2:".
        found = SM2 if (expert.public_key or "").startswith("sm2:") else ED25519
        if expert.public_key and found != manifest.algorithm:
            yield Problem(
                f"roster: expert '{expert.id}' has an {found} key, but the batch signs"
                f" with {manifest.algorithm}",
                "check.key_algorithm",
                expert=expert.id,
                found=found,
                algorithm=manifest.algorithm,
            )
    for index, sub in enumerate(manifest.submissions):
        yield from _submission_problems(scheme, index, sub)
    experts = {e.id for e in manifest.roster}
    submissions = {s.id for s in manifest.submissions}
    codes = {node.code for node in scheme.walk()}
    for index, item in enumerate(manifest.evidence):
        where = f"evidence[{index}] ({item.id})"
        if item.submission not in submissions:
            yield _not_in_batch(where, item.submission)
        for code in item.indicators:
            if code not in codes:
                yield _not_in_scheme(where, code)
    pairs = [f"{a.expert}/{a.submission}" for a in manifest.assignments]
    twice = _duplicate(pairs)
    if twice:
        yield Problem(
            f"assignments: '{twice}' is assigned twice", "check.assigned_twice", pair=twice
        )
    for index, assignment in enumerate(manifest.assignments):
        where = f"assignments[{index}]"
        if assignment.expert not in experts:
            yield _not_on_roster(where, assignment.expert)
        if assignment.submission not in submissions:
            yield _not_in_batch(where, assignment.submission)
        if isinstance(assignment.indicators, list):
            for code in assignment.indicators:
                if code not in codes:
                    yield _not_in_scheme(where, code)
    for index, conflict in enumerate(manifest.conflicts):
        where = f"conflicts[{index}]"
        if conflict.expert not in experts:
            yield _not_on_roster(where, conflict.expert)
        if conflict.submission not in submissions:
            yield _not_in_batch(where, conflict.submission)


def _not_in_batch(where: str, submission: str) -> Problem:
    return Problem(
        f"{where}: submission '{submission}' is not in the batch",
        "check.not_in_batch",
        where=where,
        sid=submission,
    )


def _not_in_scheme(where: str, code: str) -> Problem:
    return Problem(
        f"{where}: indicator '{code}' is not in the scheme",
        "check.not_in_scheme",
        where=where,
        code=code,
    )


def _not_on_roster(where: str, expert: str) -> Problem:
    return Problem(
        f"{where}: expert '{expert}' is not on the roster",
        "check.not_on_roster",
        where=where,
        expert=expert,
    )


def crosscheck(manifest: Manifest, scheme: Scheme) -> Problem | None:
    return next(problems(manifest, scheme), None)


def warnings(manifest: Manifest, scheme: Scheme) -> list[str]:
    """Things that do not make a package invalid but that an organizer should look at."""
    found: list[str] = []
    assigned = {a.submission for a in manifest.assignments}
    busy = {a.expert for a in manifest.assignments}
    evidence_of: dict[str, int] = {}
    for item in manifest.evidence:
        evidence_of[item.submission] = evidence_of.get(item.submission, 0) + 1
        if not item.indicators:
            found.append(f"evidence {item.id} ({item.filename}) supports no indicator")
    for sub in manifest.submissions:
        applicable = scheme.applicable_leaves(sub.category)
        missing = [leaf.code for leaf in applicable if leaf.code not in sub.values]
        if missing:
            shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
            found.append(f"submission {sub.id}: {len(missing)} indicators have no value ({shown})")
        if sub.id not in evidence_of:
            found.append(f"submission {sub.id}: no evidence")
        if sub.id not in assigned:
            found.append(f"submission {sub.id}: no expert is assigned")
        if scheme.categories and sub.category is None:
            found.append(f"submission {sub.id}: no category declared")
    for expert in manifest.roster:
        if expert.id not in busy:
            found.append(f"expert {expert.id} {expert.name}: no assignments")
    return found
