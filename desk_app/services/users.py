"""User accounts: create, authenticate. Each call is one transaction with its audit row."""

from __future__ import annotations

from desk_app.errors import DeskError

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.security import audit, identity
from desk_app.security.identity import Identity
from desk_app.security.passwords import hash_password, needs_rehash, verify_password
from desk_app.security.roles import Permission, Role, require
from desk_app.storage.db import transaction
from desk_app.storage.models import User
from desk_app.text import nfc


class AuthenticationError(DeskError):
    """Wrong user name or password (deliberately not saying which)."""


class UserError(DeskError, ValueError):
    """Invalid user data; the message is meant for the administrator."""


def count_users(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count(User.id))) or 0


def create_user(sessions: sessionmaker[Session], username: str, full_name: str, role: str | Role,
                password: str, created_by: User | None = None) -> User:
    """Create an account. *created_by* must be an admin, except for the very first account."""
    username = nfc(username).lower()
    full_name = nfc(full_name)
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        raise UserError("Tên đăng nhập chỉ gồm chữ, số và các dấu . _ -")
    if not full_name:
        raise UserError("Hãy nhập họ và tên người dùng.")
    role = Role(role)
    with transaction(sessions) as session:
        if created_by is None:
            if session.scalar(select(func.count(User.id))):
                raise UserError("Chỉ quản trị viên mới được tạo tài khoản.")
        else:
            require(created_by.role, Permission.MANAGE_USERS)
        if session.scalar(select(User).where(User.username == username)):
            raise UserError(f"Tên đăng nhập «{username}» đã tồn tại.")
        user = User(username=username, full_name=full_name, role=role.value,
                    password_hash=hash_password(password), active=True)
        session.add(user)
        session.flush()
        audit.record(session, created_by or user, "user.create", "user", user.id, role=role.value)
    return user


def authenticate(sessions: sessionmaker[Session], username: str, password: str) -> User:
    username = nfc(username).lower()
    with transaction(sessions) as session:
        user = session.scalar(select(User).where(User.username == username))
        if user is None or not user.active or not verify_password(user.password_hash, password):
            audit.record(session, None, "login.failed", "user", username)
            failed = True
        else:
            failed = False
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            audit.record(session, user, "login", "user", user.id)
    if failed:
        raise AuthenticationError("Tên đăng nhập hoặc mật khẩu không đúng.")
    return user


def sign_in(sessions: sessionmaker[Session], username: str, password: str, kind: str = "gui") -> Identity:
    """Check the password and open a sign-in session; services accept only identities issued here."""
    user = authenticate(sessions, username, password)
    with transaction(sessions) as session:
        return identity.issue(session, session.get(User, user.id), kind)


def sign_out(sessions: sessionmaker[Session], who: Identity) -> None:
    with transaction(sessions) as session:
        identity.end(session, who)
        audit.record(session, session.get(User, who.user_id), "logout", "user", who.user_id)
