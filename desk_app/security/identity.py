"""Who is signed in: the identity the security layer issues at sign-in, checked again on every action.

An :class:`Identity` is a claim, not a proof: anyone in the process can build one. Services therefore
call :func:`authorize` inside their own transaction; it finds the sign-in session the token belongs to
(only its SHA-256 is stored), checks that the session is still open, that the account is active, that
no password change is pending (after an administrator's reset), and that the account's *current* role
— read from the database, not from the object, and backed by the audited change that gave it — grants
the permission. It returns the :class:`~desk_app.storage.models.User` row to use for audit and history.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from desk_app.clock import now_local
from desk_app.errors import DeskError
from desk_app.security.roles import Permission, PermissionDeniedError, require
from desk_app.storage.models import AuditEntry, User, UserSession

#: Audit actions that give an account its role (see :func:`role_is_attested`).
ROLE_ACTIONS = ("user.create", "user.role")


class SessionInvalidError(DeskError, PermissionError):
    """The sign-in session is unknown, ended or belongs to a disabled account: sign in again."""


class PasswordChangeRequiredError(SessionInvalidError):
    """The administrator reset the password: the user must choose a new one before doing anything else."""


@dataclass(frozen=True)
class Identity:
    session_id: int
    user_id: int
    username: str
    full_name: str
    role: str  # the role at sign-in, for display; permissions are checked against the database
    token: str = field(repr=False, compare=False)
    #: True when the sign-in may only change its password (after a reset); the database decides.
    must_change_password: bool = False

    @property
    def id(self) -> int:
        """The account's row id (for display and lists; never a proof of anything)."""
        return self.user_id


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(session: Session, user: User, kind: str = "gui") -> Identity:
    """Open a sign-in session for *user* (called only by the sign-in service, after the password check)."""
    token = secrets.token_urlsafe(32)
    row = UserSession(user_id=user.id, token_hash=_token_hash(token), kind=kind, started_at=now_local())
    session.add(row)
    session.flush()
    return Identity(row.id, user.id, user.username, user.full_name, user.role, token,
                    bool(user.must_change_password))


def role_is_attested(session: Session, user: User) -> bool:
    """Whether the account's role is the one its last audited role change (or creation) gave it."""
    if user.role_audit_id is None:
        return False
    entry = session.get(AuditEntry, user.role_audit_id)
    return (entry is not None and entry.entity == "user" and entry.entity_id == str(user.id)
            and entry.action in ROLE_ACTIONS and (entry.details or {}).get("role") == user.role)


def authorize(session: Session, identity: Identity, permission: Permission | None = None, *,
              password_change: bool = False) -> User:
    """The user behind *identity*, if its session is open, the account active and the permission granted.

    ``password_change=True`` is only for changing one's own password and signing out: the two things a
    sign-in may do while a password change is pending.
    """
    if not isinstance(identity, Identity) or not isinstance(identity.token, str):
        raise SessionInvalidError("Thao tác này cần người dùng đã đăng nhập.")
    row = session.get(UserSession, identity.session_id)
    if (row is None or row.ended_at is not None or row.user_id != identity.user_id
            or not hmac.compare_digest(row.token_hash, _token_hash(identity.token))):
        raise SessionInvalidError("Phiên đăng nhập không hợp lệ hoặc đã kết thúc; hãy đăng nhập lại.")
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        raise SessionInvalidError("Tài khoản đã bị khóa; hãy liên hệ quản trị viên.")
    if user.must_change_password and not password_change:
        raise PasswordChangeRequiredError("Mật khẩu vừa được đặt lại: hãy đổi mật khẩu trước khi làm việc.")
    if not password_change and not role_is_attested(session, user):
        raise PermissionDeniedError("Vai trò của tài khoản không khớp với nhật ký thay đổi vai trò; "
                                    "hãy liên hệ quản trị viên.")
    if permission is not None:
        require(user.role, permission)
    return user


def end(session: Session, identity: Identity) -> None:
    """Close the sign-in session (logout); later calls with this identity are refused."""
    row = session.get(UserSession, identity.session_id)
    if (row is not None and row.ended_at is None and row.user_id == identity.user_id
            and hmac.compare_digest(row.token_hash, _token_hash(identity.token))):
        row.ended_at = now_local()
