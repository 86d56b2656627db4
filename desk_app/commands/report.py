"""``desk-app report``: the supervisor's periodic figures.

    desk-app report indicators --from 2026-03-01 --to 2026-03-31 [--json] --user U   # QĐ 766 indicators
    desk-app report monthly --month 2026-03 --out báo-cáo-3-2026.xlsx --user U       # spreadsheet

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
    from desk_app.services.indicators import indicators, write_monthly_xlsx

    start, end = args.month

    def action(desk, who) -> int:  # noqa: ANN001
        path = write_monthly_xlsx(indicators(desk, who, start, end), Path(args.out))
        print(f"Đã ghi báo cáo {start:%m/%Y}: {path}")
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
    p = sub.add_parser("monthly", help="báo cáo tháng dạng bảng tính .xlsx")
    p.add_argument("--month", type=_month, required=True, help="YYYY-MM")
    p.add_argument("--out", required=True)
    p.add_argument("--user")
    p.set_defaults(func=_cmd_monthly)
