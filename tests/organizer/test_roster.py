"""The roster takes experts' key cards, never an organizer's."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.identity.keycard import make_card
from expertscore.identity.keys import ExpertKey
from expertscore.organizer.roster import OrganizerCardOnRoster, Roster, add_card


def key(expert: str, role: str) -> ExpertKey:
    return ExpertKey.from_private_key(Ed25519PrivateKey.generate(), expert, "某人", role=role)


def test_an_organizers_card_is_refused_and_a_chairs_taken():
    roster = add_card(Roster(), make_card(key("CH", "chair")), None, [])
    with pytest.raises(OrganizerCardOnRoster) as refused:
        add_card(roster, make_card(key("ORG", "organizer")), None, [])
    assert refused.value.expert == "ORG"
    assert str(refused.value) == (
        "ORG: the key card of ORG is an organizer's; the panel's experts sign with their own keys"
    )
    assert [e.id for e in roster.experts] == ["CH"]
