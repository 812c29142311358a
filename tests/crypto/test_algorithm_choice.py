"""The organizer's choice of algorithm holds for every key and signature of the batch: a key
of the other algorithm is refused when preparing, signing, submitting and opening, each with
a typed error naming the file (or roster entry), the batch's algorithm and the one found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from expertscore.batch.manifest import Signing
from expertscore.batch.package import open_package
from expertscore.batch.signature import make_signature
from expertscore.crypto import sm2
from expertscore.crypto.dsse import public_key_b64
from expertscore.errors import PackageWrongAlgorithm, WrongAlgorithm
from expertscore.identity.keys import ScryptCost, create_key
from expertscore.organizer.prepare import KeyOfOtherAlgorithm, RoundOptions, prepare_batch
from expertscore.organizer.roster import Roster, RosterExpert
from expertscore.results.submit import SubmitWrongAlgorithm, submit
from expertscore.scoring.service import ScoringService
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from tests.factories import example_builder, rewrite_package
from tests.results.helpers import fixed_key, score_everything

CHEAP = ScryptCost(n=2**10)


def sm2_builder():
    builder = example_builder(submissions=1, experts=2)
    builder.signing = Signing(algorithm="sm2", signer_id="1234567812345678")
    return builder


def test_an_ed25519_batch_manifest_names_no_algorithm(tmp_path):
    manifest = example_builder().write(tmp_path / "ed.esbatch")
    assert manifest.algorithm == "ed25519" and manifest.signer_id is None
    opened = open_package(tmp_path / "ed.esbatch")
    assert b'"signing"' not in opened.manifest_bytes


def test_an_sm2_batch_is_not_signed_with_an_ed25519_key(tmp_path):
    with pytest.raises(PackageWrongAlgorithm) as refused:
        sm2_builder().write(tmp_path / "x.esbatch", signer=(fixed_key("ORG").private_key, "组织方"))
    assert (refused.value.expected, refused.value.found) == ("sm2", "ed25519")
    assert not (tmp_path / "x.esbatch").exists()


def test_an_sm2_package_whose_signature_is_ed25519_is_refused_on_opening(tmp_path):
    unsigned = tmp_path / "unsigned.esbatch"
    sm2_builder().write(unsigned)
    body = open_package(unsigned).manifest_bytes
    forged = make_signature(fixed_key("ORG").private_key, "组织方", body)

    def add_signature(entries):
        manifest = next(e for e in entries if e[0].filename == "manifest.json")
        info = type(manifest[0])("manifest.sig", date_time=manifest[0].date_time)
        return [entries[0], (info, forged), *entries[1:]]

    signed = rewrite_package(unsigned, tmp_path / "signed.esbatch", add_signature)
    with pytest.raises(PackageWrongAlgorithm) as refused:
        open_package(signed)
    assert isinstance(refused.value, WrongAlgorithm)
    assert (refused.value.source, refused.value.expected, refused.value.found) == (
        str(signed),
        "sm2",
        "ed25519",
    )
    assert str(refused.value) == f"{signed}: signed with ed25519, but the batch signs with sm2"


def test_preparing_an_sm2_round_refuses_an_ed25519_roster_key_or_signing_key(tmp_path):
    source = tmp_path / "authority.esbatch"
    example_builder(submissions=1, experts=2).write(source)
    opened = open_package(source)
    sm2_key = public_key_b64(sm2.Sm2PrivateKey.generate().public_key())
    roster = Roster(experts=[
        RosterExpert(id="E01", name="专家1", public_key=sm2_key),
        RosterExpert(id="E02", name="专家2", public_key=fixed_key("E02").info.public_key),
    ])  # fmt: skip
    options = RoundOptions(per_submission=2, algorithm="sm2")
    with pytest.raises(KeyOfOtherAlgorithm) as refused:
        prepare_batch(opened, roster, options, tmp_path / "r.esbatch", None)
    assert (refused.value.source, refused.value.expected, refused.value.found) == (
        "roster E02",
        "sm2",
        "ed25519",
    )
    roster.experts[1].public_key = None
    organizer = create_key("ORG", "组织方", "passphrase 2026", directory=tmp_path / "keys",
                           cost=CHEAP, role="organizer")  # fmt: skip
    with pytest.raises(KeyOfOtherAlgorithm) as refused:
        prepare_batch(opened, roster, options, tmp_path / "r.esbatch", organizer)
    assert (refused.value.expected, refused.value.found) == ("sm2", "ed25519")
    assert not (tmp_path / "r.esbatch").exists()


def test_an_expert_cannot_submit_an_sm2_batch_with_an_ed25519_key(tmp_path):
    package = tmp_path / "sm2.esbatch"
    sm2_builder().write(package)
    session_path = tmp_path / "E01.esession"
    create_session(package, "E01", session_path)
    key = create_key("E01", "专家1", "passphrase 2026", directory=tmp_path / "keys", cost=CHEAP)
    with SessionFile(session_path) as session:
        score_everything(ScoringService(session))
        with pytest.raises(SubmitWrongAlgorithm) as refused:
            submit(session, key, tmp_path / "E01.esresult")
    assert (refused.value.source, refused.value.expected, refused.value.found) == (
        str(key.info.path),
        "sm2",
        "ed25519",
    )
    assert not (tmp_path / "E01.esresult").exists()
    sm2_key = create_key("E01", "专家1", "passphrase 2026", directory=tmp_path / "sm2keys",
                         cost=CHEAP, algorithm="sm2")  # fmt: skip
    with SessionFile(session_path) as session:
        submit(session, sm2_key, tmp_path / "E01.esresult")
    envelope = json.loads((tmp_path / "E01.esresult").read_bytes())
    assert envelope["signatures"][0]["keyid"] == sm2_key.info.fingerprint


def test_a_signer_id_that_is_not_printable_ascii_is_not_a_batch_signing(tmp_path: Path):
    with pytest.raises(ValueError, match="signer_id"):
        Signing(algorithm="sm2", signer_id="张 1")
    with pytest.raises(ValueError, match="names its signer_id"):
        Signing(algorithm="ed25519", signer_id="1234567812345678")
