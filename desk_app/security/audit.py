"""Audit log: every action on citizen data records who, what, when — inside the action's own transaction."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from desk_app.clock import now_local
from desk_app.storage.models import AuditEntry, User


def record(session: Session, user: User | None, action: str, entity: str, entity_id: Any = "",
           **details: Any) -> AuditEntry:
    """Add an audit row to *session*; it commits (or rolls back) together with the action itself.

    Keep personal data out of *details*: the entity id is enough to find the record.
    """
    entry = AuditEntry(
        at=now_local(),
        user_id=user.id if user else None,
        username=user.username if user else "system",
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        details=details,
    )
    session.add(entry)
    return entry
