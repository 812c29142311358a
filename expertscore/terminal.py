"""What the commands print: operator text never drives the terminal.

Platform names, file names, reasons and comments come from files that operators and
experts wrote; printed raw, a NUL, a BEL or an escape sequence (``ESC [ 2 J``) would act on
the chair's terminal, and a right-to-left override would reorder the rest of the line.
``printable`` writes every such character as an escape (``\\x1b``, ``\\u202e``); line
breaks and tabs stay, as the commands lay out their output with them. ``echo`` is
``click.echo`` through ``printable``: the commands use it for everything they print.
"""

from __future__ import annotations

import re

import click

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional controls
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object) -> str:
    """``text`` with every character that acts on a terminal written as an escape."""
    return CONTROL.sub(_escape, str(text))


def echo(message: object = "", err: bool = False) -> None:
    click.echo(printable(message), err=err)
