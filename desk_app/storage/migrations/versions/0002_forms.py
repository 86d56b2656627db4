"""forms: payments, counter notices, delay notices, postal hand-overs, issued forms

Revision ID: 0002_forms
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_forms"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("receipt_year", sa.Integer(), nullable=False),
        sa.Column("receipt_number", sa.Integer(), nullable=False),
        sa.Column("phi_amount", sa.Integer(), nullable=False),
        sa.Column("le_phi_amount", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("vietqr_payload", sa.Text(), nullable=False),
        sa.Column("transfer_reference", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("confirmed_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("receipt_year", "receipt_number", name="uq_payment_receipt_number"),
    )
    op.create_index("ix_payments_dossier_id", "payments", ["dossier_id"])
    op.create_table(
        "form_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_form_notices_dossier_id", "form_notices", ["dossier_id"])
    op.create_table(
        "delay_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("processing_agency", sa.String(length=300), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("original_due", sa.DateTime(), nullable=False),
        sa.Column("new_due", sa.DateTime(), nullable=False),
        sa.Column("signer_name", sa.String(length=200), nullable=False),
        sa.Column("signer_title", sa.String(length=200), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id"),
    )
    op.create_table(
        "postal_handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handed_at", sa.DateTime(), nullable=False),
        sa.Column("postal_employee", sa.String(length=200), nullable=False),
        sa.Column("postal_unit", sa.String(length=300), nullable=False),
        sa.Column("received_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("fees_collected", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_postal_handovers_handed_at", "postal_handovers", ["handed_at"])
    op.create_table(
        "postal_handover_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handover_id", sa.Integer(), sa.ForeignKey("postal_handovers.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("postal_item_id", sa.String(length=40), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("fee_collected", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_postal_handover_items_handover_id", "postal_handover_items", ["handover_id"])
    op.create_index("ix_postal_handover_items_dossier_id", "postal_handover_items", ["dossier_id"])
    op.create_table(
        "form_issues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("dossier_code", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_form_issues_dossier_code", "form_issues", ["dossier_code"])


def downgrade() -> None:
    for index, table in (
        ("ix_form_issues_dossier_code", "form_issues"),
        ("ix_postal_handover_items_dossier_id", "postal_handover_items"),
        ("ix_postal_handover_items_handover_id", "postal_handover_items"),
        ("ix_postal_handovers_handed_at", "postal_handovers"),
        ("ix_form_notices_dossier_id", "form_notices"),
        ("ix_payments_dossier_id", "payments"),
    ):
        op.drop_index(index, table_name=table)
    for table in ("form_issues", "postal_handover_items", "postal_handovers", "delay_notices",
                  "form_notices", "payments"):
        op.drop_table(table)
