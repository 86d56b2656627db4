"""The supervisor's day: problem explanations, cash counts, day closes (report hash, audit chain head).

Revision ID: 0007_day_close
Revises: 0006_security
"""
from alembic import op
import sqlalchemy as sa

revision = "0007_day_close"
down_revision = "0006_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "day_explanations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("problem_id", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("explained_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("explained_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("day", "problem_id", name="uq_day_explanation"),
    )
    op.create_index("ix_day_explanations_day", "day_explanations", ["day"])
    op.create_table(
        "day_cash_counts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("denominations", sa.JSON(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("counted_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("counted_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_day_cash_counts_day", "day_cash_counts", ["day"])
    op.create_table(
        "day_closes",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("closed_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("report_sha256", sa.String(64), nullable=False),
        sa.Column("report_path", sa.Text(), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("chain_count", sa.Integer(), nullable=False),
        sa.Column("chain_hash", sa.String(64), nullable=False),
        sa.Column("reopened_at", sa.DateTime(), nullable=True),
        sa.Column("reopened_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("reopen_reason", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("day_closes")
    op.drop_index("ix_day_cash_counts_day", "day_cash_counts")
    op.drop_table("day_cash_counts")
    op.drop_index("ix_day_explanations_day", "day_explanations")
    op.drop_table("day_explanations")
