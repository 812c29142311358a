"""signed results: result records (lock and sequence) and transcription

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "result_record",
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.String(length=40), nullable=False),
        sa.Column("signer_id", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("payload_sha256", sa.String(length=64), nullable=False),
        sa.Column("envelope", sa.Text(), nullable=False),
        sa.Column("unlocked_at", sa.String(length=40), nullable=True),
        sa.Column("unlock_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("sequence", name=op.f("pk_result_record")),
    )
    op.create_table(
        "transcription",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chair_id", sa.String(length=64), nullable=False),
        sa.Column("chair_name", sa.Text(), nullable=False),
        sa.Column("chair_public_key", sa.Text(), nullable=False),
        sa.Column("sheet", sa.Text(), nullable=False),
        sa.Column("marked_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transcription")),
    )


def downgrade() -> None:
    op.drop_table("transcription")
    op.drop_table("result_record")
