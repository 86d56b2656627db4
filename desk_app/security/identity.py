"""Who is signed in: the identity the security layer issues at sign-in, checked again on every action.

An :class:`Identity` is a claim, not a proof: anyone in the process can build one. Services therefore
call :func:`authorize` inside their own transaction; it finds the sign-in session the token belongs to
(only its SHA-256 is stored), checks that the session is still open, that the account is active, and
that the account's *current* role (read from the database, not from the object) grants the permission.
It returns the :class:`~desk_app.storage.models.User` row to use for audit and history rows.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from desk_app.clock import now_local
from desk_app.errors import DeskError
from desk_app.security.roles import Permission, require
from desk_app.storage.models import User, UserSession


class SessionInvalidError(DeskError, PermissionError):
    """The sign-in session is unknown, ended or belongs to a disabled account: sign in again."""


@dataclass(frozen=True)
class Identity:
    session_id: int
    user_id: int
    username: str
    full_name: str
    role: str  # the role at sign-in, for display; permissions are checked against the database
    token: str = field(repr=False, compare=False)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(session: Session, user: User, kind: str = "gui") -> Identity:
    """Open a sign-in session for *user* (called only by the sign-in service, after the password check)."""
    token = secrets.token_urlsafe(32)
    row = UserSession(user_id=user.id, token_hash=_token_hash(token), kind=kind, started_at=now_local())
    session.add(row)
    session.flush()
    return Identity(row.id, user.id, user.username, user.full_name, user.role, token)


def authorize(session: Session, identity: Identity, permission: Permission | None = None) -> User:
    """The user behind *identity*, if its session is open, the account active and the permission granted."""
    if not isinstance(identity, Identity):
        raise SessionInvalidError("Thao tác này cần người dùng đã đăng nhập.")
    row = session.get(UserSession, identity.session_id)
    if (row is None or row.ended_at is not None or row.user_id != identity.user_id
            or not hmac.compare_digest(row.token_hash, _token_hash(identity.token))):
        raise SessionInvalidError("Phiên đăng nhập không hợp lệ hoặc đã kết thúc; hãy đăng nhập lại.")
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        raise SessionInvalidError("Tài khoản đã bị khóa; hãy liên hệ quản trị viên.")
    if permission is not None:
        require(user.role, permission)
    return user


def end(session: Session, identity: Identity) -> None:
    """Close the sign-in session (logout); later calls with this identity are refused."""
    row = session.get(UserSession, identity.session_id)
    if row is not None and row.ended_at is None and row.user_id == identity.user_id:
        row.ended_at = now_local()
