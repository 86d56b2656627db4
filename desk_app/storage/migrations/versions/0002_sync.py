"""provincial sync: outbox claim/ack/escalation columns, confirmed uploads, pull cursor, notifications

Revision ID: 0002_sync
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = "0002_sync"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=120), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("claimed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("acknowledged_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("escalated_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("escalation_note", sa.Text(), nullable=False, server_default=""))

    op.create_table(
        "sync_files",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "sync_cursors",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "sync_notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("dossier_code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("audience", sa.String(length=20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("remote_id", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read", sa.Boolean(), nullable=False),
        sa.Column("read_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sync_notifications", schema=None) as batch_op:
        batch_op.create_index("ix_sync_notifications_dossier_id", ["dossier_id"], unique=False)
        batch_op.create_index("ix_sync_notifications_remote_id", ["remote_id"], unique=False)
        batch_op.create_index("ix_sync_notifications_created_at", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_table("sync_notifications")
    op.drop_table("sync_cursors")
    op.drop_table("sync_files")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("escalation_note")
        batch_op.drop_column("escalated_at")
        batch_op.drop_column("acknowledged_at")
        batch_op.drop_column("claimed_at")
        batch_op.drop_column("claimed_by")
