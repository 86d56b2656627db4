"""Signing in from the command line: one helper for every subcommand that reads or changes citizen data.

The password comes from ``$DESK_APP_PASSWORD`` or a prompt (never from argv). The sign-in session is
closed when the command ends, so the identity cannot be reused after it. Lockout and audit are those of
the GUI (:func:`desk_app.services.users.sign_in`). After an administrator's reset the new password comes
from ``$DESK_APP_NEW_PASSWORD`` or a prompt before anything else is allowed.
"""

from __future__ import annotations

import getpass
import os
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from desk_app.errors import DeskError

if TYPE_CHECKING:   # only named in annotations: `desk-app ocr` and `--help` start without the database layer
    from desk_app.security.identity import Identity


class CliSignInError(DeskError):
    """No user or no password to sign in with."""


def _secret(variable: str, prompt: str, why: str = "Lệnh này cần đăng nhập") -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliSignInError(f"{why}: hãy đặt {variable} hoặc chạy lệnh trong một terminal để nhập mật khẩu.")
    return getpass.getpass(prompt)


def cli_sign_in(desk, username: str | None) -> Identity:  # noqa: ANN001 - desk_app.desk.Desk
    from desk_app.services.users import change_password, sign_in, sign_out

    if not username:
        raise CliSignInError("Lệnh này cần đăng nhập: thêm --user TÊN_ĐĂNG_NHẬP "
                             "(mật khẩu trong DESK_APP_PASSWORD hoặc nhập khi được hỏi).")
    password = _secret("DESK_APP_PASSWORD", f"Mật khẩu của {username}: ")
    who = sign_in(desk.sessions, username, password, kind="cli")
    if who.must_change_password:
        try:
            new = _secret("DESK_APP_NEW_PASSWORD", "Mật khẩu đã được đặt lại; hãy nhập mật khẩu mới: ",
                          "Mật khẩu đã được quản trị viên đặt lại, cần chọn mật khẩu mới")
            if "DESK_APP_NEW_PASSWORD" not in os.environ and new != getpass.getpass("Nhập lại mật khẩu mới: "):
                raise CliSignInError("Hai lần nhập mật khẩu mới không khớp.")
            who = change_password(desk.sessions, who, password, new)
        except BaseException:
            sign_out(desk.sessions, who)
            raise
    return who


@contextmanager
def signed_in(desk, username: str | None) -> Iterator[Identity]:  # noqa: ANN001
    """Sign in for the duration of one command, then sign out."""
    from desk_app.services.users import sign_out

    who = cli_sign_in(desk, username)
    try:
        yield who
    finally:
        sign_out(desk.sessions, who)


def run_signed_in(username: str, action) -> int:  # noqa: ANN001
    """Open the desk, sign *username* in, run ``action(desk, who)`` (its result is the exit code), sign out."""
    from desk_app.desk import Desk

    desk = Desk.open()
    try:
        with signed_in(desk, username) as who:
            return action(desk, who) or 0
    finally:
        desk.close()
