"""Join the lines of the counter drafts (0010_intake_drafts), the postal transfer and refunds
(0010_postal_transfer) and the supervisor's indexes and year close (0012_indicator_covering).

Revision ID: 0013_merge_lines
Revises: 0010_intake_drafts, 0010_postal_transfer, 0012_indicator_covering
"""

revision = "0013_merge_lines"
down_revision = ("0010_intake_drafts", "0010_postal_transfer", "0012_indicator_covering")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
