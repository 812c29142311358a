"""Whose key is whose: each verdict names its trust source; two keys for one id are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.chair.decisions import CONFIRMED_SOURCE, confirm_key
from expertscore.chair.merge import ACCEPTED, REFUSED
from expertscore.chair.run import ChairRun
from expertscore.identity.keycard import read_cards
from expertscore.results.envelope import KeyRefused
from expertscore.results.submit import submit
from expertscore.results.trust import CHAIR_CONFIRMED, KeyTrust
from expertscore.results.verify import check_result, verify_file
from expertscore.storage.session import SessionFile
from tests.results.helpers import card_of, complete_session, fixed_key

REAL, FORGED = fixed_key("E01"), fixed_key("E01", "forger")


@pytest.fixture
def files(package: Path, tmp_path: Path) -> dict[str, Path]:
    found = {}
    for name, key in (("real", REAL), ("forged", FORGED)):
        session = complete_session(package, "E01", tmp_path / f"{name}.esession")
        with SessionFile(session) as opened:
            found[name] = submit(opened, key, tmp_path / f"{name}.esresult").path
        card_of(key, tmp_path / f"cards-{name}")
    return found


def test_the_chairs_confirmation_is_the_trust_source_the_merge_uses():
    assert CHAIR_CONFIRMED == CONFIRMED_SOURCE


def test_a_key_card_is_named_as_the_source(package, files, tmp_path):
    opened = open_package(package)
    trust = KeyTrust.build(opened, read_cards([tmp_path / "cards-real"]))
    verdict = verify_file(files["real"], opened, trust)
    assert verdict.ok
    assert verdict.result.identity.source == "keycard"
    assert "(matches key card" in "\n".join(verdict.lines())


def test_two_keys_claiming_one_expert_are_both_refused_by_name(package, files, tmp_path):
    opened = open_package(package)
    trust = KeyTrust.build(opened, read_cards([tmp_path / "cards-real", tmp_path / "cards-forged"]))
    for name in ("real", "forged"):
        with pytest.raises(KeyRefused) as info:
            check_result(files[name].read_bytes(), name, opened, trust)
        assert (info.value.expert, info.value.rule) == ("E01", "two-keys")
        assert REAL.info.fingerprint in info.value.reason
        assert FORGED.info.fingerprint in info.value.reason
        assert "chair confirm-key" in info.value.reason


def test_after_the_chair_confirms_one_key_only_that_one_is_merged(package, files, tmp_path):
    cards = [tmp_path / "cards-real", tmp_path / "cards-forged"]
    merge = tmp_path / "merge"
    run = ChairRun.open(package, merge, cards)
    assert [d.outcome for d in run.plan([files["forged"], files["real"]])] == [REFUSED] * 2

    confirm_key(merge, "E01", REAL.info.public_key, REAL.info.fingerprint)
    run = ChairRun.open(package, merge, cards)
    decisions = run.plan([files["forged"], files["real"]])
    outcomes = {Path(d.source).stem: (d.outcome, d.reason) for d in decisions}
    assert outcomes["forged"][0] == REFUSED
    assert "the chair confirmed key" in outcomes["forged"][1]
    assert outcomes["real"][0] == ACCEPTED
    assert outcomes["real"][1] == (
        f"new; key {REAL.info.fingerprint} confirmed by the chair against the signed paper sheet"
    )
