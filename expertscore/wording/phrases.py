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
    # A package's manifest checked against its scheme (``batch.crosscheck``)
    "check.not_leaf": Text(
        "indicator '{code}' is not a leaf of scheme '{scheme}'",
        "指标“{code}”不是评分方案“{scheme}”的末级指标",
    ),
    "check.unit": Text(
        "indicator '{code}' ({name}): unit '{unit}' does not match the scheme's '{expected}'",
        "指标“{code}”（{name}）：单位“{unit}”与评分方案的“{expected}”不符",
    ),
    "check.formula": Text(
        "indicator '{code}' ({name}): '{value}' is a formula, not a value",
        "指标“{code}”（{name}）：“{value}”是公式，不是数值",
    ),
    "check.yes_no": Text(
        "indicator '{code}' ({name}): '{value}' is not yes or no",
        "指标“{code}”（{name}）：“{value}”不是 yes 或 no",
    ),
    "check.decimal": Text(
        "indicator '{code}' ({name}): '{value}' is not a plain decimal number",
        "指标“{code}”（{name}）：“{value}”不是普通的十进制数",
    ),
    "check.negative": Text(
        "indicator '{code}' ({name}): a count ({unit}) cannot be negative",
        "指标“{code}”（{name}）：计数（{unit}）不能为负数",
    ),
    "check.category": Text(
        "{where} category: '{category}' is not a category of the scheme",
        "{where} 的类别：“{category}”不是评分方案中的类别",
    ),
    "check.industry_tag": Text(
        "{where} industry_tags: '{tag}' is not an industry tag of the scheme",
        "{where} 的行业标签：“{tag}”不是评分方案中的行业标签",
    ),
    "check.domain_tag": Text(
        "{where} domain_tags: '{tag}' is not a domain tag of the scheme",
        "{where} 的领域标签：“{tag}”不是评分方案中的领域标签",
    ),
    "check.values": Text("{where} values: {problem}", "{where} 的报送值：{problem}"),
    "check.case_indicator": Text(
        "{where} cases: indicator '{code}' is not in the scheme",
        "{where} 的案例：指标“{code}”不在评分方案中",
    ),
    "check.id_twice": Text("{label}: id '{id}' is used twice", "{label}：编号“{id}”被使用了两次"),
    "check.same_key": Text(
        "roster: two experts have the same public key", "roster：两位专家的公钥相同"
    ),
    "check.key_algorithm": Text(
        "roster: expert '{expert}' has an {found} key, but the batch signs with {algorithm}",
        "roster：专家“{expert}”的密钥为 {found} 密钥，但本批次使用 {algorithm} 签名",
    ),
    "check.assigned_twice": Text(
        "assignments: '{pair}' is assigned twice", "assignments：“{pair}”被分配了两次"
    ),
    "check.not_in_batch": Text(
        "{where}: submission '{sid}' is not in the batch", "{where}：申报“{sid}”不在本批次中"
    ),
    "check.not_in_scheme": Text(
        "{where}: indicator '{code}' is not in the scheme", "{where}：指标“{code}”不在评分方案中"
    ),
    "check.not_on_roster": Text(
        "{where}: expert '{expert}' is not on the roster", "{where}：专家“{expert}”不在专家名单中"
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
