"""``desk-app audit``: check that the audit log is whole.

    desk-app audit verify           # exit 0 when the chain holds; 3 naming the first broken row otherwise
    desk-app audit head             # the chain head (rows, last hash) to write down or sign at the day close

Both read only hashes, actions and times, never citizen data, so they need no sign-in: whoever can read
the database file can check it.
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
