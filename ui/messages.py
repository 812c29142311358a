"""Turning the core's typed errors into one line in the window's language.

The wording lives in the core (``expertscore.wording.errors``: one Chinese and one English
template per error class and per specific refusal), so the window and the command line
say the same; the window shows the facts from files as plain text (``ui.plaintext.shown``).
The language is the one ``ui.app.install_translators`` installed. A key of the wrong role
is worded from its facts by ``ui.key_roles`` (the role names are the window's words).
"""

from __future__ import annotations

from expertscore.wording.errors import error_text as worded
from ui.plaintext import shown


def error_text(error: BaseException, placed: bool = True) -> str:
    """One translated line for an error raised by the core.

    ``placed=False`` leaves out the refused file's name, for a list that shows it beside.
    """
    return worded(error, show=shown, placed=placed)
