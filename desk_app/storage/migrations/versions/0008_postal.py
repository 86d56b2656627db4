"""Public-postal reception (channel 3) and return by post: items in transit, the return leg, the
postal fields of a dossier, the giver's identity and the archived hand-over record (docs/POSTAL.md).

Revision ID: 0008_postal
Revises: 0006_security
"""
from alembic import op
import sqlalchemy as sa

revision = "0008_postal"
down_revision = "0006_security"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("postal_item_id", sa.String(13), nullable=False, server_default=""))
        batch.add_column(sa.Column("result_by_post", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("delivery_address", sa.String(500), nullable=False, server_default=""))
    with op.batch_alter_table("postal_handovers") as batch:
        batch.add_column(sa.Column("postal_employee_id", sa.String(40), nullable=False, server_default=""))
        batch.add_column(sa.Column("pdf_sha256", sa.String(64), nullable=False, server_default=""))
    op.create_table(
        "postal_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("s10", sa.String(13), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("collected_at", sa.DateTime(), nullable=False),
        sa.Column("collected_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("procedure_code", sa.String(40), nullable=False),
        sa.Column("intake_json", sa.Text(), nullable=False),
        sa.Column("fee_collected", sa.Integer(), nullable=False),
        sa.Column("postal_charge", sa.Integer(), nullable=False),
        sa.Column("return_by_post", sa.Boolean(), nullable=False),
        sa.Column("delivery_address", sa.String(500), nullable=False),
        sa.Column("slip_sha256", sa.String(64), nullable=False),
        sa.Column("handover_id", sa.Integer(), sa.ForeignKey("postal_handovers.id"), nullable=True),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), nullable=True),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("s10"),
    )
    op.create_index("ix_postal_items_state", "postal_items", ["state"])
    op.create_table(
        "postal_returns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("s10", sa.String(13), nullable=False),
        sa.Column("batch", sa.Integer(), nullable=False),
        sa.Column("handed_at", sa.DateTime(), nullable=False),
        sa.Column("handed_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("postal_employee", sa.String(200), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.JSON(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("receiver_name", sa.String(200), nullable=False),
        sa.Column("signature_sha256", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_postal_returns_dossier_id", "postal_returns", ["dossier_id"])
    op.create_index("ix_postal_returns_s10", "postal_returns", ["s10"])
    op.create_index("ix_postal_returns_batch", "postal_returns", ["batch"])


def downgrade() -> None:
    op.drop_table("postal_returns")
    op.drop_table("postal_items")
    with op.batch_alter_table("postal_handovers") as batch:
        batch.drop_column("pdf_sha256")
        batch.drop_column("postal_employee_id")
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("delivery_address")
        batch.drop_column("result_by_post")
        batch.drop_column("postal_item_id")
