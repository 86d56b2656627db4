"""``desk-app report``: the supervisor's periodic figures.

    desk-app report indicators --from 2026-03-01 --to 2026-03-31 [--json] --user U   # QĐ 766 indicators
    desk-app report monthly --month 2026-03 --out báo-cáo-3-2026.xlsx --user U       # spreadsheet (or .pdf)
    desk-app report quarterly --quarter 2026-Q1 --out báo-cáo-quý-1.pdf --user U     # PDF (or .xlsx)

Both sign in and need the RECONCILE permission; the figures are those of
``desk_app.services.indicators`` (no personal data: procedures, channels, counts, dossier codes).
"""

from __future__ import annotations

import argparse
import calendar
import json
from datetime import date
from pathlib import Path

from desk_app.commands._session import run_signed_in
from desk_app.commands._types import iso_day


def _month(text: str) -> tuple[date, date]:
    try:
        year, month = (int(x) for x in text.split("-"))
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        raise argparse.ArgumentTypeError(f"tháng phải có dạng YYYY-MM: «{text}»") from None


def _quarter(text: str) -> tuple[date, date]:
    try:
        year, quarter = text.upper().split("-Q")
        year, quarter = int(year), int(quarter)
        if not 1 <= quarter <= 4:
            raise ValueError
        first = 3 * quarter - 2
        return date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1])
    except ValueError:
        raise argparse.ArgumentTypeError(f"quý phải có dạng YYYY-Qn (n từ 1 đến 4): «{text}»") from None


def _cmd_indicators(args: argparse.Namespace) -> int:
    from desk_app.services.indicators import indicators

    def action(desk, who) -> int:  # noqa: ANN001
        report = indicators(desk, who, args.start, args.end)
        if args.json:
            print(json.dumps(report.as_json(), ensure_ascii=False, indent=1))
            return 0
        print(f"Chỉ số QĐ 766 từ {report.start:%d/%m/%Y} đến {report.end:%d/%m/%Y}")
        for i in report.indicators:
            rate = "—" if i.rate is None else f"{i.rate:.1f} %"
            print(f"  {i.label}: {rate} ({i.numerator}/{i.denominator})\n      = {i.formula}")
        return 0

    return run_signed_in(args.user, action)


def _cmd_monthly(args: argparse.Namespace) -> int:
    from desk_app.services.indicators import indicators, write_report

    if getattr(args, "quarter", None):
        start, end = args.quarter
        label = f"quý {(start.month + 2) // 3}/{start.year}"
    else:
        start, end = args.month
        label = f"tháng {start:%m/%Y}"

    def action(desk, who) -> int:  # noqa: ANN001
        path = write_report(desk, indicators(desk, who, start, end), Path(args.out),
                            f"Báo cáo tình hình giải quyết hồ sơ {label}")
        print(f"Đã ghi báo cáo {label}: {path}")
        return 0

    return run_signed_in(args.user, action)


def register(subparsers) -> None:  # noqa: ANN001
    parser = subparsers.add_parser("report", help="báo cáo định kỳ và chỉ số QĐ 766 (giám sát)")
    sub = parser.add_subparsers(dest="report_command", required=True)
    p = sub.add_parser("indicators", help="chỉ số QĐ 766 cho một kỳ")
    p.add_argument("--from", dest="start", type=iso_day, required=True)
    p.add_argument("--to", dest="end", type=iso_day, required=True)
    p.add_argument("--json", action="store_true")
    p.add_argument("--user")
    p.set_defaults(func=_cmd_indicators)
    p = sub.add_parser("monthly", help="báo cáo tháng: bảng tính .xlsx hoặc .pdf")
    p.add_argument("--month", type=_month, required=True, help="YYYY-MM")
    p.add_argument("--out", required=True, help="tệp .xlsx hoặc .pdf")
    p.add_argument("--user")
    p.set_defaults(func=_cmd_monthly)
    p = sub.add_parser("quarterly", help="báo cáo quý: bảng tính .xlsx hoặc .pdf")
    p.add_argument("--quarter", type=_quarter, required=True, help="YYYY-Qn, ví dụ 2026-Q1")
    p.add_argument("--out", required=True, help="tệp .xlsx hoặc .pdf")
    p.add_argument("--user")
    p.set_defaults(func=_cmd_monthly)
