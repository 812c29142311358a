"""What the core says that is not an error: merge outcomes' reasons, gaps in the results.

A record that the window or report words keeps its English line (logs and files) and, for
the shapes worded here, a ``said`` key and its facts; ``phrase_text`` words it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from expertscore.wording import Text, word

GAP_NO_RESULT = "gap.no_result"
GAP_NOT_IN_RESULT = "gap.not_in_result"
GAP_UNSCORED = "gap.unscored"
MERGE_SAME = "merge.same"
MERGE_SAME_SEQUENCE = "merge.same_sequence"
MERGE_OLDER = "merge.older"

PHRASES: dict[str, Text] = {
    GAP_NO_RESULT: Text("no result file accepted yet", "尚未收到（或尚未接收）该专家的结果文件"),
    GAP_NOT_IN_RESULT: Text("not in the expert's result", "专家的结果文件中没有该申报"),
    GAP_UNSCORED: Text("{count} indicators unscored ({codes})", "{count} 项指标未评分（{codes}）"),
    MERGE_SAME: Text("same as the accepted result {before}", "与已接受的第 {before} 版结果相同"),
    MERGE_SAME_SEQUENCE: Text(
        "differs from the accepted result with the same sequence {before}",
        "与已接受的同为第 {before} 版的结果内容不同",
    ),
    MERGE_OLDER: Text(
        "older (sequence {sequence}) than the accepted result {before}",
        "比已接受的第 {before} 版结果旧（第 {sequence} 版）",
    ),
}


def phrase_text(
    said: str,
    facts: Iterable[tuple[str, object]],
    fallback: str,
    language: str | None = None,
    show: Callable[[str], str] = str,
) -> str:
    """The phrase ``said`` worded with ``facts``; ``fallback`` (the English line) if unknown."""
    text = PHRASES.get(said)
    if text is None:
        return show(fallback)
    return word(text, dict(facts), language, show)
