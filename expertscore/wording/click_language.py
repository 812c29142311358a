"""Click's own messages (usage errors, help headings) in the user's language.

Click words them with the ``gettext`` module's global functions, so a program translates
them by binding the process's text domain to a catalog of Click's message ids (Click's
documented way). ``click_messages(language)`` does that around one run of the command
line: the domain ``expertscore-click`` bound to ``resources/translations/click`` and
``LANGUAGE`` naming the language the program chose (``--lang``, else the locale), so
Click and the program's own messages agree; both are put back afterwards.

The catalog's source is ``expertscore.wording.click_messages``; ``python -m
expertscore.wording.click_language`` writes it as ``zh/LC_MESSAGES/expertscore-click.mo``
(the GNU ``.mo`` format, which ``gettext.GNUTranslations`` reads).
"""

from __future__ import annotations

import gettext
import os
import struct
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from expertscore.paths import resources_dir
from expertscore.wording import LANGUAGES, ZH, language_from_env
from expertscore.wording.click_messages import CLICK_MESSAGES

DOMAIN = "expertscore-click"
GETTEXT_LANGUAGE = {ZH: "zh_CN"}  # English is Click's own: no catalog
HEADER = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=1; plural=0;\n"


def locale_dir() -> Path:
    return resources_dir() / "translations" / "click"


def catalog_path() -> Path:
    return locale_dir() / "zh" / "LC_MESSAGES" / f"{DOMAIN}.mo"


def requested_language(args: Sequence[str]) -> str:
    """The language a run asks for: ``--lang zh`` / ``--lang=zh``, else the locale's."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in LANGUAGES:
            return args[index + 1]
        if arg.startswith("--lang=") and arg[len("--lang=") :] in LANGUAGES:
            return arg[len("--lang=") :]
    return language_from_env()


@contextmanager
def click_messages(language: str) -> Iterator[None]:
    """Click speaks ``language`` until the block ends."""
    previous_domain = gettext.textdomain()
    previous_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(locale_dir()))
    gettext.textdomain(DOMAIN)
    # gettext reads LANGUAGE before LC_ALL and LANG; "en" has no catalog: Click's English.
    os.environ["LANGUAGE"] = GETTEXT_LANGUAGE.get(language, "en")
    try:
        yield
    finally:
        gettext.textdomain(previous_domain)
        if previous_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous_language


def catalog_bytes() -> bytes:
    """``CLICK_MESSAGES`` in the GNU ``.mo`` format: a header, then the ids and the
    translations sorted by id, each as (length, offset) in two tables."""
    entries: dict[bytes, bytes] = {b"": HEADER.encode()}
    for key, text in CLICK_MESSAGES.items():
        message_id = "\0".join(key) if isinstance(key, tuple) else key
        entries[message_id.encode()] = text.encode()
    ids = sorted(entries)
    count = len(ids)
    ids_start = 7 * 4
    texts_start = ids_start + count * 8
    data_start = texts_start + count * 8
    id_table: list[tuple[int, int]] = []
    text_table: list[tuple[int, int]] = []
    data = b""
    for table, values in ((id_table, ids), (text_table, [entries[i] for i in ids])):
        for value in values:
            table.append((len(value), data_start + len(data)))
            data += value + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, ids_start, texts_start, 0, 0)
    tables = b"".join(struct.pack("<2I", *pair) for pair in (*id_table, *text_table))
    return header + tables + data


def main() -> None:
    path = catalog_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(catalog_bytes())
    print(f"wrote {path} ({len(CLICK_MESSAGES)} messages)")


if __name__ == "__main__":
    main()
