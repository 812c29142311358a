"""The batch's rules for a score: one validator for the session's writes and every reader.

A score is allowed when its (submission, indicator) pair is in the expert's assignment
(the submission's category's leaves, limited to the assignment's groups), the submission
is not recused, and the entry is one the leaf's scoring mode allows (``schemes.modes``:
range 0..maximum, a multiple of the step, one of the mode's choices). The session checks
every edit with it before writing; ``results.content`` checks every score a result file
claims against the batch *package's* assignment, never the session's copy of it.

``ScoreCheck`` remembers what it already decided: thirty files of thousands of scores
repeat a few hundred distinct (leaf, points, choice) triples.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from decimal import Decimal

from expertscore.schemes.model import Indicator, Scheme
from expertscore.schemes.modes import Entry, ScoreRejected, mode_for
from expertscore.schemes.rules import fmt

ALL = "all"
DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")  # as a result file writes points


def leaves_in_scope(
    scheme: Scheme, category: str | None, indicators: str | Iterable[str]
) -> list[Indicator]:
    """The leaves of a category, limited to an assignment's groups (``"all"``: every one).

    ``indicators`` is ``"all"``, a list of group codes, or the session's JSON text of one.
    """
    leaves = scheme.applicable_leaves(category)
    if indicators == ALL:
        return leaves
    codes = json.loads(indicators) if isinstance(indicators, str) else list(indicators)
    inside = {
        leaf.code
        for code in codes
        if (node := scheme.find(code)) is not None
        for leaf in node.walk()
    }
    return [leaf for leaf in leaves if leaf.code in inside]


def check_entry(
    scheme: Scheme,
    leaf: Indicator,
    points: Decimal | None,
    choice: str | None,
    reported: str | None,
) -> None:
    """``ScoreRejected`` (with its ``rule``) unless an honest session could store this entry.

    The session stores the points ``points_for`` gives and the choice as entered; a choice
    the mode does not offer, or points that differ from what the choice earns, are refused.
    """
    if points is None:
        if choice is not None:
            raise ScoreRejected(leaf.code, f"the choice '{choice}' has no points", "mode")
        return
    mode = mode_for(scheme, leaf)
    if choice is not None and not mode.accepts_choice(choice):
        raise ScoreRejected(
            leaf.code, f"'{choice}' is not a choice of the {mode.name} mode", "choice"
        )
    if mode.scores_by_choice and choice is None:
        raise ScoreRejected(leaf.code, f"the {mode.name} mode scores by a choice", "choice")
    earned = mode.points_for(Entry(points, choice), reported)
    if earned != points:
        raise ScoreRejected(
            leaf.code, f"'{choice}' earns {fmt(earned)} points, not {fmt(points)}", "mode"
        )


class ScoreCheck:
    """``check_entry`` for one scheme, remembering each distinct entry's verdict."""

    def __init__(self, scheme: Scheme) -> None:
        self.scheme = scheme
        self._leaves = {leaf.code: leaf for leaf in scheme.leaves()}
        self._seen: dict[tuple, ScoreRejected | None] = {}

    def problem(
        self, code: str, points: str | None, choice: str | None, reported: str | None
    ) -> ScoreRejected | None:
        leaf = self._leaves[code]
        # The reported value matters only for a band's suggestion.
        key = (code, points, choice, reported if choice == "suggested" else None)
        if key in self._seen:
            return self._seen[key]
        found = None
        try:
            if points is not None and not DECIMAL.fullmatch(points):
                raise ScoreRejected(code, f"'{points}' is not a plain decimal", "mode")
            value = None if points is None else Decimal(points)
            check_entry(self.scheme, leaf, value, choice, reported)
        except ScoreRejected as exc:
            found = exc
        self._seen[key] = found
        return found
