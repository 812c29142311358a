"""``ChairRun``: one batch's merge folder opened with everything the chair's tools need.

It ties the package, the trusted keys (roster pins, key cards given now or remembered by
the folder, keys the chair confirmed),
the accepted result files, the chair's decisions and the aggregation together, so the
command line and the chair window compute the same numbers the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from expertscore.batch.package import OpenedPackage, open_package
from expertscore.chair.aggregate import PanelInput, PanelResult
from expertscore.chair.decisions import Decisions, replay
from expertscore.chair.keycard_memory import remember, remembered
from expertscore.chair.member_notes import Notes, load_notes
from expertscore.chair.merge import Decision, MergeFolder, apply, load_folder, plan, read_audit
from expertscore.chair.outcome import results_digest
from expertscore.chair.panel import Gap, gaps
from expertscore.chair.panel_file.model import canonical_results
from expertscore.chair.transcriptions import check_folder, guard, keep_replaced
from expertscore.identity.keycard import read_cards
from expertscore.results.trust import KeyTrust


@dataclass
class ChairRun:
    package: OpenedPackage
    folder_path: Path
    keycards: Sequence[Path] = ()
    decisions: Decisions = field(init=False)
    trust: KeyTrust = field(init=False)
    folder: MergeFolder = field(init=False)

    def __post_init__(self) -> None:
        self.reload()

    @classmethod
    def open(cls, package: Path, folder: Path, keycards: Sequence[Path] = ()) -> ChairRun:
        return cls(open_package(package), folder, tuple(keycards))

    def reload(self) -> None:
        self.decisions = replay(self.folder_path, self.package)
        cards = [*read_cards(self.keycards), *remembered(self.folder_path)]
        base = KeyTrust.build(self.package, cards)
        self.trust = KeyTrust(keys=[*base.keys, *self.decisions.confirmed_keys()], strict=True)
        self.folder = load_folder(self.folder_path, self.package, self.trust)
        check_folder(
            self.folder_path, self.folder.accepted, self.decisions.transcriptions, self.package
        )

    def plan(self, files: Sequence[Path]) -> list[Decision]:
        planned = plan(self.folder, files, self.package, self.trust)
        return guard(self.folder.accepted, planned, self.decisions.transcriptions)

    def apply(self, decisions: Sequence[Decision]) -> None:
        for decision in decisions:  # one by one: each replaced result is kept first
            keep_replaced(self.folder, decision)
            apply(self.folder, [decision])
        # The cards that vouched for what is now accepted: reopening needs them again.
        remember(self.folder_path, read_cards(self.keycards), self.folder.accepted)

    def results(self) -> tuple[PanelInput, PanelResult]:
        decisions = self.decisions
        accepted = self.folder.accepted.values()
        return canonical_results(
            self.package, accepted, decisions.overrides, decisions.verified_values
        )

    def gaps(self) -> list[Gap]:
        return gaps(self.package, self.folder.accepted)

    def audit(self) -> list[dict]:
        return read_audit(self.folder_path)

    def notes(self, result: PanelResult | None = None) -> Notes:
        """The members' explanations and statements kept in the folder, verified again;
        those about other results than ``result`` (default: the results now) marked stale."""
        current = results_digest(result if result is not None else self.results()[1])
        return load_notes(self.folder_path, self.package, self.trust, current)
