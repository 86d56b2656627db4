"""The ``desk-app`` command: the GUI by default, headless subcommands for every use case.

Errors meant for people are printed in Vietnamese on stderr with exit code 2; nothing is half-saved
because every subcommand calls one service (one transaction).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date

from desk_app import __version__

EXIT_USER_ERROR = 2


def _open_desk():
    from desk_app.desk import Desk

    return Desk.open()


def _cmd_gui(args: argparse.Namespace) -> int:
    from ui.app import run_gui

    return run_gui(sys.argv[:1] + (args.qt_args or []))


def _cmd_init(args: argparse.Namespace) -> int:
    from desk_app.services.users import count_users, create_user

    desk = _open_desk()
    print(f"Cơ sở dữ liệu: {_shown_url(desk.settings.database_url_or_default(desk.folder))} (đã cập nhật lược đồ)")
    if count_users(desk.sessions):
        print("Đã có tài khoản người dùng; không tạo thêm quản trị viên.")
        return 0
    password = os.environ.get("DESK_APP_ADMIN_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            print("Hãy đặt DESK_APP_ADMIN_PASSWORD hoặc chạy lệnh trong một terminal để nhập mật khẩu.",
                  file=sys.stderr)
            return EXIT_USER_ERROR
        password = getpass.getpass("Mật khẩu quản trị viên: ")
        if password != getpass.getpass("Nhập lại mật khẩu: "):
            print("Hai lần nhập mật khẩu không khớp.", file=sys.stderr)
            return EXIT_USER_ERROR
    user = create_user(desk.sessions, args.admin_user, args.admin_name, "admin", password)
    print(f"Đã tạo quản trị viên «{user.username}».")
    return 0


def _cmd_add_user(args: argparse.Namespace) -> int:
    from desk_app.commands._session import signed_in
    from desk_app.services.users import create_user

    desk = _open_desk()
    try:
        with signed_in(desk, args.as_user) as admin:
            password = os.environ.get("DESK_APP_NEW_USER_PASSWORD") or os.environ.get("DESK_APP_NEW_PASSWORD")
            if password is None:
                password = getpass.getpass("Mật khẩu cho tài khoản mới: ")
            user = create_user(desk.sessions, args.username, args.full_name, args.role, password, created_by=admin)
    finally:
        desk.close()
    print(f"Đã tạo tài khoản «{user.username}» ({user.role}).")
    return 0


def _cmd_receive(args: argparse.Namespace) -> int:
    """Accept a paper dossier (Mẫu 01); refusals and Mẫu 02 are `desk-app dossier refuse|incomplete`."""
    from desk_app.commands._session import signed_in
    from desk_app.commands.dossier import file_intake

    desk = _open_desk()
    try:
        with signed_in(desk, args.user) as who:
            return file_intake(desk, who, args, "accept")
    finally:
        desk.close()


def _cmd_today(args: argparse.Namespace) -> int:
    """The day's dossiers (names of citizens): only for a signed-in user with VIEW_DOSSIERS, audited."""
    from desk_app.clock import now_local
    from desk_app.commands._session import signed_in
    from desk_app.services.dossier_book import received_on

    day = date.fromisoformat(args.date) if args.date else now_local().date()
    desk = _open_desk()
    try:
        with signed_in(desk, args.user) as who:
            dossiers = received_on(desk, who, day)
    finally:
        desk.close()
    for d in dossiers:
        due = f"{d.due_at:%d/%m/%Y %H:%M}" if d.due_at else ""
        print(f"{d.code}\t{d.received_at:%H:%M}\t{d.applicant}\t{d.procedure_name}\t{d.status_label}\t{due}")
    return 0


# Subcommands whose start-up time counts (`desk-app ocr` on one page, issue 14 §6): parsed with their own
# module only, instead of importing every command module to build the whole parser.
_QUICK_COMMANDS = {"ocr": "desk_app.commands.ocr", "digitize": "desk_app.commands.ocr"}


def _root_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    parser = argparse.ArgumentParser(prog="desk-app", description="Phần mềm Bộ phận Một cửa cấp xã")
    parser.add_argument("--version", action="version", version=f"desk-app {__version__}")
    return parser, parser.add_subparsers(dest="command")


def _quick_parser(argv: list[str]) -> argparse.ArgumentParser | None:
    """The parser for ``desk-app ocr …`` and the like (see :data:`_QUICK_COMMANDS`), or None."""
    if not argv or argv[0] not in _QUICK_COMMANDS:
        return None
    import importlib

    parser, sub = _root_parser()
    importlib.import_module(_QUICK_COMMANDS[argv[0]]).register(sub)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser, sub = _root_parser()

    gui = sub.add_parser("gui", help="mở giao diện (mặc định)")
    gui.add_argument("qt_args", nargs="*", help=argparse.SUPPRESS)
    gui.set_defaults(func=_cmd_gui)

    init = sub.add_parser("init", help="tạo hoặc nâng cấp cơ sở dữ liệu và quản trị viên đầu tiên")
    init.add_argument("--admin-user", default="admin")
    init.add_argument("--admin-name", default="Quản trị viên")
    init.set_defaults(func=_cmd_init)

    add_user = sub.add_parser("add-user", help="tạo tài khoản (cần quản trị viên)")
    add_user.add_argument("username")
    add_user.add_argument("full_name")
    add_user.add_argument("--role", choices=["clerk", "postal", "supervisor", "admin"], default="clerk")
    add_user.add_argument("--as-user", default="admin", help="quản trị viên thực hiện")
    add_user.set_defaults(func=_cmd_add_user)

    receive = sub.add_parser("receive", help="tiếp nhận một hồ sơ giấy không cần giao diện")
    receive.add_argument("--user", required=True)
    from desk_app.commands.dossier import add_intake_arguments

    add_intake_arguments(receive)
    receive.set_defaults(func=_cmd_receive)

    today = sub.add_parser("today", help="danh sách hồ sơ tiếp nhận trong ngày")
    today.add_argument("--date", help="YYYY-MM-DD (mặc định hôm nay)")
    today.add_argument("--user", required=True, help="tên đăng nhập (mật khẩu: DESK_APP_PASSWORD hoặc nhập)")
    today.set_defaults(func=_cmd_today)

    from desk_app.commands import register_all

    register_all(sub)
    return parser


def _shown_url(url: str) -> str:
    """A database URL fit to print: the password replaced by ***."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "(địa chỉ cơ sở dữ liệu không hợp lệ)"


def _database_unreachable() -> str:
    """The Vietnamese message for a database that cannot be reached (no driver text, no password)."""
    from desk_app.config import Settings, SettingsError

    try:
        where = _shown_url(Settings.load().database_url_or_default())
    except (SettingsError, OSError):
        where = "theo database_url trong settings.json"
    return (f"Không kết nối được cơ sở dữ liệu {where}. Hãy kiểm tra máy chủ cơ sở dữ liệu đã chạy, "
            f"mạng, tên đăng nhập và mật khẩu (database_url trong settings.json), rồi thử lại.")


def _gui_arguments(argv: list[str]) -> argparse.Namespace | None:
    """``desk-app`` or ``desk-app gui …``: the GUI, without building every subcommand's parser (fast start)."""
    if argv and (argv[0] != "gui" or any(a in ("-h", "--help") for a in argv[1:])):
        return None
    return argparse.Namespace(command="gui", qt_args=argv[1:], func=_cmd_gui)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = _gui_arguments(arguments)
    if args is None:
        parser = _quick_parser(arguments) or build_parser()
        args = parser.parse_args(arguments)
        if args.command is None:
            args = parser.parse_args(["gui"])
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - turn known user errors into messages
        from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

        from desk_app.errors import user_errors

        if isinstance(exc, user_errors()):
            print(f"Lỗi: {exc}", file=sys.stderr)
            return EXIT_USER_ERROR
        # The driver's own text may carry the URL and its password: never printed.
        if isinstance(exc, (OperationalError, InterfaceError)):
            if "locked" in str(getattr(exc, "orig", "")).lower():
                print("Lỗi: Cơ sở dữ liệu đang bận (một chương trình khác đang ghi); thao tác chưa được lưu, "
                      "hãy thử lại.", file=sys.stderr)
            else:
                print(f"Lỗi: {_database_unreachable()}", file=sys.stderr)
            return EXIT_USER_ERROR
        if isinstance(exc, DBAPIError):
            print(f"Lỗi: Cơ sở dữ liệu từ chối thao tác ({type(getattr(exc, 'orig', exc)).__name__}); "
                  f"thao tác chưa được lưu, hãy thử lại.", file=sys.stderr)
            return EXIT_USER_ERROR
        raise


if __name__ == "__main__":
    sys.exit(main())
