"""Year-end close of the tracking book (Sổ theo dõi hồ sơ): the year's rows frozen with their hash.

Revision ID: 0011_book_year_close
Revises: 0010_indicator_indexes
"""
from alembic import op
import sqlalchemy as sa

revision = "0011_book_year_close"
down_revision = "0010_indicator_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "book_year_closes",
        sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
        sa.Column("rows_json", sa.Text(), nullable=False),
        sa.Column("rows_sha256", sa.String(64), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=False),
        sa.Column("pdf_path", sa.Text(), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("chain_count", sa.Integer(), nullable=False),
        sa.Column("chain_hash", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("book_year_closes")
