"""``expertscore submit``, ``unlock``, ``verify``, ``transcribe`` and ``simulate``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from expertscore.batch.package import open_package
from expertscore.cli import panel_verify_cmd
from expertscore.cli.key_cmd import read_passphrase
from expertscore.cli.unlock import ENCRYPT_TO, recipients_of
from expertscore.identity.keycard import read_cards
from expertscore.identity.keys import key_path, list_keys, open_key, read_key_info
from expertscore.results.simulate import simulate
from expertscore.results.submit import preflight, signer_of, submit, write_again
from expertscore.results.transcribe import start_transcription
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import verify_file
from expertscore.scoring.service import ScoringService
from expertscore.storage.session import SessionFile
from expertscore.terminal import echo
from expertscore.wording.cli import say

SESSION = click.Path(path_type=Path, dir_okay=False)


@click.command("submit")
@click.option("--session", "session_path", required=True, type=SESSION)
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--again", is_flag=True, help="Write the last submitted result once more.")
@ENCRYPT_TO
def submit_command(
    session_path: Path, out: Path, again: bool, encrypt_to: tuple[Path, ...]
) -> None:
    """Finalize a complete session, lock it, and write the signed result file."""
    recipients = recipients_of(encrypt_to)
    with SessionFile(session_path) as session:
        if again:
            write_again(session, out, recipients)
            echo(say("written_again", out=out, session=session_path))
            return
        preflight(session)
        signer = signer_of(session)
        key = open_key(signer, read_passphrase(say("passphrase", signer=signer)))
        done = submit(session, key, out, recipients=recipients)
        expert = session.info.expert_id
    how = say("transcribed_by", signer=done.signer_id) if done.transcribed else ""
    echo(
        say(
            "submitted",
            out=out,
            sequence=done.sequence,
            expert=expert,
            batch=session.info.batch_id,
            how=how,
            key=done.fingerprint,
        )
    )


@click.command("unlock")
@click.option("--session", "session_path", required=True, type=SESSION)
@click.option("--reason", required=True, help="Why the submitted scores must change.")
def unlock_command(session_path: Path, reason: str) -> None:
    """Reopen a submitted session for edits (the next submission gets a higher sequence)."""
    with SessionFile(session_path) as session:
        change = ScoringService(session).unlock(reason)
    echo(say("unlocked", session=session_path, old=change.old, reason=reason))


@click.command("verify")
@click.argument("result", type=click.Path(path_type=Path))
@click.option(
    "--batch", "package", type=click.Path(path_type=Path), help="The batch package it is for."
)
@click.option(
    "--keycard",
    "keycards",
    multiple=True,
    type=click.Path(path_type=Path, exists=True),
    help="A key card, or a folder of them, naming whose key is whose (repeatable).",
)
@panel_verify_cmd.RESULTS
@panel_verify_cmd.CHAIR_KEY
def verify_command(
    result: Path,
    package: Path | None,
    keycards: tuple[Path, ...],
    results_dir: Path | None,
    chair_key: str | None,
) -> None:
    """Check a result file (or re-run a panel file); exit 0 only if it is valid."""
    if panel_verify_cmd.is_panel_file(result):
        panel_verify_cmd.verify_panel(result, package, results_dir, chair_key)
    opened = open_package(package) if package else None
    trust = KeyTrust.build(opened, read_cards(keycards), list_keys().keys)
    verdict = verify_file(result, opened, trust)
    echo("\n".join(verdict.lines()))
    sys.exit(0 if verdict.ok else 1)


@click.command("transcribe")
@click.option("--batch", "package", required=True, type=click.Path(path_type=Path))
@click.option("--expert", "expert_id", required=True, help="Whose paper sheet it is.")
@click.option("--chair", "chair_id", required=True, help="Your id (your key signs it).")
@click.option("--sheet", required=True, help="Which sheet: date, pages, who handed it in.")
@click.option("--out", required=True, type=SESSION)
def transcribe_command(package: Path, expert_id: str, chair_id: str, sheet: str, out: Path) -> None:
    """Make a session to type in an expert's paper sheet; you sign it when you submit."""
    chair = read_key_info(key_path(chair_id))
    start_transcription(package, expert_id, out, chair, sheet)
    echo(
        f"{out}: session of {expert_id}, transcribed by {chair_id} {chair.name} from a paper"
        f" sheet ({sheet}); enter the scores, then `expertscore submit --session {out}`"
    )


@click.command("simulate")
@click.option("--batch", "package", required=True, type=click.Path(path_type=Path))
@click.option("--experts", required=True, type=click.IntRange(min=1))
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--out", required=True, type=click.Path(path_type=Path, file_okay=False))
def simulate_command(package: Path, experts: int, seed: int, out: Path) -> None:
    """Play K experts: K sessions, K signed result files and K key cards in OUT."""
    for done in simulate(package, experts, seed, out):
        echo(
            f"{done.expert_id} {done.name}: key {done.fingerprint}, {done.scored} scored,"
            f" {done.recused} recused -> {done.result.name}"
        )
