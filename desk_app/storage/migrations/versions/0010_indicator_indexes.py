"""Indicators: status history by (to_status, at, dossier_id), so the first end step of the dossiers of a
period is a range of one index (QĐ 766 indicators of a year of 60,000 dossiers under 2 s).

Revision ID: 0010_indicator_indexes
Revises: 0009_merge_postal_day
"""
from alembic import op

revision = "0010_indicator_indexes"
down_revision = "0009_merge_postal_day"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_status_changes_to_status_at", "status_changes", ["to_status", "at", "dossier_id"])


def downgrade() -> None:
    op.drop_index("ix_status_changes_to_status_at", "status_changes")
