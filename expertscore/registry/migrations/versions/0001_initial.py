"""The registry's first schema: panel files, platforms and their results, experts.

Revision ID: 0001
Revises:
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "expert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("organization", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expert")),
        sa.UniqueConstraint("identity", name=op.f("uq_expert_identity")),
    )
    op.create_table(
        "panel_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("submissions", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.String(length=64), nullable=False),
        sa.Column("batch_sha256", sa.String(length=64), nullable=False),
        sa.Column("batch_title", sa.Text(), nullable=False),
        sa.Column("organizer", sa.Text(), nullable=False),
        sa.Column("batch_created", sa.String(length=40), nullable=False),
        sa.Column("scheme_id", sa.String(length=64), nullable=False),
        sa.Column("scheme_version", sa.String(length=40), nullable=False),
        sa.Column("chair_id", sa.String(length=64), nullable=False),
        sa.Column("chair_name", sa.Text(), nullable=False),
        sa.Column("chair_key", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("program_version", sa.String(length=40), nullable=False),
        sa.Column("check", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("correction_cause", sa.Text(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingested_by", sa.Text(), nullable=False),
        sa.Column("payload_zlib", sa.LargeBinary(), nullable=False),
        sa.Column("keyid", sa.String(length=32), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["panel_file.id"],
            name=op.f("fk_panel_file_supersedes_id_panel_file"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_file")),
        sa.UniqueConstraint("sha256", name=op.f("uq_panel_file_sha256")),
    )
    with op.batch_alter_table("panel_file", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_panel_file_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_panel_file_batch_sha256"), ["batch_sha256"], unique=False
        )
        batch_op.create_index(
            "uq_panel_file_current_batch",
            ["batch_sha256"],
            unique=True,
            sqlite_where=sa.text("status = 'current'"),
            postgresql_where=sa.text("status = 'current'"),
        )

    op.create_table(
        "platform",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("operator", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform")),
        sa.UniqueConstraint("operator", "name", name=op.f("uq_platform_operator")),
    )
    op.create_table(
        "panel_expert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("panel_id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.Integer(), nullable=False),
        sa.Column("roster_id", sa.String(length=64), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("key", sa.String(length=32), nullable=True),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("assigned", sa.Integer(), nullable=False),
        sa.Column("scored", sa.Integer(), nullable=False),
        sa.Column("recused", sa.Integer(), nullable=False),
        sa.Column("explanations", sa.Integer(), nullable=False),
        sa.Column("second_round", sa.Integer(), nullable=False),
        sa.Column("decisive", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["expert_id"], ["expert.id"], name=op.f("fk_panel_expert_expert_id_expert")
        ),
        sa.ForeignKeyConstraint(
            ["panel_id"],
            ["panel_file.id"],
            name=op.f("fk_panel_expert_panel_id_panel_file"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_panel_expert")),
        sa.UniqueConstraint("panel_id", "roster_id", name=op.f("uq_panel_expert_panel_id")),
    )
    with op.batch_alter_table("panel_expert", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_panel_expert_expert_id"), ["expert_id"], unique=False)

    op.create_table(
        "platform_result",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("panel_id", sa.Integer(), nullable=False),
        sa.Column("platform_id", sa.Integer(), nullable=False),
        sa.Column("submission", sa.String(length=64), nullable=False),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("category", sa.String(length=64), nullable=True),
        sa.Column("base", sa.String(length=40), nullable=False),
        sa.Column("bonus", sa.String(length=40), nullable=False),
        sa.Column("total", sa.String(length=40), nullable=False),
        sa.Column("percent", sa.String(length=40), nullable=True),
        sa.Column("grade", sa.String(length=64), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("experts", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.Column("agreed", sa.Integer(), nullable=False),
        sa.Column("fragile", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["panel_id"],
            ["panel_file.id"],
            name=op.f("fk_platform_result_panel_id_panel_file"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["platform_id"], ["platform.id"], name=op.f("fk_platform_result_platform_id_platform")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_result")),
        sa.UniqueConstraint("panel_id", "submission", name=op.f("uq_platform_result_panel_id")),
    )
    with op.batch_alter_table("platform_result", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_platform_result_platform_id"), ["platform_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("platform_result", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_platform_result_platform_id"))

    op.drop_table("platform_result")
    with op.batch_alter_table("panel_expert", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_panel_expert_expert_id"))

    op.drop_table("panel_expert")
    op.drop_table("platform")
    with op.batch_alter_table("panel_file", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_panel_file_current_batch",
            sqlite_where=sa.text("status = 'current'"),
            postgresql_where=sa.text("status = 'current'"),
        )
        batch_op.drop_index(batch_op.f("ix_panel_file_batch_sha256"))
        batch_op.drop_index(batch_op.f("ix_panel_file_batch_id"))

    op.drop_table("panel_file")
    op.drop_table("expert")
