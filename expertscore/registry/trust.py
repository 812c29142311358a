"""The registry's trust rule: a panel file is taken in only if an honest program could have
written everything it claims under its batch's rules.

Two levels, by what staff hand over with the file:

- with the experts' result files (``--results DIR``): the whole re-check of ``expertscore
  verify PANELFILE`` (``chair.recheck``): the merge and aggregation re-run from the files
  the panel lists; not one difference is allowed;
- with the batch package only: the chair's signature; the batch (the file's batch hash is
  the package's); the chair is no roster expert; the audit lines replayed under the rules
  of recording decisions give exactly the decisions listed; the inputs are what the audit
  merged last, and every assigned expert is listed; the organizer's values and the policy
  are the package's; each submission's platform, operator, region and category are the
  package's; and every number (panel scores, totals, grades, ranks, experts asked to
  explain, leave-one-out findings, the advice on the panel) is re-computed from the expert
  scores the file itself lists, and must be the file's. What this level cannot see: whether
  the listed scores (and the advice's familiarity marks) are those of the listed result
  files (their digests are not checked against bytes), and a
  ``reverify`` flag on an objective indicator, which may come from the experts' verified
  values that the file does not carry.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from expertscore.batch.package import OpenedPackage
from expertscore.chair.aggregate import REVERIFY, PanelInput, Sheet, aggregate
from expertscore.chair.panel_advice_record import advice_record
from expertscore.chair.panel_file import ReadPanel, read_panel_bytes
from expertscore.chair.panel_file.model import (
    PanelPayload,
    SubmissionRef,
    organizer_records,
    policy_record,
    submission_records,
)
from expertscore.chair.recheck import (
    _chair_problems,
    _decisions,
    _diff,
    _merge_problems,
    recheck_read,
)
from expertscore.chair.robustness import leave_one_out
from expertscore.crypto.envelope import Envelope
from expertscore.registry.models import Check


@dataclass(frozen=True)
class Checked:
    """A panel file that passed: its payload, the signer's fingerprint, how far it was checked."""

    payload: PanelPayload
    signer: str
    check: Check
    differences: list[str]
    envelope: Envelope  # the signed payload's bytes, key id and signature


def check_panel(
    data: bytes, source: str, package: OpenedPackage, results_dir: Path | None
) -> Checked:
    """The file's payload and every difference found (``PanelRefused``: unreadable/unsigned)."""
    with collector_paused():
        read = read_panel_bytes(data, source, package)
        if results_dir is not None:
            found = recheck_read(read, package, results_dir)
            check, differences = Check.RECHECKED, found.differences
        else:
            check, differences = Check.INTERNAL, internal_differences(read, package)
    return Checked(read.payload, read.signer, check, differences, read.envelope)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while one file is checked: reading and re-computing a
    200-submission panel makes about a million short-lived objects, and the collector
    would walk the payload's live records again and again (a third of the time). Nothing
    the check makes needs it (plain reference counting frees it); it runs again after."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def internal_differences(read: ReadPanel, package: OpenedPackage) -> list[str]:
    """Everything wrong with a panel file that the package alone can show (module docstring)."""
    payload = read.payload
    if payload.batch.sha256 != package.manifest_sha256:
        return [
            f"batch: the panel file is for {payload.batch.id} (hash {payload.batch.sha256[:16]}…),"
            f" the package is {package.manifest.batch.id} (hash {package.manifest_sha256[:16]}…)"
        ]
    out = _chair_problems(payload, "", package)
    decisions = _decisions(payload, package, out)
    out += _merge_problems(payload)
    listed = {item.expert for item in payload.inputs}
    for expert in sorted({a.expert for a in package.manifest.assignments} - listed):
        out.append(f"inputs.{expert}: an assigned expert is not listed")
    inp = PanelInput(
        package.scheme,
        {sub.id: sub.category for sub in package.manifest.submissions},
        _sheets(payload, package),
        decisions.overrides,
        decisions.verified_values,
    )
    result = aggregate(inp)
    leave_one_out(inp, result)
    written = read.written
    objective = {
        leaf.code
        for leaf in package.scheme.leaves()
        if leaf.nature is not None and leaf.nature.value == "objective"
    }
    rerun: dict[str, Any] = {
        "organizer_values": organizer_records(package),
        "policy": policy_record(package.scheme),
        "ranking": list(result.ranking),
        "submissions": submission_records(package, inp, result),
        # the same advice the chair's export writes, from the same function
        "advice": advice_record(package.scheme, inp, result),
    }
    _unverifiable_reverify(written["submissions"], rerun["submissions"], objective)
    for key, value in rerun.items():
        _diff(key, written[key], value, out)
    return out


def _sheets(payload: PanelPayload, package: OpenedPackage) -> list[Sheet]:
    """The experts' scores as the file lists them, one sheet per expert and submission, in
    expert order (as the chair's merge takes them), submissions in batch order."""
    order = {sub.id: n for n, sub in enumerate(package.manifest.submissions)}
    # The experts' familiarity marks travel only in the advice: taken as the file lists them.
    marks = {item.id: item.familiarity for item in payload.advice.submissions}
    sheets = [
        sheet
        for sub in payload.submissions
        if sub.id in order
        for sheet in _submission_sheets(sub, marks.get(sub.id, {}))
    ]
    return sorted(sheets, key=lambda s: (s.expert, order[s.submission]))


def _submission_sheets(sub: SubmissionRef, marks: dict[str, str]) -> list[Sheet]:
    points: dict[str, dict[str, Decimal]] = {e: {} for e in sub.experts}
    for item in sub.indicators:
        for expert, value in item.scores.items():
            points.setdefault(expert, {})[item.code] = Decimal(value)
    sheets = [
        Sheet(expert=e, submission=sub.id, points=p, familiarity=marks.get(e))
        for e, p in points.items()
    ]
    sheets += [Sheet(expert=e, submission=sub.id, points={}, recused=True) for e in sub.recused]
    return sheets


def _unverifiable_reverify(
    written: list[dict[str, Any]], rerun: list[dict[str, Any]], objective: set[str]
) -> None:
    """Give the re-run the file's ``reverify`` flag on an objective indicator whose scores
    agree: different verified values (not in the file) raise it honestly."""
    ours = {(s["id"], i["code"]): i for s in rerun for i in s["indicators"]}
    for sub in written:
        for item in sub["indicators"]:
            mine = ours.get((sub["id"], item["code"]))
            if (
                mine is not None
                and item["code"] in objective
                and REVERIFY in item["flags"]
                and REVERIFY not in mine["flags"]
            ):
                mine["flags"] = [f for f in item["flags"] if f in {*mine["flags"], REVERIFY}]
