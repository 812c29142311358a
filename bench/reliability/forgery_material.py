"""Genuine material for the forgery figures: a signed batch, real sessions, real keys.

Every attack starts from what a dishonest insider really holds: the organizer's package
(signed with the organizer's key), their own session file, which they may edit with any
SQLite tool, and their own signing key. ``Material`` builds that once: a Liaoning grading
batch of four platforms, two technical experts (E01 scores groups 2-4 only, E02 all, with
a conflict of interest on S001) and one financial expert (E03, group 1 only, who declares
a conflict on S003 in the session), each with a genuine key card and an honest first
result. Sessions are edited with ``sqlite3`` and the edit log rebuilt with the same hash
rule the program uses (``scoring.editlog``); then the real program unlocks and submits.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from expertscore.batch.builder import PackageBuilder
from expertscore.batch.manifest import Assignment, BatchInfo, Conflict, Expert, Submission
from expertscore.batch.package import OpenedPackage, open_package
from expertscore.identity.keycard import make_card, write_card
from expertscore.identity.keys import ExpertKey
from expertscore.results.envelope import RESULT_PAYLOAD_TYPE, envelope_bytes
from expertscore.results.payload import log_block, payload_bytes
from expertscore.results.submit import submit
from expertscore.schemes.registry import resolve_scheme
from expertscore.schemes.rules import max_points
from expertscore.scoring.editlog import canonical, entry_hash, stored_line
from expertscore.scoring.service import RECUSED, Entry, ScoringService

# SQLCipher's SQLite, the one the program opens sessions with: two SQLite libraries in one
# process do not see each other's locks on a file both have open.
from expertscore.storage.cipher import driver
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile

SCHEME = "liaoning-2025-grading"
ORGANIZER = "辽宁省工业和信息化厅"
CHINA = timezone(timedelta(hours=8))
EXPERTS = {"E01": ("技术", ["2", "3", "4"]), "E02": ("技术", "all"), "E03": ("财务", ["1"])}
SUBMISSIONS = ("S001", "S002", "S003", "S004")


def genuine_key(person: str, label: str = "") -> ExpertKey:
    """The person's real key (a ``label`` makes another person's key under the same name)."""
    secret = hashlib.sha256(f"forgery-figures/{person}/{label}".encode()).digest()
    return ExpertKey.from_private_key(
        Ed25519PrivateKey.from_private_bytes(secret), person, f"专家{person}", None, "2025-06-01"
    )


def organizer_key(label: str = "") -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"forgery-figures/organizer/{label}".encode()).digest()
    )


def build_package(out: Path, signer: Ed25519PrivateKey) -> Path:
    bundled = resolve_scheme(SCHEME)
    builder = PackageBuilder(
        scheme_text=bundled.path.read_text(encoding="utf-8"),
        batch=BatchInfo(
            id="FORGERY-1",
            title="重点培育平台评估",
            organizer=ORGANIZER,
            created=datetime(2025, 6, 1, 9, 0, tzinfo=CHINA),
        ),
    )
    for expert, (role, _groups) in EXPERTS.items():
        builder.roster.append(Expert(id=expert, name=f"专家{expert}", role=role))
    for number, sid in enumerate(SUBMISSIONS, start=1):
        builder.submissions.append(
            Submission(id=sid, platform=f"平台{number}", operator=f"公司{number}")
        )
        for expert, (_role, groups) in EXPERTS.items():
            builder.assignments.append(Assignment(expert=expert, submission=sid, indicators=groups))
    builder.conflicts.append(Conflict(expert="E02", submission="S001", reason="曾任该公司顾问"))
    builder.write(out, signer=(signer, ORGANIZER))
    return out


def honest_points(scoring: ScoringService, code: str) -> Decimal:
    leaf = scoring.scheme.find(code)
    assert leaf is not None
    top = max_points(scoring.scheme, leaf)
    assert top is not None
    return top * Decimal("0.6")


def score_all(scoring: ScoringService) -> None:
    for row in scoring.submissions():
        if row.state == RECUSED:
            continue
        for leaf in scoring.assigned_leaves(row.id):
            if leaf.code not in scoring.scores(row.id):
                scoring.set_entry(row.id, leaf.code, Entry(honest_points(scoring, leaf.code)))


@dataclass
class Material:
    root: Path
    package_path: Path = field(init=False)
    package: OpenedPackage = field(init=False)
    cards: Path = field(init=False)
    first: dict[str, Path] = field(default_factory=dict)  # expert -> result 1
    sessions: dict[str, Path] = field(default_factory=dict)  # expert -> session after result 1

    def __post_init__(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.package_path = build_package(self.root / "batch.esbatch", organizer_key())
        self.package = open_package(self.package_path)
        self.cards = self.root / "cards"
        for expert in EXPERTS:
            key = genuine_key(expert)
            write_card(make_card(key, key.info.created), self.cards / f"{expert}.eskeycard")
            session = create_session(self.package, expert, self.root / f"{expert}.esession")
            with SessionFile(session) as opened:
                scoring = ScoringService(opened)
                if expert == "E03":
                    scoring.recuse("S003", "本人曾参与该平台财务审计")
                score_all(scoring)
                self.first[expert] = submit(opened, key, self.root / f"{expert}-1.esresult").path
            self.sessions[expert] = session

    def session_copy(self, expert: str, name: str) -> Path:
        """A copy of the expert's session after result 1, for one attack."""
        target = self.root / f"{name}.esession"
        shutil.copy(self.sessions[expert], target)
        return target


# --- editing a session as its owner can, with sqlite3 --------------------------------


def sql(session: Path, statement: str, *args: Any) -> None:
    with driver.connect(session) as connection:
        connection.execute(statement, args)
    connection.close()


def forge_log_entry(
    session: Path, action: str, submission: str | None, indicator: str | None, detail: Any
) -> None:
    """Append an edit log row whose hash chain holds (the chain has no secret)."""
    with driver.connect(session) as connection:
        seq, prev = connection.execute(
            "SELECT seq, hash FROM edit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        entry = {
            "seq": seq + 1,
            "at": "2025-06-03T10:00:00+08:00",
            "action": action,
            "submission": submission,
            "indicator": indicator,
            "detail": detail,
            "prev": prev,
        }
        connection.execute(
            "INSERT INTO edit_log (seq, at, action, submission_id, indicator, detail, prev_hash,"
            " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seq + 1,
                entry["at"],
                action,
                submission,
                indicator,
                canonical(detail),
                prev,
                entry_hash(entry),
            ),
        )
    connection.close()


def rebuild_log_without(session: Path, action: str, submission: str, genesis: str) -> None:
    """Drop the log entries of ``action`` on ``submission`` and rebuild the whole chain."""
    with driver.connect(session) as connection:
        rows = connection.execute(
            "SELECT at, action, submission_id, indicator, detail FROM edit_log ORDER BY seq"
        ).fetchall()
        kept = [row for row in rows if (row[1], row[2]) != (action, submission)]
        connection.execute("DELETE FROM edit_log")
        prev = genesis
        for seq, (at, act, sub, ind, detail) in enumerate(kept, start=1):
            entry = {
                "seq": seq,
                "at": at,
                "action": act,
                "submission": sub,
                "indicator": ind,
                "detail": json.loads(detail),
                "prev": prev,
            }
            digest = entry_hash(entry)
            connection.execute(
                "INSERT INTO edit_log (seq, at, action, submission_id, indicator, detail,"
                " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (seq, at, act, sub, ind, detail, prev, digest),
            )
            prev = digest
    connection.close()


def resubmit(session: Path, key: ExpertKey, out: Path, edit=None) -> Path:
    """Unlock with a reason, let ``edit(scoring)`` work, and submit through the program."""
    with SessionFile(session) as opened:
        scoring = ScoringService(opened)
        if scoring.locked_by() is not None:
            scoring.unlock("复核后修改")
        if edit is not None:
            edit(ScoringService(opened))
        return submit(opened, key, out).path


# --- editing a signed payload, re-signed with the signer's real key ------------------


def decode(path: Path) -> dict[str, Any]:
    envelope = json.loads(path.read_bytes())
    return json.loads(base64.b64decode(envelope["payload"]))


def log_entries(payload: dict[str, Any]) -> list[dict[str, Any]]:
    import zlib

    text = zlib.decompress(base64.b64decode(payload["log"]["deflated"])).decode("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def resign(payload: dict[str, Any], entries: list[dict[str, Any]], key: ExpertKey) -> bytes:
    """The payload with ``entries`` as its log (chain rebuilt), signed by ``key``."""
    prev = payload["batch"]["sha256"]
    lines = []
    for seq, entry in enumerate(entries, start=1):
        entry = {**entry, "seq": seq}
        prev = entry_hash({**entry, "prev": prev})
        lines.append(stored_line(entry))
    payload = {**payload, "log": log_block(lines, prev)}
    body = payload_bytes(payload)
    return envelope_bytes(body, key.info.fingerprint, key.sign(RESULT_PAYLOAD_TYPE, body))


def set_points(
    payload: dict[str, Any], entries: list[dict[str, Any]], sid: str, code: str, points: str
) -> None:
    """Change one round-1 score in the payload and in its last log entry, consistently."""
    sub = next(s for s in payload["submissions"] if s["id"] == sid)
    row = sub["scores"]["indicator"].index(code)
    sub["scores"]["points"][row] = points
    last = max(
        i
        for i, e in enumerate(entries)
        if e["action"] == "score" and (e["submission"], e["indicator"]) == (sid, code)
    )
    entries[last]["detail"]["new"]["points"] = points
