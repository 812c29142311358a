"""The command line's own main messages, in Chinese or English (``expertscore.wording``).

In English every line is the one the command always printed (scripts read them); in
Chinese the same facts are worded from the Chinese template. Errors are worded by
``expertscore.wording.errors``; Click's own usage errors stay in English.
"""

from __future__ import annotations

from expertscore.wording import ZH, Text, current, word
from expertscore.wording.errors import error_text
from expertscore.wording.phrases import phrase_text

SAID: dict[str, Text] = {
    "error": Text("error: {error}", "错误：{error}"),
    "submitted": Text(
        "{out}: result {sequence} of {expert} for batch {batch} ({how}signed with key"
        " {key}); the session is now locked",
        "{out}：{expert} 在批次 {batch} 的第 {sequence} 次结果（{how}以密钥 {key} 签名）；"
        "会话现已锁定",
    ),
    "transcribed_by": Text("transcribed by {signer}, ", "由 {signer} 录入，"),
    "written_again": Text("{out}: written again from {session}", "{out}：已从 {session} 重新写出"),
    "unlocked": Text(
        "{session}: unlocked (result {old} stays on record): {reason}",
        "{session}：已解锁（第 {old} 次结果仍留存备查）：{reason}",
    ),
    "passphrase": Text("passphrase for the key of {signer}", "{signer} 的密钥口令"),
    "outcome_count": Text("{outcome}: {count}", "{outcome}：{count}"),
    "merge_item": Text("  - {source}: {who}{reason}", "  - {source}：{who}{reason}"),
    "merge_who": Text("{expert} sequence {sequence}: ", "{expert} 第 {sequence} 次："),
    "dry_run": Text("\ndry run: nothing was written", "\n试运行：未写入任何内容"),
    "missing": Text("\nmissing: {count}", "\n缺少：{count}"),
    "missing_nothing": Text("\nmissing: nothing", "\n缺少：无"),
    "unsigned": Text(
        "warning: {path} is not signed: nothing shows that {organizer} prepared it",
        "警告：{path} 没有签名：无法证明它由 {organizer} 制作",
    ),
    "signed_by": Text(
        "package: batch {batch}, signed by {signer} (key {key})",
        "批次包：批次 {batch}，由 {signer} 签名（密钥 {key}）",
    ),
    "gap": Text("  - {expert}{where}: {detail}", "  - {expert}{where}：{detail}"),
}


def say(key: str, /, **facts: object) -> str:
    """The message ``key`` in the current language with ``facts`` filled in."""
    return word(SAID[key], facts)


def error_line(error: BaseException) -> str:
    """``error: …`` as always in English; the error worded from its facts in Chinese."""
    shown = error_text(error) if current() == ZH else str(error)
    return say("error", error=shown)


def reason_line(reason: str, said: str, facts: tuple[tuple[str, str], ...]) -> str:
    """A merge or gap note: its English line, or its Chinese phrase where it has one."""
    return phrase_text(said, facts, reason) if current() == ZH else reason
