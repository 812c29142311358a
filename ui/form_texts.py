"""The Excel form's refusals in the user's language, worded from the error's facts.

``XlsxFormError`` carries the rule it broke and the values it names (``facts``, listed on
``FormRule``); each rule a user can put right has a template here that says what to
change. A refusal of another kind (``FormRule.OTHER``) has only the core's English line.
Workbook text in the facts is shown as plain text (``ui.plaintext.shown``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from expertscore.xlsxform.errors import FormRule, XlsxFormError
from ui.plaintext import shown

TEMPLATES: dict[FormRule, str] = {
    FormRule.ENCRYPTED: QT_TRANSLATE_NOOP(
        "FormTexts",
        "{where}: the workbook is protected by a password: save a copy without a password"
        " and import that.",
    ),
    FormRule.OLD_XLS: QT_TRANSLATE_NOOP(
        "FormTexts", "{where}: an old .xls workbook: save it as .xlsx and import that."
    ),
    FormRule.TITLE_ROW: QT_TRANSLATE_NOOP(
        "FormTexts",
        "{where}: row 1 holds “{title}”, a title: the column headers must be the first row;"
        " delete the rows above them.",
    ),
    FormRule.MERGE_HEADER: QT_TRANSLATE_NOOP(
        "FormTexts",
        "{where}: the merged cells {range} join the header with data rows: unmerge them.",
    ),
    FormRule.MERGE_COLUMNS: QT_TRANSLATE_NOOP(
        "FormTexts",
        "{where}: the merged cells {range} span the columns “{first}” and “{second}”: merge"
        " cells only down one column.",
    ),
    FormRule.TOTAL_ROW: QT_TRANSLATE_NOOP(
        "FormTexts", "{where}: row {row} is a total row (“{text}”): delete it."
    ),
    FormRule.NO_EVIDENCE_SHEET: QT_TRANSLATE_NOOP(
        "FormTexts",
        "{where}: the form has no evidence sheet, but an evidence folder was given"
        " ({folder}): add the 证明材料 sheet, or leave the folder out.",
    ),
    FormRule.NOT_A_NUMBER: QT_TRANSLATE_NOOP(
        "FormTexts",
        "{where}: “{text}” given for {indicator} is not a number: type the number itself,"
        " without arithmetic.",
    ),
}


def where(error: XlsxFormError) -> str:
    """The file, and the sheet and cell when known: ``表单.xlsx 申报信息!F7``."""
    place = error.source
    if error.sheet:
        place += f" {error.sheet}!{error.cell}" if error.cell else f" {error.sheet}"
    return shown(place)


def form_error_text(error: XlsxFormError) -> str | None:
    """The refusal in the user's language, or ``None`` for a rule without a template."""
    template = TEMPLATES.get(error.rule)
    if template is None:
        return None
    facts = {name: shown(value) for name, value in error.facts.items()}
    text = QCoreApplication.translate("FormTexts", template)
    try:
        return text.format(where=where(error), **facts)
    except (KeyError, IndexError):  # facts the template names are missing: the core's line
        return None
