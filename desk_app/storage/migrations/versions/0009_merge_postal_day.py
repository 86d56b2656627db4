"""Join the postal area (0008_postal) and the supervisor's day (0007_day_close) into one line.

Revision ID: 0009_merge_postal_day
Revises: 0007_day_close, 0008_postal
"""

revision = "0009_merge_postal_day"
down_revision = ("0007_day_close", "0008_postal")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
