"""When the chair's transcription of a paper sheet may stand for an expert's result.

A transcription (a result signed by the chair, ``transcribed_by``) is for an expert who
has no key or could not submit. It is used only where no own signed result of that expert
exists, or where the chair recorded why (``transcription-allowed`` in the audit log):
otherwise the chair could replace an expert's own signed scores with their own typing.

The merge applies the rule to what it is offered (``guard``); the panel file's re-check
applies it to the folder of result files it is given (``own_result_problem``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from expertscore.chair.merge import ACCEPTED, REFUSED, REPLACED, Decision
from expertscore.results.verify import CheckedResult


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
        if d.outcome in (ACCEPTED, REPLACED) and d.checked and not is_transcription(d.checked):
            own[d.expert] = max(own.get(d.expert, 0), d.checked.payload.sequence)  # type: ignore[index]
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
