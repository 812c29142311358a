"""``expertscore batch inspect``, ``expertscore session create`` and ``session status``."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from expertscore.batch.crosscheck import warnings
from expertscore.batch.package import OpenedPackage, open_package
from expertscore.batch.sealed_package import release
from expertscore.batch.sealed_stream import open_for_import
from expertscore.cli.progress import byte_progress
from expertscore.cli.session_passphrase import new_session_key
from expertscore.cli.unlock import KEY_OPTION, key_owner, unlock_later
from expertscore.cli.xlsx_cmd import from_xlsx_command, import_summary, xlsx_template_command
from expertscore.crypto.dsse import fingerprint
from expertscore.crypto.sealed import has_provider
from expertscore.identity.organizers import KnownOrganizers, signer_line
from expertscore.scoring.service import ScoringService
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from expertscore.terminal import echo
from expertscore.vocabulary import Progress
from expertscore.wording import ZH, current
from expertscore.wording.labels import label


@click.group("batch")
def batch_group() -> None:
    """Batch packages: inspect them, make them from the Excel form."""


batch_group.add_command(from_xlsx_command)
batch_group.add_command(xlsx_template_command)


def kind_line(opened: OpenedPackage) -> str:
    """Which kind of package was opened, as ``inspect`` and ``session create`` print it."""
    if opened.encrypted:
        return f"encrypted to the panel (opened with the key of {key_owner()})"
    return "plain (not encrypted)"


@batch_group.command("inspect")
@click.argument("package", type=click.Path(path_type=Path))
@KEY_OPTION
def inspect_command(package: Path) -> None:
    """Check a package and print its summary; exit 2 with the problem if it is broken."""
    opened = open_package(package)
    manifest = opened.manifest
    evidence_bytes = sum(e.size for e in manifest.evidence)
    unique = len({e.sha256 for e in manifest.evidence})
    categories = Counter(s.category or "-" for s in manifest.submissions)
    lines = [
        f"package:      {package}",
        f"encryption:   {kind_line(opened)}",
        f"batch:        {manifest.batch.id}  {manifest.batch.title}",
        f"organizer:    {manifest.batch.organizer}  (created {manifest.batch.created.isoformat()})",
        "signature:    "
        + (
            f"valid, by {opened.signature.signer} (key {fingerprint(opened.signature.public_key)})"
            if opened.signature
            else "none (unsigned package)"
        ),
        *(  # said only of SM2 batches: an Ed25519 batch's listing is as it always was
            [f"algorithm:    sm2 (国密 SM2/SM3), signer id {manifest.signer_id}"]
            if manifest.signer_id is not None
            else []
        ),
        f"scheme:       {opened.scheme.id} {opened.scheme.version}  {opened.scheme.title}",
        f"batch hash:   {opened.manifest_sha256}",
        f"submissions:  {len(manifest.submissions)}"
        f"  ({', '.join(f'{k}: {v}' for k, v in sorted(categories.items()))})",
        f"values:       {sum(len(s.values) for s in manifest.submissions)} reported values",
        f"evidence:     {len(manifest.evidence)} files ({unique} distinct),"
        f" {evidence_bytes:,} bytes",
        f"roster:       {len(manifest.roster)} experts"
        f"  ({', '.join(f'{e.id} {e.name}' for e in manifest.roster)})",
        f"assignments:  {len(manifest.assignments)}",
        f"conflicts:    {len(manifest.conflicts)}",
    ]
    if manifest.form_import is not None:
        lines += import_summary(manifest.form_import)
    found = warnings(manifest, opened.scheme)
    lines.append(f"problems:     {len(found) or 'none'} found")
    lines.extend(f"  - {problem}" for problem in found)
    echo("\n".join(lines))


@click.group("session")
def session_group() -> None:
    """Session files: one per expert per batch."""


@session_group.command("create")
@click.option("--batch", "package", required=True, type=click.Path(path_type=Path))
@click.option("--expert", "expert_id", required=True, help="Your id on the batch's roster.")
@click.option("--out", required=True, type=click.Path(path_type=Path))
@KEY_OPTION
@click.option(
    "--index",
    "build",
    is_flag=True,
    help="Also index the evidence's text now (else the window does it in the background).",
)
@click.option(
    "--encrypt",
    is_flag=True,
    help="Encrypt the session with a passphrase (asked twice, or --passphrase-file).",
)
def create_command(package: Path, expert_id: str, out: Path, build: bool, encrypt: bool) -> None:
    """Import a batch package into a new session file for one expert.

    An encrypted package is opened with the expert's own key (or ``--key``'s)."""
    if not has_provider():
        unlock_later(expert_id)
    opened = open_for_import(package)
    try:
        click.echo(signer_line(opened), err=opened.signature is None)
        if opened.encrypted:  # a plain package's output stays as it always was
            click.echo(f"encryption: {kind_line(opened)}")
        key = new_session_key(out) if encrypt else None
        with byte_progress("importing evidence") as update:
            create_session(
                opened, expert_id, out, progress=update, known=KnownOrganizers.load(), key=key
            )
    finally:
        release(opened.path)  # the clear copy of an encrypted package goes at once
    if build:
        from expertscore.cli.evidence_cmd import index_command

        click.get_current_context().invoke(index_command, session_path=out)
    with SessionFile(out) as session:
        summary = session.summary()
    kind = "encrypted" if key is not None else "not encrypted"
    echo(
        f"{out}: session of {summary.expert_id} {summary.expert_name} for batch "
        f"{summary.batch_id}: {summary.assigned} submissions assigned, {summary.recused} recused,"
        f" {summary.evidence_files} evidence files ({summary.evidence_bytes:,} bytes); {kind}"
    )


def submission_state(scoring: ScoringService) -> str:
    """Where the session stands with the chair, as one line."""
    locked = scoring.locked_by()
    if locked is not None:
        return f"submitted as result {locked.sequence} on {locked.submitted_at}, locked"
    unlocked = scoring.unlocked_since()
    if unlocked is not None:
        return (
            f"unlocked since {unlocked.unlocked_at}, not resubmitted (the chair has result"
            f" {unlocked.sequence} of {unlocked.submitted_at}; reason: {unlocked.unlock_reason})"
        )
    return "not submitted yet"


def state_name(state: str) -> str:
    """A progress state as the status line names it: ``not started``, or 未开始 in Chinese."""
    return label(Progress, state) if current() == ZH else state.replace("_", " ")


@session_group.command("status")
@click.option("--session", "session_path", required=True, type=click.Path(path_type=Path))
def status_command(session_path: Path) -> None:
    """Where a session stands: its submissions' states and whether it is submitted."""
    with SessionFile(session_path) as session:
        summary = session.summary()
        scoring = ScoringService(session)
        states = Counter(row.state for row in scoring.submissions())
        state = submission_state(scoring)
    counts = ", ".join(f"{state_name(name)} {count}" for name, count in sorted(states.items()))
    click.echo(
        "\n".join(
            [
                f"session:     {session_path}"
                f" ({'encrypted' if session.encrypted else 'not encrypted'})",
                f"expert:      {summary.expert_id} {summary.expert_name}",
                f"batch:       {summary.batch_id} {summary.batch_title}",
                f"submissions: {summary.assigned} assigned ({counts})",
                f"state:       {state}",
            ]
        )
    )
