"""The user's language for what the core says: Chinese or English, with no Qt.

The core's messages are worded from a ``Text`` (one English and one Chinese template with
``{named}`` facts). The command line chooses the language from ``--lang`` or the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: ``zh*`` is Chinese); the window sets the language it
installs its translators for. Errors are worded by ``expertscore.wording.errors``, where
every error class's templates live (``docs/wording.md`` says how to add one).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import NamedTuple

ZH, EN = "zh", "en"
LANGUAGES = (ZH, EN)

_current = [EN]


class Text(NamedTuple):
    """One message in both languages; ``{name}`` fields are filled from facts."""

    en: str
    zh: str

    def in_language(self, language: str | None = None) -> str:
        return self.zh if (language or current()) == ZH else self.en


def current() -> str:
    return _current[0]


def set_language(language: str) -> None:
    """Word what follows in ``language`` ("zh" or "en")."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: use zh or en")
    _current[0] = language


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """Chinese when the locale says so (``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return ZH if value.lower().startswith("zh") else EN
    return EN


def word(
    text: Text,
    facts: Mapping[str, object],
    language: str | None = None,
    show: Callable[[str], str] = str,
) -> str:
    """``text`` in ``language`` (default: the current one) with its facts filled in.

    ``show`` turns each fact's text into what is displayed (the window escapes markup).
    A fact that is itself a ``Text`` (a role's name) is taken in the same language.
    """
    shown = {
        name: show(value.in_language(language) if isinstance(value, Text) else str(value))
        for name, value in facts.items()
    }
    return text.in_language(language).format_map(shown)
