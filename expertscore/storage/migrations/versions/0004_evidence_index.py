"""the evidence index: every page's text, searchable (FTS5, trigram tokenizer)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 05:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_index_file",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("pages_done", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("indexed_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_evidence_index_file")),
    )
    op.create_table(
        "evidence_page",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("label", sa.Text(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("chars", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_page")),
        sa.UniqueConstraint("sha256", "page", name=op.f("uq_evidence_page_sha256")),
    )
    # rowid = evidence_page.id; trigram: any substring of 3+ characters matches, so Chinese
    # needs no word segmentation.
    op.execute("CREATE VIRTUAL TABLE evidence_text USING fts5(text, tokenize='trigram')")


def downgrade() -> None:
    op.execute("DROP TABLE evidence_text")
    op.drop_table("evidence_page")
    op.drop_table("evidence_index_file")
