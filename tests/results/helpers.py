"""Shared set-up for result tests: fixed keys, complete sessions, byte surgery on files."""

from __future__ import annotations

import base64
import hashlib
import json
from decimal import Decimal
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.identity.keys import CHAIR, EXPERT, ExpertKey
from expertscore.results.envelope import RESULT_PAYLOAD_TYPE, envelope_bytes
from expertscore.results.payload import payload_bytes
from expertscore.scoring.service import RECUSED, Entry, Note, Pin, ScoringService
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile

NAMES = {"E01": "专家1", "E02": "专家2", "E03": "专家3", "CHAIR": "组长王"}


def fixed_key(person: str, label: str = "") -> ExpertKey:
    """A reproducible key for ``person`` (another ``label`` gives another key)."""
    secret = hashlib.sha256(f"test key {person} {label}".encode()).digest()
    return ExpertKey.from_private_key(
        Ed25519PrivateKey.from_private_bytes(secret),
        person,
        NAMES.get(person, person),
        "某大学",
        "2025-06-01T10:00:00+08:00",
        role=CHAIR if person == "CHAIR" else EXPERT,
    )


def score_everything(scoring: ScoringService) -> None:
    """Score every assigned indicator of every submission that is not recused."""
    for row in scoring.submissions():
        if row.state == RECUSED:
            continue
        sid = row.id
        scoring.set_entry(sid, "1.1", Entry(points=Decimal("7.5")))
        scoring.set_verified_value(sid, "1.1", "41.5")
        scoring.set_pins(sid, "1.1", [Pin(f"{sid}-E001", 3)])
        scoring.set_entry(sid, "1.2", Entry(choice="yes"))
        scoring.set_entry(sid, "2.1", Entry(choice="suggested"))
        scoring.set_entry(sid, "2.2", Entry(choice="良"))
        scoring.set_comment(sid, "2.2", "方案完整，案例可信")
        scoring.set_entry(sid, "9.1", Entry(choice="no"))
        scoring.set_note(sid, Note(comment="整体较好", category="industry", level="L2"))


def complete_session(package: Path, expert: str, out: Path) -> Path:
    create_session(package, expert, out)
    with SessionFile(out) as session:
        score_everything(ScoringService(session))
    return out


def decode(path: Path) -> tuple[dict, dict]:
    """The envelope and the decoded payload of a result file."""
    envelope = json.loads(path.read_bytes())
    return envelope, json.loads(base64.b64decode(envelope["payload"]))


def resign(payload: dict, key: ExpertKey) -> bytes:
    """A result file for an edited payload, properly signed by ``key`` (a forger's tool)."""
    body = payload_bytes(payload)
    return envelope_bytes(body, key.info.fingerprint, key.sign(RESULT_PAYLOAD_TYPE, body))


def card_of(key: ExpertKey, folder: Path) -> Path:
    from expertscore.identity.keycard import make_card, write_card

    return write_card(make_card(key, key.info.created), folder / f"{key.info.expert_id}.eskeycard")
