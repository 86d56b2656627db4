"""Postal items carried from the postal employee's offline device, and refunds of fees for items the desk
did not accept (docs/POSTAL.md).

Revision ID: 0010_postal_transfer
Revises: 0009_merge_postal_day
"""
from alembic import op
import sqlalchemy as sa

revision = "0010_postal_transfer"
down_revision = "0009_merge_postal_day"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("postal_items") as batch:
        # On the device: when the item left in a transfer file. On the desk: which file brought it.
        batch.add_column(sa.Column("exported_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("origin", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("bundle_sha256", sa.String(64), nullable=False, server_default=""))
        # Fee collected for an item sent back (Mẫu 02) or refused (Mẫu 03): the post office gives it back.
        batch.add_column(sa.Column("refund_due", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("refunded_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("refunded_by_id", sa.Integer(), sa.ForeignKey("users.id", name="fk_postal_items_refunded_by"), nullable=True))
        batch.add_column(sa.Column("refund_note", sa.String(500), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("postal_items") as batch:
        for column in ("refund_note", "refunded_by_id", "refunded_at", "refund_due", "bundle_sha256", "origin",
                       "exported_at"):
            batch.drop_column(column)
