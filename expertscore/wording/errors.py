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
from expertscore.wording import EN, ZH, Text, word

D = "{detail}"  # the English line, unchanged, where no fact is worded on its own
INDICATOR = "Indicator {code}: "
# A refused file's wording says why; the file is put before it (``error_text``).
PLACE = Text("{source}: {why}", "{source}：{why}")
# What an id of the Excel form may hold (``xlsxform.submissions.ID_RULE``), in Chinese.
# A result's refusal that may be a file of another program (``results.model.NOT_OURS``).
NOT_OURS = "：文件已被改动，或不是本程序的结果文件"
ID_RULE = "只能由字母、数字、“.”、“_”和“-”组成，最多 64 个字符，以字母或数字开头"

ERRORS: dict[str, Text] = {
    "ExpertScoreError": Text(D, "操作未完成：{detail}"),
    "ExpertScoreError.known_unreadable": Text(
        "{path}: cannot read the known organizer keys ({reason})",
        "{path}：无法读取已知的组织方密钥（{reason}）",
    ),
    "ExpertScoreError.known_format": Text(
        "{path}: not a {format} file; move it away to start afresh",
        "{path}：不是 {format} 文件；请将其移走后重新开始",
    ),
    "ExpertScoreError.log_broken": Text(
        "{path}: edit log broken at entry {entry}", "{path}：修改日志在第 {entry} 条处断裂"
    ),
    # Schemes and packages
    "SchemeFileError": Text(D, "评分方案文件无法读取：{detail}"),
    "SchemeFileError.yaml": Text(
        "{source}:{line}: not valid YAML: {problem}",
        "{source} 第 {line} 行：不是有效的 YAML（{problem}）",
    ),
    "SchemeFileError.empty": Text(
        "{source}:{line}: the file is empty", "{source} 第 {line} 行：文件是空的"
    ),
    "SchemeFileError.not_utf8": Text(
        "{source}:{line}: not UTF-8 text (byte {byte})",
        "{source} 第 {line} 行：不是 UTF-8 文本（第 {byte} 字节）",
    ),
    "SchemeFileError.unreadable": Text(
        "{source}: cannot read: {reason}", "{source}：无法读取（{reason}）"
    ),
    "SchemeFileError.values": Text(
        "{source}:{line}: more than {limit} values (aliases expanding?)",
        "{source} 第 {line} 行：值超过 {limit} 个（别名展开过多？）",
    ),
    "SchemeFileError.depth": Text(
        "{source}:{line}: nested more than {limit} levels deep",
        "{source} 第 {line} 行：嵌套超过 {limit} 层",
    ),
    "SchemeFileError.key_text": Text(
        "{source}:{line}: a mapping key must be plain text",
        "{source} 第 {line} 行：映射的键必须是普通文本",
    ),
    "SchemeFileError.key_twice": Text(
        "{source}:{line}: key '{key}' appears twice", "{source} 第 {line} 行：键“{key}”出现了两次"
    ),
    "SchemeFileError.node": Text(
        "{source}:{line}: unsupported YAML node", "{source} 第 {line} 行：不支持的 YAML 节点"
    ),
    "SchemeInvalid": Text(D, "评分方案不符合规则：{detail}"),
    "SchemeInvalid.mapping": Text(
        "{source}:{line}: a scheme must be a mapping of keys",
        "{source} 第 {line} 行：评分方案必须是键值映射",
    ),
    "SchemeInvalid.format": Text(
        "{source}:{line}: format '{declared}' is not supported; this program reads '{supported}'",
        "{source} 第 {line} 行：格式“{declared}”不受支持；本程序读取“{supported}”",
    ),
    "SchemeInvalid.no_format": Text(
        "{source}:{line}: missing 'format: {supported}'",
        "{source} 第 {line} 行：缺少“format: {supported}”",
    ),
    "SchemeInvalid.issues": Text(D, "评分方案不符合规则（共 {count} 处）：{first}"),
    "SchemeNotFound": Text(D, "找不到该评分方案：{detail}"),
    "SchemeNotFound.unknown": Text(
        "no scheme '{scheme}' (bundled: {known})", "没有评分方案“{scheme}”（内置方案：{known}）"
    ),
    "PackageError": Text(D, "批次包有误：{detail}"),
    "PackageError.no_evidence": Text(D, "{source}：没有 SHA-256 为 {sha256} 的证明材料"),
    "PackageError.evidence_changed": Text(D, "{source}：证明材料 {sha256} 与其 SHA-256 不符"),
    "PackageError.entries": Text(
        "{source}: {count} entries, more than the limit {limit}",
        "{source}：包内有 {count} 个条目，超过上限 {limit}",
    ),
    "PackageError.nameless": Text(
        "{source}: an entry has no name", "{source}：包内有一个条目没有名称"
    ),
    "PackageError.folder": Text(
        "{source}: unexpected folder entry '{name}'", "{source}：包内有意外的文件夹条目“{name}”"
    ),
    "PackageError.absolute": Text(
        "{source}: entry '{name}' has an absolute path", "{source}：条目“{name}”使用了绝对路径"
    ),
    "PackageError.outside": Text(
        "{source}: entry '{name}' points outside the package ('..')",
        "{source}：条目“{name}”指向包外（含“..”）",
    ),
    "PackageError.twice": Text(
        "{source}: entry '{name}' appears twice", "{source}：条目“{name}”出现了两次"
    ),
    "PackageError.unexpected": Text(
        "{source}: unexpected entry '{name}'", "{source}：包内有意外的条目“{name}”"
    ),
    "PackageError.zip_encrypted": Text(
        "{source}: entry '{name}' is encrypted", "{source}：条目“{name}”设有压缩包密码，无法读取"
    ),
    "PackageError.compression": Text(
        "{source}: entry '{name}' uses compression method {method}; only stored and deflated"
        " entries are read",
        "{source}：条目“{name}”使用了压缩方式 {method}；只能读取不压缩或 deflate 压缩的条目",
    ),
    "PackageError.entry_size": Text(
        "{source}: entry '{name}' expands to {size} bytes, over the limit",
        "{source}：条目“{name}”解压后为 {size} 字节，超过上限",
    ),
    "PackageError.ratio": Text(
        "{source}: entry '{name}' expands {ratio} times (a zip bomb?); refused",
        "{source}：条目“{name}”解压后膨胀 {ratio} 倍（疑似压缩炸弹）；拒绝读取",
    ),
    "PackageError.total_size": Text(
        "{source}: contents expand to {size} bytes, over the limit",
        "{source}：包内容解压后共 {size} 字节，超过上限",
    ),
    "PackageError.missing": Text("{source}: '{name}' is missing", "{source}：缺少“{name}”"),
    "PackageError.member_size": Text(
        "{source}: '{name}' is {size} bytes, over the limit {limit}",
        "{source}：“{name}”为 {size} 字节，超过上限 {limit}",
    ),
    "PackageError.unreadable_member": Text(
        "{source}: '{name}' cannot be read: {reason}", "{source}：无法读取“{name}”（{reason}）"
    ),
    "PackageError.not_utf8": Text(
        "{source}: {name}: not UTF-8 (byte {byte})",
        "{source}：{name} 不是 UTF-8 编码（第 {byte} 字节）",
    ),
    "PackageError.nested": Text(
        "{source}: {name}: JSON nested too deeply", "{source}：{name} 的 JSON 嵌套过深"
    ),
    "PackageError.json": Text(
        "{source}: {name}:{line}:{column}: malformed JSON: {reason}",
        "{source}：{name} 第 {line} 行第 {column} 列：JSON 格式有误（{reason}）",
    ),
    "PackageError.not_object": Text(
        "{source}: {name}: must be a JSON object", "{source}：{name} 必须是一个 JSON 对象"
    ),
    "PackageError.format": Text(
        "{source}: {name}: format '{declared}' is not supported; this program reads '{supported}'",
        "{source}：{name} 的格式“{declared}”不受支持；本程序读取“{supported}”",
    ),
    "PackageError.manifest_field": Text(
        "{source}: {name} {where}: {reason}", "{source}：{name} 的 {where}：{reason}"
    ),
    "PackageError.manifest_fields": Text(
        "{source}: {name} {where}: {reason} (and {more} more)",
        "{source}：{name} 的 {where}：{reason}（另有 {more} 处问题）",
    ),
    "PackageError.no_file": Text("{source}: no such file", "{source}：文件不存在"),
    "PackageError.not_zip": Text(
        "{source}: not a batch package (not a zip file)", "{source}：不是批次包（不是 zip 文件）"
    ),
    "PackageError.unreadable": Text(
        "{source}: cannot read: {reason}", "{source}：无法读取（{reason}）"
    ),
    "PackageError.scheme_digest": Text(
        "{source}: {name}: SHA-256 {digest}… does not match the manifest",
        "{source}：{name} 的 SHA-256 {digest}… 与清单不符",
    ),
    "PackageError.scheme": Text(
        "{source}: embedded scheme is invalid: {cause}", "{source}：包内的评分方案无效：{cause}"
    ),
    "PackageError.organizer_values": Text(
        "{source}: {name} organizer_values: {cause}",
        "{source}：{name} 中的组织方设定值有误：{cause}",
    ),
    "PackageError.scheme_id": Text(
        "{source}: {name} is '{scheme}' {version}, the manifest says '{named}' {named_version}",
        "{source}：{name} 是“{scheme}” {version}，清单写的是“{named}” {named_version}",
    ),
    "PackageError.crosscheck": Text(
        "{source}: {name} {problem}", "{source}：{name} 有误：{problem}"
    ),
    "PackageError.evidence_missing": Text(
        "{source}: evidence '{id}' ({file}) is missing from the package",
        "{source}：包内缺少证明材料“{id}”（{file}）",
    ),
    "PackageError.evidence_size": Text(
        "{source}: evidence '{id}' has {size} bytes in the package, the manifest says {expected}",
        "{source}：证明材料“{id}”在包内为 {size} 字节，清单写的是 {expected} 字节",
    ),
    "PackageError.unlisted": Text(
        "{source}: entry '{name}' is not listed in the manifest",
        "{source}：条目“{name}”未列在清单中",
    ),
    "PackageError.signature": Text(
        "{source}: organizer signature does not verify ({cause}): the package was changed after"
        " signing",
        "{source}：组织方签名验证不通过（{cause}）：批次包在签名后被改动",
    ),
    "PackageError.member_bytes": Text(
        "{source}: '{name}' has {size} bytes, the manifest says {expected}",
        "{source}：“{name}”为 {size} 字节，清单写的是 {expected} 字节",
    ),
    "PackageError.digest": Text(
        "{source}: '{name}' does not match its SHA-256 in the manifest",
        "{source}：“{name}”与清单中的 SHA-256 不符",
    ),
    "PackageError.damaged": Text(
        "{source}: '{name}' does not match its SHA-256 (damaged or altered)",
        "{source}：“{name}”与其 SHA-256 不符（已损坏或被改动）",
    ),
    "PackageError.header": Text(
        "{source}: '{name}' has a damaged local header", "{source}：“{name}”的本地文件头已损坏"
    ),
    "PackageError.cut_short": Text(
        "{source}: '{name}' is cut short", "{source}：“{name}”不完整（文件被截断）"
    ),
    "PackageError.reread": Text(
        "{source}: cannot be read again: {reason}", "{source}：无法再次读取（{reason}）"
    ),
    "PackageError.longer": Text(
        "{source}: '{name}' is longer than the manifest says", "{source}：“{name}”比清单所写的更长"
    ),
    "PackageError.prepared_values": Text(
        "{source}: organizer_values: {cause}", "{source}：组织方设定值有误：{cause}"
    ),
    "PackageError.not_on_roster": Text(
        "{source}: expert '{expert}' is not on the roster ({roster})",
        "{source}：专家“{expert}”不在名单中（名单：{roster}）",
    ),
    "PackageError.no_assignments": Text(
        "{source}: expert '{expert}' has no assignments in this batch",
        "{source}：专家“{expert}”在本批次中没有分配任务",
    ),
    "PackageError.inconsistent": Text("{source}: {problem}", "{source}：清单有误：{problem}"),
    "PackageError.stream_entries": Text(D, "{source}：包内条目数超过上限 {limit}"),
    "PackageError.stream_total": Text(D, "{source}：包内容解压后超过上限"),
    "PackageError.bad_crc": Text(D, "{source}：“{name}”无法读取（CRC-32 校验不符）"),
    "PackageError.longer_than_header": Text(D, "{source}：“{name}”比其文件头所写的更长"),
    "PackageError.changed_since_open": Text(D, "{source}：批次包在打开之后被改动"),
    "PackageError.zip_directory_large": Text(D, "{source}：压缩包目录过大"),
    "PackageError.zip_no_entry": Text(D, "{source}：此处应为压缩包条目却不是（文件已损坏）"),
    "PackageError.zip_method": Text(D, "{source}：条目“{name}”无法读取（压缩方式 {method}）"),
    "PackageError.zip_two_sizes": Text(D, "{source}：条目“{name}”的大小前后不一致"),
    "PackageError.zip_damaged_entry": Text(D, "{source}：条目“{name}”不完整或已损坏"),
    "PackageError.zip_ends": Text(D, "{source}：批次包在某个条目中间结束（文件被截断）"),
    "PackageError.zip_directory": Text(D, "{source}：压缩包目录无法读取（{reason}）"),
    "PackageError.zip_disagree": Text(D, "{source}：条目“{name}”的目录记录与其本地文件头不一致"),
    "PackageError.zip_not_listed": Text(D, "{source}：条目“{name}”不在压缩包目录中"),
    "PackageError.zip64_missing": Text(D, "{source}：某条目缺少 ZIP64 大小信息"),
    "PackageError.texts_digest": Text(D, "{source}：页面文字与清单中的 SHA-256 不符"),
    "PackageError.changed": Text(
        "{source}: the file changed while the package was being written",
        "{source}：写出批次包期间该文件被改动",
    ),
    "OrganizerValueError": Text(D, "组织方设定值有误：{detail}"),
    "OrganizerValueError.not_a_number": Text(
        "{target}: '{text}' is not a number", "{target}：“{text}”不是数字"
    ),
    "OrganizerValueError.weights": Text(
        "organizer-set values: indicator {code}: children's weights sum to {sum},"
        " expected {expected}",
        "组织方设定值：指标 {code} 的下级权重合计为 {sum}，应为 {expected}",
    ),
    "OrganizerValueError.no_number": Text(
        "{target}: the scheme has no such number", "{target}：评分方案中没有这个数值"
    ),
    "OrganizerValueError.published": Text(
        "{target}: the guide publishes this number; it cannot be changed",
        "{target}：该数值由评审指南公布，不能修改",
    ),
    "OrganizerValueError.no_indicator": Text(
        "{target}: the scheme has no indicator '{code}'", "{target}：评分方案中没有指标“{code}”"
    ),
    "OrganizerValueError.no_band": Text(
        "{target}: the scheme has no such band", "{target}：评分方案中没有这个分档"
    ),
    "OrganizerValueError.no_grade": Text(
        "{target}: the scheme has no such grade", "{target}：评分方案中没有这个等级"
    ),
    "OrganizerValueError.no_level": Text(
        "{target}: the scheme has no such grade level", "{target}：评分方案中没有这个评级档次"
    ),
    "OrganizerValueError.unknown_target": Text(
        "{target}: unknown target; use weight:, points:, cap:, grade:, band: or fraction:",
        "{target}：未知的设定对象；请用 weight:、points:、cap:、grade:、band: 或 fraction:",
    ),
    "OrganizerValueError.twice": Text("{target}: set twice", "{target}：被设定了两次"),
    "OrganizerValueError.rules": Text(
        D,  # the rule's finding is the scheme checker's English line (schemes.rules)
        "组织方设定值使评分方案不符合规则（共 {count} 处）：{node}：{message}",
    ),
    # Keys, cards and signatures
    "KeyCardError": Text(D, "密钥卡有误：{detail}"),
    "KeyCardError.too_large": Text(
        "{source}: not a key card (too large)", "{source}：不是密钥卡（文件过大）"
    ),
    "KeyCardError.damaged_json": Text(
        "{source}: damaged key card (not valid JSON)", "{source}：密钥卡已损坏（不是有效的 JSON）"
    ),
    "KeyCardError.not_card": Text("{source}: not a key card", "{source}：不是密钥卡"),
    "KeyCardError.newer": Text(
        "{source}: made by a newer ExpertScore ({declared}); this program reads {supported}",
        "{source}：由更新版本的 ExpertScore 生成（{declared}）；本程序读取 {supported}",
    ),
    "KeyCardError.not_ours": Text(
        "{source}: not an ExpertScore key card", "{source}：不是 ExpertScore 密钥卡"
    ),
    "KeyCardError.damaged_fields": Text(
        "{source}: damaged key card (fields {fields})", "{source}：密钥卡已损坏（字段为 {fields}）"
    ),
    "KeyCardError.damaged_text": Text(
        "{source}: damaged key card (a field is not text)",
        "{source}：密钥卡已损坏（有字段不是文本）",
    ),
    "KeyCardError.time": Text("the time is not one line", "时间不是一行文字"),
    "KeyCardError.role": Text("'{role}' is not a key role", "“{role}”不是密钥角色"),
    "KeyCardError.verify": Text(
        "{source}: key card does not verify ({cause})", "{source}：密钥卡验证不通过（{cause}）"
    ),
    "KeyCardError.fingerprint": Text(
        "{source}: key card's fingerprint does not match its key",
        "{source}：密钥卡的指纹与其密钥不符",
    ),
    "KeyCardError.no_file": Text("{source}: no such key card", "{source}：密钥卡不存在"),
    "KeyCardError.no_recipients_file": Text(
        "{source}: no such key card or recipients file", "{source}：密钥卡或接收方文件不存在"
    ),
    "KeyCardError.not_recipients": Text(
        "{source}: neither a key card nor an age recipients file",
        "{source}：既不是密钥卡，也不是 age 接收方文件",
    ),
    "KeyFileError": Text(D, "密钥文件有误：{detail}"),
    "KeyFileError.bad_id": Text(
        "'{id}' is not a valid id: 1–64 of A–Z a–z 0–9 . _ -, starting with a letter or digit",
        "“{id}”不是有效的编号：须为 1–64 个 A–Z、a–z、0–9、.、_、- 字符，以字母或数字开头",
    ),
    "KeyFileError.no_name": Text("a key needs the owner's name", "密钥须填写持有人姓名"),
    "KeyFileError.control_name": Text(
        "the name must be one line of text without control characters",
        "姓名须为一行文字，不能含控制字符",
    ),
    "KeyFileError.control_organization": Text(
        "the organization must be one line of text without control characters",
        "单位须为一行文字，不能含控制字符",
    ),
    "KeyFileError.no_identity": Text(
        "the key of {expert} has no decryption identity", "{expert} 的密钥没有解密身份"
    ),
    "KeyFileError.exists": Text(
        "{path}: already exists; not overwritten", "{path}：已存在；未覆盖"
    ),
    "KeyFileError.has_key": Text(
        "{path}: {expert} already has a key (fingerprint {fingerprint}); it is not replaced",
        "{path}：{expert} 已有密钥（指纹 {fingerprint}）；不会替换",
    ),
    "KeyFileError.cannot_make": Text("{cause}", "无法生成密钥：{cause}"),
    "KeyFileError.damaged_field": Text(
        "{path}: damaged key file (field '{field}' is missing or wrong)",
        "{path}：密钥文件已损坏（字段“{field}”缺失或有误）",
    ),
    "KeyFileError.damaged_base64": Text(
        "{path}: damaged key file ('{field}' is not base64)",
        "{path}：密钥文件已损坏（“{field}”不是 base64 编码）",
    ),
    "KeyFileError.no_file": Text("{path}: no such key file", "{path}：密钥文件不存在"),
    "KeyFileError.too_large": Text(
        "{path}: not a key file (too large)", "{path}：不是密钥文件（文件过大）"
    ),
    "KeyFileError.damaged_json": Text(
        "{path}: damaged key file (not valid JSON)", "{path}：密钥文件已损坏（不是有效的 JSON）"
    ),
    "KeyFileError.not_key": Text("{path}: not a key file", "{path}：不是密钥文件"),
    "KeyFileError.newer": Text(
        "{path}: made by a newer ExpertScore ({declared}); this program reads {supported}",
        "{path}：由更新版本的 ExpertScore 生成（{declared}）；本程序读取 {supported}",
    ),
    "KeyFileError.not_ours": Text(
        "{path}: not an ExpertScore key file", "{path}：不是 ExpertScore 密钥文件"
    ),
    "KeyFileError.damaged_kdf": Text(
        "{path}: damaged key file (unknown kdf or cipher)",
        "{path}：密钥文件已损坏（未知的密钥派生或加密算法）",
    ),
    "KeyFileError.damaged_recipient": Text(
        "{path}: damaged key file (the recipient is not age1…)",
        "{path}：密钥文件已损坏（接收方不是 age1… 形式）",
    ),
    "KeyFileError.damaged_role": Text(
        "{path}: damaged key file (unknown role '{role}')",
        "{path}：密钥文件已损坏（未知角色“{role}”）",
    ),
    "KeyFileError.damaged_fingerprint": Text(
        "{path}: damaged key file (public key and fingerprint disagree)",
        "{path}：密钥文件已损坏（公钥与指纹不一致）",
    ),
    "KeyFileError.damaged_scrypt": Text(
        "{path}: damaged key file (impossible scrypt parameters)",
        "{path}：密钥文件已损坏（scrypt 参数不可能成立）",
    ),
    "KeyFileError.memory": Text(
        "{path}: key file asks for {mib} MiB; refused",
        "{path}：密钥文件要求 {mib} MiB 内存；拒绝打开",
    ),
    "KeyFileError.damaged_salt": Text(
        "{path}: damaged key file (salt or nonce has the wrong length)",
        "{path}：密钥文件已损坏（盐值或随机数长度有误）",
    ),
    "KeyFileError.damaged_changed": Text(
        "{path}: damaged key file (the encrypted key or its owner was changed)",
        "{path}：密钥文件已损坏（加密的密钥或其持有人信息被改动）",
    ),
    "KeyFileError.damaged_length": Text(
        "{path}: damaged key file (private key has the wrong length)",
        "{path}：密钥文件已损坏（私钥长度有误）",
    ),
    "KeyFileError.damaged_pair": Text(
        "{path}: damaged key file (private and public key do not match)",
        "{path}：密钥文件已损坏（私钥与公钥不匹配）",
    ),
    "KeyFileError.damaged_identity": Text(
        "{path}: damaged key file (decryption identity and recipient differ)",
        "{path}：密钥文件已损坏（解密身份与接收方不一致）",
    ),
    "KeyFileError.no_key": Text(
        "no key for {expert} in {folder}; make one with `{command}`",
        "{folder} 中没有 {expert} 的密钥；请先生成：{command}",
    ),
    "KeyFileError.none_for": Text(
        "no key for {expert} in {folder}", "{folder} 中没有 {expert} 的密钥"
    ),
    "UnknownKeyRole": Text(D, "未知的密钥角色：{detail}"),
    "UnknownKeyRole.role": Text("unknown key role: {role}", "未知的密钥角色：{role}"),
    "WrongPassphrase": Text(D, "口令不正确，无法打开密钥：{detail}"),
    "WrongPassphrase.short": Text(
        "a passphrase needs at least {minimum} characters", "口令至少需要 {minimum} 个字符"
    ),
    "WrongPassphrase.wrong": Text(
        "{path}: wrong passphrase for the key of {expert}", "{path}：{expert} 的密钥口令不正确"
    ),
    "OrganizerKeyChanged": Text(D, "组织方的签名密钥与上次不同：{detail}"),
    "OrganizerKeyChanged.signed": Text(
        "{path}: batch {batch_id} of {organizer} was signed by key {known_fingerprint} when first"
        " opened here ({first_seen}); this package is signed by key {fingerprint}. Ask the"
        " organizer; do not use it unless they confirm a new key (the record is in {store})",
        "{path}：{organizer} 的批次 {batch_id} 首次在本机打开时（{first_seen}）由密钥"
        " {known_fingerprint} 签名；本批次包由密钥 {fingerprint} 签名。请向组织方核实；"
        "除非其确认更换了密钥，否则不要使用（记录保存在 {store}）",
    ),
    "OrganizerKeyChanged.unsigned": Text(
        "{path}: batch {batch_id} of {organizer} was signed by key {known_fingerprint} when first"
        " opened here ({first_seen}); this package is not signed. Ask the organizer; do not use it"
        " unless they confirm a new key (the record is in {store})",
        "{path}：{organizer} 的批次 {batch_id} 首次在本机打开时（{first_seen}）由密钥"
        " {known_fingerprint} 签名；本批次包没有签名。请向组织方核实；除非其确认更换了密钥，"
        "否则不要使用（记录保存在 {store}）",
    ),
    "SignatureError": Text(D, "签名或密钥有误：{detail}"),
    "SignatureError.algorithm": Text(
        "'{algorithm}' is not a signature algorithm: {known}",
        "“{algorithm}”不是签名算法（可用：{known}）",
    ),
    "SignatureError.key_base64": Text(
        "public key is not valid base64", "公钥不是有效的 base64 编码"
    ),
    "SignatureError.sm2_key": Text("{reason}", "SM2 公钥无效（{reason}）"),
    "SignatureError.key_length": Text(
        "public key has {length} bytes, an Ed25519 key has 32",
        "公钥为 {length} 字节，Ed25519 公钥应为 32 字节",
    ),
    "SignatureError.base64": Text("signature is not valid base64", "签名不是有效的 base64 编码"),
    "SignatureError.mismatch": Text(
        "signature does not match the signed bytes", "签名与所签内容不符"
    ),
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
    "SealedError.no_recipients": Text(
        "{source}: no recipients to encrypt to", "{source}：没有可加密给的接收方"
    ),
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
    "StreamUnsupported.order": Text(D, "{source}：清单和评分方案不在批次包的开头"),
    "StreamUnsupported.sizes_after": Text(D, "{source}：条目的大小写在其数据之后"),
    "PackageEncrypted": Text(
        "{file} is encrypted: open it with a key it was encrypted to.",
        "{file} 已加密：请用它所加密给的密钥打开。",
    ),
    # The expert's session
    "SessionFileError": Text(D, "会话文件有误：{detail}"),
    "SessionFileError.no_record": Text(
        "{path}: the session record is missing", "{path}：缺少会话记录"
    ),
    "SessionFileError.no_evidence": Text(
        "{path}: no evidence with SHA-256 {digest}…", "{path}：没有 SHA-256 为 {digest}… 的证明材料"
    ),
    "SessionFileError.unreadable": Text(
        "{path}: cannot be read ({reason})", "{path}：无法读取（{reason}）"
    ),
    "SessionFileError.no_file": Text("{path}: no such session file", "{path}：会话文件不存在"),
    "SessionFileError.not_sqlite": Text(
        "{path}: not a session file (not SQLite)", "{path}：不是会话文件（不是 SQLite 数据库）"
    ),
    "SessionFileError.no_schema": Text(
        "{path}: not a session file (no schema version)",
        "{path}：不是会话文件（没有数据库结构版本）",
    ),
    "SessionFileError.newer": Text(
        "{path}: made by a newer ExpertScore (schema {schema}); update the program",
        "{path}：由更新版本的 ExpertScore 生成（结构版本 {schema}）；请更新本程序",
    ),
    "SessionFileError.exists": Text(
        "{path}: already exists; choose another name or remove it",
        "{path}：已存在；请另选文件名或将其移走",
    ),
    "SessionFileError.appeared": Text(
        "{path}: appeared while importing; not overwritten",
        "{path}：导入期间出现了同名文件；未覆盖",
    ),
    "SessionFileError.passphrase_file": Text(
        "{path}: cannot read the passphrase file ({reason})", "{path}：无法读取口令文件（{reason}）"
    ),
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
    # The window's printing (ui.expert.printing): the PDF unreadable or the printer not started
    "PrintError": Text(D, "无法打印：{detail}"),
    "StorageError": Text(D, "会话文件无法写入：{detail}"),
    "StorageError.full": Text(
        "{path}: the disk is full; the edit was not saved (free some space and try again)",
        "{path}：磁盘已满；本次修改未保存（请腾出空间后重试）",
    ),
    "StorageError.busy": Text(
        "{path}: the session is in use by another program; the edit was not saved",
        "{path}：会话文件正被其他程序使用；本次修改未保存",
    ),
    "StorageError.read_only": Text(
        "{path}: the session file is read-only; the edit was not saved",
        "{path}：会话文件为只读；本次修改未保存",
    ),
    "StorageError.not_written": Text(
        "{path}: could not write the session ({reason}); the edit was not saved",
        "{path}：无法写入会话文件（{reason}）；本次修改未保存",
    ),
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
    "ScoreRejected.deductions": Text(
        INDICATOR + "tick the shortcomings found among {labels}",
        "指标 {code}：请在 {labels} 中勾选存在的不足",
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
    "SubmitRefused.transcribed": Text(
        D, "该会话由 {chair} {name} 录入，须用其密钥签名，而不是 {expert} 的密钥（{key}）"
    ),
    "SubmitRefused.other_expert": Text(D, "这是 {owner} 的会话；该密钥属于 {expert}"),
    "SubmitRefused.session_itself": Text(D, "{path}：这是会话文件本身；未覆盖"),
    "SubmitRefused.not_submitted": Text(D, "该会话尚未提交（或已解锁）；请先提交"),
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
    "TranscriptionRefused.no_sheet": Text(D, "请写明录入的是哪份纸质评分表（日期、页码）"),
    "TranscriptionRefused.own_session": Text(D, "{expert} 是该会话的专家；专家自己签署自己的会话"),
    "TranscriptionRefused.transcribed": Text(D, "该会话已由 {chair} {name} 录入"),
    "TranscriptionRefused.submitted": Text(D, "该会话已由其专家提交"),
    "TranscriptionRefused.edited": Text(D, "该会话已有 {count} 次修改；请录入到新的会话中"),
    "TranscriptionRefused.own_sheet": Text(D, "{expert} 不能录入自己的评分表"),
    "SimulationError": Text(D, "模拟无法按要求运行：{detail}"),
    "SimulationError.too_many": Text(
        D, "要求模拟 {count} 位专家，但本批次只有 {available} 位有评审任务的专家"
    ),
    "SimulationError.exists": Text(D, "{path}：已存在；请使用空文件夹"),
    "SimulationError.pinned": Text(
        D, "专家名单为 {expert} 登记了另一个密钥；请使用生成所登记密钥卡时的种子进行模拟"
    ),
    # Result files and the chair
    "ResultRefused": Text("{reason}", "结果文件被拒收：{reason}"),
    "ResultRefused.too_deep": Text("{reason}", "结果文件被拒收：签名内容嵌套过深"),
    "ResultRefused.not_an_object": Text(
        "{reason}", "结果文件被拒收：签名内容不是 JSON 对象" + NOT_OURS
    ),
    "ResultRefused.payload_field": Text(
        "{reason}", "结果文件被拒收：签名内容的 {field} 有误（{why}）"
    ),
    "ResultRefused.no_key": Text("{reason}", "结果文件被拒收：签名内容未写明签名密钥" + NOT_OURS),
    "ResultRefused.key_not_base64": Text(
        "{reason}",
        "结果文件被拒收：签名内容中的公钥不是 base64 编码" + NOT_OURS,
    ),
    "ResultRefused.other_key": Text(
        "{reason}",
        "结果文件被拒收：签名的密钥编号 {keyid} 不是签名内容中的密钥 {claimed}" + NOT_OURS,
    ),
    "ResultRefused.no_file": Text("{reason}", "结果文件被拒收：文件不存在"),
    "ResultRefused.changed_in_merge": Text("{reason}", "结果文件被拒收：文件在合并过程中被改动"),
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
    "DecisionError.no_submission": Text(D, "申报 {submission} 不在本批次中"),
    "DecisionError.not_a_leaf": Text(D, "{indicator} 不是由专家评分的指标"),
    "DecisionError.not_in_category": Text(
        D, "申报 {submission} 属于类别 {category}，不对指标 {indicator} 评分"
    ),
    "DecisionError.not_a_number": Text(D, "指标 {indicator}：“{points}”不是数字"),
    "DecisionError.decimals": Text(
        D, "指标 {indicator}：{points} 未按汇总规则写成 {decimals} 位小数"
    ),
    "DecisionError.not_assigned": Text(
        D, "专家 {expert} 未被分配申报 {submission} 的指标 {indicator}"
    ),
    "DecisionError.conflict": Text(D, "专家 {expert} 与申报 {submission} 存在利益冲突"),
    "DecisionError.not_on_roster": Text(D, "专家 {expert} 不在本批次的专家名单中"),
    "DecisionError.not_base64": Text(D, "该公钥不是 base64 编码"),
    "DecisionError.pinned": Text(D, "本批次专家名单已为 {expert} 登记密钥 {key}；确认不能替换它"),
    "DecisionError.pinned_other": Text(D, "密钥 {key} 已在本批次专家名单中登记给 {owner}"),
    "DecisionError.nothing_assigned": Text(D, "专家 {expert} 在本批次中没有任何评审任务"),
    "DecisionError.not_objective": Text(D, "{indicator} 不是客观指标：没有核实值"),
    "DecisionError.no_value": Text(D, "评审组核实值须填写数值"),
    "DecisionError.value_line": Text(D, "评审组核实值须为一行，最多 {limit} 个字符"),
    "DecisionError.decided_by": Text(D, "评审组核实值须写明记录评审组一致意见的人"),
    "DecisionError.no_field": Text(D, "该行缺少文本字段“{field}”"),
    "DecisionError.nothing_to_withdraw": Text(
        D, "申报 {submission} 的指标 {indicator} 没有可撤回的议定分数"
    ),
    "DecisionError.experts_order": Text(D, "专家须按顺序列出，每位只列一次"),
    "DecisionError.not_an_object": Text(D, "该行不是 JSON 对象"),
    "DecisionError.not_json": Text(D, "该行不是 JSON"),
    "DecisionError.unknown_action": Text(D, "未知的操作 {name}"),
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
    "AuditRefused.line": Text(D, "{source} 第 {line} 行（{action}）：{why}"),
    "TranscriptionNotAllowed": Text(D, "不能使用该录入稿：{detail}"),
    "TranscriptionNotAllowed.replaced_own": Text(
        D,
        "results/{expert}.esresult：主持人的录入稿不能替换 {expert} 本人签名的"
        "第 {sequence} 次结果，除非先记录允许使用录入稿的理由（{kept}）",
    ),
    "NoteError": Text(D, "说明无法按要求写出：{detail}"),
    "NoteError.no_requester": Text(D, "请填写要求说明的人"),
    "NoteError.not_a_request": Text(D, "{path}：不是说明要求文件（{why}）"),
    "NoteError.other_batch": Text(D, "{path}：该说明要求属于另一个批次（批次哈希值不同）"),
    "NoteError.no_results": Text(D, "{path}：该说明要求未指明评分结果（results_sha256）"),
    "NoteError.items_damaged": Text(D, "{path}：该说明要求的条目已损坏"),
    "NoteError.results_unnamed": Text(D, "说明须写明所涉评分结果（其 SHA-256）"),
    "NoteError.no_explanation": Text(D, "说明须至少写明一项申报及其说明文字"),
    "NoteError.explanation_text": Text(D, "每项说明都须填写文字"),
    "NoteError.unknown_kind": Text(D, "未知的说明类型 {kind}"),
    "NoteError.stance": Text(D, "意见只能是同意或不同意"),
    "NoteError.reasons_text": Text(D, "意见的理由须为文字"),
    "NoteError.dissent_reasons": Text(D, "不同意见须写明理由"),
    "NoteError.not_on_roster": Text(D, "专家 {expert} 不在本批次的专家名单中"),
    "NoteError.no_chair": Text(D, "请填写录入该纸质意见的主持人"),
    "NoteError.none_needed": Text(
        "no explanation is needed from the experts named", "无需所列专家作出书面说明"
    ),
    "NoteError.not_asked": Text(
        "--text {text}: the request asks {expert} about {asked}",
        "--text {text}：该请求只就 {asked} 询问 {expert}",
    ),
    "NoteRefused": Text("refused: {reason}", "说明文件被拒收：{reason}"),
    "NoteRefused.damaged": Text("{reason}", "说明文件被拒收：签名内容已损坏：文件已被改动"),
    "NoteRefused.not_an_object": Text("{reason}", "说明文件被拒收：签名内容不是 JSON 对象"),
    "NoteRefused.no_results": Text(
        "{reason}", "说明文件被拒收：该说明未指明评分结果（results.sha256）"
    ),
    "NoteRefused.no_expert": Text("{reason}", "说明文件被拒收：签名内容未写明专家或批次"),
    "NoteRefused.bad_signature": Text("{reason}", "说明文件被拒收：签名验证不通过（{why}）"),
    "NoteRefused.other_batch": Text(
        "{reason}", "说明文件被拒收：该说明属于另一个批次（批次哈希值不同）"
    ),
    "NoteRefused.body": Text("{reason}", "说明文件被拒收：{why}"),
    "NoteRefused.damaged_statement": Text("{reason}", "说明文件被拒收：纸质意见文件已损坏"),
    "NoteRefused.not_a_statement": Text("{reason}", "说明文件被拒收：不是纸质意见文件"),
    "PanelFileError": Text(D, "评审组文件无法写出：{detail}"),
    "PanelFileError.overrides_differ": Text(
        D, "评审组文件无法写出：汇总所用的评审组议定分数与主持人记录的决定不一致"
    ),
    "PanelFileError.values_differ": Text(
        D, "评审组文件无法写出：汇总所用的核实值与主持人记录的决定不一致"
    ),
    "PanelFileError.scores_differ": Text(
        D, "评审组文件无法写出：汇总所用的评分与合并文件夹中已接收的结果文件不一致"
    ),
    "PanelFileError.results_differ": Text(
        D, "评审组文件无法写出：{submissions} 的结果与按合并文件夹重新汇总的结果不一致"
    ),
    "PanelFileError.decisions_differ": Text(
        D, "评审组文件无法写出：给出的决定与合并文件夹中记录的不一致"
    ),
    "PanelFileError.not_written": Text(D, "评审组文件无法写出：{why}"),
    "PanelRefused": Text("refused: {reason}", "评审组文件被拒收：{reason}"),
    "PanelRefused.not_the_chair": Text(
        "{reason}",
        "评审组文件被拒收：由密钥 {signer}（{chair} {name}）签名，不是主持人的密钥 {expected}",
    ),
    "PanelRefused.damaged": Text("{reason}", "评审组文件被拒收：签名内容已损坏：文件已被改动"),
    "PanelRefused.not_an_object": Text("{reason}", "评审组文件被拒收：签名内容不是 JSON 对象"),
    "PanelRefused.no_key": Text("{reason}", "评审组文件被拒收：签名内容未写明签名密钥"),
    "PanelRefused.bad_signature": Text(
        "{reason}", "评审组文件被拒收：签名验证不通过（{why}）：文件在签名后被改动"
    ),
    "PanelRefused.other_key": Text(
        "{reason}", "评审组文件被拒收：签名的密钥编号 {keyid} 不是主持人的密钥 {claimed}"
    ),
    "PanelRefused.truncated": Text(
        "{reason}", "评审组文件被拒收：文件不完整（在 {size} 字节后结束）"
    ),
    "PanelRefused.layout": Text(
        "{reason}",
        "评审组文件被拒收：文件的字节与签名时的排版不同（在本程序之外被改动，如换行符或空格）",
    ),
    "PanelRefused.no_file": Text("{reason}", "评审组文件被拒收：文件不存在"),
    "RoundRequestError": Text(D, "第二轮评分请求文件有误：{detail}"),
    "RoundRequestError.nothing_sent": Text(D, "还没有指标被送回第二轮评分"),
    "RoundRequestError.no_file": Text(D, "{path}：文件不存在"),
    "RoundRequestError.not_a_request": Text(D, "{path}：不是第二轮评分请求文件（{why}）"),
    "RoundRequestError.other_batch": Text(D, "{path}：该请求属于批次 {batch}，不是本批次"),
    "RoundRequestError.not_assigned": Text(
        D, "{path}：申报 {submission} 的指标 {indicator} 未分配给 {expert}"
    ),
    "WorkbookError": Text(D, "结果工作簿无法写出：{detail}"),
    "WorkbookError.not_written": Text(D, "结果工作簿无法写出：{why}"),
    "ReportError": Text(D, "文档无法生成或写出：{detail}"),
    "ReportError.no_folder": Text(D, "{path}：文件夹 {folder} 不存在"),
    "ReportError.not_written": Text(D, "{path}：无法写入（{why}）"),
    "ReportError.nothing_to_print": Text(D, "{path}：没有可打印的申报"),
    "ReportError.unreadable": Text(D, "{path}：无法读取（{why}）"),
    "ReportError.not_a_digest": Text(D, "“{digest}”不是 SHA-256 摘要（64 位十六进制数字）"),
    "ReportError.not_available": Text(D, "申报 {submission} 不是{scope}申报"),
    "ReportError.none_available": Text(D, "没有{scope}申报"),
    # The organizer and the registry
    "RosterError": Text(D, "专家名单有误：{detail}"),
    "RosterError.on_roster": Text(
        "expert {expert} is already on the roster ({name})", "专家 {expert} 已在名单中（{name}）"
    ),
    "RosterError.empty": Text("add the panel's experts to the roster", "请把评审组的专家加入名单"),
    "RosterError.twice": Text(
        "{source}: expert id {expert} appears twice", "{source}：专家编号 {expert} 出现了两次"
    ),
    "RosterError.same_key": Text(
        "{source}: {owners} have the same public key", "{source}：{owners} 的公钥相同"
    ),
    "RosterError.no_file": Text("{source}: no such roster file", "{source}：专家名单文件不存在"),
    "RosterError.json": Text(
        "{source}: not a roster (invalid JSON: {reason})",
        "{source}：不是专家名单（JSON 无效：{reason}）",
    ),
    "RosterError.format": Text(
        "{source}: format {declared} is not {supported}",
        "{source}：格式 {declared} 不是 {supported}",
    ),
    "RosterError.field": Text("{source}: {where}: {reason}", "{source}：字段 {where}：{reason}"),
    "RosterError.key_on_roster": Text(
        "the key of {card} is already on the roster, for {expert}",
        "{card} 的密钥已在名单中，属于 {expert}",
    ),
    "OrganizerCardOnRoster": Text(D, "组织方的密钥卡不能作为评审专家加入名单：{detail}"),
    "OrganizerCardOnRoster.organizer_card": Text(
        "{where}: the key card of {expert} is an organizer's; the panel's experts sign with their"
        " own keys",
        "{where}：{expert} 的密钥卡是组织方的；评审组专家须用自己的密钥签名",
    ),
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
    "AssignmentError.form_scheme": Text(
        "{source}: an Excel form needs --scheme",
        "{source}：导入 Excel 表单须指定 --scheme（评分方案）",
    ),
    "AssignmentError.not_assigned": Text(
        "{expert} is not assigned {sid}; nothing to remove", "{expert} 未被分配 {sid}；无可移除"
    ),
    "AssignmentError.not_on_roster": Text(
        "{expert} is not on the roster", "{expert} 不在专家名单中"
    ),
    "AssignmentError.already": Text(
        "{expert} is already assigned {sid}", "{expert} 已被分配 {sid}"
    ),
    "AssignmentError.no_submission": Text(
        "submission {sid} is not in the batch", "申报 {sid} 不在本批次中"
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
    "UnassignedSubmissions.only_free_more": Text(
        "submission {sid}: only {count} experts of the panel are free of conflicts,"
        " {needed} needed (and {more} more)",
        "申报 {sid}：评审组中只有 {count} 位专家没有利益冲突，需要 {needed} 位（另有 {more}"
        " 个申报同样不足）",
    ),
    "UnassignedSubmissions.only_free_role_more": Text(
        "submission {sid}: only {count} experts of role {role} are free of conflicts,"
        " {needed} needed (and {more} more)",
        "申报 {sid}：角色 {role} 中只有 {count} 位专家没有利益冲突，需要 {needed} 位（另有 {more}"
        " 个申报同样不足）",
    ),
    "SignerOnRoster": Text(
        "the key {fingerprint} belongs to {expert}, who is on the roster; a panel member"
        " cannot sign the batch",
        "密钥 {fingerprint} 属于名单中的专家 {expert}；评审组成员不能为批次签名",
    ),
    "RegistryDatabaseError": Text(D, "登记库的数据库无法打开：{detail}"),
    "RegistryDatabaseError.not_a_url": Text(D, "登记库 {url}：不是数据库地址"),
    "RegistryDatabaseError.unknown_kind": Text(D, "登记库 {url}：没有这种数据库"),
    "RegistryDatabaseError.no_driver": Text(
        D, "登记库 {url}：未安装其驱动（{module}）；请安装含 registry 扩展的程序"
    ),
    "RegistryDatabaseError.newer": Text(
        D, "登记库 {url}：由更新版本的本程序创建（数据库结构 {schema}）；请更新程序"
    ),
    "RegistryDatabaseError.database": Text(D, "登记库 {url}：数据库无法打开（{reason}）"),
    "IngestRefused": Text(D, "登记库不接收该评审组文件：{detail}"),
    "IngestRefused.unreadable": Text(D, "{path}：不接收：无法读取（{reason}）"),
    "IngestRefused.too_large": Text(D, "{path}：不接收：文件大于 {limit} MiB"),
    "IngestRefused.cause": Text(D, "{path}：不接收：{why}"),
    "IngestRefused.differences": Text(
        D, "{path}：不接收：与其批次允许的内容有 {count} 处不同：{first}"
    ),
    "IngestRefused.at_once": Text(D, "{path}：不接收：批次 {batch} 同时收到了另一个评审组文件"),
    "IngestRefused.has_current": Text(
        D,
        "{path}：不接收：批次 {batch} 已有评审组文件 {current}（{created}）；"
        "改动后的文件只能作为更正提交，并写明原因",
    ),
    # The Excel form
    "XlsxFormError": Text(D, "Excel 表单有误：{detail}"),
    "XlsxFormError.formula": Text(
        D, "{where}：“{formula}”是公式；请直接填写数值（在 Excel 中复制后“选择性粘贴”为数值）"
    ),
    "XlsxFormError.too_many_merges": Text(D, "{where}：第 {row} 行的合并区域超过 {limit} 个"),
    "XlsxFormError.headerless": Text(D, "{where}：该列第 1 行没有列标题，但单元格中有值"),
    "XlsxFormError.empty": Text(D, "{where}：“{column}”为空"),
    "XlsxFormError.no_headers": Text(D, "{where}：第 1 行须是列标题，但它是空的"),
    "XlsxFormError.no_submissions": Text(D, "{where}：没有申报：表头以下各行都是空的"),
    "XlsxFormError.submission_repeats": Text(D, "{where}：申报编号“{id}”与第 {row} 行重复"),
    "XlsxFormError.submission_id": Text(
        D,
        "{where}：申报编号“{id}”无效：" + ID_RULE,
    ),
    "XlsxFormError.row_field": Text(D, "{where}：第 {row} 行：{field}：{why}"),
    "XlsxFormError.reported_value": Text(D, "{where}：报送值不符合评分方案：{why}"),
    "XlsxFormError.no_choices": Text(D, "{where}：评分方案“{scheme}”没有{kind}"),
    "XlsxFormError.not_a_choice": Text(D, "{where}：“{text}”不是评分方案“{scheme}”中的{kind}"),
    "XlsxFormError.not_a_choice_near": Text(
        D, "{where}：“{text}”不是评分方案“{scheme}”中的{kind}（最接近的是“{nearest}”）"
    ),
    "XlsxFormError.expert_repeats": Text(D, "{where}：专家编号“{id}”与第 {row} 行重复"),
    "XlsxFormError.unknown_column": Text(D, "{where}：未知的列“{text}”"),
    "XlsxFormError.unknown_column_near": Text(
        D, "{where}：未知的列“{text}”（最接近的是“{nearest}”）"
    ),
    "XlsxFormError.missing_column": Text(D, "{where}：缺少“{column}”列"),
    "XlsxFormError.missing_leaf_column": Text(
        D, "{where}：缺少评分方案“{scheme}”中指标“{column}”的列"
    ),
    "XlsxFormError.repeated_column": Text(D, "{where}：列“{text}”与 {first} 列重复，都是{label}"),
    "XlsxFormError.ambiguous_column": Text(
        D,
        "{where}：列“{text}”可能是指标 {codes} 中的任一个；请在列标题中写上指标编号，如“{example}”",
    ),
    "XlsxFormError.column_unit": Text(
        D, "{where}：列“{text}”的单位“{unit}”与评分方案中指标“{column}”的单位“{expected}”不符"
    ),
    "XlsxFormError.absolute_path": Text(
        D, "{where}：“{text}”是绝对路径；请写相对于证明材料文件夹的路径"
    ),
    "XlsxFormError.outside_folder": Text(D, "{where}：“{text}”指向证明材料文件夹之外（“..”）"),
    "XlsxFormError.not_in_folder": Text(D, "{where}：文件“{text}”不在证明材料文件夹中"),
    "XlsxFormError.outside_by_link": Text(D, "{where}：“{text}”经由链接指向证明材料文件夹之外"),
    "XlsxFormError.not_a_file": Text(D, "{where}：“{text}”不是文件"),
    "XlsxFormError.unknown_indicator": Text(D, "{where}：指标“{text}”不在评分方案“{scheme}”中"),
    "XlsxFormError.unknown_submission": Text(D, "{where}：申报“{text}”不在“申报信息”工作表中"),
    "XlsxFormError.no_folder_given": Text(
        D, "{where}：列出了“{text}”，但未指定证明材料文件夹（--evidence 文件夹）"
    ),
    "XlsxFormError.listed_twice": Text(
        D, "{where}：“{text}”已为申报“{submission}”列出过（首次在第 {row} 行）"
    ),
    "XlsxFormError.not_a_time": Text(
        D, "{where}：“{text}”不是日期时间，应形如 2025-06-01T09:00:00+08:00"
    ),
    "XlsxFormError.no_offset": Text(
        D, "{where}：“{text}”须带时区（与协调世界时的差），如 2025-06-01T09:00:00+08:00"
    ),
    "XlsxFormError.no_offset_given": Text(D, "{where}：须带时区（与协调世界时的差），如 +08:00"),
    "XlsxFormError.no_evidence_folder": Text(D, "{where}：证明材料文件夹不存在"),
    "XlsxFormError.evidence_folder_file": Text(D, "{where}：证明材料文件夹是一个文件，不是文件夹"),
    "XlsxFormError.package_folder": Text(D, "{where}：这是文件夹；请给出批次包的文件名"),
    "XlsxFormError.package_is_workbook": Text(D, "{where}：这是工作簿本身；请另选输出文件"),
    "XlsxFormError.batch_value": Text(D, "{where}：取值无效（{why}）"),
    "XlsxFormError.evidence_unreadable": Text(D, "{where}：无法读取“{file}”（{why}）"),
    "XlsxFormError.evidence_id": Text(
        D, "{where}：证明材料编号“{value}”无效（{why}）；请使用更短的申报编号"
    ),
    "XlsxFormError.evidence_field": Text(D, "{where}：该文件的 {field}“{value}”无法记录（{why}）"),
    "XlsxFormError.no_experts": Text(
        D,
        "{where}：没有专家：请填写“{name}”工作表（编号、姓名、单位、角色），"
        "或用 --expert 编号:姓名 指定",
    ),
    "XlsxFormError.package_invalid": Text(D, "{where}：生成的批次包将不符合规则：{why}"),
    "XlsxFormError.package_not_written": Text(D, "{where}：无法写出批次包（{why}）"),
    "XlsxFormError.expert_option": Text(D, "{where}：“{text}”须写成 编号:姓名，如 E01:张三"),
    "XlsxFormError.expert_id": Text(
        D,
        "{where}：专家编号“{id}”无效：" + ID_RULE,
    ),
    "XlsxFormError.expert_twice": Text(D, "{where}：专家编号“{id}”已在名单中"),
    "XlsxFormError.form_folder": Text(D, "{where}：这是文件夹；请给出工作簿的文件名"),
    "XlsxFormError.form_not_written": Text(D, "{where}：无法写出表单（{why}）"),
    "XlsxFormError.no_main_sheet": Text(D, "{where}：没有存放申报的“{name}”工作表"),
    "XlsxFormError.no_file": Text(D, "{where}：文件不存在"),
    "XlsxFormError.is_folder": Text(D, "{where}：这是文件夹，不是工作簿"),
    "XlsxFormError.unreadable": Text(D, "{where}：无法读取（{why}）"),
    "XlsxFormError.not_zip": Text(D, "{where}：不是 Excel .xlsx 工作簿（不是 zip 文件）"),
    "XlsxFormError.zip_bomb": Text(
        D, "{where}：部件“{part}”解压后有 {size} 字节（疑似压缩炸弹），已拒收"
    ),
    "XlsxFormError.not_xlsx": Text(D, "{where}：不是可读取的 .xlsx 工作簿（{why}）"),
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
        "{where}：表单中没有“证明材料”工作表，却指定了证明材料文件夹（{folder}）：请补上该工作表，"
        "或不指定文件夹。",
    ),
    "XlsxFormError.not_a_number": Text(
        "{where}: “{text}” given for {indicator} is not a number: type the number itself,"
        " without arithmetic.",
        "{where}：指标 {indicator} 填写的“{text}”不是数字：请直接填写数值，不要写算式。",
    ),
}


def facts_of(error: ExpertScoreError) -> dict[str, object]:
    """What a template may name: the English line, the error's fields, its facts.

    A fact that is itself an error (the scheme a package embeds, the signature that does
    not verify) is worded in the template's language too, not shown as its English line.
    """
    fields = {name: value for name, value in vars(error).items() if not name.startswith("_")}
    facts = {"detail": str(error), **fields, **error.facts}
    return {name: _worded(value) for name, value in facts.items()}


def _worded(fact: object) -> object:
    if isinstance(fact, ExpertScoreError):
        return Text(error_text(fact, EN), error_text(fact, ZH))
    return fact


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


def worded(error: BaseException) -> Text:
    """``error`` worded in both languages, as a fact of another error that wraps it (the
    audit line it was found on, the file it refused), so the wrapper's Chinese line says
    the cause in Chinese too."""
    return Text(error_text(error, EN, placed=False), error_text(error, ZH, placed=False))
