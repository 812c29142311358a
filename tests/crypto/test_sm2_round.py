"""A whole review round signed with SM2 (国密), by the command line: the organizer, three
experts and the chair; every signed file is then checked by the pure-Python ``gmssl``."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from expertscore.batch.package import open_package
from expertscore.batch.signature import ORGANIZER_PAYLOAD
from expertscore.chair.member_notes import NOTE_PAYLOAD_TYPE, NoteWrongAlgorithm, read_note
from expertscore.chair.panel_file import PANEL_PAYLOAD_TYPE, PanelWrongAlgorithm, check_panel_bytes
from expertscore.errors import WrongAlgorithm
from expertscore.identity.keycard import (
    KEYCARD_PAYLOAD,
    KeyCardWrongAlgorithm,
    parse_card,
    statement,
)
from expertscore.results.envelope import RESULT_PAYLOAD_TYPE, ResultRefused, ResultWrongAlgorithm
from expertscore.results.trust import KeyTrust
from expertscore.results.verify import check_result
from expertscore.scoring.service import ScoringService
from expertscore.storage.session import SessionFile
from tests.crypto.gmssl_check import gmssl_verifies
from tests.factories import example_builder
from tests.results.helpers import score_everything

EXE = Path(sys.executable).with_name("expertscore")
PASSPHRASE = "国密 passphrase 2026"
EXPERTS = ("E01", "E02", "E03")
SIGNER_ID = "LN-GXT-2026"  # the batch names its own SM2 signer id


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(EXE), *args], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


def envelope_parts(path: Path) -> tuple[bytes, dict, str]:
    envelope = json.loads(path.read_bytes())
    body = base64.b64decode(envelope["payload"])
    return body, json.loads(body), envelope["signatures"][0]["sig"]


@pytest.fixture(scope="module")
def round_(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("sm2-round")
    env = {**os.environ, "EXPERTSCORE_DATA_DIR": str(root / "data"),
           "EXPERTSCORE_PASSPHRASE": PASSPHRASE}  # fmt: skip
    authority = root / "authority.esbatch"
    builder = example_builder(submissions=2, experts=3)
    # A panel of three: the mean (the example's trimmed mean needs five experts).
    builder.scheme_text = builder.scheme_text.replace(
        "method: trimmed_mean\n  trim_min_experts: 5", "method: mean"
    )
    builder.write(authority)
    roster = root / "roster.json"
    for number, expert in enumerate(EXPERTS, start=1):
        made = run(env, "key", "new", "--expert", expert, "--name", f"专家{number}",
                   "--organization", "某大学", "--algorithm", "sm2")  # fmt: skip
        assert "(expert, sm2)" in made.stdout
        card = root / f"{expert}.eskeycard"
        run(env, "key", "export-card", "--expert", expert, "--out", str(card))
        run(env, "roster", "add", str(card), "--roster", str(roster), "--role", "技术")
    run(env, "key", "new", "--expert", "ORG", "--name", "辽宁省工信厅", "--role", "organizer",
        "--algorithm", "sm2")  # fmt: skip
    run(env, "key", "new", "--expert", "CHAIR", "--name", "王组长", "--role", "chair",
        "--algorithm", "sm2")  # fmt: skip
    run(env, "key", "export-card", "--expert", "CHAIR", "--out", str(root / "CHAIR.eskeycard"))
    package = root / "round.esbatch"
    run(env, "batch", "prepare", "--from", str(authority), "--roster", str(roster),
        "--experts-per-submission", "3", "--sign-as", "ORG", "--algorithm", "sm2",
        "--sm2-signer-id", SIGNER_ID, "--batch-id", "SM2-ROUND", "--out", str(package))  # fmt: skip
    for expert in EXPERTS:
        session = root / f"{expert}.esession"
        run(env, "session", "create", "--batch", str(package), "--expert", expert,
            "--out", str(session))  # fmt: skip
        with SessionFile(session) as opened:  # the scoring itself, as the window's edits
            score_everything(ScoringService(opened))
        run(env, "submit", "--session", str(session), "--out", str(root / f"{expert}.esresult"))
    results = sorted(root.glob("*.esresult"))
    merge = root / "merge"
    run(env, "merge", "--batch", str(package), "--out", str(merge), *map(str, results))
    request = root / "request.json"
    run(env, "chair", "explain-request", "--batch", str(package), "--dir", str(merge),
        "--by", "王组长", "--out", str(request))  # fmt: skip
    run(env, "statement", "--batch", str(package), "--request", str(request), "--expert", "E01",
        "--stance", "agree", "--out", str(root / "E01-statement.esnote"))  # fmt: skip
    run(env, "chair", "notes", "--batch", str(package), "--dir", str(merge),
        str(root / "E01-statement.esnote"))  # fmt: skip
    out = root / "out"
    run(env, "chair", "export", "--batch", str(package), "--dir", str(merge), "--out", str(out),
        "--sign-as", "CHAIR")  # fmt: skip
    return {"root": root, "package": package, "merge": merge, "out": out, "env": env}  # type: ignore[dict-item]


def test_the_batch_records_sm2_and_its_signer_id_and_the_organizer_signs_with_sm2(round_):
    with zipfile.ZipFile(round_["package"]) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        body = archive.read("manifest.json")
        signature = json.loads(archive.read("manifest.sig"))
    assert manifest["signing"] == {"algorithm": "sm2", "signer_id": SIGNER_ID}
    assert all(e["public_key"].startswith("sm2:") for e in manifest["roster"])
    assert signature["public_key"].startswith("sm2:")
    assert gmssl_verifies(signature["public_key"], ORGANIZER_PAYLOAD, body, signature["sig"],
                          SIGNER_ID)  # fmt: skip
    assert not gmssl_verifies(signature["public_key"], ORGANIZER_PAYLOAD, body, signature["sig"])
    assert open_package(round_["package"]).manifest.algorithm == "sm2"
    shown = run(round_["env"], "batch", "inspect", str(round_["package"])).stdout
    assert f"algorithm:    sm2 (国密 SM2/SM3), signer id {SIGNER_ID}" in shown.splitlines()


def test_every_result_verifies_by_the_command_line_and_by_gmssl(round_):
    env = round_["env"]
    for expert in EXPERTS:
        path = round_["root"] / f"{expert}.esresult"
        done = run(env, "verify", str(path), "--batch", str(round_["package"]))
        assert "verdict:     VALID" in done.stdout
        assert "(pinned for " + expert + " in the batch roster)" in done.stdout
        body, payload, sig = envelope_parts(path)
        key = payload["expert"]["public_key"]
        assert key.startswith("sm2:")
        assert gmssl_verifies(key, RESULT_PAYLOAD_TYPE, body, sig, SIGNER_ID)


def test_the_panel_file_reruns_and_verifies_by_gmssl_and_the_note_too(round_):
    env, root = round_["env"], round_["root"]
    panel = next(round_["out"].glob("*.espanel"))
    done = run(env, "verify", str(panel), "--batch", str(round_["package"]),
               "--results", str(round_["merge"] / "results"))  # fmt: skip
    assert "VALID: the re-run gives the same results" in done.stdout
    body, payload, sig = envelope_parts(panel)
    assert gmssl_verifies(payload["chair"]["public_key"], PANEL_PAYLOAD_TYPE, body, sig, SIGNER_ID)
    body, payload, sig = envelope_parts(root / "E01-statement.esnote")
    assert gmssl_verifies(payload["expert"]["public_key"], NOTE_PAYLOAD_TYPE, body, sig, SIGNER_ID)
    assert (round_["merge"] / "notes" / "E01-statement.esnote").is_file()


def test_the_key_cards_self_signatures_verify_by_gmssl_with_the_standard_id(round_):
    for name in (*EXPERTS, "CHAIR"):
        path = round_["root"] / f"{name}.eskeycard"
        card = parse_card(path.read_bytes(), str(path))
        body = statement(card.expert_id, card.name, card.organization, card.public_key,
                         card.created, card.role, card.recipient)  # fmt: skip
        assert card.recipient is not None  # keys made now can be encrypted to
        assert gmssl_verifies(card.public_key, KEYCARD_PAYLOAD, body, card.sig)


def test_the_registry_takes_in_the_sm2_panel_file(round_):
    env = round_["env"]
    panel = next(round_["out"].glob("*.espanel"))
    db = round_["root"] / "registry.sqlite"
    done = run(env, "registry", "--db", str(db), "ingest", str(panel), "--batch",
               str(round_["package"]), "--results", str(round_["merge"] / "results"))  # fmt: skip
    assert "SM2-ROUND" in done.stdout


@pytest.fixture(scope="module")
def ed25519_package(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ed25519") / "ed.esbatch"
    example_builder(submissions=2, experts=3).write(out)
    return out


def test_an_sm2_result_panel_file_or_note_offered_for_an_ed25519_batch_is_refused(
    round_, ed25519_package
):
    ed = open_package(ed25519_package)
    result = round_["root"] / "E01.esresult"
    with pytest.raises(ResultWrongAlgorithm) as refused:
        check_result(result.read_bytes(), str(result), ed)
    assert (refused.value.source, refused.value.expected, refused.value.found) == (
        str(result),
        "ed25519",
        "sm2",
    )
    assert isinstance(refused.value, ResultRefused) and isinstance(refused.value, WrongAlgorithm)
    assert refused.value.reason == "signed with sm2, but the batch signs with ed25519"
    panel = next(round_["out"].glob("*.espanel"))
    with pytest.raises(PanelWrongAlgorithm) as refused:
        check_panel_bytes(panel.read_bytes(), str(panel), ed)
    assert (refused.value.expected, refused.value.found) == ("ed25519", "sm2")
    note = round_["root"] / "E01-statement.esnote"
    with pytest.raises(NoteWrongAlgorithm) as refused:
        read_note(note.read_bytes(), str(note), ed, KeyTrust.build(ed))
    assert (
        str(refused.value) == f"{note}: refused: signed with sm2, but the batch signs with ed25519"
    )


def test_the_command_line_refuses_an_sm2_result_for_an_ed25519_batch_in_one_line(
    round_, ed25519_package
):
    result = round_["root"] / "E01.esresult"
    done = subprocess.run([str(EXE), "verify", str(result), "--batch", str(ed25519_package)],
                          capture_output=True, text=True, timeout=300, env=round_["env"])  # fmt: skip
    assert done.returncode == 1
    assert "verdict:     REFUSED: signed with sm2, but the batch signs with ed25519" in done.stdout


def test_an_ed25519_key_card_beside_an_sm2_batch_is_refused(round_, tmp_path):
    from expertscore.identity.keycard import make_card, write_card
    from tests.results.helpers import fixed_key

    card = write_card(make_card(fixed_key("E01")), tmp_path / "E01.eskeycard")
    sm2_batch = open_package(round_["package"])
    with pytest.raises(KeyCardWrongAlgorithm) as refused:
        KeyTrust.build(sm2_batch, [parse_card(card.read_bytes(), str(card))])
    assert (refused.value.source, refused.value.expected, refused.value.found) == (
        str(card),
        "sm2",
        "ed25519",
    )
