"""``desk-app audit``: check that the audit log is whole.

    desk-app audit verify           # exit 0 when the chain holds; 3 naming the first broken row otherwise
    desk-app audit head             # the chain head (rows, last hash) to write down or sign at the day close
    desk-app audit log --citizen 038185000123 [--user-filter U] [--action dossier.] [--from D] [--to D]
                       [--json | --out trích-xuất.pdf|.xlsx|.csv] --user lan.tran

``verify`` and ``head`` read only hashes, actions and times, never citizen data, so they need no sign-in:
whoever can read the database file can check it. ``log`` shows who read or changed which citizen's data
(``desk_app.services.audit_log``): it signs in, needs VIEW_AUDIT (supervisor, admin) and is itself audited.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_BROKEN = 3


def _cmd_verify(args: argparse.Namespace) -> int:
    from desk_app.desk import Desk
    from desk_app.security.audit import verify_chain

    desk = Desk.open()
    try:
        report = verify_chain(desk.sessions)
    finally:
        desk.close()
    if args.json:
        broken = report.first_break
        print(json.dumps({"ok": report.ok, "rows": report.rows,
                          "head": {"count": report.head.count, "last_hash": report.head.last_hash}
                          if report.head else None,
                          "first_break": None if broken is None else {
                              "kind": broken.kind, "seq": broken.seq, "row_id": broken.row_id,
                              "at": broken.at.isoformat() if broken.at else None, "action": broken.action,
                              "message": broken.message}}, ensure_ascii=False))
    elif report.ok:
        print(report.message())
    else:
        print(f"Lỗi: {report.message()}", file=sys.stderr)
    return 0 if report.ok else EXIT_BROKEN


def _cmd_head(args: argparse.Namespace) -> int:
    from desk_app.desk import Desk
    from desk_app.security.audit import chain_head

    desk = Desk.open()
    try:
        with desk.sessions() as session:
            head = chain_head(session)
    finally:
        desk.close()
    if head is None:
        print("Lỗi: không còn đầu chuỗi nhật ký (bảng audit_chain_head).", file=sys.stderr)
        return EXIT_BROKEN
    print(f"{head.count}\t{head.last_hash}")
    return 0


def _cmd_log(args: argparse.Namespace) -> int:
    from pathlib import Path

    from desk_app.commands._session import run_signed_in
    from desk_app.services.audit_log import AuditFilter, export, search_audit

    filters = AuditFilter(args.user_filter or "", args.citizen or "", args.action or "", args.start, args.end)

    def action(desk, who) -> int:  # noqa: ANN001
        if args.out:
            path, result = export(desk, who, filters, Path(args.out))
            print(f"Đã xuất {len(result.rows)} dòng nhật ký ({filters.describe()}): {path}")
            return 0
        result = search_audit(desk, who, filters)
        if args.json:
            print(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
            return 0
        print(f"Nhật ký — {result.filter.describe()}: {len(result.rows)} dòng"
              + (" (đã cắt bớt)" if result.truncated else ""))
        for r in result.rows:
            concerns = f"  [{r.concerns}]" if r.concerns else ""
            print(f"{r.seq}\t{r.at:%d/%m/%Y %H:%M:%S}\t{r.username}\t{r.label}\t{r.entity} {r.entity_id}{concerns}")
        return 0

    return run_signed_in(args.user, action)


def register(subparsers) -> None:  # noqa: ANN001
    parser = subparsers.add_parser("audit", help="kiểm tra nhật ký hệ thống (chuỗi mã băm)",
                                   description="Nhật ký hệ thống là một chuỗi mã băm: sửa, xóa, chèn hay "
                                               "giả mạo một dòng đều bị phát hiện.")
    sub = parser.add_subparsers(dest="audit_command", required=True)
    verify = sub.add_parser("verify", help="kiểm tra toàn bộ chuỗi; nêu dòng đầu tiên bị can thiệp")
    verify.add_argument("--json", action="store_true", help="kết quả dạng JSON")
    verify.set_defaults(func=_cmd_verify)
    head = sub.add_parser("head", help="đầu chuỗi hiện tại (số dòng, mã băm dòng cuối)")
    head.set_defaults(func=_cmd_head)
    from desk_app.commands._types import iso_day

    log = sub.add_parser("log", help="ai đã đọc hoặc thay đổi dữ liệu của công dân nào (lọc, xuất tệp)")
    log.add_argument("--citizen", help="số định danh cá nhân của công dân (12 số) hoặc CMND cũ (9 số)")
    log.add_argument("--user-filter", help="chỉ các thao tác của tài khoản này")
    log.add_argument("--action", help="một thao tác (dossier.view) hoặc một nhóm kết thúc bằng dấu chấm (citizen.)")
    log.add_argument("--from", dest="start", type=iso_day)
    log.add_argument("--to", dest="end", type=iso_day)
    log.add_argument("--json", action="store_true")
    log.add_argument("--out", help="ghi ra tệp .csv, .xlsx hoặc .pdf (yêu cầu về bảo vệ dữ liệu cá nhân)")
    log.add_argument("--user", help="người xem (giám sát hoặc quản trị viên)")
    log.set_defaults(func=_cmd_log)
