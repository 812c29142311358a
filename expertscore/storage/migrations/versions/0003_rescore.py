"""second scoring rounds: indicators the chair sent back to the expert

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 22:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rescore_request",
        sa.Column("submission_id", sa.String(length=64), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.Text(), nullable=False),
        sa.Column("received_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_rescore_request_submission_id_submission"),
        ),
        sa.PrimaryKeyConstraint(
            "submission_id", "indicator", "round", name=op.f("pk_rescore_request")
        ),
    )


def downgrade() -> None:
    op.drop_table("rescore_request")
