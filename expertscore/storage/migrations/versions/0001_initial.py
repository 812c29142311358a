"""initial session schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21 20:55:39.970794
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "edit_log",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("submission_id", sa.String(length=64), nullable=True),
        sa.Column("indicator", sa.String(length=64), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_edit_log")),
    )
    op.create_table(
        "evidence_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_evidence_blob")),
    )
    op.create_table(
        "expert",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organization", sa.Text(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("public_key", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expert")),
    )
    op.create_table(
        "session_info",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("batch_title", sa.Text(), nullable=False),
        sa.Column("batch_organizer", sa.Text(), nullable=False),
        sa.Column("batch_created", sa.String(length=40), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.Column("organizer_key", sa.Text(), nullable=True),
        sa.Column("expert_id", sa.String(length=64), nullable=False),
        sa.Column("scheme_id", sa.String(length=64), nullable=False),
        sa.Column("scheme_version", sa.String(length=40), nullable=False),
        sa.Column("scheme_sha256", sa.String(length=64), nullable=False),
        sa.Column("scheme_yaml", sa.Text(), nullable=False),
        sa.Column("manifest_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("program_version", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_info")),
    )
    op.create_table(
        "submission",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("platform", sa.Text(), nullable=False),
        sa.Column("operator", sa.Text(), nullable=False),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("industry_tags", sa.Text(), nullable=False),
        sa.Column("domain_tags", sa.Text(), nullable=False),
        sa.Column("cases", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission")),
    )
    op.create_table(
        "ui_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_ui_state")),
    )
    op.create_table(
        "assignment",
        sa.Column("submission_id", sa.String(length=64), nullable=False),
        sa.Column("indicators", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_assignment_submission_id_submission"),
        ),
        sa.PrimaryKeyConstraint("submission_id", name=op.f("pk_assignment")),
    )
    op.create_table(
        "evidence",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("submission_id", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("indicators", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"], ["evidence_blob.sha256"], name=op.f("fk_evidence_sha256_evidence_blob")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submission.id"], name=op.f("fk_evidence_submission_id_submission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evidence_submission_id"), ["submission_id"], unique=False
        )

    op.create_table(
        "recusal",
        sa.Column("submission_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("declared_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submission.id"], name=op.f("fk_recusal_submission_id_submission")
        ),
        sa.PrimaryKeyConstraint("submission_id", name=op.f("pk_recusal")),
    )
    op.create_table(
        "reported_value",
        sa.Column("submission_id", sa.String(length=64), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_reported_value_submission_id_submission"),
        ),
        sa.PrimaryKeyConstraint("submission_id", "indicator", name=op.f("pk_reported_value")),
    )
    op.create_table(
        "score",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.String(length=64), nullable=False),
        sa.Column("indicator", sa.String(length=64), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("points", sa.String(length=40), nullable=True),
        sa.Column("choice", sa.Text(), nullable=True),
        sa.Column("verified_value", sa.Text(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("pinned_evidence", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submission.id"], name=op.f("fk_score_submission_id_submission")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score")),
        sa.UniqueConstraint(
            "submission_id", "indicator", "round", name=op.f("uq_score_submission_id")
        ),
    )
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_score_submission_id"), ["submission_id"], unique=False)

    op.create_table(
        "submission_note",
        sa.Column("submission_id", sa.String(length=64), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("industry_tags", sa.Text(), nullable=False),
        sa.Column("domain_tags", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submission.id"],
            name=op.f("fk_submission_note_submission_id_submission"),
        ),
        sa.PrimaryKeyConstraint("submission_id", name=op.f("pk_submission_note")),
    )


def downgrade() -> None:

    op.drop_table("submission_note")
    with op.batch_alter_table("score", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_submission_id"))

    op.drop_table("score")
    op.drop_table("reported_value")
    op.drop_table("recusal")
    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_submission_id"))

    op.drop_table("evidence")
    op.drop_table("assignment")
    op.drop_table("ui_state")
    op.drop_table("submission")
    op.drop_table("session_info")
    op.drop_table("expert")
    op.drop_table("evidence_blob")
    op.drop_table("edit_log")
