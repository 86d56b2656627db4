"""identity: citizen registry, per-field provenance, reusable digitised documents, reuse on dossiers

Revision ID: 0002_identity
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = "0002_identity"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "citizens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("id_number", sa.String(length=12), nullable=False),
        sa.Column("id_kind", sa.Integer(), nullable=False),
        sa.Column("old_id", sa.String(length=12), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("name_folded", sa.String(length=200), nullable=False),
        sa.Column("given_folded", sa.String(length=200), nullable=False),
        sa.Column("dob", sa.Date(), nullable=True),
        sa.Column("gender", sa.String(length=10), nullable=False),
        sa.Column("place_of_residence", sa.String(length=500), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("id_number"),
    )
    op.create_index("ix_citizens_old_id", "citizens", ["old_id"])
    op.create_index("ix_citizens_given_folded", "citizens", ["given_folded"])
    op.create_index("ix_citizens_dob", "citizens", ["dob"])
    op.create_index("ix_citizens_name_dob", "citizens", ["name_folded", "dob"])

    op.create_table(
        "citizen_values",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("source_ref", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["citizen_id"], ["citizens.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_citizen_values_citizen_field", "citizen_values", ["citizen_id", "field"])

    op.create_table(
        "citizen_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("citizen_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("issuer", sa.String(length=300), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("permanent", sa.Boolean(), nullable=False),
        sa.Column("is_result", sa.Boolean(), nullable=False),
        sa.Column("dossier_code", sa.String(length=64), nullable=False),
        sa.Column("component_code", sa.String(length=40), nullable=False),
        sa.Column("national_store_code", sa.String(length=100), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=True),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("digitised_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["citizen_id"], ["citizens.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["file_sha256"], ["stored_files.sha256"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_citizen_documents_citizen_id", "citizen_documents", ["citizen_id"])

    op.create_table(
        "dossier_document_reuse",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("component_code", sa.String(length=40), nullable=False),
        sa.Column("duoc_so_hoa", sa.Integer(), nullable=False),
        sa.Column("duoc_tai_su_dung", sa.Integer(), nullable=False),
        sa.Column("duoc_lay_tu_kho_dmqg", sa.Integer(), nullable=False),
        sa.Column("ma_ket_qua_thay_the", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["citizen_documents.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_dossier_document_reuse_dossier_id", "dossier_document_reuse", ["dossier_id"])
    op.create_index("ix_dossier_document_reuse_document_id", "dossier_document_reuse", ["document_id"])


def downgrade() -> None:
    op.drop_table("dossier_document_reuse")
    op.drop_table("citizen_documents")
    op.drop_table("citizen_values")
    op.drop_table("citizens")
