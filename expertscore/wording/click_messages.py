"""Click's own messages in Chinese: usage errors, help headings, prompts.

Click words these with the ``gettext`` module's global functions (its documented way to
translate them), by their English text as message id. This is the catalog of those ids;
``expertscore.wording.click_language`` writes it as a gettext catalog (``.mo``) under
``resources/translations/click`` and binds the command line's text domain to it.

A key is a message id, or for a message with a plural (``ngettext``) the pair (singular,
plural); Chinese has one form. ``{fields}`` and ``%(fields)s`` stay as Click fills them.
``tests/cli/test_click_language.py`` fails when Click says something this catalog lacks.
"""

from __future__ import annotations

MessageId = str | tuple[str, str]

CLICK_MESSAGES: dict[MessageId, str] = {
    # Help headings and the options every command has.
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本号并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Confirm the action without prompting.": "不经询问直接确认该操作。",
    "Do you want to continue?": "是否继续？",
    "env var: {var}": "环境变量：{var}",
    "default: {default}": "默认：{default}",
    "(dynamic)": "（动态）",
    "deprecated": "已弃用",
    # Usage errors.
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "输入“{command} {option}”查看帮助。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "是否想输入 {possibilities}？"
    ),
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "Invalid value: {message}": "无效的值：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "多出了参数（{args}）"
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "需要 {nargs} 个值，但给出了 {len} 个。"
    ),
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "选项 {name!r} 需要 {nargs} 个值。"
    ),
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Invalid start character for option ({option})": "选项的起始字符无效（{option}）",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "unknown error": "未知错误",
    "Aborted!": "已中止！",
    "Value must be an iterable.": "值必须是可迭代的。",
    # Bad values.
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} 不是可选值 {choices} 之一。"
    ),
    "Choose from:\n\t{choices}": "可选值：\n\t{choices}",
    "Choice({choices})": "可选（{choices}）",
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): "{value!r} 不符合格式 {formats}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} 不是有效的布尔值。可用的值：{states}"
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): "需要 {len_type} 个值，但给出了 {len_value} 个。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的 {number_type}。",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "file": "文件",
    "directory": "目录",
    "path": "路径",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是目录。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    # Prompts and the terminal.
    "Repeat for confirmation": "请再输入一次以确认",
    "Error: The two entered values do not match.": "错误：两次输入的值不一致。",
    "Error: invalid input": "错误：输入无效",
    "Press any key to continue...": "按任意键继续……",
    "{editor}: Editing failed": "{editor}：编辑失败",
    "{editor}: Editing failed: {e}": "{editor}：编辑失败：{e}",
    "d": "天",
    "Windows error: {error}": "Windows 错误：{error}",
    "Unknown color {colour!r}": "未知颜色 {colour!r}",
    "Unknown standard stream '{name}'": "未知的标准流“{name}”",
    "Couldn't detect Bash version, shell completion is not supported.": (
        "无法识别 Bash 版本，不支持命令补全。"
    ),
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "Bash 4.4 以前的版本不支持命令补全。"
    ),
    # Errors in a program's own declarations of its commands (never shown to a user of a
    # correct program, translated for completeness).
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "弃用警告：命令 {name!r} 已弃用。{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "弃用警告：{param_type} {name!r} 已弃用。{extra_message}"
    ),
    "Could not determine name for option with declarations {decls!r}": (
        "无法从声明 {decls!r} 确定选项名"
    ),
    "No options defined but a name was passed ({name}). Did you mean to declare an argument"
    " instead? Did you mean to pass '--{name}'?": (
        "未定义选项却给出了名称（{name}）。是否应声明为参数？是否应写作“--{name}”？"
    ),
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "参数只能有一个声明，实际有 {length} 个：{decls}。"
    ),
    "Name '{name}' defined twice": "名称“{name}”定义了两次",
    "Boolean option {decl!r} cannot use the same flag for true/false.": (
        "布尔选项 {decl!r} 的真、假不能用同一个标志。"
    ),
}
