"""When the chair's transcription of a paper sheet may stand for an expert's result.

A transcription (a result signed by the chair, ``transcribed_by``) is for an expert who
has no key or could not submit. It is used only where no own signed result of that expert
exists, or where the chair recorded why (``transcription-allowed`` in the audit log):
otherwise the chair could replace an expert's own signed scores with their own typing.

The merge applies the rule to what it is offered (``guard``) and keeps every result it
replaces in the merge folder's ``replaced/`` (``keep_replaced``), so that opening the folder
again, and signing the panel file, apply it to what was merged before (``check_folder``);
the panel file's re-check applies it to the folder of result files it is given
(``own_result_problem``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from expertscore.batch.package import OpenedPackage
from expertscore.chair.decision_rules import DecisionError
from expertscore.chair.merge import ACCEPTED, REFUSED, REPLACED, Decision, MergeFolder
from expertscore.results.envelope import ResultRefused
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import CheckedResult, check_result


def is_transcription(checked: CheckedResult) -> bool:
    return checked.payload.transcribed_by is not None


def refusal(expert: str, own_sequence: int) -> str:
    return (
        f"a chair's transcription cannot replace {expert}'s own signed result {own_sequence}"
        " without a recorded reason (chair allow-transcription)"
    )


def guard(
    accepted: Mapping[str, CheckedResult],
    decisions: Sequence[Decision],
    allowed: Mapping[str, str],
) -> list[Decision]:
    """``decisions`` with every transcription that would replace an own result refused.

    ``decisions`` are a merge plan in order; own results offered in the same plan count
    too, whatever their order.
    """
    own: dict[str, int] = {
        expert: checked.payload.sequence
        for expert, checked in accepted.items()
        if not is_transcription(checked)
    }
    for d in decisions:
        if (
            d.outcome in (ACCEPTED, REPLACED)
            and d.expert is not None
            and d.checked
            and not is_transcription(d.checked)
        ):
            own[d.expert] = max(own.get(d.expert, 0), d.checked.payload.sequence)
    guarded = []
    for d in decisions:
        if (
            d.outcome in (ACCEPTED, REPLACED)
            and d.checked is not None
            and is_transcription(d.checked)
            and d.expert in own
            and d.expert not in allowed
        ):
            d = replace(d, outcome=REFUSED, reason=refusal(d.expert, own[d.expert]), checked=None)
        guarded.append(d)
    return guarded


def own_result_problem(
    expert: str, used: CheckedResult, available: Iterable[CheckedResult], allowed: Mapping
) -> str | None:
    """Why ``used`` (a transcription) must not stand for ``expert``, given the files found."""
    if not is_transcription(used) or expert in allowed:
        return None
    own = [c.payload.sequence for c in available if not is_transcription(c)]
    return refusal(expert, max(own)) if own else None


# -- in the merge folder: the replaced results are kept ------------------------------------

REPLACED_DIR = "replaced"


class TranscriptionNotAllowed(DecisionError):
    """A merge folder where a transcription stands for an expert whose own result it replaced."""


def keep_replaced(folder: MergeFolder, decision: Decision) -> None:
    """Before ``decision`` replaces an accepted result, keep a copy of that result's file."""
    previous = folder.accepted.get(decision.expert or "")
    if decision.outcome != REPLACED or previous is None:
        return
    source = folder.results_dir / f"{decision.expert}.esresult"
    target = folder.path / REPLACED_DIR / f"{decision.expert}-{previous.payload.sequence}.esresult"
    if target.exists() or not source.is_file():
        return
    target.parent.mkdir(exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    os.close(handle)
    shutil.copyfile(source, temp)
    os.replace(temp, target)


def check_folder(
    path: Path,
    accepted: Mapping[str, CheckedResult],
    allowed: Mapping[str, str],
    package: OpenedPackage,
) -> None:
    """``TranscriptionNotAllowed`` if an accepted transcription replaced an own result."""
    replaced = path / REPLACED_DIR
    if not replaced.is_dir():
        return
    trust = KeyTrust(keys=KeyTrust.build(package).keys, strict=False)
    for expert, checked in sorted(accepted.items()):
        if not is_transcription(checked) or expert in allowed:
            continue
        for kept in sorted(replaced.glob(f"{expert}-*.esresult")):
            try:
                own = check_result(kept.read_bytes(), str(kept), package, trust, log=False)
            except ResultRefused:
                continue
            if own.payload.expert.id == expert and not is_transcription(own):
                raise TranscriptionNotAllowed(
                    f"results/{expert}.esresult: {refusal(expert, own.payload.sequence)}"
                    f" ({REPLACED_DIR}/{kept.name})",
                    rule="transcription",
                    expert=expert,
                ).saying(
                    "replaced_own",
                    sequence=own.payload.sequence,
                    kept=f"{REPLACED_DIR}/{kept.name}",
                )
