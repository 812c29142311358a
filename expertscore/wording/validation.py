"""Why a file's field was refused by its model (pydantic), in Chinese or English.

Pydantic words its errors in English only. The common kinds (a field missing, of the
wrong type, not allowed) are worded here by their type; any other keeps pydantic's
English message in both languages (a fact as it came, like an operating-system error).
"""

from __future__ import annotations

from collections.abc import Mapping

from expertscore.wording import Text

WHY: dict[str, str] = {
    "missing": "缺少该字段",
    "extra_forbidden": "不允许有该字段",
    "string_type": "须为文本",
    "string_too_short": "文本过短",
    "string_too_long": "文本过长",
    "string_pattern_mismatch": "格式不符合要求",
    "int_type": "须为整数",
    "int_parsing": "须为整数",
    "int_from_float": "须为整数",
    "float_type": "须为数字",
    "float_parsing": "须为数字",
    "decimal_type": "须为数字",
    "decimal_parsing": "须为数字",
    "bool_type": "须为 true 或 false",
    "bool_parsing": "须为 true 或 false",
    "dict_type": "须为对象（键值映射）",
    "model_type": "须为对象（键值映射）",
    "list_type": "须为列表",
    "literal_error": "取值不在允许的范围内",
    "enum": "取值不在允许的范围内",
    "greater_than": "数值过小",
    "greater_than_equal": "数值过小",
    "less_than": "数值过大",
    "less_than_equal": "数值过大",
    "too_short": "项目过少",
    "too_long": "项目过多",
    "datetime_parsing": "须为日期时间",
    "datetime_type": "须为日期时间",
    "date_parsing": "须为日期",
    "date_type": "须为日期",
}


def validation_reason(error: Mapping[str, object]) -> Text:
    """Pydantic's message for one error, and the Chinese for its type where known."""
    english = str(error["msg"])
    return Text(english, WHY.get(str(error["type"]), english))
