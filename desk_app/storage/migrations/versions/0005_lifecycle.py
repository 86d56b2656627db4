"""The dossier's whole life: sign-in sessions, appointment slip times, intake drafts, page kinds,
results and returns.

Revision ID: 0005_lifecycle
Revises: 0004_dossier_form_data
"""
from alembic import op
import sqlalchemy as sa

revision = "0005_lifecycle"
down_revision = "0004_dossier_form_data"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_user_sessions_user_id", "user_sessions", ["user_id"])
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    with op.batch_alter_table("dossiers") as batch:
        batch.add_column(sa.Column("submitted_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("slip_received_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("slip_due_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("intake_id", sa.String(40), nullable=True))
        batch.add_column(sa.Column("form_sources", sa.JSON(), nullable=False, server_default="{}"))
        batch.create_unique_constraint("uq_dossiers_intake_id", ["intake_id"])
        batch.create_index("ix_dossiers_due_at", ["due_at"])
        batch.create_index("ix_dossiers_applicant_id_number", ["applicant_id_number"])
        batch.create_index("ix_dossiers_status_due_at", ["status", "due_at"])
    if op.get_bind().dialect.name == "sqlite":
        # Names (diacritics folded) indexed for the dossier book; rowid = dossiers.id. Written by
        # IntakeSession.finish, the one place a dossier is created (see desk_app/services/dossier_book.py).
        op.execute("CREATE VIRTUAL TABLE dossier_fts USING fts5(name, tokenize = 'unicode61')")
        op.execute("INSERT INTO dossier_fts (rowid, name) SELECT id, applicant_name_folded FROM dossiers")
    # Existing dossiers: the slip shows what was printed at acceptance.
    op.execute("UPDATE dossiers SET slip_received_at = received_at, slip_due_at = due_at, "
               "submitted_at = received_at")
    with op.batch_alter_table("pages") as batch:
        batch.add_column(sa.Column("kind", sa.String(20), nullable=False, server_default="intake"))
        batch.add_column(sa.Column("added_at", sa.DateTime(), nullable=True))
    op.create_table(
        "dossier_results",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_index("ix_dossier_results_dossier_id", "dossier_results", ["dossier_id"])
    op.create_table(
        "dossier_returns",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("dossier_id", sa.Integer(), sa.ForeignKey("dossiers.id"), nullable=False, unique=True),
        sa.Column("returned_at", sa.DateTime(), nullable=False),
        sa.Column("returned_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("receiver_name", sa.String(200), nullable=False),
        sa.Column("receiver_id_number", sa.String(20), nullable=False),
        sa.Column("authorised", sa.Boolean(), nullable=False),
        sa.Column("fee_collected", sa.Integer(), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS dossier_fts")
    op.drop_table("dossier_returns")
    op.drop_index("ix_dossier_results_dossier_id", "dossier_results")
    op.drop_table("dossier_results")
    with op.batch_alter_table("pages") as batch:
        batch.drop_column("added_at")
        batch.drop_column("kind")
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_index("ix_dossiers_status_due_at")
        batch.drop_index("ix_dossiers_applicant_id_number")
        batch.drop_index("ix_dossiers_due_at")
        batch.drop_constraint("uq_dossiers_intake_id", type_="unique")
        batch.drop_column("form_sources")
        batch.drop_column("intake_id")
        batch.drop_column("slip_due_at")
        batch.drop_column("slip_received_at")
        batch.drop_column("submitted_at")
    op.drop_table("app_secrets")
    op.drop_index("ix_user_sessions_user_id", "user_sessions")
    op.drop_table("user_sessions")
