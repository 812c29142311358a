"""The organizer keys this computer has seen: trust on first use, per batch and organizer.

A package's signature proves only that *some* key signed it; anyone can sign a changed
package under the organizer's name. So the expert's program remembers, on the first import
of a signed package, which key signed batch *id* for organizer *name*, in
``known-organizers.json`` in the user's data folder (``EXPERTSCORE_DATA_DIR`` overrides
it), and refuses a later package of the same batch and organizer that is signed by another
key or not signed at all (``OrganizerKeyChanged``). Unsigned packages are not remembered.
The file (``docs/formats.md``) is written whole, owner-only, by rename.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from expertscore.batch.package import OpenedPackage
from expertscore.crypto.dsse import fingerprint
from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import data_dir
from expertscore.wording.cli import say

KNOWN_FORMAT = "expertscore-known-organizers/1"
KNOWN_NAME = "known-organizers.json"


@dataclass(frozen=True)
class PackageSigner:
    """Who signed a package, as the package says (``signer`` None: unsigned)."""

    batch_id: str
    organizer: str
    signer: str | None
    fingerprint: str | None


def package_signer(opened: OpenedPackage) -> PackageSigner:
    signature = opened.signature
    return PackageSigner(
        batch_id=opened.manifest.batch.id,
        organizer=opened.manifest.batch.organizer,
        signer=signature.signer if signature else None,
        fingerprint=signature.fingerprint if signature else None,
    )


def signer_line(opened: OpenedPackage) -> str:
    """One line for the command line: who signed the package, or a warning that nobody did."""
    who = package_signer(opened)
    if who.signer is None:
        return say("unsigned", path=opened.path, organizer=who.organizer)
    return say("signed_by", batch=who.batch_id, signer=who.signer, key=who.fingerprint)


class OrganizerKeyChanged(ExpertScoreError):
    """A package of a known batch and organizer, signed by another key than the first time."""

    def __init__(
        self, path: Path, who: PackageSigner, known: str, first_seen: str, store: Path
    ) -> None:
        self.path = path
        self.batch_id = who.batch_id
        self.organizer = who.organizer
        self.known_fingerprint = known
        self.fingerprint = who.fingerprint  # None: the package is unsigned
        self.first_seen = first_seen
        self.store = store
        now = f"is signed by key {who.fingerprint}" if who.fingerprint else "is not signed"
        super().__init__(
            f"{path}: batch {who.batch_id} of {who.organizer} was signed by key {known} when"
            f" first opened here ({first_seen}); this package {now}. Ask the organizer; do not"
            f" use it unless they confirm a new key (the record is in {store})"
        )
        self.saying("signed" if who.fingerprint else "unsigned")


class KnownOrganizers:
    """The remembered keys, read from and written to one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[dict[str, str]] = []
        if path.exists():
            self.entries = _read(path)

    @classmethod
    def load(cls, directory: Path | None = None) -> KnownOrganizers:
        return cls((directory or data_dir()) / KNOWN_NAME)

    def _find(self, batch_id: str, organizer: str) -> dict[str, str] | None:
        return next(
            (e for e in self.entries if (e["batch"], e["organizer"]) == (batch_id, organizer)),
            None,
        )

    def check(self, opened: OpenedPackage) -> PackageSigner:
        """The package's signer; ``OrganizerKeyChanged`` if it differs from the known key."""
        who = package_signer(opened)
        known = self._find(who.batch_id, who.organizer)
        if known is not None and (
            opened.signature is None or opened.signature.public_key != known["public_key"]
        ):
            raise OrganizerKeyChanged(
                opened.path, who, fingerprint(known["public_key"]), known["first_seen"], self.path
            )
        return who

    def remember(self, opened: OpenedPackage) -> None:
        """Keep the key of a signed package seen for the first time (written at once)."""
        who = self.check(opened)
        if opened.signature is None or self._find(who.batch_id, who.organizer) is not None:
            return
        self.entries.append(
            {
                "batch": who.batch_id,
                "organizer": who.organizer,
                "signer": opened.signature.signer,
                "public_key": opened.signature.public_key,
                "first_seen": datetime.now(UTC).isoformat(timespec="seconds"),
            }
        )
        _write(self.path, {"format": KNOWN_FORMAT, "organizers": self.entries})


def _read(path: Path) -> list[dict[str, str]]:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ExpertScoreError(f"{path}: cannot read the known organizer keys ({exc})").saying(
            "known_unreadable", path=path, reason=exc
        ) from None
    fields = {"batch", "organizer", "signer", "public_key", "first_seen"}
    if (
        not isinstance(raw, dict)
        or raw.get("format") != KNOWN_FORMAT
        or not isinstance(raw.get("organizers"), list)
        or not all(
            isinstance(e, dict) and set(e) == fields and all(isinstance(v, str) for v in e.values())
            for e in raw["organizers"]
        )
    ):
        raise ExpertScoreError(
            f"{path}: not a {KNOWN_FORMAT} file; move it away to start afresh"
        ).saying("known_format", path=path, format=KNOWN_FORMAT)
    return raw["organizers"]


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
