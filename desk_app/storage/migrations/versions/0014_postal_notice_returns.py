"""Items sent back by post that are not results: the Mẫu 02 / Mẫu 03 (and the papers) of a dossier received
through the post office and not accepted (docs/POSTAL.md, "Sending back what was not accepted").

Revision ID: 0014_postal_notice_returns
Revises: 0013_merge_lines
"""
from alembic import op
import sqlalchemy as sa

revision = "0014_postal_notice_returns"
down_revision = "0013_merge_lines"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("postal_returns") as batch:
        # "result" (the dossier's result, delivery returns the dossier) | "notice" (Mẫu 02 / 03 sent back)
        batch.add_column(sa.Column("kind", sa.String(10), nullable=False, server_default="result"))


def downgrade() -> None:
    with op.batch_alter_table("postal_returns") as batch:
        batch.drop_column("kind")
