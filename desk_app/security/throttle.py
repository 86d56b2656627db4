"""Lockout after repeated failed sign-ins, per user name and per desk, kept in the database.

After :data:`USER_THRESHOLD` failures for one user name (or :data:`DESK_THRESHOLD` on one desk, whatever
the names tried) every further failure locks sign-in for a delay that doubles from :data:`BASE_DELAY`
up to :data:`MAX_DELAY`. While locked, attempts are refused without looking at the password (so guessing
goes no faster) and do not lengthen the lock. A success clears the user's count and the desk's. The
rows live in ``sign_in_throttle``, so a new process (another ``desk-app`` command) cannot reset them.
Unknown user names are counted exactly like real ones, so the lockout says nothing about who exists.
"""

from __future__ import annotations

import socket
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from desk_app.storage.models import SignInThrottle

USER_THRESHOLD = 5
DESK_THRESHOLD = 10
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)
#: A key with no failure for this long starts from zero again.
FORGET_AFTER = timedelta(hours=24)


def user_key(username: str) -> str:
    return f"user:{username}"[:200]


def desk_key(desk_id: str | None = None) -> str:
    return f"desk:{desk_id or socket.gethostname()}"[:200]


def _threshold(key: str) -> int:
    return DESK_THRESHOLD if key.startswith("desk:") else USER_THRESHOLD


def delay_after(failures: int, threshold: int) -> timedelta:
    """The lock after the *failures*-th failure: none below the threshold, then 30 s, 60 s, 120 s, …"""
    if failures < threshold:
        return timedelta(0)
    exponent = min(failures - threshold, 20)
    return min(BASE_DELAY * (2 ** exponent), MAX_DELAY)


def locked_until(session: Session, keys: list[str], now: datetime) -> datetime | None:
    """The latest lock still in force on any of *keys*, or None."""
    until = None
    for key in keys:
        row = session.get(SignInThrottle, key)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            until = row.locked_until if until is None else max(until, row.locked_until)
    return until


def record_failure(session: Session, keys: list[str], now: datetime) -> datetime | None:
    """Count one failure on each key; returns the lock it causes (None if none yet)."""
    until = None
    for key in keys:
        row = session.get(SignInThrottle, key, with_for_update=True)
        if row is None:
            row = SignInThrottle(key=key, failures=0)
            session.add(row)
        if row.last_failure_at is not None and now - row.last_failure_at > FORGET_AFTER:
            row.failures = 0
        row.failures = (row.failures or 0) + 1
        row.last_failure_at = now
        delay = delay_after(row.failures, _threshold(key))
        if delay:
            row.locked_until = now + delay
            until = row.locked_until if until is None else max(until, row.locked_until)
    return until


def record_success(session: Session, keys: list[str]) -> None:
    for key in keys:
        row = session.get(SignInThrottle, key)
        if row is not None:
            session.delete(row)
