"""One consistent picture of a merge folder, built off the UI thread and then only read.

``load_state`` opens a fresh ``ChairRun`` (which verifies every accepted file again) and
computes its ``PanelOutcome`` (aggregation with leave-one-out, gaps, audit log, notes), the
record the core's exports take as it is. The window keeps the newest ``ChairState`` and
never changes it: a decision or a merge writes to the folder through the core, then a new
state is loaded. So the worker thread and the views never share anything that changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path

from expertscore.batch.package import OpenedPackage
from expertscore.chair.aggregate import SubmissionResult
from expertscore.chair.panel_outcome import OutcomeView, PanelOutcome, outcome_of
from expertscore.chair.run import ChairRun
from expertscore.results.model import ScoreItem
from expertscore.schemes.model import Indicator
from expertscore.scoring.totals import grade_name
from ui.chair.texts import fragile_text


@dataclass(frozen=True, eq=False)  # compared by identity: one state is one picture
class ChairState(OutcomeView):
    """The window's views over one ``PanelOutcome`` (and the run that computed it)."""

    run: ChairRun
    outcome: PanelOutcome
    keycards: tuple[Path, ...] = field(default=())

    # --- what it is about -------------------------------------------------------------------

    @property
    def folder(self) -> Path:
        return self.run.folder_path

    @property
    def decimals(self) -> int:
        return self.scheme.aggregation.decimals

    @cached_property
    def platforms(self) -> dict[str, str]:
        return {sub.id: sub.platform for sub in self.package.manifest.submissions}

    @cached_property
    def names(self) -> dict[str, str]:
        names = {e: c.payload.expert.name for e, c in self.accepted.items()}
        names.update({expert.id: expert.name for expert in self.package.manifest.roster})
        return names

    def expert_label(self, expert: str) -> str:
        name = self.names.get(expert)
        return f"{expert} {name}" if name else expert

    def submission_label(self, sid: str) -> str:
        platform = self.platforms.get(sid)
        return f"{sid} {platform}" if platform else sid

    def node(self, code: str) -> Indicator | None:
        return self.scheme.find(code)

    def node_name(self, code: str) -> str:
        node = self.scheme.find(code)
        return node.name if node is not None else code

    def grade_name(self, sub: SubmissionResult) -> str:
        if sub.grade is None:
            return "—"
        return grade_name(self.scheme, sub.category, sub.grade)

    def grade_code_name(self, category: str | None, code: str | None) -> str:
        """The scheme's name of a grade code; no grade (``None``) is a dash."""
        return "—" if code is None else grade_name(self.scheme, category, code)

    def fragile_notes(self, sid: str) -> list[str]:
        """The submission's leave-one-out notes, in words."""
        sub = self.result.submissions[sid]
        return [
            fragile_text(found, lambda code: self.grade_code_name(sub.category, code))
            for found in sub.fragile
        ]

    def number(self, value: Decimal | None) -> str:
        return "" if value is None else f"{value:.{self.decimals}f}"

    # --- who scores what ------------------------------------------------------------------

    @cached_property
    def _assigned(self) -> dict[str, list[str]]:
        order = [expert.id for expert in self.package.manifest.roster]
        found: dict[str, list[str]] = {}
        for assignment in self.package.manifest.assignments:
            found.setdefault(assignment.submission, []).append(assignment.expert)
        return {
            sid: sorted(experts, key=lambda e: (order.index(e) if e in order else len(order), e))
            for sid, experts in found.items()
        }

    def experts_of(self, sid: str) -> list[str]:
        """The experts assigned ``sid``, in roster order (with or without a result yet)."""
        return list(self._assigned.get(sid, []))

    @cached_property
    def _scores(self) -> dict[tuple[str, str, str], ScoreItem]:
        """Each expert's latest-round score record per (expert, submission, indicator)."""
        found: dict[tuple[str, str, str], ScoreItem] = {}
        for expert, checked in self.accepted.items():
            for sub in checked.payload.submissions:
                for item in sub.scores:
                    key = (expert, sub.id, item.indicator)
                    if key not in found or item.round >= found[key].round:
                        found[key] = item
        return found

    def score_item(self, expert: str, sid: str, code: str) -> ScoreItem | None:
        return self._scores.get((expert, sid, code))

    def has_result(self, expert: str) -> bool:
        return expert in self.accepted

    def recusal(self, expert: str, sid: str) -> str | None:
        checked = self.accepted.get(expert)
        if checked is None:
            return None
        sub = next((s for s in checked.payload.submissions if s.id == sid), None)
        return sub.recusal.reason if sub is not None and sub.recusal is not None else None

    def overall_comment(self, expert: str, sid: str) -> str:
        checked = self.accepted.get(expert)
        if checked is None:
            return ""
        sub = next((s for s in checked.payload.submissions if s.id == sid), None)
        return sub.comment if sub is not None else ""

    def reported(self, sid: str, code: str) -> str | None:
        sub = next((s for s in self.package.manifest.submissions if s.id == sid), None)
        value = sub.values.get(code) if sub is not None else None
        if value is None:
            return None
        if value.unit in ("text", "yes/no"):  # words, not a quantity with a unit
            return value.value
        return f"{value.value} {value.unit}".strip()

    # --- profiles -------------------------------------------------------------------------


def load_state(package: OpenedPackage, folder: Path, keycards: Sequence[Path] = ()) -> ChairState:
    """Open the merge folder afresh and compute everything (runs on the worker thread)."""
    run = ChairRun(package, folder, tuple(keycards))
    return ChairState(run, outcome_of(run), tuple(keycards))
