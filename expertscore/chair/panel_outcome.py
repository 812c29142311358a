"""``PanelOutcome``: what the chair's computation decided, once, for every output to show.

``outcome_of`` computes it from a ``ChairRun``: the aggregation with leave-one-out, the
gaps, the audit log and the members' notes, beside the package, the accepted results and
the decisions they came from. The results workbook, the signed panel file, the PDF report,
``expertscore chair`` and the chair window all take this one record, so they cannot be
handed different pieces of different moments. It is frozen: a merge or a decision writes
to the folder and a new outcome is computed. What only some outputs need (the advice on
the panel, the input files' digests) is computed when first asked and then kept.

``OutcomeView`` gives an output's own helper (``BookData``, ``ReportData``, the window's
``ChairState``) the record's parts by name, so each keeps its questions (an expert's
label, a grade's name) without listing the parts again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from expertscore.batch.package import OpenedPackage
from expertscore.chair.aggregate import PanelInput, PanelResult
from expertscore.chair.decisions import Decisions
from expertscore.chair.member_notes import Notes
from expertscore.chair.merge import MergeFolder
from expertscore.chair.panel import Gap
from expertscore.chair.panel_advice import Advice, advice_of
from expertscore.chair.panel_file import InputFile, input_files
from expertscore.chair.run import ChairRun
from expertscore.results.verify import CheckedResult
from expertscore.schemes.model import Scheme


@dataclass(frozen=True, eq=False)  # compared by identity: one outcome is one moment
class PanelOutcome:
    package: OpenedPackage
    folder: MergeFolder  # the accepted results, as they were when computed
    inp: PanelInput
    result: PanelResult  # with leave-one-out applied
    decisions: Decisions
    gaps: tuple[Gap, ...]
    audit: tuple[dict, ...]
    notes: Notes

    @property
    def scheme(self) -> Scheme:
        return self.inp.scheme

    @property
    def accepted(self) -> Mapping[str, CheckedResult]:
        """The accepted result files by expert."""
        return self.folder.accepted

    @cached_property
    def advice(self) -> Advice:
        """The chair's advice on the panel: the workbook's sheet, the report's page, the tab."""
        return advice_of(self.scheme, self.inp, self.result)

    @cached_property
    def inputs(self) -> list[InputFile]:
        """The accepted result files by their digests (read when an output first asks)."""
        return input_files(self.folder)


def outcome_of(run: ChairRun) -> PanelOutcome:
    """Aggregate ``run``'s accepted results and gather everything the outputs show."""
    inp, result = run.results()
    # A copy of the accepted results: applying a merge to ``run`` later leaves this alone.
    folder = MergeFolder(run.folder.path, dict(run.folder.accepted))
    return PanelOutcome(
        package=run.package,
        folder=folder,
        inp=inp,
        result=result,
        decisions=run.decisions,
        gaps=tuple(run.gaps()),
        audit=tuple(run.audit()),
        notes=run.notes(result),
    )


class OutcomeView:
    """The parts of a ``PanelOutcome`` by name, for a helper that holds one as ``outcome``."""

    outcome: PanelOutcome

    @property
    def package(self) -> OpenedPackage:
        return self.outcome.package

    @property
    def inp(self) -> PanelInput:
        return self.outcome.inp

    @property
    def result(self) -> PanelResult:
        return self.outcome.result

    @property
    def decisions(self) -> Decisions:
        return self.outcome.decisions

    @property
    def gaps(self) -> tuple[Gap, ...]:
        return self.outcome.gaps

    @property
    def audit(self) -> tuple[dict, ...]:
        return self.outcome.audit

    @property
    def accepted(self) -> Mapping[str, CheckedResult]:
        return self.outcome.accepted

    @property
    def notes(self) -> Notes:
        return self.outcome.notes

    @property
    def scheme(self) -> Scheme:
        return self.outcome.scheme
