"""Every error the core raises, worded for the user in Chinese or English.

``ERRORS`` is the one place an error's wording lives, keyed by the error's class name,
or ``Class.said`` for one of the class's specific refusals (``error.saying(said, **facts)``).
A class's general template shows the English line (``{detail}``) under a Chinese lead; a
specific template words every fact. ``tests/test_error_wording.py`` fails while a class
or a ``said`` has no template in both languages; ``docs/wording.md`` says how to add one.
"""

from __future__ import annotations

from collections.abc import Callable

from expertscore.crypto.envelope import Refused
from expertscore.errors import ExpertScoreError
from expertscore.wording import Text, word

D = "{detail}"  # the English line, unchanged, where no fact is worded on its own
INDICATOR = "Indicator {code}: "
# A refused file's wording says why; the file is put before it (``error_text``).
PLACE = Text("{source}: {why}", "{source}：{why}")

ERRORS: dict[str, Text] = {
    "ExpertScoreError": Text(D, "操作未完成：{detail}"),
    # Schemes and packages
    "SchemeFileError": Text(D, "评分方案文件无法读取：{detail}"),
    "SchemeInvalid": Text(D, "评分方案不符合规则：{detail}"),
    "SchemeNotFound": Text(D, "找不到该评分方案：{detail}"),
    "PackageError": Text(D, "批次包有误：{detail}"),
    "OrganizerValueError": Text(D, "组织方设定值有误：{detail}"),
    "OrganizerValueError.not_a_number": Text(
        "{target}: '{text}' is not a number", "{target}：“{text}”不是数字"
    ),
    "OrganizerValueError.weights": Text(
        "organizer-set values: indicator {code}: children's weights sum to {sum},"
        " expected {expected}",
        "组织方设定值：指标 {code} 的下级权重合计为 {sum}，应为 {expected}",
    ),
    # Keys, cards and signatures
    "KeyCardError": Text(D, "密钥卡有误：{detail}"),
    "KeyFileError": Text(D, "密钥文件有误：{detail}"),
    "UnknownKeyRole": Text(D, "未知的密钥角色：{detail}"),
    "WrongPassphrase": Text(D, "口令不正确，无法打开密钥：{detail}"),
    "OrganizerKeyChanged": Text(D, "组织方的签名密钥与上次不同：{detail}"),
    "SignatureError": Text(D, "签名或密钥有误：{detail}"),
    "Refused": Text("refused: {reason}", "拒收：{reason}"),
    # Signature algorithms (the batch's: ed25519 or sm2) and key roles
    "WrongAlgorithm": Text(
        "{source}: signed with {found}, but the batch signs with {expected}",
        "{source}：签名算法为 {found}，但本批次使用 {expected} 签名",
    ),
    "AlgorithmRefusal": Text(
        "signed with {found}, but the batch signs with {expected}",
        "签名算法为 {found}，但本批次使用 {expected} 签名",
    ),
    "ResultWrongAlgorithm": Text(
        "signed with {found}, but the batch signs with {expected}",
        "评分结果文件的签名算法为 {found}，但本批次使用 {expected} 签名",
    ),
    "PanelWrongAlgorithm": Text(
        "signed with {found}, but the batch signs with {expected}",
        "评审组文件的签名算法为 {found}，但本批次使用 {expected} 签名",
    ),
    "NoteWrongAlgorithm": Text(
        "signed with {found}, but the batch signs with {expected}",
        "说明文件的签名算法为 {found}，但本批次使用 {expected} 签名",
    ),
    "KeyCardWrongAlgorithm": Text(
        "{source}: key card signed with {found}, but the batch signs with {expected}",
        "{source}：密钥卡的签名算法为 {found}，但本批次使用 {expected} 签名",
    ),
    "PackageWrongAlgorithm": Text(
        "{source}: signed with {found}, but the batch signs with {expected}",
        "{source}：批次包的签名算法为 {found}，但本批次使用 {expected} 签名",
    ),
    "SubmitWrongAlgorithm": Text(
        "{source}: the key is {found}, but the batch signs with {expected}: make a key with"
        " the batch's algorithm",
        "{source}：该密钥为 {found} 密钥，但本批次使用 {expected} 签名：请生成本批次算法的密钥",
    ),
    "KeyOfOtherAlgorithm": Text(
        "{source}: the key is {found}, but the batch signs with {expected}",
        "{source}：该密钥为 {found} 密钥，但本批次使用 {expected} 签名",
    ),
    "WrongKeyRole": Text(
        "the key {fingerprint} of {key_id} is {owner}; {thing} is signed with {needed_owner}"
        " (make one with `expertscore key new --role {needed}`)",
        "密钥 {fingerprint}（{key_id}）是{owner}；{thing}须用{needed_owner}签名"
        "（请先生成{needed_owner}）",
    ),
    "FamiliarityRefused": Text(
        "{submission}: {level} is not a familiarity (familiar, fairly, moderate or none)",
        "{submission}：{level} 不是有效的熟悉程度（熟悉、较熟悉、一般或不填）",
    ),
    # Encrypted packages and files (age)
    "SealedError": Text(D, "加密文件无法打开：{detail}"),
    "NoKeyUnlocked": Text(
        "{file} is encrypted: open it with a key it was encrypted to.",
        "{file} 已加密：请用它所加密给的密钥打开。",
    ),
    "NotARecipient": Text(
        "{file} is encrypted, but not to the key of {owner_list}.",
        "{file} 已加密，但不是加密给 {owner_list} 的密钥。",
    ),
    "SealedDamaged": Text(
        "{file} is encrypted and damaged or was altered; nothing was read.",
        "{file} 已加密，但已损坏或被篡改；未读取任何内容。",
    ),
    "BadRecipient": Text("{source}: not an encryption recipient", "{source}：不是有效的加密接收方"),
    "KeyCannotDecrypt": Text(
        "The key of {owner} was made before encryption and cannot open encrypted files; give"
        " it a decryption key with “expertscore key add-recipient”.",
        "{owner} 的密钥生成于加密功能之前，无法打开加密文件："
        "请先用 add-recipient 命令为其添加解密密钥。",
    ),
    "NoRecipient": Text(
        "The key card of {expert} was made before encryption: nothing can be encrypted to it."
        " Ask {expert} for a new key card.",
        "{expert} 的密钥卡生成于加密功能之前：无法向其加密。请向 {expert} 索取新的密钥卡。",
    ),
    # Read the seeking way instead (a private clear copy): seen only if that fails too.
    "StreamUnsupported": Text(D, "批次包无法一次读完：{detail}"),
    "PackageEncrypted": Text(
        "{file} is encrypted: open it with a key it was encrypted to.",
        "{file} 已加密：请用它所加密给的密钥打开。",
    ),
    # The expert's session
    "SessionFileError": Text(D, "会话文件有误：{detail}"),
    "PassphraseNeeded": Text(
        "{path}: the session is encrypted; give its passphrase",
        "{path}：会话文件已加密，请输入口令",
    ),
    "WrongSessionPassphrase": Text(
        "{path}: wrong passphrase, or not a session file; nothing was changed",
        "{path}：口令不正确，或不是会话文件；未做任何改动",
    ),
    "PassphraseTooShort": Text(
        "a session passphrase needs at least {minimum} characters ({length} given)",
        "会话口令至少需要 {minimum} 个字符（现为 {length} 个）",
    ),
    # The window's printing (ui.printing): the PDF unreadable or the printer not started
    "PrintError": Text(D, "无法打印：{detail}"),
    "StorageError": Text(D, "会话文件无法写入：{detail}"),
    "ScoreRejected": Text(INDICATOR + "{reason}", "指标 {code}：{reason}"),
    "ScoreRejected.not_a_number": Text(
        INDICATOR + "“{text}” is not a number", "指标 {code}：“{text}”不是数字"
    ),
    "ScoreRejected.range": Text(
        INDICATOR + "{value} is outside the range 0–{top}",
        "指标 {code}：{value} 超出 0–{top} 的范围",
    ),
    "ScoreRejected.step": Text(
        INDICATOR + "{value} is not a multiple of the step {step}",
        "指标 {code}：{value} 不是步长 {step} 的整数倍",
    ),
    "ScoreRejected.choice": Text(
        INDICATOR + "choose one of {labels}", "指标 {code}：请选择 {labels} 之一"
    ),
    "ScoreRejected.yes_no": Text(INDICATOR + "choose yes or no", "指标 {code}：请选择“是”或“否”"),
    "ScoreRejected.no_suggestion": Text(
        INDICATOR + "no suggestion: the reported value is not a number",
        "指标 {code}：无建议分：报送值不是数字",
    ),
    "ScoreRejected.no_points": Text(INDICATOR + "enter points", "指标 {code}：请输入分数"),
    "EditRefused": Text(D, "不能修改：{detail}"),
    "EditRefused.recused_scored": Text(
        "submission {sid} is recused and cannot be scored", "申报 {sid} 已回避，不能评分"
    ),
    "EditRefused.recused": Text("submission {sid} is recused", "申报 {sid} 已回避"),
    "EditRefused.already_recused": Text(
        "submission {sid} is already recused", "申报 {sid} 已经回避"
    ),
    "EditRefused.not_assigned": Text(
        "submission {sid} is not assigned to you", "申报 {sid} 未分配给您"
    ),
    "EditRefused.indicator_not_assigned": Text(
        "indicator {code} of submission {sid} is not assigned to you",
        "申报 {sid} 的指标 {code} 未分配给您",
    ),
    "EditRefused.recusal_reason": Text("a recusal needs a reason", "回避须填写理由"),
    "EditRefused.foreign_evidence": Text(
        "evidence {eid} does not belong to submission {sid}", "佐证 {eid} 不属于申报 {sid}"
    ),
    "EditRefused.unlock_reason": Text(
        "unlocking the submitted scores needs a reason", "解锁已提交的评分需要填写理由"
    ),
    "EditRefused.unknown_category": Text(
        "“{category}” is not a category of the scheme", "“{category}”不是评分方案中的类别"
    ),
    "EditRefused.not_locked": Text(
        "the scores are not locked: nothing was submitted since", "评分未锁定：此后尚未提交过结果"
    ),
    "EditRefused.round_one_kept": Text(
        "indicator {code} of {sid}: first-round scores are kept once round {round} is asked for",
        "申报 {sid} 的指标 {code}：已要求第 {round} 轮评分，第一轮的评分保持不变",
    ),
    "EditRefused.not_in_round": Text(
        "indicator {code} of {sid} was not sent to round {round}",
        "申报 {sid} 的指标 {code} 未被送回第 {round} 轮评分",
    ),
    "SessionLocked": Text(
        "The session was submitted (result {sequence}, {submitted_at}) and is locked;"
        " unlock it with a reason to change anything.",
        "该会话已提交（第 {sequence} 次，{submitted_at}）并已锁定；如需修改，请先填写理由解锁。",
    ),
    "Incomplete": Text(D, "不能提交：还有 {count} 个指标未评分：{detail}"),
    "Incomplete.incomplete": Text(D, "不能提交：还有 {count} 个指标未评分：{shown}"),
    "SubmitRefused": Text(D, "不能提交：{detail}"),
    "SubmitRefused.submitted": Text(
        "already submitted as result {sequence} ({at}); unlock the scores with a reason to"
        " submit again",
        "已作为第 {sequence} 次结果提交（{at}）；如需再次提交，请先填写理由解锁评分",
    ),
    "SubmitRefused.pinned_key": Text(
        "the batch roster names another key for {expert}; this key is {key}: sign with the"
        " key you gave the organizer",
        "批次专家名单为 {expert} 登记了另一个密钥；本密钥为 {key}：请使用您交给组织方的密钥签名",
    ),
    "SubmitRefused.not_a_result": Text(
        "{path} exists and is not a result file; not overwritten",
        "{path} 已存在且不是结果文件；未覆盖",
    ),
    "SubmitRefused.folder": Text(
        "{path} is a folder; give a file name for the result", "{path} 是文件夹；请为结果指定文件名"
    ),
    "TranscriptionRefused": Text(D, "不能标记为录入稿：{detail}"),
    "SimulationError": Text(D, "模拟无法按要求运行：{detail}"),
    # Result files and the chair
    "ResultRefused": Text("{reason}", "结果文件被拒收：{reason}"),
    "ResultRefused.damaged": Text(
        "the signed payload is damaged ({detail}): the file was changed",
        "签名内容已损坏（{detail}）：文件已被改动",
    ),
    "ResultRefused.signature": Text(
        "the signature does not verify ({detail}): the file was changed after signing",
        "签名验证不通过（{detail}）：文件在签名后被改动",
    ),
    "KeyRefused": Text("{reason}", "签名密钥不被信任：{reason}"),
    "KeyRefused.unknown": Text(
        "unknown key {key}: neither the batch roster nor a key card names a key for {expert}",
        "未知密钥 {key}：批次专家名单和密钥卡均未登记 {expert} 的密钥",
    ),
    "RuleBroken": Text("{reason}", "结果文件违反规则 {rule}：{reason}"),
    "MergeFolderChanged": Text(
        "{file} in the merge folder is not the file merged for {expert}: put back the merged"
        " file, or merge the new one.",
        "合并文件夹中的 {file} 不是为 {expert} 合并的文件："
        "请放回合并时的文件，或用“合并结果文件”合并新文件。",
    ),
    "DecisionError": Text(D, "主持人的决定不符合规则：{detail}"),
    "DecisionError.cause": Text(
        "Choose why the panel changes the summed result (87号令 art. 64).",
        "请选择修正评审结果的原因（87号令第六十四条）。",
    ),
    "DecisionError.fingerprint": Text(
        "the key's fingerprint {actual} does not match {sheet} on the sheet",
        "密钥指纹 {actual} 与纸质评分表上的 {sheet} 不一致",
    ),
    "DecisionError.no_experts": Text(
        "name the experts who score the second round", "请指定第二轮评分的专家"
    ),
    "DecisionError.override_reason": Text(
        "an agreed panel score needs the panel's reason", "评审组议定分数须填写评审组的理由"
    ),
    "DecisionError.withdrawal_reason": Text(
        "withdrawing an agreed score needs a reason", "撤回议定分数须填写理由"
    ),
    "DecisionError.round_reason": Text("a second round needs a reason", "第二轮评分须填写理由"),
    "DecisionError.transcription_reason": Text(
        "using a transcription needs a reason", "使用录入稿须填写理由"
    ),
    "DecisionError.value_reason": Text(
        "a verified value needs the panel's reason", "评审组核实值须填写评审组的理由"
    ),
    "DecisionError.range": Text(
        "{indicator}: {value} is outside 0–{top}", "{indicator}：{value} 超出 0–{top} 的范围"
    ),
    "DecisionError.step": Text(
        "{indicator}: {value} is not a multiple of the step {step}",
        "{indicator}：{value} 不是步长 {step} 的整数倍",
    ),
    "DecisionError.mode": Text(
        "{indicator}: {value} is not one of the mode's scores {scores}",
        "{indicator}：{value} 不是该评分方式允许的分数（{scores}）",
    ),
    "AuditRefused": Text(D, "审计日志中有本程序不会写出的记录：{detail}"),
    "TranscriptionNotAllowed": Text(D, "不能使用该录入稿：{detail}"),
    "NoteError": Text(D, "说明无法按要求写出：{detail}"),
    "NoteRefused": Text("refused: {reason}", "说明文件被拒收：{reason}"),
    "PanelFileError": Text(D, "评审组文件无法写出：{detail}"),
    "PanelRefused": Text("refused: {reason}", "评审组文件被拒收：{reason}"),
    "RoundRequestError": Text(D, "第二轮评分请求文件有误：{detail}"),
    "WorkbookError": Text(D, "结果工作簿无法写出：{detail}"),
    "ReportError": Text(D, "文档无法生成或写出：{detail}"),
    # The organizer and the registry
    "RosterError": Text(D, "专家名单有误：{detail}"),
    "RosterError.on_roster": Text(
        "expert {expert} is already on the roster ({name})", "专家 {expert} 已在名单中（{name}）"
    ),
    "RosterError.empty": Text("add the panel's experts to the roster", "请把评审组的专家加入名单"),
    "OrganizerCardOnRoster": Text(D, "组织方的密钥卡不能作为评审专家加入名单：{detail}"),
    "AssignmentError": Text(D, "分配有误：{detail}"),
    "AssignmentError.conflict": Text(
        "{expert} is assigned {sid} despite a conflict of interest",
        "{expert} 与 {sid} 存在利益冲突，不能分配",
    ),
    "AssignmentError.too_few": Text(
        "submission {sid}: indicator {code} has {count} experts; the aggregation policy"
        " needs {needed}",
        "申报 {sid}：指标 {code} 只有 {count} 位专家，汇总规则需要 {needed} 位",
    ),
    "UnassignedSubmissions": Text(D, "有申报无法分配专家：{detail}"),
    "UnassignedSubmissions.only_free": Text(
        "submission {sid}: only {count} experts of the panel are free of conflicts,"
        " {needed} needed",
        "申报 {sid}：评审组中只有 {count} 位专家没有利益冲突，需要 {needed} 位",
    ),
    "UnassignedSubmissions.only_free_role": Text(
        "submission {sid}: only {count} experts of role {role} are free of conflicts,"
        " {needed} needed",
        "申报 {sid}：角色 {role} 中只有 {count} 位专家没有利益冲突，需要 {needed} 位",
    ),
    "SignerOnRoster": Text(D, "签名密钥属于本批次名单中的专家：{detail}"),
    "RegistryDatabaseError": Text(D, "登记库的数据库无法打开：{detail}"),
    "IngestRefused": Text(D, "登记库不接收该评审组文件：{detail}"),
    # The Excel form
    "XlsxFormError": Text(D, "Excel 表单有误：{detail}"),
    "XlsxFormError.encrypted": Text(
        "{where}: the workbook is protected by a password: save a copy without a password"
        " and import that.",
        "{where}：工作簿设有打开密码：请另存一份无密码的副本，再导入该副本。",
    ),
    "XlsxFormError.old_xls": Text(
        "{where}: an old .xls workbook: save it as .xlsx and import that.",
        "{where}：这是旧版 .xls 工作簿：请另存为 .xlsx 格式后再导入。",
    ),
    "XlsxFormError.title_row": Text(
        "{where}: row 1 holds “{title}”, a title: the column headers must be the first row;"
        " delete the rows above them.",
        "{where}：第 1 行是标题“{title}”：列标题必须在第 1 行，请删除其上方的行。",
    ),
    "XlsxFormError.merge_header": Text(
        "{where}: the merged cells {range} join the header with data rows: unmerge them.",
        "{where}：合并单元格 {range} 把表头和数据行合在了一起：请取消合并。",
    ),
    "XlsxFormError.merge_columns": Text(
        "{where}: the merged cells {range} span the columns “{first}” and “{second}”: merge"
        " cells only down one column.",
        "{where}：合并单元格 {range} 跨越了“{first}”和“{second}”两列：只能在同一列内上下合并。",
    ),
    "XlsxFormError.total_row": Text(
        "{where}: row {row} is a total row (“{text}”): delete it.",
        "{where}：第 {row} 行是合计行（“{text}”）：请删除该行。",
    ),
    "XlsxFormError.no_evidence_sheet": Text(
        "{where}: the form has no evidence sheet, but an evidence folder was given"
        " ({folder}): add the 证明材料 sheet, or leave the folder out.",
        "{where}：表单中没有“证明材料”工作表，却指定了证明材料文件夹（{folder}）：请补上该工作表，或不指定文件夹。",
    ),
    "XlsxFormError.not_a_number": Text(
        "{where}: “{text}” given for {indicator} is not a number: type the number itself,"
        " without arithmetic.",
        "{where}：指标 {indicator} 填写的“{text}”不是数字：请直接填写数值，不要写算式。",
    ),
}


def facts_of(error: ExpertScoreError) -> dict[str, object]:
    """What a template may name: the English line, the error's fields, its facts."""
    fields = {name: value for name, value in vars(error).items() if not name.startswith("_")}
    return {"detail": str(error), **fields, **error.facts}


def templates_of(error: ExpertScoreError) -> list[Text]:
    """The templates that may word ``error``, the most specific first."""
    found = []
    for cls in type(error).__mro__:
        if error.said and (text := ERRORS.get(f"{cls.__name__}.{error.said}")):
            found.append(text)
        if text := ERRORS.get(cls.__name__):
            found.append(text)
    return found


def error_text(
    error: BaseException,
    language: str | None = None,
    show: Callable[[str], str] = str,
    placed: bool = True,
) -> str:
    """One line for ``error`` in ``language`` (default: the current one).

    A template whose facts the error lacks gives way to the next (the class's general one).
    A refused file's line starts with the file unless ``placed`` is false (a list that
    shows the file beside it). An error raised from a cause that ``explains`` it (an
    encrypted file that could not be opened) is worded by that cause. An error not of the
    core (an ``OSError``) is shown as Python words it.
    """
    cause = error.__cause__
    if isinstance(cause, ExpertScoreError) and cause.explains:
        error = cause  # e.g. a result refused because it could not be decrypted
    if isinstance(error, ExpertScoreError):
        facts = facts_of(error)
        for text in templates_of(error):
            try:
                why = word(text, facts, language, show)
            except (KeyError, IndexError):
                continue
            if placed and isinstance(error, Refused):
                return PLACE.in_language(language).format(source=show(error.source), why=why)
            return why
    return show(str(error))
