"""Explanations and statements: the chair's request, the members' signed notes, merging them.

``chair explain-request`` / ``explain`` (the expert) / ``statement`` (a member) /
``chair notes`` (merge signed notes) / ``chair paper-statement`` (a statement on paper).
"""

from __future__ import annotations

from pathlib import Path

import click

from expertscore.batch.package import open_package
from expertscore.chair.explain_request import needed, read_request, write_request
from expertscore.chair.member_notes import (
    AGREE,
    DISSENT,
    EXPLANATION,
    STATEMENT,
    NoteError,
    check_body,
    keep_note,
    read_note,
    transcribe_statement,
    write_note,
)
from expertscore.chair.outcome import results_digest
from expertscore.chair.run import ChairRun
from expertscore.cli.key_cmd import read_passphrase
from expertscore.identity.keys import open_key
from expertscore.terminal import echo

PACKAGE = click.Path(path_type=Path, dir_okay=False)
FOLDER = click.Path(path_type=Path, file_okay=False)
STANCE = click.Choice([AGREE, DISSENT])


@click.command("explain-request")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--dir", "folder", required=True, type=FOLDER)
@click.option("--by", "requested_by", required=True, help="Who asks (the chair).")
@click.option("--expert", "experts", multiple=True, help="Only these experts (default: all).")
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
def explain_request_command(
    package: Path, folder: Path, requested_by: str, experts: tuple[str, ...], out: Path
) -> None:
    """Ask the experts whose totals deviate too far for their written explanations, and
    every member for a statement, on the results merged now (the file names them)."""
    run = ChairRun.open(package, folder)
    _, result = run.results()
    items = needed(result, experts or None)
    if experts and not items:
        raise NoteError("no explanation is needed from the experts named").saying("none_needed")
    write_request(out, run.package, result, items, requested_by)
    for item in items:
        echo(f"{item.expert} {item.submission}: deviation {item.deviation}%")
    echo(f"{out}: {len(items)} explanations requested, about results {results_digest(result)}")


@click.command("explain")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--request", "request", required=True, type=click.Path(path_type=Path))
@click.option("--expert", "expert_id", required=True, help="Your id (your key signs).")
@click.option("--text", "texts", multiple=True, required=True, help="SUBMISSION=your explanation")
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
def explain_command(
    package: Path, request: Path, expert_id: str, texts: tuple[str, ...], out: Path
) -> None:
    """Answer the chair's request with your signed written explanations."""
    opened = open_package(package)
    asked_for = read_request(request, opened)
    asked = {n.submission for n in asked_for.asked_of(expert_id)}
    answers = {}
    for text in texts:
        sid, sep, words = text.partition("=")
        if not sep or sid not in asked:
            raise NoteError(
                f"--text {text!r}: the request asks {expert_id} about {sorted(asked)}"
            ).saying("not_asked", text=text, expert=expert_id, asked=", ".join(sorted(asked)))
        answers[sid] = words.strip()
    key = open_key(expert_id, read_passphrase(f"passphrase of the key of {expert_id}"))
    body = {"explanations": answers}
    write_note(out, opened, key, EXPLANATION, body, results_sha256=asked_for.results_sha256)
    missing = sorted(asked - set(answers))
    echo(f"{out}: signed explanations for {', '.join(sorted(answers))}")
    if missing:
        echo(f"still asked: {', '.join(missing)}")


@click.command("statement")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option(
    "--request", "request", required=True, type=click.Path(path_type=Path),
    help="The chair's request file: it names the results you speak about.",
)  # fmt: skip
@click.option("--expert", "expert_id", required=True, help="Your id (your key signs).")
@click.option("--stance", required=True, type=STANCE, help="agree, or dissent with reasons")
@click.option("--reasons", default="", help="Why (required for a dissent).")
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
def statement_command(
    package: Path, request: Path, expert_id: str, stance: str, reasons: str, out: Path
) -> None:
    """Your signed statement on the panel's result: agree, or dissent with your reasons."""
    opened = open_package(package)
    about = read_request(request, opened).results_sha256
    body = {"stance": stance, "reasons": reasons.strip()}
    check_body(STATEMENT, body)  # before the passphrase is asked
    key = open_key(expert_id, read_passphrase(f"passphrase of the key of {expert_id}"))
    write_note(out, opened, key, STATEMENT, body, results_sha256=about)
    echo(f"{out}: signed statement of {expert_id} ({stance})")


@click.command("notes")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--dir", "folder", required=True, type=FOLDER)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def notes_command(package: Path, folder: Path, files: tuple[Path, ...]) -> None:
    """Verify the members' signed explanations and statements and keep them in the folder."""
    run = ChairRun.open(package, folder)
    current = results_digest(run.results()[1])
    for path in files:
        data = path.read_bytes()
        note = read_note(data, str(path), run.package, run.trust)
        keep_note(folder, data, note)
        what = note.stance if note.kind == STATEMENT else ", ".join(sorted(note.explanations))
        about = "" if note.results_sha256 == current else ", about other results (stale)"
        echo(f"{path}: {note.kind} of {note.expert} ({what}), key {note.fingerprint}{about}")


@click.command("paper-statement")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--dir", "folder", required=True, type=FOLDER)
@click.option("--expert", required=True, help="Whose paper statement.")
@click.option("--stance", required=True, type=STANCE)
@click.option("--reasons", default="", help="The reasons as written (required for a dissent).")
@click.option("--by", "chair", required=True, help="You, the chair, who transcribed it.")
def paper_statement_command(
    package: Path, folder: Path, expert: str, stance: str, reasons: str, chair: str
) -> None:
    """Record a member's statement given on paper, marked as transcribed by you."""
    path = transcribe_statement(folder, open_package(package), expert, stance, reasons, chair)
    echo(f"{path}: paper statement of {expert} ({stance}), transcribed by {chair}")
