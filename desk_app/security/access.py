"""Checked and audited reads: one helper for services and commands that only read citizen data.

``authorized(sessions, who, permission, action, entity, entity_id, **details)`` authorises *who* for
*permission* and, when *action* is given, writes the audit row in the same transaction. Details name
what was read (dossier codes, citizen row ids, counts), never the personal data itself.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.storage.db import transaction
from desk_app.storage.models import User


def authorized(sessions: sessionmaker[Session], who: Identity, permission: Permission, action: str | None = None,
               entity: str = "", entity_id: Any = "", **details: Any) -> User:
    """The user behind *who* if allowed (else :class:`PermissionError` subclasses with a Vietnamese message)."""
    with transaction(sessions) as session:
        user = authorize(session, who, permission)
        if action:
            audit.record(session, user, action, entity, entity_id, **details)
        return user
