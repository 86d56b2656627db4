"""Security: forced password change after a reset, a hash-chained audit log with its head kept apart,
failed sign-ins per user and per desk (lockout survives a restart).

Revision ID: 0006_security
Revises: 0005_lifecycle
"""
from alembic import op
import sqlalchemy as sa

revision = "0006_security"
down_revision = "0005_lifecycle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("must_change_password", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("password_changed_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("role_audit_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("row_hash", sa.String(64), nullable=False, server_default=""))
        batch.create_unique_constraint("uq_audit_log_seq", ["seq"])
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "sign_in_throttle",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
    )
    _chain_existing_rows()


def _chain_existing_rows() -> None:
    """Chain the rows written before this revision, in the order they were written; then tie each
    account's role to the audit row that gave it (a system row "the role as found at the upgrade" when
    there is none)."""
    from desk_app.clock import now_local
    from desk_app.security.audit import GENESIS, compute_hash

    audit = sa.table("audit_log", sa.column("id", sa.Integer()), sa.column("at", sa.DateTime()),
                     sa.column("user_id", sa.Integer()), sa.column("username", sa.String()),
                     sa.column("action", sa.String()), sa.column("entity", sa.String()),
                     sa.column("entity_id", sa.String()), sa.column("details", sa.JSON()),
                     sa.column("seq", sa.Integer()), sa.column("prev_hash", sa.String()),
                     sa.column("row_hash", sa.String()))
    head = sa.table("audit_chain_head", sa.column("id", sa.Integer()), sa.column("count", sa.Integer()),
                    sa.column("last_hash", sa.String()), sa.column("updated_at", sa.DateTime()))
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("role", sa.String()),
                     sa.column("role_audit_id", sa.Integer()))
    connection = op.get_bind()
    state = {"prev": GENESIS, "seq": 0}

    def chain(row) -> None:  # noqa: ANN001
        state["seq"] += 1
        fields = {"seq": state["seq"], "at": row["at"].isoformat(timespec="microseconds") if row["at"] else "",
                  "user_id": row["user_id"], "username": row["username"], "action": row["action"],
                  "entity": row["entity"], "entity_id": row["entity_id"],
                  "details": row["details"] if row["details"] is not None else {}}
        row_hash = compute_hash(fields, state["prev"])
        connection.execute(audit.update().where(audit.c.id == row["id"])
                           .values(seq=state["seq"], prev_hash=state["prev"], row_hash=row_hash))
        state["prev"] = row_hash

    for row in connection.execute(sa.select(audit).order_by(audit.c.id)).mappings().all():
        chain(row)
    role_rows: dict[str, tuple[int, str]] = {}
    for row in connection.execute(sa.select(audit.c.id, audit.c.entity_id, audit.c.details).where(
            audit.c.entity == "user", audit.c.action.in_(("user.create", "user.role"))).order_by(audit.c.id)):
        role_rows[row.entity_id] = (row.id, (row.details or {}).get("role", ""))
    now = now_local()
    for user in connection.execute(sa.select(users.c.id, users.c.role)).all():
        found = role_rows.get(str(user.id))
        if found is None or found[1] != user.role:
            details = {"role": user.role, "reason": "vai trò khi nâng cấp lên 0006_security"}
            new_id = connection.execute(audit.insert().values(
                at=now, user_id=None, username="system", action="user.role", entity="user",
                entity_id=str(user.id), details=details, prev_hash="", row_hash="")).inserted_primary_key[0]
            chain({"id": new_id, "at": now, "user_id": None, "username": "system", "action": "user.role",
                   "entity": "user", "entity_id": str(user.id), "details": details})
            found = (new_id, user.role)
        connection.execute(users.update().where(users.c.id == user.id).values(role_audit_id=found[0]))
    connection.execute(head.insert().values(id=1, count=state["seq"], last_hash=state["prev"], updated_at=None))


def downgrade() -> None:
    op.drop_table("sign_in_throttle")
    op.drop_table("audit_chain_head")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint("uq_audit_log_seq", type_="unique")
        batch.drop_column("row_hash")
        batch.drop_column("prev_hash")
        batch.drop_column("seq")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("role_audit_id")
        batch.drop_column("password_changed_at")
        batch.drop_column("must_change_password")
