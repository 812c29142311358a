"""What the panel report prints, gathered once from the package, the results and the log.

``ReportData`` holds the chair's ``PanelOutcome`` unchanged and answers the questions every page
asks (an expert's name, a platform's name, a grade's name, a submission's profile across
the first-level indicators). It computes nothing the aggregation decides: totals, panel
scores, flags and fragility come from ``PanelResult`` as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from expertscore.batch.manifest import Expert, Submission
from expertscore.chair.aggregate import SubmissionResult
from expertscore.chair.panel_advice import Advice
from expertscore.chair.panel_outcome import OutcomeView, PanelOutcome
from expertscore.chair.report.text import NO_GRADE, expert_label
from expertscore.schemes.model import Indicator
from expertscore.scoring.totals import grade_name

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Axis:
    """One first-level indicator of one submission: points, attainable points, share."""

    code: str
    name: str
    points: Decimal
    maximum: Decimal

    @property
    def percent(self) -> Decimal:
        return self.points * HUNDRED / self.maximum if self.maximum else Decimal(0)


@dataclass
class ReportData(OutcomeView):
    outcome: PanelOutcome
    generated: datetime
    advice: Advice | None = None  # the panel-quality page, when given
    _averages: dict[str, Decimal] = field(default_factory=dict, init=False)

    # --- who and what --------------------------------------------------------------------

    @cached_property
    def roster(self) -> dict[str, Expert]:
        return {expert.id: expert for expert in self.package.manifest.roster}

    @cached_property
    def names(self) -> dict[str, str]:
        names = {eid: checked.payload.expert.name for eid, checked in self.accepted.items()}
        names.update({eid: expert.name for eid, expert in self.roster.items()})
        return names

    def label(self, expert: str) -> str:
        return expert_label(expert, self.names)

    @cached_property
    def submissions(self) -> dict[str, Submission]:
        return {sub.id: sub for sub in self.package.manifest.submissions}

    @cached_property
    def platforms(self) -> dict[str, str]:
        return {sid: sub.platform for sid, sub in self.submissions.items()}

    def platform(self, sid: str) -> str:
        return self.platforms.get(sid, sid)

    @cached_property
    def panel_members(self) -> list[str]:
        """Experts with an assignment, in roster order (then anyone else who sent a result)."""
        assigned = {a.expert for a in self.package.manifest.assignments}
        members = [eid for eid in self.roster if eid in assigned or eid in self.accepted]
        return members + sorted(set(self.accepted) - set(members))

    @cached_property
    def scoring_experts(self) -> list[str]:
        """Experts with at least one scored sheet, in panel order: the charts' colour order."""
        scored = {s.expert for s in self.inp.sheets if not s.recused}
        return [e for e in self.panel_members if e in scored] + sorted(
            scored - set(self.panel_members)
        )

    @cached_property
    def _recused(self) -> dict[str, list[str]]:
        # Gathered once: each submission's page asks, and scanning every sheet per
        # submission is quadratic in a provincial batch (200 x 30 sheets, asked 400 times).
        by_submission: dict[str, list[str]] = {}
        for sheet in self.inp.sheets:
            if sheet.recused:
                by_submission.setdefault(sheet.submission, []).append(sheet.expert)
        return by_submission

    def recused(self, sid: str) -> list[str]:
        return list(self._recused.get(sid, ()))

    def ranked(self) -> list[SubmissionResult]:
        return [self.result.submissions[sid] for sid in self.result.ranking]

    # --- names of grades, categories and indicators ---------------------------------------

    def grade_name(self, category: str | None, code: str | None) -> str:
        if code is None:
            return NO_GRADE if self.scheme.grade_scale(category) is not None else "—"
        return grade_name(self.scheme, category, code)

    def grade_of(self, sub: SubmissionResult) -> str:
        return self.grade_name(sub.category, sub.grade)

    def category_name(self, code: str | None) -> str:
        if not code:
            return "—"
        trail = self.scheme.category_path(code)
        return " · ".join(category.name for category in trail) if trail else code

    def node(self, code: str) -> Indicator | None:
        return self.scheme.find(code)

    def node_name(self, code: str) -> str:
        node = self.node(code)
        return node.name if node else code

    # --- profiles ------------------------------------------------------------------------

    def axes(self, sub: SubmissionResult) -> list[Axis]:
        """The first-level indicators that apply to the submission, in scheme order."""
        return [
            Axis(node.code, node.name, sub.rollup.points[node.code], sub.rollup.maxima[node.code])
            for node in self.scheme.indicators
            if sub.rollup.maxima.get(node.code, Decimal(0)) > 0
        ]

    def batch_average(self, code: str) -> Decimal | None:
        """Mean share attained on a first-level indicator by the submissions it applies to."""
        if code not in self._averages:
            shares = [
                sub.rollup.points[code] * HUNDRED / sub.rollup.maxima[code]
                for sub in self.result.submissions.values()
                if sub.rollup.maxima.get(code, Decimal(0)) > 0
            ]
            if not shares:
                return None
            self._averages[code] = sum(shares, Decimal(0)) / len(shares)
        return self._averages[code]

    def mean_expert_total(self, sub: SubmissionResult) -> Decimal | None:
        totals = list(sub.expert_totals.values())
        return sum(totals, Decimal(0)) / len(totals) if totals else None

    # --- the merge ------------------------------------------------------------------------

    @cached_property
    def file_digests(self) -> dict[str, str]:
        """Each expert's last accepted or replacing result file's SHA-256, from the log."""
        digests: dict[str, str] = {}
        for entry in self.audit:
            accepted = entry.get("outcome") in ("accepted", "replaced")
            if entry.get("action") == "merge" and accepted and entry.get("expert"):
                digests[str(entry["expert"])] = str(entry.get("digest") or "")
        return digests
