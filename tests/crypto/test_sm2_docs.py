"""The SM2 example in docs/formats.md verifies, with our code and with the pure-Python gmssl."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import gmssl_pyx

from expertscore.crypto import dsse
from tests.crypto.gmssl_check import gmssl_verifies

FORMATS = Path(__file__).parents[2] / "docs" / "formats.md"


def example() -> dict[str, str]:
    text = FORMATS.read_text(encoding="utf-8")
    block = re.search(r"<!-- example: sm2-signature -->\n```json\n(.*?)```", text, re.S)
    assert block is not None
    return json.loads(block.group(1))


def test_the_documented_sm2_signature_verifies_with_both_implementations_and_the_hand_recipe():
    record = example()
    key, body = record["public_key"], record["body"].encode("utf-8")
    assert len(body) == 20 and dsse.fingerprint(key) == record["fingerprint"]
    dsse.verify(key, record["payload_type"], body, record["sig"])
    assert gmssl_verifies(key, record["payload_type"], body, record["sig"])
    # The recipe the document gives, word for word in substance.
    raw = base64.b64decode(key.removeprefix("sm2:"))
    kind = record["payload_type"].encode()
    pae = b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(body), body)
    assert gmssl_pyx.sm2_verify(raw, pae, base64.b64decode(record["sig"]), b"1234567812345678")
    assert not gmssl_pyx.sm2_verify(raw, pae + b" ", base64.b64decode(record["sig"]))
