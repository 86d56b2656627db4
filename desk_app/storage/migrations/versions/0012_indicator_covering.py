"""Indicators: covering indexes for the per-dossier flags of a period (accepted, intake pages, upload
acknowledged), so each is read from an index without visiting the table rows.

Revision ID: 0012_indicator_covering
Revises: 0011_book_year_close
"""
from alembic import op

revision = "0012_indicator_covering"
down_revision = "0011_book_year_close"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_status_changes_dossier_to_status", "status_changes", ["dossier_id", "to_status"])
    op.create_index("ix_pages_dossier_kind", "pages", ["dossier_id", "kind"])
    op.create_index("ix_outbox_dossier_action_state", "outbox", ["dossier_id", "action", "state"])


def downgrade() -> None:
    op.drop_index("ix_outbox_dossier_action_state", "outbox")
    op.drop_index("ix_pages_dossier_kind", "pages")
    op.drop_index("ix_status_changes_dossier_to_status", "status_changes")
