"""The organizer's command line: ``roster add|show`` and ``batch prepare``."""

from __future__ import annotations

from pathlib import Path

import click

from expertscore.batch.sealed_package import package_recipients
from expertscore.cli.key_cmd import read_passphrase
from expertscore.cli.xlsx_cmd import import_summary
from expertscore.crypto.dsse import ALGORITHMS, DEFAULT_SIGNER_ID, ED25519, SM2
from expertscore.identity.keycard import read_card
from expertscore.identity.keys import open_key
from expertscore.organizer.assign import Shortfall, UnassignedSubmissions, WayOut
from expertscore.organizer.prepare import RoundOptions, loads, prepare_round
from expertscore.organizer.roster import Roster, add_card, read_roster, write_roster
from expertscore.terminal import echo

FILE = click.Path(path_type=Path, dir_okay=False)


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise click.BadParameter(f"'{text}' is not a number of experts")
    return int(text)


def _pairs(texts: tuple[str, ...], what: str) -> list[tuple[str, str]]:
    pairs = []
    for text in texts:
        left, sep, right = text.partition("=")
        if not sep or not left.strip() or not right.strip():
            raise click.BadParameter(f"'{text}' is not {what}")
        pairs.append((left.strip(), right.strip()))
    return pairs


def _way_out(way: WayOut, shortfall: Shortfall) -> str:
    if way.kind == "lower":
        return f"--experts-for {shortfall.submission}={way.count} (ask {way.count} for it)"
    if way.kind == "add":
        role = f" with role {way.role}" if way.role else ""
        return f"add an expert{role}: roster add CARD --roster ROSTER" + (
            f" --role {way.role}" if way.role else ""
        )
    return f"review the conflict of {way.expert} ({way.reason})"


def shortfall_lines(error: UnassignedSubmissions, policy_needs: int) -> list[str]:
    """Every submission that cannot be assigned, with the ways out, as ``batch prepare`` prints."""
    lines = []
    for short in error.shortfalls:
        label = f"role {short.role}" if short.role else "the panel"
        lines.append(
            f"cannot assign {short.submission}: {short.free} of {label} free of conflicts,"
            f" {short.wanted} needed; ways out:"
        )
        lines.extend(f"  - {_way_out(way, short)}" for way in short.ways_out(policy_needs))
    return lines


@click.group("roster")
def roster_group() -> None:
    """The panel roster of a review round, built from experts' key cards."""


@roster_group.command("add")
@click.argument("keycard", type=FILE)
@click.option("--roster", "roster_path", required=True, type=FILE)
@click.option("--role", help="财务, 技术, 行业 …")
@click.option("--conflict", "conflicts", multiple=True, help="A submission id or operator name.")
def roster_add_command(
    keycard: Path, roster_path: Path, role: str | None, conflicts: tuple[str, ...]
) -> None:
    """Add the expert of a key card to the roster (the card's signature is checked)."""
    roster = read_roster(roster_path) if roster_path.exists() else Roster()
    card = read_card(keycard)
    write_roster(add_card(roster, card, role, list(conflicts)), roster_path)
    echo(f"{roster_path}: added {card.expert_id} {card.name} (key {card.fingerprint})")


@roster_group.command("show")
@click.argument("roster_path", type=FILE)
def roster_show_command(roster_path: Path) -> None:
    """List the experts of a roster."""
    for expert in read_roster(roster_path).experts:
        conflicts = f"  conflicts: {', '.join(expert.conflicts)}" if expert.conflicts else ""
        key = "key pinned" if expert.public_key else "no key"
        echo(
            f"{expert.id}  {expert.name}  {expert.organization or '-'}  {expert.role or '-'}"
            f"  {key}{conflicts}"
        )


@click.command("prepare")
@click.option(
    "--from", "source", required=True, type=FILE, help="The authority's package or Excel form."
)
@click.option("--evidence", type=click.Path(path_type=Path, file_okay=False))
@click.option("--scheme", "scheme_id", help="The scheme of an Excel form.")
@click.option("--roster", "roster_path", required=True, type=FILE)
@click.option("--experts-per-submission", "per_submission", default=5, show_default=True, type=int)
@click.option(
    "--experts-for",
    "counts",
    multiple=True,
    help="SUBMISSION=N: fewer experts for that submission (as the policy allows).",
)
@click.option("--split", multiple=True, help="GROUP=ROLE: that indicator group goes to that role.")
@click.option("--split-size", type=int, help="Experts per split group (default: as above).")
@click.option("--set", "values", multiple=True, help="TARGET=VALUE, e.g. weight:1=30.")
@click.option("--set-by", default="", help="Who set the values (shown in every output).")
@click.option("--assign", multiple=True, help="SUBMISSION=EXPERT to add by hand.")
@click.option("--unassign", multiple=True, help="SUBMISSION=EXPERT to remove by hand.")
@click.option("--sign-as", "signer_id", help="Sign with this key (the organizer's).")
@click.option("--batch-id", help="The round's batch id (default: <authority's id>-R<date>).")
@click.option("--organizer", help="Who prepares the round (default: the authority's organizer).")
@click.option("--title")
@click.option(
    "--index",
    is_flag=True,
    help="Carry every evidence page's text, so experts' sessions need not extract it.",
)
@click.option(
    "--ocr",
    is_flag=True,
    help="With --index: read scanned pages with Tesseract (tesseract-ocr, chi-sim), if installed.",
)
@click.option(
    "--algorithm",
    type=click.Choice(ALGORITHMS),
    default=ED25519,
    show_default=True,
    help="How every file of the batch is signed (sm2: 国密 SM2/SM3).",
)
@click.option(
    "--sm2-signer-id",
    "sm2_id",
    help=f"SM2's signer id for the batch (default {DEFAULT_SIGNER_ID}); sm2 only.",
)
@click.option(
    "--encrypt",
    is_flag=True,
    help="Encrypt the package to the roster, the signer and --encrypt-to (age).",
)
@click.option(
    "--encrypt-to",
    "extra_cards",
    multiple=True,
    type=FILE,
    help="Also encrypt to this key card (the chair's); with --encrypt.",
)
@click.option("--out", required=True, type=FILE)
def prepare_command(
    source: Path,
    evidence: Path | None,
    scheme_id: str | None,
    roster_path: Path,
    per_submission: int,
    counts: tuple[str, ...],
    split: tuple[str, ...],
    split_size: int | None,
    values: tuple[str, ...],
    set_by: str,
    assign: tuple[str, ...],
    unassign: tuple[str, ...],
    signer_id: str | None,
    batch_id: str | None,
    organizer: str | None,
    title: str | None,
    index: bool,
    ocr: bool,
    algorithm: str,
    sm2_id: str | None,
    encrypt: bool,
    extra_cards: tuple[Path, ...],
    out: Path,
) -> None:
    """Prepare the signed batch package of a review round."""
    if sm2_id is not None and algorithm != SM2:
        raise click.UsageError("--sm2-signer-id is for --algorithm sm2")
    if extra_cards and not encrypt:
        raise click.BadParameter("--encrypt-to needs --encrypt", param_hint="--encrypt-to")
    options = RoundOptions(
        per_submission=per_submission,
        counts={sid: _count(n) for sid, n in _pairs(counts, "SUBMISSION=N")},
        split=dict(_pairs(split, "GROUP=ROLE")),
        split_size=split_size,
        values=_pairs(values, "TARGET=VALUE"),
        set_by=set_by,
        add=_pairs(assign, "SUBMISSION=EXPERT"),
        remove=_pairs(unassign, "SUBMISSION=EXPERT"),
        batch_id=batch_id,
        title=title,
        organizer=organizer,
        index=index,
        ocr=ocr,
        algorithm=algorithm,
        signer_id=sm2_id,
    )
    if ocr and not index:
        raise click.UsageError("--ocr reads scans for the page texts: give --index too")
    if ocr:
        from expertscore.evidence.ocr import tesseract

        if tesseract() is None:
            raise click.UsageError(
                "--ocr needs Tesseract with simplified Chinese"
                " (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
            )
    signer = None
    if signer_id:
        signer = open_key(signer_id, read_passphrase(f"passphrase of the key of {signer_id}"))
    roster = read_roster(roster_path)
    recipients = None
    if encrypt:
        cards = [read_card(path) for path in extra_cards]
        recipients = package_recipients(roster, cards, signer)
    try:
        manifest = prepare_round(
            source, roster, options, out, signer, evidence, scheme_id, recipients
        )
    except UnassignedSubmissions as error:
        echo("\n".join(shortfall_lines(error, error.policy_needs)), err=True)
        raise
    if manifest.form_import is not None:
        echo("\n".join(import_summary(manifest.form_import)))
    per_expert = loads(manifest.assignments)
    signed = (
        f", signed by {signer.info.name} (key {signer.info.fingerprint})"
        if signer
        else ", unsigned"
    )
    if recipients:
        signed += f", encrypted to {len(recipients)} keys"
    echo(
        f"{out}: {len(manifest.submissions)} submissions, {len(manifest.roster)} experts,"
        f" {len(manifest.assignments)} assignments (load {min(per_expert.values())}–"
        f"{max(per_expert.values())} per expert), {len(manifest.conflicts)} conflicts kept apart"
        f"{signed}"
    )
