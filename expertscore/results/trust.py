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
from expertscore.identity.keycard import KeyCard, check_card_algorithm
from expertscore.identity.keys import KeyInfo

ROSTER = "the batch roster"
LOCAL = "your key on this computer"
CARD = "key card"
# The source of a key the chair confirmed (``chair.decisions``' confirm-key).
CHAIR_CONFIRMED = "the chair's check against the signed paper sheet"


@dataclass(frozen=True)
class KnownKey:
    owner: str
    public_key: str
    source: str  # ROSTER, "key card <file>", LOCAL or CHAIR_CONFIRMED


def source_kind(source: str) -> str:
    """``roster``, ``chair``, ``keycard`` or ``local``: the kind of a ``KnownKey.source``."""
    if source == ROSTER:
        return "roster"
    if source == CHAIR_CONFIRMED:
        return "chair"
    return "local" if source == LOCAL else "keycard"


@dataclass(frozen=True)
class Identity:
    checked: bool
    how: str  # e.g. "pinned for E01 in the batch roster", "not checked: ..."
    source: str = "unchecked"  # "roster", "chair", "keycard", "local" or "unchecked"


class KeyUntrusted(Exception):
    """The key is not the person's; the message is the one-line reason."""

    def __init__(self, owner: str, rule: str, message: str) -> None:
        self.owner = owner
        self.rule = rule  # "pinned", "confirmed", "two-keys", "known", "others", "unknown"
        super().__init__(message)


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
        if package is not None:
            for card in cards:
                check_card_algorithm(card, package.manifest.algorithm)
        keys = [
            KnownKey(expert.id, expert.public_key, ROSTER)
            for expert in (package.manifest.roster if package else [])
            if expert.public_key
        ]
        keys += [KnownKey(c.expert_id, c.public_key, f"{CARD} {c.source}") for c in cards]
        keys += [KnownKey(k.expert_id, k.public_key, LOCAL) for k in local]
        return cls(keys=keys, strict=package is not None or bool(cards))

    def check(self, owner: str, public_key: str) -> Identity:
        """The identity of ``public_key`` as ``owner``'s key, or ``KeyUntrusted``.

        The roster's pin wins; then the chair's confirmation against the signed paper
        sheet; then key cards and the keys on this computer, but only while they agree:
        two different keys claiming one person are both refused until the chair confirms
        one.
        """
        claimed = fingerprint(public_key)
        others = sorted({k.owner for k in self.keys if k.public_key == public_key} - {owner})
        whose = f"; it is the key of {', '.join(others)}" if others else ""
        owned = [k for k in self.keys if k.owner == owner]
        for kind, how in (("roster", f"pinned for {owner} in {ROSTER}"), ("chair", None)):
            ruling = [k for k in owned if source_kind(k.source) == kind]
            if not ruling:
                continue
            if all(k.public_key != public_key for k in ruling):
                given = fingerprint(ruling[0].public_key)
                said = (
                    f"the batch roster pins key {given} for {owner}"
                    if kind == "roster"
                    else f"the chair confirmed key {given} for {owner} against the paper sheet"
                )
                rule = "pinned" if kind == "roster" else "confirmed"
                raise KeyUntrusted(owner, rule, f"signed with key {claimed}, but {said}{whose}")
            return Identity(True, how or f"confirmed for {owner} by {CHAIR_CONFIRMED}", kind)
        claims = {k.public_key: k for k in owned}
        if len(claims) > 1:
            listed = ", ".join(f"{fingerprint(k.public_key)} ({k.source})" for k in claims.values())
            raise KeyUntrusted(
                owner,
                "two-keys",
                f"{len(claims)} different keys claim {owner}: {listed}; none is trusted until"
                " the chair confirms one against the signed paper sheet (chair confirm-key)",
            )
        match = claims.get(public_key)
        if match is not None:
            return Identity(True, f"matches {match.source} of {owner}", source_kind(match.source))
        if owned:
            raise KeyUntrusted(
                owner,
                "known",
                f"signed with key {claimed}, but {owner}'s known key is"
                f" {fingerprint(owned[0].public_key)} ({owned[0].source}){whose}",
            )
        if others:
            raise KeyUntrusted(
                owner, "others", f"the file names {owner} but is signed with key {claimed}{whose}"
            )
        if self.strict:
            raise KeyUntrusted(
                owner,
                "unknown",
                f"unknown key {claimed}: neither the batch roster nor a key card names a key"
                f" for {owner}",
            )
        return Identity(False, "not checked: give --batch or --keycard to check whose key it is")
