"""``expertscore key``: make, show and export the signing key of an expert (or the chair)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from expertscore.crypto.dsse import ALGORITHMS, ED25519
from expertscore.identity.keycard import CARD_SUFFIX, make_card, write_card
from expertscore.identity.keys import (
    EXPERT,
    ROLES,
    KeyCannotDecrypt,
    KeyFileError,
    add_recipient,
    create_key,
    key_path,
    keys_dir,
    list_keys,
    local_now,
    open_key,
    write_private,
)
from expertscore.terminal import echo

PASSPHRASE_ENV = "EXPERTSCORE_PASSPHRASE"


def read_passphrase(prompt: str, confirm: bool = False) -> str:
    """From ``EXPERTSCORE_PASSPHRASE`` (scripts), else asked for without echo."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value is not None:
        return value
    return click.prompt(prompt, hide_input=True, confirmation_prompt=confirm, err=True)


@click.group("key")
def key_group() -> None:
    """Your signing key: result files are signed with it."""


@key_group.command("new")
@click.option("--expert", "expert_id", required=True, help="Your id on the batch's roster.")
@click.option("--name", required=True, help="Your name as on the roster.")
@click.option("--organization", default=None, help="Your organization (shown on key cards).")
@click.option(
    "--role",
    type=click.Choice(ROLES),
    default=EXPERT,
    show_default=True,
    help="What the key signs: an expert's results, a chair's panel file, an organizer's batch.",
)
@click.option(
    "--algorithm",
    type=click.Choice(ALGORITHMS),
    default=ED25519,
    show_default=True,
    help="The signature algorithm: the one of the batches the key will sign (sm2: 国密 SM2/SM3).",
)
def new_command(
    expert_id: str, name: str, organization: str | None, role: str, algorithm: str
) -> None:
    """Make a new key pair, encrypted with a passphrase you choose."""
    passphrase = read_passphrase(f"new passphrase for the key of {expert_id}", confirm=True)
    key = create_key(expert_id, name, passphrase, organization, role=role, algorithm=algorithm)
    kind = role if algorithm == ED25519 else f"{role}, {algorithm}"
    echo(
        f"new key for {expert_id} {key.info.name} ({kind}): fingerprint {key.info.fingerprint}\n"
        f"stored in {key.info.path}, encrypted with your passphrase"
        " (it cannot be recovered: keep it safe)"
    )


@key_group.command("show")
@click.option("--expert", "expert_id", default=None, help="Show only this id's key.")
def show_command(expert_id: str | None) -> None:
    """List the keys on this computer with their fingerprints."""
    listing = list_keys()
    keys = [k for k in listing.keys if expert_id is None or k.expert_id == expert_id]
    if expert_id is not None and not keys:
        raise KeyFileError(f"no key for {expert_id} in {keys_dir()}").saying(
            "none_for", expert=expert_id, folder=keys_dir()
        )
    if not keys and not listing.problems:
        echo(f"no keys in {keys_dir()}; make one with `expertscore key new`")
    for key in keys:
        organization = f" ({key.organization})" if key.organization else ""
        echo(
            f"{key.expert_id}  {key.name}{organization}  fingerprint {key.fingerprint}"
            f"  role {key.role}{_algorithm_note(key.algorithm)}  created {key.created}"
            f"  {key.path}"
        )
    for problem in listing.problems:
        echo(f"unreadable: {problem}")


def _algorithm_note(algorithm: str) -> str:
    """Said only of SM2 keys: Ed25519 is the default, and listings stay as they were."""
    return "" if algorithm == ED25519 else f"  algorithm {algorithm}"


@key_group.command("export-card")
@click.option("--expert", "expert_id", required=True, help="Whose key.")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help=f"Card file (default: <id>{CARD_SUFFIX} here).",
)
def export_card_command(expert_id: str, out: Path | None) -> None:
    """Write a key card (public key, self-signed) to give to the panel chair."""
    passphrase = read_passphrase(f"passphrase for the key of {expert_id}")
    key = open_key(expert_id, passphrase)
    path = write_card(make_card(key), out or Path(f"{expert_id}{CARD_SUFFIX}"))
    info = key.info
    echo(f"{path}: key card of {expert_id} {info.name}, fingerprint {info.fingerprint}")
    if info.recipient is None:
        echo(
            f"this card has no encryption recipient (older key): nothing can be encrypted to"
            f" {expert_id} until `expertscore key add-recipient --expert {expert_id}`",
            err=True,
        )


@key_group.command("add-recipient")
@click.option("--expert", "expert_id", required=True, help="Whose key.")
def add_recipient_command(expert_id: str) -> None:
    """Give an older key (made before key/3) its decryption identity; the key still signs."""
    passphrase = read_passphrase(f"passphrase for the key of {expert_id}")
    key = open_key(expert_id, passphrase)  # names a missing key or a wrong passphrase
    had = key.age_identity is not None
    key = add_recipient(key_path(expert_id), passphrase)
    state = "already had" if had else "now has"
    echo(
        f"the key of {expert_id} {state} the encryption recipient {key.info.recipient};"
        " export a new key card for the chair"
    )


@key_group.command("export-identity")
@click.option("--expert", "expert_id", required=True, help="Whose key.")
@click.option("--out", required=True, type=click.Path(path_type=Path, dir_okay=False))
def export_identity_command(expert_id: str, out: Path) -> None:
    """Write the key's decryption identity as an age identity file (for `age -d -i FILE`).

    The file is the secret half in clear: it is written owner-only and never overwritten;
    delete it when done."""
    key = open_key(expert_id, read_passphrase(f"passphrase for the key of {expert_id}"))
    if key.age_identity is None:
        raise KeyCannotDecrypt(expert_id)
    text = f"# created: {local_now()}\n# public key: {key.info.recipient}\n{key.age_identity}\n"
    write_private(out, text.encode("ascii"))
    echo(f"{out}: age identity of {expert_id} (recipient {key.info.recipient}); keep it private")
