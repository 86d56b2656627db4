"""Dossiers keep the e-form values the clerk confirmed (pre-filled from the ID card, registry, paper form).

Revision ID: 0004_dossier_form_data
Revises: 0003_merge_areas
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_dossier_form_data"
down_revision = "0003_merge_areas"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("form_data", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("form_data")
