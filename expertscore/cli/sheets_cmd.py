"""``expertscore print-sheets``: printed scoring sheets as one PDF.

* ``--batch PACKAGE``: blank sheets for the whole round (or the ``--submission`` listed),
  for scoring on paper.
* ``--session SESSION``: the expert's filled sheets to sign, with the result file's SHA-256
  (``--result``) and the key fingerprint (``--fingerprint``, else the roster's pinned key);
  add ``--blank`` for blank sheets of the session's own assignments instead.

Errors are one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from expertscore.errors import ExpertScoreError
from expertscore.reports.sheets import (
    Printed,
    blank_sheets_from_package,
    blank_sheets_from_session,
    file_digest,
    render_filled_sheet,
    roster_fingerprint,
)
from expertscore.terminal import echo

T = TypeVar("T")
FINGERPRINT = re.compile(r"^[0-9a-fA-F]{4}([-:][0-9a-fA-F]{4})+$")


def _run(action: Callable[[], T]) -> T:
    try:
        return action()
    except ExpertScoreError as exc:
        echo(f"error: {exc}", err=True)
        sys.exit(2)


def _fail(message: str) -> None:
    echo(f"error: {message}", err=True)
    sys.exit(2)


@click.command("print-sheets")
@click.option(
    "--batch", "package", type=click.Path(path_type=Path), help="Batch package: blank sheets."
)
@click.option(
    "--session",
    "session",
    type=click.Path(path_type=Path),
    help="Session file: the expert's filled sheets.",
)
@click.option(
    "--submission",
    "submissions",
    multiple=True,
    metavar="ID",
    help="Only this submission; repeat for several (default: all).",
)
@click.option(
    "--result",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="The submitted result file; its SHA-256 is printed as text and QR code.",
)
@click.option(
    "--fingerprint",
    metavar="FP",
    help="The expert's key fingerprint (default: the key pinned on the batch's roster).",
)
@click.option(
    "--blank", is_flag=True, help="With --session: blank sheets of the expert's assignments."
)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path),
    metavar="FILE.pdf",
    help="The PDF to write; replaced only when complete.",
)
def print_sheets_command(
    package: Path | None,
    session: Path | None,
    submissions: tuple[str, ...],
    result: Path | None,
    fingerprint: str | None,
    blank: bool,
    out: Path,
) -> None:
    """Print scoring sheets (A4 PDF): blank ones from a package, filled ones from a session."""
    if (package is None) == (session is None):
        _fail("give either --batch PACKAGE (blank sheets) or --session SESSION (filled sheets)")
    if package is not None and (result or fingerprint or blank):
        _fail("--result, --fingerprint and --blank go with --session, not --batch")
    if blank and (result or fingerprint):
        _fail("--blank sheets carry no result digest or fingerprint")
    if fingerprint is not None and not FINGERPRINT.match(fingerprint.strip()):
        _fail(f"'{fingerprint}' is not a key fingerprint such as 3f2a-91c0-77de-0b41")
    wanted = list(submissions) or None
    if package is not None:
        printed = _run(lambda: blank_sheets_from_package(package, wanted, out))
        _report(printed, "blank sheets")
        return
    assert session is not None
    if blank:
        printed = _run(lambda: blank_sheets_from_session(session, wanted, out))
        _report(printed, "blank sheets")
        return

    digest = _run(lambda: file_digest(result)) if result is not None else None
    key = fingerprint.strip().lower() if fingerprint else _run(lambda: roster_fingerprint(session))
    printed = _run(lambda: render_filled_sheet(session, wanted, out, digest, key))
    _report(printed, "filled sheets", f"result SHA-256 {digest}" if digest else "not yet submitted")


def _report(printed: Printed, what: str, extra: str = "") -> None:
    pages = f"{printed.pages} page" + ("" if printed.pages == 1 else "s")
    echo(f"{printed.path}: {what}, {pages}" + (f"; {extra}" if extra else ""))
