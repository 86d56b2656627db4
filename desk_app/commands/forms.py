"""``desk-app print-form``: any one-stop form of stored dossiers as a PDF, optionally signed or printed.

    desk-app print-form receipt 000.00.12.H15-250701-5001 --out giay-hen.pdf
    desk-app print-form fee-receipt 000.00.12.H15-250701-5001 --print
    desk-app print-form result-handover CODE1 CODE2 CODE3 --out ban-giao.pdf
    desk-app print-form tracking-book --date 2025-07-14 --out so-14-07.pdf
    desk-app print-form tracking-book --from 2025-07-01 --to 2025-07-31 --out so-thang-7.pdf
    desk-app print-form --list
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

EXIT_USER_ERROR = 2


def _kinds():
    from desk_app.services.forms import FORM_KINDS

    return FORM_KINDS


FORM_KINDS = (
    "receipt", "supplement", "refusal", "apology", "control-sheet", "tracking-book", "fee-receipt",
    "result-handover", "postal-handover", "stop", "withdrawal", "return-slip",
)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày «{text}» không đúng dạng YYYY-MM-DD") from None


def _cmd_print_form(args: argparse.Namespace) -> int:
    if args.list or not args.kind:
        for kind, name in _kinds().items():
            print(f"{kind:16} {name}")
        return 0 if args.list else EXIT_USER_ERROR

    from desk_app.desk import Desk
    from desk_app.services.forms import FormRequest, write_form

    if args.kind not in FORM_KINDS:
        print(f"Loại biểu mẫu «{args.kind}» không có; hiện có: {', '.join(FORM_KINDS)}.", file=sys.stderr)
        return EXIT_USER_ERROR
    from desk_app.commands._session import signed_in

    start = args.date or args.date_from
    end = args.date or args.date_to or start
    request = FormRequest(args.kind, tuple(args.codes), start=start, end=end)
    # write_form checks the permission and audits who printed which form of which dossiers (or period).
    desk = Desk.open()
    try:
        with signed_in(desk, args.user) as who:
            path = write_form(desk, request, Path(args.out) if args.out else None, who=who, sign=args.sign,
                              printed=bool(args.print))
        print(path)
        if args.print:
            from desk_app.printing import CupsPrinter

            printer = CupsPrinter(args.server)
            job = printer.print_and_wait(path, title=path.stem, printer=args.printer or desk.settings.printer_name,
                                         timeout=args.timeout)
            print(f"Đã in xong: lệnh in {job.job_id} trên «{job.printer}» ({job.media}).")
    finally:
        desk.close()
    return 0


def _cmd_payment(args: argparse.Namespace) -> int:
    from desk_app.desk import Desk
    from desk_app.domain.fees import format_vnd
    from desk_app.services.payments import (
        PaymentError,
        confirm_payment,
        current_payment,
        open_payment,
    )

    from desk_app.commands._session import signed_in

    desk = Desk.open()
    try:
        with signed_in(desk, args.user) as who:
            if args.action == "open":
                payment = open_payment(desk, who, args.code, args.method)
            else:
                pending = current_payment(desk, args.code)
                if pending is None:
                    raise PaymentError(f"Hồ sơ {args.code} chưa có khoản thu nào để xác nhận.")
                payment = confirm_payment(desk, who, pending.id, args.reference or "")
        state = "đã thu" if payment.paid else "chờ xác nhận"
        print(f"Biên lai số {payment.receipt_number}: {format_vnd(payment.amount)}, "
              f"{'chuyển khoản' if payment.method == 'transfer' else 'tiền mặt'}, {state}.")
    finally:
        desk.close()
    return 0


def register(subparsers) -> None:
    payment = subparsers.add_parser(
        "payment", help="ghi nhận nộp phí, lệ phí (mở khoản thu / xác nhận đã nhận tiền)",
        description="Khoản thu chỉ chuyển sang «đã thu» khi người dùng xác nhận đã nhận tiền (có ghi nhật ký).",
    )
    payment.add_argument("action", choices=("open", "confirm"), help="open: mở khoản thu; confirm: xác nhận đã thu")
    payment.add_argument("code", help="mã hồ sơ")
    payment.add_argument("--user", required=True, help="tên đăng nhập (mật khẩu: DESK_APP_PASSWORD hoặc nhập)")
    payment.add_argument("--method", choices=("cash", "transfer"), default="cash", help="tiền mặt / chuyển khoản")
    payment.add_argument("--reference", help="số tham chiếu giao dịch trên sao kê (bắt buộc với chuyển khoản)")
    payment.set_defaults(func=_cmd_payment)

    parser = subparsers.add_parser(
        "print-form", help="xuất biểu mẫu của hồ sơ ra PDF (và in nếu cần)",
        description="Xuất biểu mẫu một cửa ra PDF. Sổ theo dõi hồ sơ dùng --date hoặc --from/--to thay cho mã hồ sơ.",
    )
    parser.add_argument("kind", nargs="?", help=f"loại biểu mẫu: {', '.join(FORM_KINDS)}")
    parser.add_argument("codes", nargs="*", metavar="CODE",
                        help="mã hồ sơ (result-handover nhận nhiều mã)")
    parser.add_argument("--date", type=_date, help="sổ theo dõi: một ngày (YYYY-MM-DD)")
    parser.add_argument("--from", dest="date_from", type=_date, help="sổ theo dõi: từ ngày")
    parser.add_argument("--to", dest="date_to", type=_date, help="sổ theo dõi: đến ngày")
    parser.add_argument("--out", help="tệp PDF (mặc định: thư mục forms trong thư mục dữ liệu)")
    parser.add_argument("--sign", action="store_true", help="ký số bằng chứng thư của đơn vị số hóa")
    parser.add_argument("--print", action="store_true", help="in ngay ra máy in (CUPS) và chờ in xong")
    parser.add_argument("--printer", help="tên hàng đợi in (mặc định: theo cài đặt hoặc máy in mặc định)")
    parser.add_argument("--server", help="máy chủ CUPS host:port (mặc định: của hệ thống)")
    parser.add_argument("--timeout", type=float, default=120.0, help="thời gian chờ in tối đa (giây)")
    parser.add_argument("--list", action="store_true", help="liệt kê các loại biểu mẫu")
    parser.add_argument("--user", help="tên đăng nhập, bắt buộc khi xuất biểu mẫu "
                                       "(mật khẩu: DESK_APP_PASSWORD hoặc nhập khi được hỏi)")
    parser.set_defaults(func=_cmd_print_form)
