"""The worked example in docs/formats.md is real: made by the code, verifiable by hand."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

from expertscore.identity.keycard import parse_card
from expertscore.identity.keys import unlock_key
from expertscore.results.verify import check_result
from tests.results.docs_example import make_example

FORMATS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def block_after(marker: str) -> str:
    text = FORMATS.read_text(encoding="utf-8")
    match = re.search(rf"<!-- example: {re.escape(marker)} -->\n```\w+\n(.*?)\n```\n", text, re.S)
    assert match, f"no example block '{marker}' in docs/formats.md"
    return match.group(1) + "\n"


def test_the_docs_show_exactly_what_the_code_makes(tmp_path):
    shown = block_after("E01.esresult").encode("ascii")
    made = make_example(tmp_path)
    assert shown == made, "regenerate with: .venv/bin/python -m tests.results.docs_example"


def test_the_payload_shown_for_reading_is_the_signed_payload():
    envelope = json.loads(block_after("E01.esresult"))
    signed = json.loads(base64.b64decode(envelope["payload"]))
    assert json.loads(block_after("payload, indented")) == signed


def test_the_example_verifies_with_the_program():
    checked = check_result(block_after("E01.esresult").encode("ascii"), "docs example")
    assert checked.payload.expert.id == "E01"
    assert checked.fingerprint == "d2fa-ccb3-7e77-8c1a"
    assert checked.payload.submissions[0].scores[0].points == "30"


def test_the_example_verifies_by_hand_as_documented(tmp_path):
    (tmp_path / "E01.esresult").write_text(block_after("E01.esresult"), encoding="ascii")
    script = tmp_path / "check.py"
    script.write_text(block_after("verify-by-hand"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "E01 d2fa-ccb3-7e77-8c1a DOC-1 1\n"
    changed = bytearray((tmp_path / "E01.esresult").read_bytes())
    position = changed.index(b'"sig": "') + 20
    changed[position] ^= 0x01
    (tmp_path / "E01.esresult").write_bytes(bytes(changed))
    tampered = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True
    )
    assert tampered.returncode != 0
    assert "InvalidSignature" in tampered.stderr


def test_the_key_file_and_key_card_examples_are_real(tmp_path):
    key_file = tmp_path / "E01.eskey"
    key_file.write_text(block_after("E01.eskey"), encoding="utf-8")
    key = unlock_key(key_file, "示例口令 not for use")
    assert key.info.fingerprint == "d2fa-ccb3-7e77-8c1a"
    card = parse_card(block_after("E01.eskeycard").encode("utf-8"), "docs")
    assert (card.expert_id, card.public_key) == ("E01", key.info.public_key)
    assert card.role == key.info.role == "expert"  # made before roles
