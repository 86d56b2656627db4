"""Join the areas' revisions (forms, identity, OCR, sync) into one line; pages remember the blank flag.

Revision ID: 0003_merge_areas
Revises: 0002_forms, 0002_identity, 0002_ocr, 0002_sync
"""
from alembic import op
import sqlalchemy as sa

revision = "0003_merge_areas"
down_revision = ("0002_forms", "0002_identity", "0002_ocr", "0002_sync")
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A page flagged blank (by the clerk or the detector) is kept in the dossier, with the flag.
    with op.batch_alter_table("pages") as batch:
        batch.add_column(sa.Column("blank", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("pages") as batch:
        batch.drop_column("blank")
