"""Tables of the session file: one SQLite file per expert per batch.

Schema changes go through Alembic migrations (``storage/migrations``); never edit a
released migration. Text columns hold decimals as text so that scores stay exact.
Evidence bytes live in ``evidence_blob`` keyed by SHA-256, so a file attached to several
submissions is stored once.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, LargeBinary, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Alembic's batch mode on SQLite recreates tables and needs named constraints.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SessionInfo(Base):
    """The single row that says what this session is."""

    __tablename__ = "session_info"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(64))
    batch_title: Mapped[str] = mapped_column(Text)
    batch_organizer: Mapped[str] = mapped_column(Text)
    batch_created: Mapped[str] = mapped_column(String(40))
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    organizer_key: Mapped[str | None] = mapped_column(Text)  # who signed the batch, if signed
    expert_id: Mapped[str] = mapped_column(String(64))
    scheme_id: Mapped[str] = mapped_column(String(64))
    scheme_version: Mapped[str] = mapped_column(String(40))
    scheme_sha256: Mapped[str] = mapped_column(String(64))
    scheme_yaml: Mapped[str] = mapped_column(Text)
    manifest_json: Mapped[str] = mapped_column(Text)  # the exact manifest, for re-checks
    created_at: Mapped[str] = mapped_column(String(40))
    program_version: Mapped[str] = mapped_column(String(40))


class Expert(Base):
    __tablename__ = "expert"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    organization: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    public_key: Mapped[str | None] = mapped_column(Text)


class Submission(Base):
    __tablename__ = "submission"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    platform: Mapped[str] = mapped_column(Text)
    operator: Mapped[str] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(64))
    industry_tags: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of codes
    domain_tags: Mapped[str] = mapped_column(Text, default="[]")
    cases: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of {title, text, ...}


class ReportedValue(Base):
    __tablename__ = "reported_value"

    submission_id: Mapped[str] = mapped_column(ForeignKey("submission.id"), primary_key=True)
    indicator: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(16))


class EvidenceBlob(Base):
    """Evidence bytes by content; written and read in chunks (SQLite incremental blob I/O)."""

    __tablename__ = "evidence_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Evidence(Base):
    __tablename__ = "evidence"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submission.id"), index=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_blob.sha256"))
    media_type: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(Text)
    indicators: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of codes
    position: Mapped[int] = mapped_column(Integer)


class Assignment(Base):
    """What this session's expert scores; ``indicators`` is "all" or a JSON list of codes."""

    __tablename__ = "assignment"

    submission_id: Mapped[str] = mapped_column(ForeignKey("submission.id"), primary_key=True)
    indicators: Mapped[str] = mapped_column(Text, default="all")


class Recusal(Base):
    """A conflict of interest: final once recorded (from the roster or declared)."""

    __tablename__ = "recusal"

    submission_id: Mapped[str] = mapped_column(ForeignKey("submission.id"), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))  # "roster" or "declared"
    declared_at: Mapped[str] = mapped_column(String(40))


class Score(Base):
    """The expert's current score of one indicator in one round.

    ``points`` is decimal text; ``choice`` keeps the grade label, yes/no or band that the
    expert picked where the mode has one; ``verified_value`` is the value the expert
    checked for an objective item.
    """

    __tablename__ = "score"
    __table_args__ = (UniqueConstraint("submission_id", "indicator", "round"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[str] = mapped_column(ForeignKey("submission.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(64))
    round: Mapped[int] = mapped_column(Integer, default=1)
    points: Mapped[str | None] = mapped_column(String(40))
    choice: Mapped[str | None] = mapped_column(Text)
    verified_value: Mapped[str | None] = mapped_column(Text)
    comment: Mapped[str] = mapped_column(Text, default="")
    pinned_evidence: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{id, page}]
    updated_at: Mapped[str] = mapped_column(String(40))


class SubmissionNote(Base):
    """The expert's submission-level comment and classification choices."""

    __tablename__ = "submission_note"

    submission_id: Mapped[str] = mapped_column(ForeignKey("submission.id"), primary_key=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str | None] = mapped_column(String(64))
    industry_tags: Mapped[str] = mapped_column(Text, default="[]")
    domain_tags: Mapped[str] = mapped_column(Text, default="[]")
    level: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[str] = mapped_column(String(40))


class EditLog(Base):
    """Every accepted edit, hash-chained: each row's hash covers the previous row's hash."""

    __tablename__ = "edit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(32))
    submission_id: Mapped[str | None] = mapped_column(String(64))
    indicator: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON of old and new values
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class UiState(Base):
    """Where the expert left off (current submission, indicator, layout), as key/value."""

    __tablename__ = "ui_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ResultRecord(Base):
    """One signed result file written from this session (schema ``0002``).

    The newest record that has not been unlocked locks the session: scores cannot change
    until the expert unlocks it with a reason, and the next submission gets the next
    ``sequence``. ``envelope`` is the exact file as written, so it can be written again.
    """

    __tablename__ = "result_record"

    sequence: Mapped[int] = mapped_column(Integer, primary_key=True)
    submitted_at: Mapped[str] = mapped_column(String(40))
    signer_id: Mapped[str] = mapped_column(String(64))  # the expert, or the transcribing chair
    public_key: Mapped[str] = mapped_column(Text)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    envelope: Mapped[str] = mapped_column(Text)
    unlocked_at: Mapped[str | None] = mapped_column(String(40))
    unlock_reason: Mapped[str | None] = mapped_column(Text)


class Transcription(Base):
    """Present when the chair transcribed the expert's paper sheet into this session."""

    __tablename__ = "transcription"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    chair_id: Mapped[str] = mapped_column(String(64))
    chair_name: Mapped[str] = mapped_column(Text)
    chair_public_key: Mapped[str] = mapped_column(Text)
    sheet: Mapped[str] = mapped_column(Text)  # which paper sheet: date, pages, who handed it in
    marked_at: Mapped[str] = mapped_column(String(40))


class RescoreRequest(Base):
    """An indicator the chair sent back to this expert for another round (schema ``0003``).

    The expert scores it again as round ``round``; the earlier round's score is kept.
    """

    __tablename__ = "rescore_request"

    submission_id: Mapped[str] = mapped_column(ForeignKey("submission.id"), primary_key=True)
    indicator: Mapped[str] = mapped_column(String(64), primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(Text)
    received_at: Mapped[str] = mapped_column(String(40))


class EvidenceIndexFile(Base):
    """How far the evidence index got with one evidence file (schema ``0004``).

    ``state`` is ``indexing`` (``pages_done`` of ``pages`` are in the index: the build goes
    on from there), ``done``, ``refused`` (beyond a limit: ``reason`` says which) or
    ``broken`` (unreadable as its type). ``kind`` is pdf, table, text or other.
    """

    __tablename__ = "evidence_index_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    pages: Mapped[int] = mapped_column(Integer)
    pages_done: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    indexed_at: Mapped[str] = mapped_column(String(40))


class EvidencePage(Base):
    """One indexed page (a PDF page, a workbook sheet, a text file); its text is the row of
    the FTS5 table ``evidence_text`` with the same rowid. ``state`` is ``text``, ``no-text``
    (a scanned page without a text layer) or ``cut`` (text beyond the limit left out)."""

    __tablename__ = "evidence_page"
    __table_args__ = (UniqueConstraint("sha256", "page"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    page: Mapped[int] = mapped_column(Integer)  # 1-based
    label: Mapped[str | None] = mapped_column(Text)  # a workbook sheet's name
    state: Mapped[str] = mapped_column(String(16))
    chars: Mapped[int] = mapped_column(Integer)


class Familiarity(Base):
    """The expert's own mark of how familiar they are with a submission (schema ``0005``):
    ``level`` is one of ``scoring.familiarity.LEVELS``; no row means not marked."""

    __tablename__ = "familiarity"

    submission_id: Mapped[str] = mapped_column(ForeignKey("submission.id"), primary_key=True)
    level: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[str] = mapped_column(String(40))
