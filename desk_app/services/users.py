"""User accounts: sign-in and sign-out, accounts managed by an administrator. Every call is audited.

- :func:`sign_in` checks the password (argon2id; an unknown user name costs the same time as a real one),
  enforces the lockout of :mod:`desk_app.security.throttle` and opens a sign-in session. After an
  administrator's reset the identity it returns may only change its password (:func:`change_password`).
- :func:`create_user`, :func:`set_active`, :func:`reset_password` and :func:`set_role` need an
  administrator's identity (the very first account is the only exception); passwords follow the policy
  of :mod:`desk_app.security.passwords`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.clock import now_local
from desk_app.errors import DeskError
from desk_app.security import audit, identity, throttle
from desk_app.security.identity import Identity, SessionInvalidError, authorize
from desk_app.security.passwords import (
    check_password_policy,
    hash_password,
    needs_rehash,
    verify_password,
    waste_verification,
)
from desk_app.security.roles import Permission, Role
from desk_app.storage.db import transaction
from desk_app.storage.models import User, UserSession
from desk_app.text import nfc

GENERIC_FAILURE = "Tên đăng nhập hoặc mật khẩu không đúng."


class AuthenticationError(DeskError):
    """Wrong user name or password (deliberately not saying which)."""


class LockedOutError(AuthenticationError):
    """Too many failed sign-ins: sign-in is refused until :attr:`until`."""

    def __init__(self, until: datetime, now: datetime) -> None:
        self.until = until
        seconds = max(1, int((until - now).total_seconds() + 0.999))
        wait = f"{seconds} giây" if seconds < 120 else f"{(seconds + 59) // 60} phút"
        super().__init__(f"Đã nhập sai mật khẩu nhiều lần nên tạm khóa đăng nhập. "
                         f"Hãy thử lại sau {until:%H:%M:%S} (còn {wait}).")


class UserError(DeskError, ValueError):
    """Invalid user data; the message is meant for the administrator."""


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    full_name: str
    role: str
    active: bool
    must_change_password: bool


def _view(user: User) -> UserView:
    return UserView(user.id, user.username, user.full_name, user.role, bool(user.active),
                    bool(user.must_change_password))


def _clean_username(username: str) -> str:
    return nfc(username).lower()


def count_users(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count(User.id))) or 0


def _find(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == _clean_username(username)))
    if user is None:
        raise UserError(f"Không có tài khoản «{_clean_username(username)}».")
    return user


def _end_sessions(session: Session, user_id: int) -> int:
    now = now_local()
    rows = session.scalars(select(UserSession).where(UserSession.user_id == user_id,
                                                     UserSession.ended_at.is_(None))).all()
    for row in rows:
        row.ended_at = now
    return len(rows)


def _active_admins(session: Session) -> int:
    return session.scalar(select(func.count(User.id)).where(User.role == Role.ADMIN.value,
                                                            User.active.is_(True))) or 0


# --------------------------------------------------------------------------- accounts


def create_user(sessions: sessionmaker[Session], username: str, full_name: str, role: str | Role,
                password: str, created_by: Identity | None = None) -> User:
    """Create an account. *created_by* must be an administrator's identity, except for the very first
    account (which must be an administrator)."""
    username = _clean_username(username)
    full_name = nfc(full_name)
    if not username or len(username) > 64 or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise UserError("Tên đăng nhập chỉ gồm chữ, số và các dấu . _ - (tối đa 64 ký tự).")
    if not full_name:
        raise UserError("Hãy nhập họ và tên người dùng.")
    try:
        role = Role(role)
    except ValueError:
        raise UserError(f"Vai trò «{role}» không có.") from None
    check_password_policy(password, username, full_name)
    password_hash = hash_password(password)  # slow: outside the transaction
    with transaction(sessions) as session:
        if created_by is None:
            if session.scalar(select(func.count(User.id))):
                raise UserError("Chỉ quản trị viên đã đăng nhập mới được tạo tài khoản.")
            if role is not Role.ADMIN:
                raise UserError("Tài khoản đầu tiên phải là quản trị viên.")
            creator = None
        else:
            creator = authorize(session, created_by, Permission.MANAGE_USERS)
        if session.scalar(select(User).where(User.username == username)):
            raise UserError(f"Tên đăng nhập «{username}» đã tồn tại.")
        user = User(username=username, full_name=full_name, role=role.value, password_hash=password_hash,
                    active=True, must_change_password=False, password_changed_at=now_local())
        session.add(user)
        session.flush()
        entry = audit.record(session, creator or user, "user.create", "user", user.id, role=role.value)
        session.flush()
        user.role_audit_id = entry.id
    return user


def create_account(sessions: sessionmaker[Session], who: Identity, username: str, full_name: str, role: str | Role,
                   password: str) -> UserView:
    """An administrator creates an account (the GUI's «Tạo tài khoản»): :func:`create_user` as a view."""
    return _view(create_user(sessions, username, full_name, role, password, created_by=who))


def list_users(sessions: sessionmaker[Session], who: Identity) -> list[UserView]:
    with transaction(sessions) as session:
        authorize(session, who, Permission.MANAGE_USERS)
        return [_view(u) for u in session.scalars(select(User).order_by(User.username))]


def set_active(sessions: sessionmaker[Session], who: Identity, username: str, active: bool) -> UserView:
    """Disable (its open sign-ins end at once) or re-enable an account; an administrator only."""
    with transaction(sessions) as session:
        admin = authorize(session, who, Permission.MANAGE_USERS)
        user = _find(session, username)
        if not active:
            if user.id == admin.id:
                raise UserError("Không thể tự khóa tài khoản của chính mình.")
            if user.role == Role.ADMIN.value and user.active and _active_admins(session) <= 1:
                raise UserError("Không thể khóa quản trị viên cuối cùng.")
        if bool(user.active) != active:
            user.active = active
            ended = 0 if active else _end_sessions(session, user.id)
            audit.record(session, admin, "user.enable" if active else "user.disable", "user", user.id,
                         sessions_ended=ended)
        return _view(user)


def reset_password(sessions: sessionmaker[Session], who: Identity, username: str, temporary_password: str) -> UserView:
    """Give the account a temporary password; its open sign-ins end and it must choose a new one next."""
    with transaction(sessions) as session:
        admin = authorize(session, who, Permission.MANAGE_USERS)
        user = _find(session, username)
        name, full_name = user.username, user.full_name
    check_password_policy(temporary_password, name, full_name)
    password_hash = hash_password(temporary_password)
    with transaction(sessions) as session:
        admin = authorize(session, who, Permission.MANAGE_USERS)
        user = _find(session, username)
        user.password_hash = password_hash
        user.must_change_password = user.id != admin.id
        user.password_changed_at = now_local()
        ended = _end_sessions(session, user.id) if user.id != admin.id else 0
        audit.record(session, admin, "user.password_reset", "user", user.id, sessions_ended=ended)
        return _view(user)


def set_role(sessions: sessionmaker[Session], who: Identity, username: str, role: str | Role) -> UserView:
    """Change an account's role (an administrator only; audited, and the audit row backs the role)."""
    try:
        role = Role(role)
    except ValueError:
        raise UserError(f"Vai trò «{role}» không có.") from None
    with transaction(sessions) as session:
        admin = authorize(session, who, Permission.MANAGE_USERS)
        user = _find(session, username)
        if user.role == role.value:
            return _view(user)
        if user.role == Role.ADMIN.value and user.active and _active_admins(session) <= 1:
            raise UserError("Không thể đổi vai trò của quản trị viên cuối cùng.")
        old = user.role
        user.role = role.value
        entry = audit.record(session, admin, "user.role", "user", user.id, role=role.value, old_role=old)
        session.flush()
        user.role_audit_id = entry.id
        return _view(user)


# --------------------------------------------------------------------------- signing in and out


def sign_in(sessions: sessionmaker[Session], username: str, password: str, kind: str = "gui",
            desk_id: str | None = None) -> Identity:
    """Check the password and open a sign-in session; services accept only identities issued here.

    Raises :class:`LockedOutError` during a lockout (whatever the password) and
    :class:`AuthenticationError` otherwise, with the same message for a wrong password and an
    unknown user, after the same amount of work.
    """
    username = _clean_username(username)
    keys = [throttle.user_key(username), throttle.desk_key(desk_id)]
    now = now_local()
    with sessions() as session:  # read only: nobody waits on the password check below
        until = throttle.locked_until(session, keys, now)
        user = session.scalar(select(User).where(User.username == username)) if until is None else None
        stored_hash = user.password_hash if user is not None else None
    if until is not None:
        with transaction(sessions) as session:
            audit.record(session, None, "login.locked", "user", username, until=until.isoformat())
        raise LockedOutError(until, now)
    if stored_hash is None:
        waste_verification(password)
        good = False
    else:
        good = verify_password(stored_hash, password)
    rehash = hash_password(password) if good and needs_rehash(stored_hash) else None
    now = now_local()
    disabled, lock = False, None
    with transaction(sessions) as session:
        until = throttle.locked_until(session, keys, now)  # another attempt may have locked meanwhile
        user = session.scalar(select(User).where(User.username == username)) if good else None
        if until is not None:
            audit.record(session, None, "login.locked", "user", username, until=until.isoformat())
            outcome = None
        elif user is None or user.password_hash != stored_hash:
            lock = throttle.record_failure(session, keys, now)
            audit.record(session, None, "login.failed", "user", username,
                         locked_until=lock.isoformat() if lock else None)
            outcome = None
        elif not user.active:
            disabled = True
            audit.record(session, user, "login.disabled", "user", user.id)
            outcome = None
        else:
            throttle.record_success(session, keys)
            if rehash:
                user.password_hash = rehash
            outcome = identity.issue(session, user, kind)
            audit.record(session, user, "login", "user", user.id, kind=kind, sign_in_session=outcome.session_id,
                         must_change_password=bool(user.must_change_password))
    if until is not None:
        raise LockedOutError(until, now)
    if lock is not None:  # this failure started (or lengthened) a lockout: say so now
        raise LockedOutError(lock, now)
    if disabled:
        raise AuthenticationError("Tài khoản đã bị khóa; hãy liên hệ quản trị viên.")
    if outcome is None:
        raise AuthenticationError(GENERIC_FAILURE)
    return outcome


def authenticate(sessions: sessionmaker[Session], username: str, password: str) -> User:
    """Deprecated: sign in and return the user row. Services take the identity from :func:`sign_in`."""
    who = sign_in(sessions, username, password)
    with sessions() as session:
        return session.get(User, who.user_id)


def change_password(sessions: sessionmaker[Session], who: Identity, old_password: str,
                    new_password: str) -> Identity:
    """Change one's own password (also the only thing allowed while a change is pending after a reset).

    Returns the identity to go on with (the same sign-in, no change pending any more).
    """
    with transaction(sessions) as session:
        user = authorize(session, who, password_change=True)
        stored_hash, name, full_name = user.password_hash, user.username, user.full_name
    if not verify_password(stored_hash, old_password):
        with transaction(sessions) as session:
            user = authorize(session, who, password_change=True)
            audit.record(session, user, "user.password_change_failed", "user", user.id)
        raise AuthenticationError("Mật khẩu hiện tại không đúng.")
    if new_password == old_password:
        raise UserError("Mật khẩu mới phải khác mật khẩu hiện tại.")
    check_password_policy(new_password, name, full_name)
    password_hash = hash_password(new_password)
    with transaction(sessions) as session:
        user = authorize(session, who, password_change=True)
        user.password_hash = password_hash
        user.must_change_password = False
        user.password_changed_at = now_local()
        audit.record(session, user, "user.password_change", "user", user.id)
    return Identity(who.session_id, who.user_id, who.username, who.full_name, who.role, who.token, False)


def confirm_password(sessions: sessionmaker[Session], who: Identity, password: str) -> bool:
    """Unlock the screen after the idle lock: the signed-in user's own password, counted like a sign-in.

    A wrong password counts towards the user's lockout; during a lockout :class:`LockedOutError` is raised.
    """
    keys = [throttle.user_key(who.username)]
    now = now_local()
    with transaction(sessions) as session:
        user = authorize(session, who, password_change=True)
        until = throttle.locked_until(session, keys, now)
        stored_hash = user.password_hash
    if until is not None:
        raise LockedOutError(until, now)
    good = verify_password(stored_hash, password)
    with transaction(sessions) as session:
        user = authorize(session, who, password_change=True)
        if good:
            throttle.record_success(session, keys)
            audit.record(session, user, "screen.unlock", "user", user.id)
        else:
            lock = throttle.record_failure(session, keys, now_local())
            audit.record(session, user, "screen.unlock_failed", "user", user.id,
                         locked_until=lock.isoformat() if lock else None)
    return good


def sign_out(sessions: sessionmaker[Session], who: Identity) -> None:
    """End the sign-in session (logout); the identity is refused by every service afterwards."""
    with transaction(sessions) as session:
        try:
            user = authorize(session, who, password_change=True)
        except SessionInvalidError:
            return  # already ended, disabled, or not an identity this desk issued: nothing to end
        identity.end(session, who)
        audit.record(session, user, "logout", "user", user.id, sign_in_session=who.session_id)
