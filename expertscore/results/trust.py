"""Which public key belongs to whom: the batch roster's pins, key cards, the user's own keys.

A signature only proves that *some* key signed; the chair must also know the key is the
named person's. ``KeyTrust.check`` answers that for one (person, key) pair. A key pinned
in the batch roster wins over everything else. When the caller gave a roster or key cards
(``strict``), a key none of them names is refused as unknown; without any, the identity is
reported as not checked and the verdict rests on the signature alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from expertscore.batch.package import OpenedPackage
from expertscore.crypto.dsse import fingerprint
from expertscore.identity.keycard import KeyCard
from expertscore.identity.keys import KeyInfo

ROSTER = "the batch roster"


@dataclass(frozen=True)
class KnownKey:
    owner: str
    public_key: str
    source: str  # "the batch roster", "key card <file>", "your key on this computer"


@dataclass(frozen=True)
class Identity:
    checked: bool
    how: str  # e.g. "pinned in the batch roster", "not checked: no roster or key card given"


class KeyUntrusted(Exception):
    """The key is not the person's; the message is the one-line reason."""


@dataclass(frozen=True)
class KeyTrust:
    keys: list[KnownKey] = field(default_factory=list)
    strict: bool = False

    @classmethod
    def build(
        cls,
        package: OpenedPackage | None = None,
        cards: Iterable[KeyCard] = (),
        local: Iterable[KeyInfo] = (),
    ) -> KeyTrust:
        cards = list(cards)
        keys = [
            KnownKey(expert.id, expert.public_key, ROSTER)
            for expert in (package.manifest.roster if package else [])
            if expert.public_key
        ]
        keys += [KnownKey(c.expert_id, c.public_key, f"key card {c.source}") for c in cards]
        keys += [KnownKey(k.expert_id, k.public_key, "your key on this computer") for k in local]
        return cls(keys=keys, strict=package is not None or bool(cards))

    def check(self, owner: str, public_key: str) -> Identity:
        """The identity of ``public_key`` as ``owner``'s key, or ``KeyUntrusted``."""
        claimed = fingerprint(public_key)
        others = sorted({k.owner for k in self.keys if k.public_key == public_key} - {owner})
        whose = f"; it is the key of {', '.join(others)}" if others else ""
        pins = [k for k in self.keys if k.owner == owner and k.source == ROSTER]
        owned = [k for k in self.keys if k.owner == owner]
        if pins:
            if all(k.public_key != public_key for k in pins):
                raise KeyUntrusted(
                    f"signed with key {claimed}, but the batch roster pins key"
                    f" {fingerprint(pins[0].public_key)} for {owner}{whose}"
                )
            return Identity(True, f"pinned for {owner} in {ROSTER}")
        match = next((k for k in owned if k.public_key == public_key), None)
        if match is not None:
            return Identity(True, f"matches {match.source} of {owner}")
        if owned:
            known = ", ".join(sorted({fingerprint(k.public_key) for k in owned}))
            raise KeyUntrusted(
                f"signed with key {claimed}, but {owner}'s known key is {known}"
                f" ({owned[0].source}){whose}"
            )
        if others:
            raise KeyUntrusted(f"the file names {owner} but is signed with key {claimed}{whose}")
        if self.strict:
            raise KeyUntrusted(
                f"unknown key {claimed}: neither the batch roster nor a key card names a key"
                f" for {owner}"
            )
        return Identity(False, "not checked: give --batch or --keycard to check whose key it is")
