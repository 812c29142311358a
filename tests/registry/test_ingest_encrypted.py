"""A panel file encrypted to the authority: the registry ingests it with the authority's key
unlocked, as its clear bytes, and refuses it in one line without the key."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.crypto import sealed
from expertscore.identity.keys import ExpertKey
from expertscore.registry.db import open_registry
from expertscore.registry.ingest import IngestRefused, Outcome, ingest


def key_of(owner: str) -> ExpertKey:
    identity = sealed.new_identity()
    return ExpertKey.from_private_key(
        Ed25519PrivateKey.generate(), owner, owner, role="chair", age_identity=identity
    )


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_encrypted_panel_file_is_ingested_with_the_authoritys_key(db_url, rounds, tmp_path):
    r = rounds["LN-2025-1"]
    authority, stranger = key_of("AUTH"), key_of("OTHER")
    plain = r.panel.read_bytes()
    encrypted = tmp_path / "panel.espanel"
    encrypted.write_bytes(sealed.seal_bytes(plain, [authority.info.recipient], encrypted))
    assert encrypted.read_bytes().startswith(b"age-encryption.org/v1\n")
    engine = open_registry(db_url)
    with pytest.raises(IngestRefused) as refused:
        ingest(engine, encrypted, r.package)
    assert refused.value.reason == (
        "the file is encrypted; unlock a key it was encrypted to (--key ID)"
    )
    sealed.unlock(stranger.age_identity, "OTHER")
    with pytest.raises(IngestRefused) as refused:
        ingest(engine, encrypted, r.package)
    assert refused.value.reason == "the file is encrypted, and not to the key of OTHER"
    sealed.unlock(authority.age_identity, "AUTH")
    done = ingest(engine, encrypted, r.package)
    assert done.outcome == Outcome.ADDED
    again = ingest(engine, r.panel, r.package)  # the same panel file, in clear
    assert (again.outcome, again.sha256) == (Outcome.UNCHANGED, done.sha256)
    engine.dispose()
