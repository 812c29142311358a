"""Submitting a session: check it is complete, lock it, and write the signed result file.

What the window's Submit button and ``expertscore submit`` do. In one transaction the
session gets a result record (which locks it) and a ``submit`` entry in its edit log; the
payload is built inside that transaction, signed, and written to a hidden file beside the
target and fsynced; only then is the transaction committed and the file renamed into place.
A failure before the commit leaves neither a lock nor a file. The signed bytes are also kept
in the session, so ``write_again`` can write the same file once more (a lost USB stick).

Not thread-safe, like ``ScoringService``: call it on the thread that owns the
``SessionFile`` it is given. The window runs ``preflight`` on the UI thread with its own
session, and ``submit`` on its worker thread with a ``SessionFile`` of its own.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from expertscore.crypto.sealed import is_sealed_bytes, seal_bytes
from expertscore.errors import ExpertScoreError, WrongAlgorithm
from expertscore.identity.keys import ExpertKey
from expertscore.identity.roles import RESULT, TRANSCRIPTION, require_role
from expertscore.private import owner_only
from expertscore.results.envelope import RESULT_FORMAT, RESULT_PAYLOAD_TYPE, envelope_bytes
from expertscore.results.payload import build_payload, payload_bytes
from expertscore.scoring.lock import latest_result, locking_result, next_sequence, transcription
from expertscore.scoring.service import Gap, ScoringService, now_text
from expertscore.storage import models as m
from expertscore.storage.session import SessionFile
from expertscore.vocabulary import EditKind

SHOWN_GAPS = 5


class Incomplete(ExpertScoreError):
    """Indicators are still unscored; ``gaps`` lists every one, in order."""

    def __init__(self, gaps: list[Gap]) -> None:
        self.gaps = gaps
        shown = ", ".join(f"{g.submission} {g.indicator} {g.name}" for g in gaps[:SHOWN_GAPS])
        more = f" (and {len(gaps) - SHOWN_GAPS} more)" if len(gaps) > SHOWN_GAPS else ""
        count = "1 indicator is" if len(gaps) == 1 else f"{len(gaps)} indicators are"
        super().__init__(f"cannot submit: {count} not scored yet: {shown}{more}")
        self.saying("incomplete", count=len(gaps), shown=shown)


class SubmitRefused(ExpertScoreError):
    """The session cannot be submitted as asked (already locked, wrong key, bad target)."""


class SubmitWrongAlgorithm(SubmitRefused, WrongAlgorithm):
    """The key (``source``, its file) is of another algorithm than the batch signs with."""

    def __init__(self, source: str, expected: str, found: str) -> None:
        self.source, self.expected, self.found = source, expected, found
        super().__init__(
            f"{source}: the key is {found}, but the batch signs with {expected}: make a key with"
            f" the batch's algorithm"
        )


@dataclass(frozen=True)
class Submitted:
    path: Path
    sequence: int
    submitted_at: str
    signer_id: str
    fingerprint: str
    payload_sha256: str
    transcribed: bool


def signer_of(session: SessionFile) -> str:
    """Whose key signs this session's results: the expert's, or the transcribing chair's."""
    with session.orm() as orm:
        marked = transcription(orm)
    return marked.chair_id if marked else session.info.expert_id


def _check_key(session: SessionFile, key: ExpertKey) -> None:
    info = key.info
    with session.orm() as orm:
        marked = transcription(orm)
        pinned = orm.get(m.Expert, info.expert_id)
    if marked is not None:
        if info.public_key != marked.chair_public_key:
            raise SubmitRefused(
                f"this session was transcribed by {marked.chair_id} {marked.chair_name} and must"
                f" be signed with that key, not with {info.expert_id}'s ({info.fingerprint})"
            ).saying(
                "transcribed",
                chair=marked.chair_id,
                name=marked.chair_name,
                expert=info.expert_id,
                key=info.fingerprint,
            )
    elif info.expert_id != session.info.expert_id:
        raise SubmitRefused(
            f"this is the session of {session.info.expert_id}; the key belongs to {info.expert_id}"
        ).saying("other_expert", owner=session.info.expert_id, expert=info.expert_id)
    expected = session.manifest.algorithm
    if info.algorithm != expected:
        raise SubmitWrongAlgorithm(str(info.path or info.expert_id), expected, info.algorithm)
    if pinned is not None and pinned.public_key and pinned.public_key != info.public_key:
        raise SubmitRefused(
            f"the batch roster pins another key for {info.expert_id}; this key is"
            f" {info.fingerprint}: sign with the key you gave the organizer"
        ).saying("pinned_key", expert=info.expert_id, key=info.fingerprint)
    require_role(info, TRANSCRIPTION if marked is not None else RESULT)


def _check_target(out: Path, session: SessionFile) -> None:
    if out.is_dir():
        raise SubmitRefused(f"{out}: is a folder; give a file name for the result").saying(
            "folder", path=out
        )
    if out.exists():
        if out.resolve() == session.path.resolve():
            raise SubmitRefused(f"{out}: is the session file itself; not overwritten").saying(
                "session_itself", path=out
            )
        with out.open("rb") as handle:
            start = handle.read(64)
        ours = start.startswith(b'{\n  "format": "' + RESULT_FORMAT.split("/")[0].encode())
        if not ours and not is_sealed_bytes(start):
            raise SubmitRefused(f"{out}: exists and is not a result file; not overwritten").saying(
                "not_a_result", path=out
            )


def _write_hidden(out: Path, data: bytes) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.with_name(f".{out.name}.writing-{secrets.token_hex(4)}")
    with temp.open("wb") as handle:
        owner_only(temp)  # before the data is in it
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return temp


def preflight(session: SessionFile, scoring: ScoringService | None = None) -> None:
    """Refuse early (before asking for a passphrase) if the session cannot be submitted."""
    scoring = scoring or ScoringService(session)
    with session.orm() as orm:
        locked = locking_result(orm)
    if locked is not None:
        raise SubmitRefused(
            f"already submitted as result {locked.sequence} ({locked.submitted_at}); unlock the"
            " session with a reason to submit again"
        ).saying("submitted", sequence=locked.sequence, at=locked.submitted_at)
    gaps = scoring.missing()
    if gaps:
        raise Incomplete(gaps)


def submit(
    session: SessionFile,
    key: ExpertKey,
    out: Path,
    clock: Callable[[], str] = now_text,
    recipients: Sequence[str] = (),
) -> Submitted:
    """Finalize the session and write its signed result to ``out``, encrypted to
    ``recipients`` (``age``, the chair's) when given; the session keeps it plain."""
    scoring = ScoringService(session, clock)
    preflight(session, scoring)
    _check_key(session, key)
    _check_target(out, session)
    scoring.verify_log()
    temp: Path | None = None
    try:
        with session.writing() as orm:
            previous = latest_result(orm)
            record = m.ResultRecord(
                sequence=next_sequence(orm),
                submitted_at=clock(),
                signer_id=key.info.expert_id,
                public_key=key.info.public_key,
                payload_sha256="",
                envelope="",
            )
            scoring.append_log(
                orm,
                EditKind.SUBMIT,
                {
                    "sequence": record.sequence,
                    "signer": key.info.expert_id,
                    "key": key.info.fingerprint,
                },
            )
            orm.add(record)
            orm.flush()
            body = payload_bytes(build_payload(scoring, orm, record, previous))
            signature = key.sign(RESULT_PAYLOAD_TYPE, body, session.manifest.signer_id)
            data = envelope_bytes(body, key.info.fingerprint, signature)
            record.payload_sha256 = hashlib.sha256(body).hexdigest()
            record.envelope = data.decode("ascii")
            temp = _write_hidden(out, seal_bytes(data, recipients, out) if recipients else data)
        os.replace(temp, out)
    finally:
        if temp is not None:
            temp.unlink(missing_ok=True)
    return Submitted(
        path=out,
        sequence=record.sequence,
        submitted_at=record.submitted_at,
        signer_id=record.signer_id,
        fingerprint=key.info.fingerprint,
        payload_sha256=record.payload_sha256,
        transcribed=key.info.expert_id != session.info.expert_id,
    )


def write_again(session: SessionFile, out: Path, recipients: Sequence[str] = ()) -> Path:
    """Write the signed file of the submission that locks the session once more."""
    with session.orm() as orm:
        locked = locking_result(orm)
    if locked is None:
        raise SubmitRefused(
            "the session is not submitted (or was unlocked); submit it first"
        ).saying("not_submitted")
    _check_target(out, session)
    data = locked.envelope.encode("ascii")
    temp = _write_hidden(out, seal_bytes(data, recipients, out) if recipients else data)
    try:
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return out
