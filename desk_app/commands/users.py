"""``desk-app user``: accounts, for an administrator (each change audited), and one's own password.

    desk-app user list --as-user admin
    desk-app user disable tuyet.nguyen --as-user admin        # its open sign-ins end at once
    desk-app user enable tuyet.nguyen --as-user admin
    desk-app user reset-password tuyet.nguyen --as-user admin # temporary password: DESK_APP_NEW_USER_PASSWORD
    desk-app user set-role tuyet.nguyen supervisor --as-user admin
    desk-app user passwd --as-user tuyet.nguyen               # new password: DESK_APP_NEW_PASSWORD

The signing-in user's password comes from DESK_APP_PASSWORD or a prompt, as for every command.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from desk_app.security.roles import Role


def _secret(variable: str, prompt: str) -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        from desk_app.commands._session import CliSignInError

        raise CliSignInError(f"Hãy đặt {variable} hoặc chạy lệnh trong một terminal để nhập mật khẩu.")
    first = getpass.getpass(prompt)
    if first != getpass.getpass("Nhập lại: "):
        from desk_app.commands._session import CliSignInError

        raise CliSignInError("Hai lần nhập mật khẩu không khớp.")
    return first


def _cmd_user(args: argparse.Namespace) -> int:
    from desk_app.commands._session import signed_in
    from desk_app.desk import Desk
    from desk_app.services import users

    desk = Desk.open()
    try:
        if args.action == "passwd":
            from desk_app.commands._session import _secret as current_secret

            current = current_secret("DESK_APP_PASSWORD", f"Mật khẩu hiện tại của {args.as_user}: ")
            new = _secret("DESK_APP_NEW_PASSWORD", "Mật khẩu mới: ")
            who = users.sign_in(desk.sessions, args.as_user, current, kind="cli")
            try:
                users.change_password(desk.sessions, who, current, new)
            finally:
                users.sign_out(desk.sessions, who)
            print("Đã đổi mật khẩu.")
            return 0
        with signed_in(desk, args.as_user) as who:
            if args.action == "list":
                for u in users.list_users(desk.sessions, who):
                    state = "đang dùng" if u.active else "đã khóa"
                    pending = ", phải đổi mật khẩu" if u.must_change_password else ""
                    print(f"{u.username}\t{u.full_name}\t{u.role}\t{state}{pending}")
                return 0
            if not args.username:
                print("Hãy ghi tên đăng nhập của tài khoản.", file=sys.stderr)
                return 2
            if args.action in ("disable", "enable"):
                view = users.set_active(desk.sessions, who, args.username, args.action == "enable")
                print(f"Tài khoản «{view.username}» {'đã mở lại' if view.active else 'đã bị khóa'}.")
            elif args.action == "reset-password":
                temporary = _secret("DESK_APP_NEW_USER_PASSWORD", "Mật khẩu tạm thời: ")
                view = users.reset_password(desk.sessions, who, args.username, temporary)
                print(f"Đã đặt lại mật khẩu của «{view.username}»; người dùng phải đổi mật khẩu khi đăng nhập.")
            elif args.action == "set-role":
                if not args.role:
                    print("Hãy ghi vai trò mới: " + ", ".join(r.value for r in Role), file=sys.stderr)
                    return 2
                view = users.set_role(desk.sessions, who, args.username, args.role)
                print(f"Tài khoản «{view.username}» có vai trò {view.role}.")
    finally:
        desk.close()
    return 0


def register(subparsers) -> None:  # noqa: ANN001
    parser = subparsers.add_parser("user", help="quản lý tài khoản (quản trị viên) và đổi mật khẩu",
                                   description="Mọi thay đổi tài khoản cần quản trị viên và được ghi nhật ký.")
    parser.add_argument("action", choices=("list", "disable", "enable", "reset-password", "set-role", "passwd"))
    parser.add_argument("username", nargs="?", help="tài khoản cần thay đổi")
    parser.add_argument("role", nargs="?", choices=[r.value for r in Role], help="vai trò mới (set-role)")
    parser.add_argument("--as-user", required=True, help="người thực hiện (mật khẩu: DESK_APP_PASSWORD)")
    parser.set_defaults(func=_cmd_user)
