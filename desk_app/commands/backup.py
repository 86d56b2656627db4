"""``desk-app backup --to DIR`` and ``desk-app restore FILE --to FOLDER``: encrypted backups of the desk.

The passphrase comes from ``$DESK_APP_BACKUP_PASSPHRASE`` or is asked for (never on the command line);
the format and what is kept are described in :mod:`desk_app.services.backup` and docs/SECURITY.md.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

EXIT_USER_ERROR = 2
PASSPHRASE_ENV = "DESK_APP_BACKUP_PASSPHRASE"


def _passphrase(confirm: bool) -> str | None:
    value = os.environ.get(PASSPHRASE_ENV)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        print(f"Lỗi: hãy đặt {PASSPHRASE_ENV} hoặc chạy lệnh trong một terminal để nhập mật khẩu sao lưu.",
              file=sys.stderr)
        return None
    value = getpass.getpass("Mật khẩu sao lưu: ")
    if confirm and value != getpass.getpass("Nhập lại mật khẩu sao lưu: "):
        print("Lỗi: hai lần nhập mật khẩu không khớp.", file=sys.stderr)
        return None
    return value


def _cmd_backup(args: argparse.Namespace) -> int:
    from desk_app.config import Settings, data_dir
    from desk_app.services.backup import backup_desk, check_passphrase

    folder = data_dir()
    settings = Settings.load(folder)
    passphrase = _passphrase(confirm=True)
    if passphrase is None:
        return EXIT_USER_ERROR
    check_passphrase(passphrase)
    result = backup_desk(folder, Path(args.to), passphrase, database_url=settings.database_url_or_default(folder),
                         agency_id=settings.agency_id)
    print(result.path)
    print(f"Đã sao lưu cơ sở dữ liệu và {result.files} tệp vào «{result.path}» ({result.size / 1024 ** 2:.1f} MB, "
          f"đã mã hóa). Hãy cất mật khẩu sao lưu riêng, không để cùng tệp.", file=sys.stderr)
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    from desk_app.services.backup import restore_backup

    passphrase = _passphrase(confirm=False)
    if passphrase is None:
        return EXIT_USER_ERROR
    result = restore_backup(Path(args.file), Path(args.to), passphrase, force=args.force)
    created = result.info.get("created_at", "?")
    print(f"Đã khôi phục bản sao lưu lúc {created} vào «{result.folder}» ({result.files} tệp).", file=sys.stderr)
    if result.moved_aside:
        print(f"Dữ liệu cũ của thư mục đã được chuyển sang «{result.moved_aside}».", file=sys.stderr)
    for warning in result.warnings:
        print(f"Lưu ý: {warning}", file=sys.stderr)
    print(f"Để dùng: DESK_APP_DATA_DIR=\"{result.folder}\" desk-app", file=sys.stderr)
    return 0


def register(subparsers) -> None:  # noqa: ANN001
    backup = subparsers.add_parser("backup", help="sao lưu dữ liệu của quầy (đã mã hóa bằng mật khẩu)")
    backup.add_argument("--to", required=True, metavar="DIR", help="thư mục đặt tệp sao lưu (ví dụ ổ USB)")
    backup.set_defaults(func=_cmd_backup)

    restore = subparsers.add_parser("restore", help="khôi phục một bản sao lưu vào một thư mục")
    restore.add_argument("file", metavar="FILE", help="tệp sao lưu (.deskbak)")
    restore.add_argument("--to", required=True, metavar="FOLDER", help="thư mục dữ liệu khôi phục vào (trống)")
    restore.add_argument("--force", action="store_true",
                         help="khôi phục cả khi thư mục không trống (dữ liệu cũ được chuyển sang bên cạnh, không xóa)")
    restore.set_defaults(func=_cmd_restore)
