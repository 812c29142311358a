"""Showing operator and expert text as text: never markup, never a layout trick.

Platform operators write the names, reported values and evidence titles that reach every
expert's screen; a ``QLabel`` (and a tooltip) guesses "rich text" from a ``<`` and would
then draw their ``<img>`` or a fake red banner. Everything from a file goes through here:

- ``shown(text)``: what to put in a plain-text widget. Control characters become visible
  Control Pictures (U+2400…); bidirectional controls (overrides, embeddings, isolates,
  marks) are written as ``[U+202E]``, so a right-to-left override can neither reverse the
  operator's words into "rank 1 — 99.50" nor reorder what follows; a text longer than
  ``LIMIT`` is cut with an ellipsis (a 20,000-character word would make the window
  20,000 characters wide). Ordinary text, Chinese and right-to-left scripts included,
  comes back unchanged.
- ``plain(label, text)``: a label set to ``Qt.PlainText`` showing ``shown(text)``.
- ``markup(text)``: ``shown(text)`` escaped, for our own rich text (a bold heading).
- ``tip(text)``: a tooltip that Qt shows literally.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

LIMIT = 2000  # characters shown in a label or tooltip; the rest is cut
TITLE_LIMIT = 120  # characters of file text in a window title
ELLIPSIS = "…"
# C0 controls except tab and newline, DEL, and C1 controls
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
# embeddings, overrides, isolates and marks that change the order of what follows
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ␁ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 controls have no picture


def shown(text: object, limit: int = LIMIT) -> str:
    """``text`` as a plain-text widget should show it (see the module's docstring)."""
    if text is None:
        return ""
    value = str(text)
    if len(value) > limit:
        value = value[:limit] + ELLIPSIS
    value = CONTROL.sub(_picture, value)
    return BIDI.sub(lambda match: f"[U+{ord(match.group()):04X}]", value)


def markup(text: object, limit: int = LIMIT) -> str:
    """``text`` for a place in our own rich text: shown, then HTML-escaped."""
    return escape(shown(text, limit), quote=True)


def tip(text: object) -> str:
    """A tooltip showing ``text`` literally, line breaks kept.

    Qt guesses rich text from a tag, so a text with ``<`` or ``&`` is escaped and wrapped in
    our own paragraph; any other text is plain already and comes back as ``shown`` gives it.
    """
    value = shown(text)
    if "<" not in value and "&" not in value:
        return value
    return "<p style='white-space:pre-wrap'>" + escape(value, quote=False) + "</p>"


def plain(label: QLabel, text: object = None) -> QLabel:
    """Make ``label`` a plain-text label and, when ``text`` is given, show it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    if text is not None:
        label.setText(shown(text))
    return label


def plain_label(text: object, parent: QWidget | None = None) -> QLabel:
    """A new plain-text label showing ``text``."""
    return plain(QLabel(parent), text)


DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
Data = Callable[..., Any]


def plain_roles(data: Data) -> Data:
    """Decorate a model's ``data`` or ``headerData``: its texts are shown literally.

    A view draws the display role as plain text already but a tooltip guesses rich text,
    so the display role goes through ``shown`` and the tooltip role through ``tip``.
    """

    @wraps(data)
    def wrapper(self: Any, *args: Any) -> Any:
        value = data(self, *args)
        if isinstance(value, str):
            # data(index[, role]) or headerData(section, orientation[, role])
            roles = [arg for arg in args[1:] if not isinstance(arg, Qt.Orientation)]
            role = int(roles[-1]) if roles else DISPLAY
            if role == DISPLAY:
                return shown(value)
            if role == TOOLTIP:
                return tip(value)
        return value

    return wrapper


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A warning box whose text (an error naming files and platforms) is shown literally."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(shown(text))
    box.exec()
