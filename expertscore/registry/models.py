"""The registry's tables: the same models on SQLite and PostgreSQL.

Schema changes go through the registry's own Alembic migrations (``registry/migrations``),
never by editing a released one. Decimals are stored as their text (``DecimalText``), so a
total reads back exactly as the panel file wrote it on either database.

One row of ``panel_file`` per signed file ever accepted, keyed by the SHA-256 of its bytes;
the signed payload itself is kept (compressed) with its signature, so the exact file can be
written out again and re-checked years later. At most one file per batch is ``current``:
a later file for the same batch is accepted only as a correction, with its cause, and the
one it replaces is kept as ``superseded``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from expertscore.storage.models import NAMING_CONVENTION


class Base(DeclarativeBase):
    # The session file's naming convention: Alembic's batch mode on SQLite needs names.
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DecimalText(TypeDecorator):
    """A ``Decimal`` stored as its text: exact on SQLite too (whose NUMERIC is a float)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | str | None, dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class Check(StrEnum):
    """How far a file was checked before it was accepted (docs/registry.md, the trust rule)."""

    RECHECKED = "rechecked"  # the whole merge re-run from the experts' result files
    INTERNAL = "internal"  # signature, batch and internal consistency only


class Status(StrEnum):
    CURRENT = "current"
    SUPERSEDED = "superseded"


class InputKind(StrEnum):
    SIGNED = "signed"
    TRANSCRIPTION = "transcription"
    MISSING = "missing"


class PanelFile(Base):
    """One accepted signed panel file: the batch it closes, who signed it, how it was checked."""

    __tablename__ = "panel_file"
    __table_args__ = (
        # Two staff ingesting corrections of one batch at once: only one can be current.
        Index(
            "uq_panel_file_current_batch",
            "batch_sha256",
            unique=True,
            sqlite_where=text("status = 'current'"),
            postgresql_where=text("status = 'current'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    submissions: Mapped[int] = mapped_column(Integer)  # how many the panel ranked
    batch_id: Mapped[str] = mapped_column(String(64), index=True)
    batch_sha256: Mapped[str] = mapped_column(String(64), index=True)
    batch_title: Mapped[str] = mapped_column(Text)
    organizer: Mapped[str] = mapped_column(Text)
    batch_created: Mapped[str] = mapped_column(String(40))  # the round's date, from the package
    scheme_id: Mapped[str] = mapped_column(String(64))
    scheme_version: Mapped[str] = mapped_column(String(40))
    chair_id: Mapped[str] = mapped_column(String(64))
    chair_name: Mapped[str] = mapped_column(Text)
    chair_key: Mapped[str] = mapped_column(String(32))  # fingerprint of the signing key
    created_at: Mapped[str] = mapped_column(String(40))  # as the chair's program wrote it
    program_version: Mapped[str] = mapped_column(String(40))
    check: Mapped[str] = mapped_column(String(16))  # a ``Check``
    status: Mapped[str] = mapped_column(String(16))  # a ``Status``
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("panel_file.id"))
    correction_cause: Mapped[str | None] = mapped_column(Text)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ingested_by: Mapped[str] = mapped_column(Text)
    # The signed payload (zlib), key id and signature: the file is exactly
    # ``panel_envelope_bytes(payload, keyid, signature)``.
    payload_zlib: Mapped[bytes] = mapped_column(LargeBinary)
    keyid: Mapped[str] = mapped_column(String(32))
    signature: Mapped[str] = mapped_column(Text)


class Platform(Base):
    """A platform as the authority knows it across panels: its name and its operator."""

    __tablename__ = "platform"
    __table_args__ = (UniqueConstraint("operator", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    operator: Mapped[str] = mapped_column(Text)


class PlatformResult(Base):
    """One submission of one panel: the platform's numbers in that round."""

    __tablename__ = "platform_result"
    __table_args__ = (UniqueConstraint("panel_id", "submission"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panel_file.id", ondelete="CASCADE"))
    platform_id: Mapped[int] = mapped_column(ForeignKey("platform.id"), index=True)
    submission: Mapped[str] = mapped_column(String(64))
    region: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(64))
    base: Mapped[Decimal] = mapped_column(DecimalText)
    bonus: Mapped[Decimal] = mapped_column(DecimalText)
    total: Mapped[Decimal] = mapped_column(DecimalText)
    percent: Mapped[Decimal | None] = mapped_column(DecimalText)
    grade: Mapped[str | None] = mapped_column(String(64))
    rank: Mapped[int] = mapped_column(Integer)
    experts: Mapped[int] = mapped_column(Integer)  # who scored it
    flagged: Mapped[int] = mapped_column(Integer)  # indicators with a flag
    agreed: Mapped[int] = mapped_column(Integer)  # indicators with an agreed panel score
    fragile: Mapped[bool] = mapped_column(Boolean)  # one expert's absence changes grade/rank


class Expert(Base):
    """A person across panels, as the authority knows them: by name and organization (a
    signing key is personal but may be replaced, so each panel's key is kept beside it)."""

    __tablename__ = "expert"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identity: Mapped[str] = mapped_column(Text, unique=True)  # "<name>|<organization>"
    name: Mapped[str] = mapped_column(Text)
    organization: Mapped[str | None] = mapped_column(Text)


class PanelExpert(Base):
    """What one expert did in one panel (87号令 art. 45(1): how each expert performed)."""

    __tablename__ = "panel_expert"
    __table_args__ = (UniqueConstraint("panel_id", "roster_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    panel_id: Mapped[int] = mapped_column(ForeignKey("panel_file.id", ondelete="CASCADE"))
    expert_id: Mapped[int] = mapped_column(ForeignKey("expert.id"), index=True)
    roster_id: Mapped[str] = mapped_column(String(64))  # the expert's id in that batch
    role: Mapped[str | None] = mapped_column(Text)
    key: Mapped[str | None] = mapped_column(String(32))  # their key's fingerprint, if known
    result: Mapped[str] = mapped_column(String(16))  # an ``InputKind``
    assigned: Mapped[int] = mapped_column(Integer)
    scored: Mapped[int] = mapped_column(Integer)
    recused: Mapped[int] = mapped_column(Integer)
    explanations: Mapped[int] = mapped_column(Integer)  # totals far from the panel's mean
    second_round: Mapped[int] = mapped_column(Integer)  # indicators they were asked again
    decisive: Mapped[int] = mapped_column(Integer)  # submissions whose grade/rank hang on them
