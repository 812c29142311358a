"""The chair's command line: ``merge`` and ``chair`` (decisions and results)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

import click

from expertscore.batch.package import open_package
from expertscore.chair import decisions as chair_decisions
from expertscore.chair.flag_states import open_flags
from expertscore.chair.merge import REFUSED, Decision, summary
from expertscore.chair.outputs import (
    KINDS,
    PANEL_FILE,
    REPORT,
    WORKBOOK,
    export_all,
)
from expertscore.chair.override_causes import OverrideCause
from expertscore.chair.panel import Gap
from expertscore.chair.panel_outcome import PanelOutcome, outcome_of
from expertscore.chair.ranking import group_name
from expertscore.chair.run import ChairRun
from expertscore.cli.key_cmd import read_passphrase
from expertscore.cli.progress import step_progress
from expertscore.cli.unlock import ENCRYPT_TO, recipients_of
from expertscore.crypto import sealed
from expertscore.identity.keys import open_key
from expertscore.identity.organizers import signer_line
from expertscore.results.verify import read_result
from expertscore.schemes.model import Scheme
from expertscore.scoring.totals import grade_name
from expertscore.terminal import echo
from expertscore.vocabulary import MergeOutcome
from expertscore.wording import ZH, current
from expertscore.wording.cli import reason_line, say
from expertscore.wording.errors import error_text
from expertscore.wording.labels import label

PACKAGE = click.Path(path_type=Path, dir_okay=False)
FOLDER = click.Path(path_type=Path, file_okay=False)
KEYCARDS = click.option(
    "--keycard",
    "keycards",
    multiple=True,
    type=click.Path(path_type=Path, exists=True),
    help="A key card, or a folder of them, for experts whose key the roster does not pin.",
)


def _grade_text(scheme: Scheme, category: str | None, code: str | None) -> str:
    return "-" if code is None else grade_name(scheme, category, code)


def _received(received: bool, stale: bool) -> str:
    if not received:
        return "missing"
    return "received (about other results)" if stale else "received"


def _print_results(outcome: PanelOutcome) -> None:
    scheme, result = outcome.package.scheme, outcome.result
    names = {s.id: s.platform for s in outcome.package.manifest.submissions}
    explanations, stale = outcome.notes.explanations, outcome.notes.stale_explanations
    echo("\nranking:")
    group = None
    for sid in result.ranking:
        sub = result.submissions[sid]
        within = group_name(scheme, sub.category)
        if within is not None and within != group:
            group = within
            echo(f"  {within}:")
        grade = _grade_text(scheme, sub.category, sub.grade)
        flagged = open_flags(sub)
        notes = []
        if flagged:
            notes.append(f"{flagged} open flags")
        if sub.explanations_needed:
            received = {e for s, e in explanations if s == sid}
            named = [
                f"{e} {_received(e in received, (sid, e) in stale)}"
                for e in sorted(sub.explanations_needed)
            ]
            notes.append("explanations needed: " + ", ".join(named))
        grade_of = partial(_grade_text, scheme, sub.category)
        notes += [f"fragile: {found.note(grade_of)}" for found in sub.fragile]
        echo(
            f"  {sub.rank:>3}  {sid}  {names.get(sid, '')}"
            f"  total {sub.total:.{scheme.aggregation.decimals}f}"
            f"  grade {grade}" + (f"  ({'; '.join(notes)})" if notes else "")
        )


def _print_gaps(found: Sequence[Gap]) -> None:
    echo(say("missing", count=len(found)) if found else say("missing_nothing"))
    for gap in found:
        where = f" {gap.submission}" if gap.submission else ""
        detail = reason_line(gap.detail, gap.said, gap.facts)
        echo(say("gap", expert=gap.expert, where=where, detail=detail))


def _reason(decision: Decision) -> str:
    if decision.refusal is not None and current() == ZH:
        return error_text(decision.refusal, placed=False)
    return reason_line(decision.reason, decision.said, decision.facts)


@click.command("merge")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--out", "folder", required=True, type=FOLDER, help="The merge folder.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@KEYCARDS
@click.argument("results", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
def merge_command(
    package: Path,
    folder: Path,
    dry_run: bool,
    keycards: tuple[Path, ...],
    results: tuple[Path, ...],
) -> None:
    """Verify expert result files and merge them into the chair's merge folder."""
    run = ChairRun.open(package, folder, keycards)
    echo(signer_line(run.package), err=run.package.signature is None)
    decisions = run.plan(list(results))
    for outcome, items in summary(decisions).items():
        named = label(MergeOutcome, outcome) if current() == ZH else outcome
        echo(say("outcome_count", outcome=named, count=len(items)))
        for item in items:
            who = (
                say("merge_who", expert=item.expert, sequence=item.sequence) if item.expert else ""
            )
            echo(say("merge_item", source=item.source, who=who, reason=_reason(item)))
    if dry_run:
        echo(say("dry_run"))
        return
    run.apply(decisions)
    run.reload()
    merged = outcome_of(run)
    _print_results(merged)
    _print_gaps(merged.gaps)
    if any(d.outcome == REFUSED for d in decisions):
        raise SystemExit(1)


@click.group("chair")
def chair_group() -> None:
    """The chair's decisions on a merge folder, and its results."""


@chair_group.command("results")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--dir", "folder", required=True, type=FOLDER)
@KEYCARDS
def results_command(package: Path, folder: Path, keycards: tuple[Path, ...]) -> None:
    """Aggregate the accepted results and print the ranking and what is missing."""
    outcome = outcome_of(ChairRun.open(package, folder, keycards))
    _print_results(outcome)
    _print_gaps(outcome.gaps)


@chair_group.command("confirm-key")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--dir", "folder", required=True, type=FOLDER)
@click.option("--result", "result_file", required=True, type=click.Path(path_type=Path))
@click.option("--fingerprint", required=True, help="The fingerprint printed on the signed sheet.")
def confirm_key_command(package: Path, folder: Path, result_file: Path, fingerprint: str) -> None:
    """Accept the key of a result file after checking it against the signed paper sheet."""
    from expertscore.results.trust import KeyTrust

    checked = read_result(result_file, None, KeyTrust(), log=False)
    expert = checked.payload.expert
    if expert.public_key is None:
        raise click.ClickException("a transcribed result has no expert key to confirm")
    chair_decisions.confirm_key(
        folder, expert.id, expert.public_key, fingerprint, open_package(package)
    )
    echo(f"key {checked.fingerprint} confirmed for {expert.id} {expert.name}")


@chair_group.command("override")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--dir", "folder", required=True, type=FOLDER)
@click.option("--submission", required=True)
@click.option("--indicator", required=True)
@click.option("--points", required=True)
@click.option(
    "--cause",
    required=True,
    type=click.Choice([cause.value for cause in OverrideCause]),
    help="Why the summed result may change (87号令 art. 64).",
)
@click.option("--reason", required=True)
def override_command(
    package: Path,
    folder: Path,
    submission: str,
    indicator: str,
    points: str,
    cause: str,
    reason: str,
) -> None:
    """Record the panel's agreed score for one indicator, with its cause and the reason."""
    opened = open_package(package)
    chair_decisions.record_override(folder, opened, submission, indicator, points, reason, cause)
    echo(
        f"agreed panel score {points} recorded for {submission} {indicator}"
        f" ({OverrideCause(cause).en})"
    )


@chair_group.command("verified-value")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--dir", "folder", required=True, type=FOLDER)
@click.option("--submission", required=True)
@click.option("--indicator", required=True, help="An objective indicator.")
@click.option("--value", required=True, help="The value the panel agreed (one line).")
@click.option("--by", "decided_by", required=True, help="Who records the panel's agreement.")
@click.option("--reason", required=True)
def verified_value_command(
    package: Path,
    folder: Path,
    submission: str,
    indicator: str,
    value: str,
    decided_by: str,
    reason: str,
) -> None:
    """Record the value the panel agreed for an objective indicator's reported value (it
    resolves the re-verify flag; the scores stay as they are)."""
    opened = open_package(package)
    agreed = chair_decisions.record_verified_value(
        folder, opened, submission, indicator, value, decided_by, reason
    )
    echo(f"verified value {agreed.value} recorded for {submission} {indicator}")


@chair_group.command("round2")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--dir", "folder", required=True, type=FOLDER)
@click.option("--submission", required=True)
@click.option("--indicator", required=True)
@click.option("--experts", required=True, help="Comma-separated expert ids.")
@click.option("--reason", required=True)
def round2_command(
    package: Path, folder: Path, submission: str, indicator: str, experts: str, reason: str
) -> None:
    """Send one indicator to a second scoring round for the named experts."""
    names = [e.strip() for e in experts.split(",") if e.strip()]
    opened = open_package(package)
    chair_decisions.request_round(folder, submission, indicator, names, reason, opened)
    echo(f"second round requested for {submission} {indicator}: {', '.join(names)}")


@chair_group.command("allow-transcription")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--dir", "folder", required=True, type=FOLDER)
@click.option("--expert", required=True, help="Whose paper sheet you transcribed.")
@click.option("--reason", required=True, help="Why it replaces the expert's own signed result.")
def allow_transcription_command(package: Path, folder: Path, expert: str, reason: str) -> None:
    """Let your transcription of an expert's paper sheet replace their own signed result."""
    chair_decisions.allow_transcription(folder, open_package(package), expert, reason)
    echo(f"{expert}: a transcription may replace the own signed result ({reason})")


EXPORT_LABELS = {
    WORKBOOK: "results workbook",
    PANEL_FILE: "signed panel file",
    REPORT: "PDF report",
}


@chair_group.command("export")
@click.option("--batch", "package", required=True, type=PACKAGE)
@click.option("--dir", "folder", required=True, type=FOLDER)
@click.option("--out", "out_dir", required=True, type=FOLDER, help="Folder for the outputs.")
@click.option("--sign-as", "signer_id", help="Sign the panel file with this key (the chair's).")
@KEYCARDS
@ENCRYPT_TO
@click.option(
    "--encrypt-all",
    is_flag=True,
    help="Encrypt the results workbook and the PDF report too (to --encrypt-to's recipients).",
)
def export_command(
    package: Path,
    folder: Path,
    out_dir: Path,
    signer_id: str | None,
    keycards: tuple[Path, ...],
    encrypt_to: tuple[Path, ...],
    encrypt_all: bool,
) -> None:
    """Write the results workbook, the signed panel file and the PDF report, as the window does.

    ``--encrypt-to`` encrypts the panel file; with ``--encrypt-all`` the workbook and the
    report as well. The chair's key also opens what was encrypted to the chair."""
    if encrypt_all and not encrypt_to:
        raise click.UsageError("--encrypt-all needs --encrypt-to (whom to encrypt to)")
    recipients = recipients_of(encrypt_to)
    key = None
    if signer_id:
        key = open_key(signer_id, read_passphrase(f"passphrase of the key of {signer_id}"))
        if key.age_identity is not None:
            sealed.unlock(key.age_identity, key.info.expert_id)
    outcome = outcome_of(ChairRun.open(package, folder, keycards))
    with step_progress("exporting") as update:
        written = export_all(
            outcome,
            out_dir,
            key,
            step=lambda kind, done, total: update(EXPORT_LABELS.get(kind, ""), done, total),
            recipients=recipients,
            sealed=KINDS if encrypt_all else (PANEL_FILE,),
        )
    for kind, path in written.items():
        echo(f"{EXPORT_LABELS[kind]}: {path}")
    if key is None:
        echo("no panel file: it is signed with the chair's key (--sign-as CHAIR)")
