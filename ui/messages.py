"""Turning the core's typed errors into translated, one-line messages.

The core writes its messages in English and keeps the facts in the error (the indicator
code of a ``ScoreRejected``, the sequence of a ``SessionLocked``). Known shapes are matched
here and rebuilt from translatable templates; anything else is shown as the core wrote it,
which is still a complete sentence.
"""

from __future__ import annotations

import re
import sys

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from expertscore.errors import ExpertScoreError
from expertscore.scoring.modes import ScoreRejected
from expertscore.scoring.service import SessionLocked
from expertscore.storage.cipher import PassphraseNeeded, WrongPassphrase


def _t(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


# (pattern of the core's English text, translatable template with {named} fields)
_REASONS: list[tuple[str, str]] = [
    (r"'(?P<text>.*)' is not a number", QT_TRANSLATE_NOOP("Messages", "“{text}” is not a number")),
    (
        r"(?P<value>\S+) is outside 0–(?P<top>\S+)",
        QT_TRANSLATE_NOOP("Messages", "{value} is outside the range 0–{top}"),
    ),
    (
        r"(?P<value>\S+) is not a multiple of the step (?P<step>\S+)",
        QT_TRANSLATE_NOOP("Messages", "{value} is not a multiple of the step {step}"),
    ),
    (
        r"choose one of (?P<labels>.*), not '(?P<choice>.*)'",
        QT_TRANSLATE_NOOP("Messages", "choose one of {labels}"),
    ),
    (r"choose yes or no, not '(?P<choice>.*)'", QT_TRANSLATE_NOOP("Messages", "choose yes or no")),
    (
        r"no suggestion: the reported value is not a number",
        QT_TRANSLATE_NOOP("Messages", "no suggestion: the reported value is not a number"),
    ),
    (r"enter points", QT_TRANSLATE_NOOP("Messages", "enter points")),
    (
        r"submission (?P<sid>\S+) is recused and cannot be scored",
        QT_TRANSLATE_NOOP("Messages", "submission {sid} is recused and cannot be scored"),
    ),
    (
        r"submission (?P<sid>\S+) is recused",
        QT_TRANSLATE_NOOP("Messages", "submission {sid} is recused"),
    ),
    (
        r"submission (?P<sid>\S+) is already recused",
        QT_TRANSLATE_NOOP("Messages", "submission {sid} is already recused"),
    ),
    (
        r"submission (?P<sid>\S+) is not assigned to you",
        QT_TRANSLATE_NOOP("Messages", "submission {sid} is not assigned to you"),
    ),
    (
        r"indicator (?P<code>\S+) of submission (?P<sid>\S+) is not assigned to you",
        QT_TRANSLATE_NOOP(
            "Messages", "indicator {code} of submission {sid} is not assigned to you"
        ),
    ),
    (r"a recusal needs a reason", QT_TRANSLATE_NOOP("Messages", "a recusal needs a reason")),
    (
        r"evidence (?P<eid>\S+) does not belong to (?P<sid>\S+)",
        QT_TRANSLATE_NOOP("Messages", "evidence {eid} does not belong to submission {sid}"),
    ),
    (
        r"already submitted as result (?P<sequence>\d+) \((?P<at>[^)]*)\); unlock the session"
        r" with a reason to submit again",
        QT_TRANSLATE_NOOP(
            "Messages",
            "already submitted as result {sequence} ({at}); unlock the scores with a reason to"
            " submit again",
        ),
    ),
    (
        r"the batch roster pins another key for (?P<expert>\S+); this key is (?P<key>\S+):"
        r" sign with the key you gave the organizer",
        QT_TRANSLATE_NOOP(
            "Messages",
            "the batch roster names another key for {expert}; this key is {key}: sign with the"
            " key you gave the organizer",
        ),
    ),
    (
        r"(?P<path>.+): exists and is not a result file; not overwritten",
        QT_TRANSLATE_NOOP("Messages", "{path} exists and is not a result file; not overwritten"),
    ),
    (
        r"(?P<path>.+): is a folder; give a file name for the result",
        QT_TRANSLATE_NOOP("Messages", "{path} is a folder; give a file name for the result"),
    ),
    (
        r"unlocking a submitted session needs a reason",
        QT_TRANSLATE_NOOP("Messages", "unlocking the submitted scores needs a reason"),
    ),
]


def reason_text(reason: str) -> str:
    for pattern, template in _REASONS:
        found = re.fullmatch(pattern, reason)
        if found:
            return _t(template).format(**found.groupdict())
    return reason


def error_text(error: BaseException) -> str:
    """One translated line for an error raised by the core."""
    if isinstance(error, ScoreRejected):
        return QCoreApplication.translate("Messages", "Indicator {code}: {reason}").format(
            code=error.code, reason=reason_text(error.reason)
        )
    if isinstance(error, WrongPassphrase):
        return QCoreApplication.translate(
            "Messages", "{path}: wrong passphrase, or not a session file; nothing was changed"
        ).format(path=error.path)
    if isinstance(error, PassphraseNeeded):
        return QCoreApplication.translate(
            "Messages", "{path}: the session is encrypted; give its passphrase"
        ).format(path=error.path)
    if isinstance(error, SessionLocked):
        return QCoreApplication.translate(
            "Messages",
            "The session was submitted (result {sequence}, {at}) and is locked;"
            " unlock it with a reason to change anything.",
        ).format(sequence=error.sequence, at=error.submitted_at)
    forms = sys.modules.get("expertscore.xlsxform.errors")  # never loaded before a form is
    if forms is not None and isinstance(error, forms.XlsxFormError):
        from ui.form_texts import form_error_text

        worded = form_error_text(error)
        if worded is not None:
            return worded
    if isinstance(error, ExpertScoreError):
        return reason_text(str(error))
    return str(error)
