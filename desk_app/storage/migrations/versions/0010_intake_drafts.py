"""The counter's drafts: what the clerk typed survives a crash or a closed window (docs/COUNTER.md).

Revision ID: 0010_intake_drafts
Revises: 0009_merge_postal_day
"""
from alembic import op
import sqlalchemy as sa

revision = "0010_intake_drafts"
down_revision = "0009_merge_postal_day"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intake_drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("desk_key", sa.String(120), nullable=False),
        sa.Column("intake_id", sa.String(64), nullable=False),
        sa.Column("batch_id", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("user_id", "desk_key", name="uq_intake_draft_user_desk"),
    )
    op.create_index("ix_intake_drafts_user_id", "intake_drafts", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_intake_drafts_user_id", "intake_drafts")
    op.drop_table("intake_drafts")
