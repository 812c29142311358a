"""The chair transcribes an expert's paper sheet into a session, and signs it.

An expert without a key cannot send an unsigned file (there is no unsigned export). The
expert fills in a printed sheet instead; the chair makes a session for that expert, marks
it as transcribed from the sheet, types the scores in with the ordinary scoring services,
and submits it with the chair's own key. The result says so (``transcribed_by``), and the
verifier names the chair, not the expert, as the signer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from expertscore.errors import ExpertScoreError
from expertscore.identity.keys import KeyInfo
from expertscore.identity.roles import TRANSCRIPTION, require_role
from expertscore.scoring.lock import latest_result, transcription
from expertscore.scoring.service import ScoringService, now_text
from expertscore.storage import models as m
from expertscore.storage.importer import create_session
from expertscore.storage.session import SessionFile
from expertscore.vocabulary import EditKind


class TranscriptionRefused(ExpertScoreError):
    """The session cannot be marked as transcribed."""


def mark_transcribed(
    session: SessionFile, chair: KeyInfo, sheet: str, clock: Callable[[], str] = now_text
) -> None:
    """Mark a fresh session as the chair's transcription of ``sheet`` (say which sheet)."""
    if not sheet.strip():
        raise TranscriptionRefused("say which paper sheet is transcribed (date, pages)").saying(
            "no_sheet"
        )
    if chair.expert_id == session.info.expert_id:
        raise TranscriptionRefused(
            f"{chair.expert_id} is this session's expert; experts sign their own sessions"
        ).saying("own_session", expert=chair.expert_id)
    scoring = ScoringService(session, clock)
    with session.writing() as orm:
        marked = transcription(orm)
        if marked is not None:
            raise TranscriptionRefused(
                f"the session is already transcribed by {marked.chair_id} {marked.chair_name}"
            ).saying("transcribed", chair=marked.chair_id, name=marked.chair_name)
        if latest_result(orm) is not None:
            raise TranscriptionRefused("the session was already submitted by its expert").saying(
                "submitted"
            )
        edits = orm.scalar(select(func.count()).select_from(m.EditLog))
        if edits:
            raise TranscriptionRefused(
                f"the session already has {edits} edits; transcribe into a new session"
            ).saying("edited", count=edits)
        require_role(chair, TRANSCRIPTION)  # the transcriber signs it, with a chair's key
        orm.add(
            m.Transcription(
                id=1,
                chair_id=chair.expert_id,
                chair_name=chair.name,
                chair_public_key=chair.public_key,
                sheet=sheet.strip(),
                marked_at=clock(),
            )
        )
        scoring.append_log(
            orm,
            EditKind.TRANSCRIBE,
            {
                "chair": chair.expert_id,
                "name": chair.name,
                "key": chair.fingerprint,
                "sheet": sheet.strip(),
            },
        )


def start_transcription(
    package: Path,
    expert_id: str,
    out: Path,
    chair: KeyInfo,
    sheet: str,
    clock: Callable[[], str] = now_text,
) -> Path:
    """A new session of ``expert_id`` from ``package``, marked as the chair's transcription."""
    if not sheet.strip():
        raise TranscriptionRefused("say which paper sheet is transcribed (date, pages)").saying(
            "no_sheet"
        )
    if chair.expert_id == expert_id:
        raise TranscriptionRefused(f"{expert_id} cannot transcribe their own sheet").saying(
            "own_sheet", expert=expert_id
        )
    require_role(chair, TRANSCRIPTION)  # before the session file is made
    create_session(package, expert_id, out)
    with SessionFile(out) as session:
        mark_transcribed(session, chair, sheet, clock)
    return out
