"""ocr: recognised text per page and a full-text index (FTS5 on SQLite)

Revision ID: 0002_ocr
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = "0002_ocr"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ocr_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column("page_id", sa.Integer(), sa.ForeignKey("pages.id"), nullable=True),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_folded", sa.Text(), nullable=False),
        sa.Column("mean_confidence", sa.Float(), nullable=False),
        sa.Column("blank", sa.Boolean(), nullable=False),
        sa.Column("orientation", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("page_id", name="uq_ocr_pages_page_id"),
    )
    op.create_index("ix_ocr_pages_file_sha256", "ocr_pages", ["file_sha256"])
    op.create_index("ix_ocr_pages_dossier_id", "ocr_pages", ["dossier_id"])
    if op.get_bind().dialect.name == "sqlite":
        # Text is folded (no diacritics, đ→d, lower case) before it goes in, so plain unicode61 suffices.
        op.execute("CREATE VIRTUAL TABLE ocr_fts USING fts5(folded, tokenize = 'unicode61')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS ocr_fts")
    op.drop_index("ix_ocr_pages_dossier_id", table_name="ocr_pages")
    op.drop_index("ix_ocr_pages_file_sha256", table_name="ocr_pages")
    op.drop_table("ocr_pages")
