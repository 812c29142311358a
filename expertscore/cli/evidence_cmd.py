"""``expertscore evidence index|find``: the evidence index and locator from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from expertscore.cli.progress import count_progress
from expertscore.evidence.index import IndexReport, build_index
from expertscore.evidence.locate import Located, locate_value
from expertscore.evidence.search import Hit, search_text
from expertscore.storage import models as m
from expertscore.storage.session import SessionFile
from expertscore.terminal import echo

FILE = click.Path(path_type=Path, dir_okay=False)
NOT_FOUND = "not found in any evidence"


@click.group("evidence")
def evidence_group() -> None:
    """The evidence index: every page searchable, every reported value located."""


def _index(session_path: Path) -> IndexReport:
    with count_progress("indexing evidence files") as update:
        return build_index(session_path, progress=update)


@evidence_group.command("index")
@click.option("--session", "session_path", required=True, type=FILE)
def index_command(session_path: Path) -> None:
    """Index the text of every evidence page not indexed yet (goes on where it stopped)."""
    report = _index(session_path)
    echo(
        f"{session_path}: {report.files} files indexed now, {report.pages} pages"
        f" ({report.no_text} without a text layer), {report.broken} unreadable or refused,"
        f" {report.cut} stopped at a limit"
    )


def where(hit: Hit) -> str:
    page = f"sheet {hit.label}" if hit.label is not None else f"p.{hit.page}"
    return f"{hit.title} {page}"


def _check_submission(session: SessionFile, submission_id: str) -> None:
    with session.orm() as orm:
        if orm.get(m.Submission, submission_id) is None:
            raise click.BadParameter(
                f"no submission '{submission_id}' in {session.path}", param_hint="--submission"
            )


def _print_located(located: Located, name: str) -> None:
    unit = "" if located.unit in ("text", "yes/no") else f" {located.unit}"
    echo(f"{located.submission_id} {located.indicator} {name}: {located.value}{unit}")
    if not located.matches:
        echo(f"  {NOT_FOUND}")
        for match in located.mentions:
            echo(f"  the indicator is named on {where(match.hit)}: {match.hit.snippet}")
    for match in located.matches:
        echo(f"  {where(match.hit)}: {match.hit.snippet}")


@evidence_group.command("find")
@click.option("--session", "session_path", required=True, type=FILE)
@click.option("--submission", "submission_id", help="Search one submission's evidence.")
@click.option("--indicator", "code", help="Locate this indicator's reported value.")
@click.argument("text", required=False)
def find_command(session_path: Path, submission_id: str | None, code: str | None, text) -> None:
    """Where a reported value (--indicator CODE) or a TEXT appears in the evidence."""
    if (code is None) == (text is None):
        raise click.UsageError("give either --indicator CODE or a TEXT to look for")
    if code is not None and submission_id is None:
        raise click.UsageError("--indicator needs --submission")
    _index(session_path)  # whatever is not indexed yet, first
    with SessionFile(session_path) as session:
        if submission_id is not None:
            _check_submission(session, submission_id)
            if code is not None:  # (--indicator always comes with --submission)
                leaf = session.scheme.find(code)
                located = locate_value(session, submission_id, code) if leaf else None
                if leaf is None or located is None:
                    raise click.BadParameter(
                        f"submission '{submission_id}' reports no value for '{code}'",
                        param_hint="--indicator",
                    )
                _print_located(located, leaf.name)
                return
        hits = search_text(session, text, submission_id)
    if not hits:
        echo(NOT_FOUND)
    for hit in hits:
        echo(f"{hit.submission_id} {where(hit)}: {hit.snippet}")
