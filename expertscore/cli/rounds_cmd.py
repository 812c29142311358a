"""Second rounds on the command line, and scoring one indicator from a script."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import click

from expertscore.chair.rounds import apply_round_request, write_round_request
from expertscore.chair.run import ChairRun
from expertscore.scoring.modes import Entry
from expertscore.scoring.service import ScoringService
from expertscore.storage.session import SessionFile
from expertscore.terminal import echo

FILE = click.Path(path_type=Path, dir_okay=False)


@click.command("round2-file")
@click.option("--batch", "package", required=True, type=FILE)
@click.option("--dir", "folder", required=True, type=click.Path(path_type=Path, file_okay=False))
@click.option("--by", "requested_by", required=True, help="The chair's name, shown to experts.")
@click.option("--out", required=True, type=FILE)
def round2_file_command(package: Path, folder: Path, requested_by: str, out: Path) -> None:
    """Write the second-round request file for the experts concerned."""
    run = ChairRun.open(package, folder)
    write_round_request(run.package, run.decisions, requested_by, out)
    echo(f"{out}: {len(run.decisions.rounds)} indicators sent to the second round")


@click.command("round2")
@click.option("--session", "session_path", required=True, type=FILE)
@click.option("--request", "request", required=True, type=FILE)
def session_round2_command(session_path: Path, request: Path) -> None:
    """Take the chair's second-round request into your session (reopens it if submitted)."""
    with SessionFile(session_path) as session:
        items = apply_round_request(session, request)
    if not items:
        echo("the request names no indicator of yours")
    for item in items:
        echo(f"round 2: {item.submission} {item.indicator} ({item.reason})")


@click.command("score")
@click.option("--session", "session_path", required=True, type=FILE)
@click.option("--submission", required=True)
@click.option("--indicator", required=True)
@click.option("--points", help="Points (for points and bands modes).")
@click.option("--choice", help="A grade label, yes/no, or 'suggested' for a band's suggestion.")
@click.option("--comment")
@click.option("--round", "round_number", default=1, show_default=True, type=int)
def score_command(
    session_path: Path,
    submission: str,
    indicator: str,
    points: str | None,
    choice: str | None,
    comment: str | None,
    round_number: int,
) -> None:
    """Score one indicator in a session (what the window does, for scripts)."""
    try:
        value = Decimal(points) if points is not None else None
    except InvalidOperation:
        raise click.BadParameter(f"'{points}' is not a number", param_hint="--points") from None
    with SessionFile(session_path) as session:
        scoring = ScoringService(session)
        if value is not None or choice is not None:
            scoring.set_entry(submission, indicator, Entry(value, choice), round_number)
        if comment is not None:
            scoring.set_comment(submission, indicator, comment, round_number)
        record = scoring.scores(submission, round_number).get(indicator)
    shown = "-" if record is None or record.points is None else record.points
    echo(f"{submission} {indicator} round {round_number}: {shown}")
