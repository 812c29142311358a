"""What panel members write to the chair: explanations of deviations and statements.

Two kinds of small signed notes (``expertscore-note/1``, the result file's envelope with
its own format and payload type, so a note can never pass for a result or a panel file;
payload ``expertscore-note-payload/2``):

* ``explanation``: an expert's written explanation (书面说明) of a total that deviates
  more than the policy's ``deviation_limit`` from the panel mean, per submission;
* ``statement``: a member's statement on the panel result: ``agree``, or ``dissent`` with
  the reasons (政府采购法实施条例 art. 41: a member who disagrees writes the dissent and
  the reasons; refusing to sign without reasons counts as agreement and is recorded).

The chair keeps notes in ``MERGE/notes/`` (``<expert>-<kind>.esnote``; a newer note of the
same expert and kind replaces the older). A statement given on paper is transcribed by the
chair into ``<expert>-statement.paper.json`` (unsigned, marked as transcribed, naming the
chair). Every signed note is verified again whenever the folder is read: the batch hash
must match and the key must be the expert's (roster pin, key card, confirmed key).

A note names the results it speaks about (``results.sha256``, the digest of the panel
outcome, ``outcome.results_digest``, taken from the chair's request). A note about other
results than those merged now (or a payload /1 note, which names none) is kept and shown,
marked stale: the member spoke before the results changed.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from expertscore.batch.package import OpenedPackage
from expertscore.crypto.dsse import ED25519, SignatureError, check_algorithm, fingerprint, verify
from expertscore.crypto.envelope import (
    AlgorithmRefusal,
    EnvelopeKind,
    Refused,
    check_format,
    parse_envelope,
)
from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import ExpertKey, local_now
from expertscore.identity.roles import NOTE, require_role
from expertscore.reports.pdfbase import write_atomically
from expertscore.results.trust import KeyTrust, KeyUntrusted
from expertscore.wording.errors import worded

NOTE_FORMAT = "expertscore-note/1"
NOTE_PAYLOAD_FORMAT = "expertscore-note-payload/2"
# Payload /1 named only the batch; such a note is read, about no particular results.
OLD_PAYLOAD_FORMATS = ("expertscore-note-payload/1",)
NOTE_PAYLOAD_TYPE = "application/vnd.expertscore.note+json"
NOTE_SUFFIX = ".esnote"
PAPER_FORMAT = "expertscore-paper-statement/1"
NOTES_DIR = "notes"
EXPLANATION, STATEMENT = "explanation", "statement"
AGREE, DISSENT = "agree", "dissent"
MAX_NOTE_BYTES = 1 << 20


class NoteError(ExpertScoreError):
    """A note that cannot be written as asked (no text, a dissent without reasons...)."""


class NoteRefused(Refused):
    """A note that must not be used; ``reason`` says why in one line."""


class NoteWrongAlgorithm(AlgorithmRefusal, NoteRefused):
    """A note signed with another algorithm than its batch's (source, expected, found)."""


# The envelope's checks as for result and panel files, with the note's names and limit.
NOTE_KIND = EnvelopeKind("note", NOTE_FORMAT, NOTE_PAYLOAD_TYPE, MAX_NOTE_BYTES, NoteRefused)


@dataclass(frozen=True)
class Note:
    kind: str  # EXPLANATION or STATEMENT
    expert: str
    name: str
    created_at: str
    explanations: dict[str, str] = field(default_factory=dict)  # submission -> text
    stance: str | None = None  # AGREE or DISSENT (statements)
    reasons: str = ""
    fingerprint: str | None = None  # the signing key's; None for a paper transcription
    transcribed_by: str | None = None  # the chair who typed in a paper statement
    results_sha256: str | None = None  # the outcome spoken about; None: payload /1, paper
    stale: bool = False  # about other results than those merged now


@dataclass
class Notes:
    explanations: dict[tuple[str, str], str] = field(default_factory=dict)  # (sid, expert)
    statements: dict[str, Note] = field(default_factory=dict)  # expert -> statement
    # (sid, expert) of explanations written about other results than those merged now
    stale_explanations: set[tuple[str, str]] = field(default_factory=set)


def _payload(
    batch: tuple[str, str], key: ExpertKey, kind: str, body: dict, results_sha256: str
) -> bytes:
    record = {
        "format": NOTE_PAYLOAD_FORMAT,
        "kind": kind,
        "batch": {"id": batch[0], "sha256": batch[1]},
        "results": {"sha256": results_sha256},
        "expert": {
            "id": key.info.expert_id,
            "name": key.info.name,
            "public_key": key.info.public_key,
        },
        "created_at": local_now(),
        **body,
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")


def write_note(
    out: Path,
    package: OpenedPackage,
    key: ExpertKey,
    kind: str,
    body: dict,
    *,
    results_sha256: str,
) -> Path:
    """Sign ``body`` (``explanations`` or ``stance``/``reasons``) as ``kind`` about the
    results ``results_sha256`` (the chair's request names them) and write it."""
    manifest = package.manifest
    batch = (manifest.batch.id, package.manifest_sha256)
    return sign_note(
        out,
        batch,
        key,
        kind,
        body,
        results_sha256=results_sha256,
        algorithm=manifest.algorithm,
        signer_id=manifest.signer_id,
    )


def sign_note(
    out: Path,
    batch: tuple[str, str],
    key: ExpertKey,
    kind: str,
    body: dict,
    *,
    results_sha256: str,
    algorithm: str = ED25519,
    signer_id: str | None = None,
) -> Path:
    """``write_note`` for a batch known by (id, manifest SHA-256), as an expert's session
    knows it without the package; ``algorithm`` and SM2's ``signer_id`` are the batch's."""
    check_body(kind, body)
    if not is_digest(results_sha256):
        raise NoteError("a note names the results it speaks about (their SHA-256)").saying(
            "results_unnamed"
        )
    require_role(key.info, NOTE)
    if key.info.algorithm != algorithm:
        raise NoteWrongAlgorithm(str(out), algorithm, key.info.algorithm)
    payload = _payload(batch, key, kind, body, results_sha256)
    signature = key.sign(NOTE_PAYLOAD_TYPE, payload, signer_id)
    envelope = {
        "format": NOTE_FORMAT,
        "payloadType": NOTE_PAYLOAD_TYPE,
        "payload": base64.b64encode(payload).decode("ascii"),
        "signatures": [{"keyid": key.info.fingerprint, "sig": signature}],
    }
    data = (json.dumps(envelope, indent=2) + "\n").encode("ascii")
    write_atomically(out, lambda temp: temp.write_bytes(data))
    return out


def check_body(kind: str, body: dict) -> None:
    if kind == EXPLANATION:
        texts = body.get("explanations")
        if not isinstance(texts, dict) or not texts:
            raise NoteError("an explanation names at least one submission with its text").saying(
                "no_explanation"
            )
        if not all(isinstance(t, str) and t.strip() for t in texts.values()):
            raise NoteError("every explanation needs its text").saying("explanation_text")
        return
    if kind != STATEMENT:
        raise NoteError(f"unknown kind of note {kind!r}").saying("unknown_kind", kind=repr(kind))
    if body.get("stance") not in (AGREE, DISSENT):
        raise NoteError("a statement is agree or dissent").saying("stance")
    reasons = body.get("reasons")
    if not isinstance(reasons, str):
        raise NoteError("a statement's reasons are text").saying("reasons_text")
    if body["stance"] == DISSENT and not reasons.strip():
        raise NoteError("a dissent needs its reasons").saying("dissent_reasons")


def read_note(data: bytes, source: str, package: OpenedPackage, trust: KeyTrust) -> Note:
    """A signed note, checked: envelope, signature, batch, the expert's key, the content."""
    envelope = parse_envelope(data, source, NOTE_KIND)
    try:
        raw = json.loads(envelope.payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise NoteRefused(source, "the signed payload is damaged: the file was changed").saying(
            "damaged"
        ) from None
    if not isinstance(raw, dict):
        raise NoteRefused(source, "the signed payload is not a JSON object").saying("not_an_object")
    if raw.get("format") not in OLD_PAYLOAD_FORMATS:
        check_format(raw.get("format"), NOTE_KIND, NOTE_PAYLOAD_FORMAT, "payload", source)
    results = raw.get("results")
    spoken = results.get("sha256") if isinstance(results, dict) else None
    if raw.get("format") == NOTE_PAYLOAD_FORMAT and not is_digest(spoken):
        raise NoteRefused(source, "the note names no results (results.sha256)").saying("no_results")
    expert, batch = raw.get("expert"), raw.get("batch")
    if not isinstance(expert, dict) or not isinstance(batch, dict):
        raise NoteRefused(source, "the payload names no expert or batch").saying("no_expert")
    key = expert.get("public_key")
    check_algorithm(str(key), package.manifest.algorithm, source, NoteWrongAlgorithm)
    try:
        verify(
            str(key), NOTE_PAYLOAD_TYPE, envelope.payload, envelope.sig, package.manifest.signer_id
        )
    except (SignatureError, ValueError) as exc:
        raise NoteRefused(source, f"the signature does not verify ({exc})").saying(
            "bad_signature", why=exc
        ) from None
    if batch.get("sha256") != package.manifest_sha256:
        raise NoteRefused(source, "the note is for another batch (its batch hash differs)").saying(
            "other_batch"
        )
    try:
        trust.check(str(expert.get("id")), str(key))
    except KeyUntrusted as exc:
        raise NoteRefused(source, str(exc)) from None
    body = {k: raw.get(k) for k in ("explanations", "stance", "reasons") if k in raw}
    try:
        check_body(str(raw.get("kind")), body)
    except NoteError as exc:
        raise NoteRefused(source, str(exc)).saying("body", why=worded(exc)) from None
    return Note(
        kind=str(raw["kind"]),
        expert=str(expert["id"]),
        name=str(expert.get("name", "")),
        created_at=str(raw.get("created_at", "")),
        explanations=dict(body.get("explanations") or {}),
        stance=body.get("stance"),
        reasons=str(body.get("reasons") or ""),
        fingerprint=fingerprint(str(key)),
        results_sha256=spoken if is_digest(spoken) else None,
    )


def keep_note(folder: Path, data: bytes, note: Note) -> Path:
    """Keep a verified note in the merge folder (a newer one of the same kind replaces it)."""
    target = folder / NOTES_DIR / f"{note.expert}-{note.kind}{NOTE_SUFFIX}"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, lambda temp: temp.write_bytes(data))
    return target


def transcribe_statement(
    folder: Path, package: OpenedPackage, expert: str, stance: str, reasons: str, chair: str
) -> Path:
    """Keep a member's paper statement, typed in by the chair and marked as such."""
    if expert not in {e.id for e in package.manifest.roster}:
        raise NoteError(f"{expert} is not on the batch roster").saying(
            "not_on_roster", expert=expert
        )
    if not chair.strip():
        raise NoteError("name the chair who transcribed the paper statement").saying("no_chair")
    check_body(STATEMENT, {"stance": stance, "reasons": reasons})
    record = {"format": PAPER_FORMAT, "expert": expert, "stance": stance,
              "reasons": reasons.strip(), "transcribed_by": chair.strip(),
              "created_at": local_now()}  # fmt: skip
    data = (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    target = folder / NOTES_DIR / f"{expert}-statement.paper.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, lambda temp: temp.write_bytes(data))
    return target


def _paper(path: Path, package: OpenedPackage) -> Note:
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise NoteRefused(str(path), "a damaged paper statement").saying(
            "damaged_statement"
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != PAPER_FORMAT:
        raise NoteRefused(str(path), "not a paper statement").saying("not_a_statement")
    names = {e.id: e.name for e in package.manifest.roster}
    try:
        check_body(STATEMENT, {"stance": raw.get("stance"), "reasons": raw.get("reasons")})
    except NoteError as exc:
        raise NoteRefused(str(path), str(exc)).saying("body", why=worded(exc)) from None
    expert = str(raw.get("expert"))
    return Note(STATEMENT, expert, names.get(expert, ""), str(raw.get("created_at", "")),
                stance=raw["stance"], reasons=raw["reasons"],
                transcribed_by=str(raw.get("transcribed_by") or ""))  # fmt: skip


def load_notes(
    folder: Path, package: OpenedPackage, trust: KeyTrust, current: str | None = None
) -> Notes:
    """Every note kept in the merge folder, verified again; a signed statement wins over a
    paper one of the same member. With ``current`` (the digest of the results merged now),
    a signed note about other results is marked stale."""
    notes = Notes()
    kept = folder / NOTES_DIR
    if not kept.is_dir():
        return notes
    for path in sorted(kept.glob("*.paper.json")):
        paper = _paper(path, package)
        notes.statements[paper.expert] = paper
    for path in sorted(kept.glob(f"*{NOTE_SUFFIX}")):
        note = read_note(path.read_bytes(), str(path), package, trust)
        if current is not None and note.results_sha256 != current:
            note = replace(note, stale=True)
        if note.kind == STATEMENT:
            notes.statements[note.expert] = note
        else:
            for sid, text in note.explanations.items():
                notes.explanations[(sid, note.expert)] = text
                if note.stale:
                    notes.stale_explanations.add((sid, note.expert))
    return notes


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_digest(value: object) -> bool:
    """A SHA-256 as lowercase hex."""
    return isinstance(value, str) and len(value) == 64 and all(c in HEX for c in value)


HEX = frozenset("0123456789abcdef")
