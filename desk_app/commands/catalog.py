"""``desk-app catalog import FILE [--dry-run]`` and ``desk-app catalog list [--date D] [--json]``.

The import reads a province's published procedure list in the national TTHC record structure
(:mod:`desk_app.catalog.importer`), prints what changed since the last import, and writes the new catalog
to the data folder all at once. It changes what the desk does, so it needs a signed-in administrator
(``Permission.IMPORT_DATA``, audited); ``--dry-run`` only validates and shows the diff. ``list`` shows the
procedures in force on a day (the shipped catalog with the office's import laid over it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from desk_app.commands._types import iso_day

EXIT_USER_ERROR = 2



def _cmd_import(args: argparse.Namespace) -> int:
    from desk_app.catalog.importer import prepare_import, write_import
    from desk_app.config import data_dir

    folder = data_dir()
    # Validate first (a malformed file is refused before anyone is asked for a password), then sign in.
    result = prepare_import(Path(args.file), folder, default_from=args.effective_from, all_levels=args.all_levels)
    if args.dry_run:
        print(f"Tệp hợp lệ: {result.count} thủ tục cấp xã (thử, chưa ghi gì).")
        _print_diff(result)
        return 0

    from desk_app.commands._session import signed_in
    from desk_app.desk import Desk
    from desk_app.security.access import authorized
    from desk_app.security.roles import Permission

    desk = Desk.open(folder)
    try:
        with signed_in(desk, args.user) as who:
            authorized(desk.sessions, who, Permission.IMPORT_DATA, "catalog.import", "catalog",
                       result.source_sha256[:16], procedures=result.count, added=len(result.diff.added),
                       removed=len(result.diff.removed), changed=len(result.diff.changed),
                       skipped=len(result.skipped))
            target = write_import(result)
    finally:
        desk.close()
    _print_diff(result)
    print(f"Đã nhập {result.count} thủ tục vào «{target}». Khởi động lại ứng dụng để quầy dùng danh mục mới.",
          file=sys.stderr)
    return 0


def _print_diff(result) -> None:  # noqa: ANN001 - desk_app.catalog.importer.ImportResult
    for line in result.diff.lines_vi(result.names()):
        print(line)
    for line in result.skipped:
        print(f"Bỏ qua {line}", file=sys.stderr)


def _cmd_list(args: argparse.Namespace) -> int:
    from desk_app.catalog.procedures import ProcedureCatalog
    from desk_app.clock import now_local
    from desk_app.config import data_dir

    on = args.date or now_local().date()
    catalog = ProcedureCatalog.load_for_desk(data_dir())
    active = catalog.active_on(on)
    if args.json:
        print(json.dumps([{
            "code": p.code, "name": p.name, "field": p.field_name, "authority": p.authority,
            "time_limit": p.time_limit.describe_vi(), "effective_from": p.effective_from.isoformat(),
            "effective_to": p.effective_to.isoformat() if p.effective_to else None,
        } for p in active], ensure_ascii=False, indent=1))
    else:
        for p in active:
            print(f"{p.code}\t{p.name}\t{p.field_name}\t{p.time_limit.describe_vi()}")
        print(f"{len(active)} thủ tục có hiệu lực ngày {on.strftime('%d/%m/%Y')}.", file=sys.stderr)
    return 0


def register(subparsers) -> None:  # noqa: ANN001
    catalog = subparsers.add_parser("catalog", help="danh mục thủ tục hành chính: nhập danh mục của tỉnh, xem")
    sub = catalog.add_subparsers(dest="catalog_command", required=True)

    imp = sub.add_parser("import", help="nhập danh mục thủ tục công bố của tỉnh (cấu trúc CSDL quốc gia về TTHC)")
    imp.add_argument("file", metavar="FILE", help="tệp JSON danh mục thủ tục")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra và in thay đổi, không ghi")
    imp.add_argument("--user", help="tài khoản quản trị (mật khẩu trong DESK_APP_PASSWORD hoặc nhập khi được hỏi)")
    imp.add_argument("--from", dest="effective_from", type=iso_day, metavar="YYYY-MM-DD",
                     help="ngày có hiệu lực cho các bản ghi không ghi NGAYHIEULUC")
    imp.add_argument("--all-levels", action="store_true", help="nhập cả thủ tục không thực hiện ở cấp xã")
    imp.set_defaults(func=_cmd_import)

    lst = sub.add_parser("list", help="các thủ tục có hiệu lực vào một ngày")
    lst.add_argument("--date", type=iso_day, metavar="YYYY-MM-DD", help="ngày (mặc định hôm nay)")
    lst.add_argument("--json", action="store_true", help="danh sách JSON (code, name, …)")
    lst.set_defaults(func=_cmd_list)
