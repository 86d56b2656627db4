"""Postal devices whose signed transfer files the desk accepts (docs/POSTAL.md, "Signed transfer files").

Revision ID: 0015_trusted_devices
Revises: 0014_postal_notice_returns
"""
from alembic import op
import sqlalchemy as sa

revision = "0015_trusted_devices"
down_revision = "0014_postal_notice_returns"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trusted_devices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("fingerprint", sa.String(19), nullable=False, unique=True),
        sa.Column("public_key", sa.String(64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("enrolled_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("trusted_devices")
