"""The demo's confidential round (``expertscore demo --encrypted``): its keys and passphrase.

A real round has every panel member's key on their own computer; the demo plays every
part in one process, so it makes the keys itself: a fresh ``age`` identity for each roster
expert, the chair and a demo authority, and one random passphrase for the experts'
sessions. Because it is a demo, what a reader needs to look inside is written to the
output folder's ``keys/`` (owner-only) and the demo says so: the session passphrase (for
``--passphrase-file``) and the chair's and the authority's identities as standard ``age``
identity files (``age -d -i keys/authority.agekey panel.espanel``). The experts'
identities stay in memory: their files are the sessions, opened with the passphrase.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from expertscore.crypto import sealed
from expertscore.private import owner_only

KEYS_DIR = "keys"
PASSPHRASE_FILE = "session-passphrase.txt"
CHAIR_IDENTITY = "chair.agekey"
AUTHORITY_IDENTITY = "authority.agekey"
CHAIR_OWNER = "CHAIR"
AUTHORITY_OWNER = "AUTHORITY"


@dataclass(frozen=True)
class DemoSecrets:
    """The keys of a demo round: identities by owner id, the session passphrase, the files."""

    passphrase: str = field(repr=False)
    identities: dict[str, str] = field(repr=False)
    passphrase_file: Path
    chair_identity_file: Path
    authority_identity_file: Path

    def recipient(self, owner: str) -> str:
        return sealed.recipient_of(self.identities[owner])

    def package_recipients(self, experts: Iterable[str]) -> list[str]:
        """The package goes to every roster expert and the chair."""
        return [self.recipient(owner) for owner in [*experts, CHAIR_OWNER]]

    def unlock_panel(self) -> None:
        """The experts' and the chair's keys, as each would unlock theirs on their computer
        (the demo plays them all in this process). The authority's stays locked."""
        for owner, identity in self.identities.items():
            if owner != AUTHORITY_OWNER:
                sealed.unlock(identity, owner)


def make_secrets(folder: Path, experts: Iterable[str]) -> DemoSecrets:
    """New keys for ``experts``, the chair and the authority; the readable ones written."""
    keys = folder / KEYS_DIR
    keys.mkdir(parents=True, exist_ok=True)
    owner_only(keys)
    owners = [*experts, CHAIR_OWNER, AUTHORITY_OWNER]
    identities = {owner: sealed.new_identity() for owner in owners}
    passphrase = secrets.token_urlsafe(12)  # 16 characters: above the minimum of 8
    return DemoSecrets(
        passphrase,
        identities,
        _write_secret(keys / PASSPHRASE_FILE, passphrase + "\n"),
        _write_secret(keys / CHAIR_IDENTITY, _identity_file(identities[CHAIR_OWNER])),
        _write_secret(keys / AUTHORITY_IDENTITY, _identity_file(identities[AUTHORITY_OWNER])),
    )


def _identity_file(identity: str) -> str:
    # What age-keygen writes: comment lines, then the identity.
    return f"# public key: {sealed.recipient_of(identity)}\n{identity}\n"


def _write_secret(path: Path, text: str) -> Path:
    path.unlink(missing_ok=True)
    path.touch(mode=0o600)  # owner-only before a secret byte is in it
    path.write_text(text, encoding="utf-8")
    return owner_only(path)


def read_identity_file(path: Path) -> str:
    """The identity in an ``age`` identity file (comment lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(line for line in lines if line.startswith(sealed.IDENTITY_PREFIX))
