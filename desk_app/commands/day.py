"""``desk-app day``: the supervisor's end-of-day reconciliation and day close.

    desk-app day reconcile --date 2026-03-02 [--json] --user U    # exit 4 while problems remain unexplained
    desk-app day explain --date … --problem ID --text "…" --user U
    desk-app day cash --date … --count 500000=3 --count 10000=2 --user U
    desk-app day close --date … --user U [--out biên-bản.pdf]     # signs the report, records hash + chain head
    desk-app day reopen --date … --reason "…" --user U
    desk-app day close-year --year 2026 --user U [--out sổ-2026.pdf]   # year-end close of the tracking book
    desk-app day verify-year --year 2026 --user U                       # exit 4 when a frozen row changed

Every command signs in (password in $DESK_APP_PASSWORD or a prompt) and needs the RECONCILE permission;
the figures are those of the supervisor's screen (both call ``desk_app.services.reconciliation``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desk_app.commands._session import run_signed_in
from desk_app.commands._types import iso_day
from desk_app.domain.fees import format_vnd

EXIT_UNEXPLAINED = 4




def _vnd(amount: int | None) -> str:
    return "—" if amount is None else format_vnd(amount)


def print_report(report) -> None:  # noqa: ANN001
    from desk_app.services.reconciliation import METHOD_LABELS, SECTION_LABELS, SECTIONS

    state = "ĐÃ KHOÁ SỔ" if report.closed else "chưa khoá sổ"
    print(f"Đối soát ngày {report.day:%d/%m/%Y} ({state})")
    print(f"Hồ sơ: {report.dossiers}  trang: {report.pages}  "
          + "  ".join(f"{k}: {v}" for k, v in sorted(report.by_decision.items())))
    for run in [*report.code_runs, report.book_run]:
        gaps = ", ".join(map(str, run.gaps)) or "không"
        print(f"  {run.label}: {run.first or '—'}–{run.last or '—'}, đã dùng {run.used}, bỏ trống: {gaps}")
    for method, t in report.methods.items():
        print(f"  {METHOD_LABELS.get(method, method)}: đã thu {_vnd(t.confirmed_amount)} ({t.confirmed_count} khoản), "
              f"biên lai {len(t.numbers_issued)}, huỷ {len(t.numbers_cancelled)}, chưa xác nhận {len(t.numbers_pending)}")
    c = report.cash
    print(f"  Tiền mặt: sổ {_vnd(c.expected)}, kiểm đếm {_vnd(c.counted)}, chênh lệch {_vnd(c.difference)}")
    print("  Đồng bộ: " + ", ".join(f"{k}={v}" for k, v in report.uploads.items()))
    if not report.problems:
        print("Không có vấn đề nào.")
    for section in SECTIONS:
        for p in report.section_problems(section):
            mark = "đã giải trình" if p.explained else "CHƯA GIẢI TRÌNH"
            print(f"[{SECTION_LABELS[section]}] {p.id}\n    {p.message}\n    → {mark}"
                  + (f": {p.explanation} ({p.explained_by})" if p.explained else ""))


def _cmd_reconcile(args: argparse.Namespace) -> int:
    from desk_app.services.reconciliation import reconcile

    def action(desk, who) -> int:  # noqa: ANN001
        report = reconcile(desk, who, args.date)
        if args.json:
            print(json.dumps(report.as_json(), ensure_ascii=False, indent=1))
        else:
            print_report(report)
        return EXIT_UNEXPLAINED if report.unexplained else 0

    return run_signed_in(args.user, action)


def _cmd_explain(args: argparse.Namespace) -> int:
    from desk_app.services.reconciliation import explain

    def action(desk, who) -> int:  # noqa: ANN001
        problem = explain(desk, who, args.date, args.problem, args.text)
        print(f"Đã ghi giải trình cho {problem.id}.")
        return 0

    return run_signed_in(args.user, action)


def _cmd_cash(args: argparse.Namespace) -> int:
    from desk_app.services.reconciliation import parse_denominations, record_cash_count

    def action(desk, who) -> int:  # noqa: ANN001
        cash = record_cash_count(desk, who, args.date, parse_denominations(args.count or []))
        print(f"Tiền mặt kiểm đếm {_vnd(cash.counted)}; đã xác nhận thu {_vnd(cash.expected)}; "
              f"chênh lệch {_vnd(cash.difference)}.")
        return 0

    return run_signed_in(args.user, action)


def _cmd_close(args: argparse.Namespace) -> int:
    from desk_app.services.day_close import close_day

    def action(desk, who) -> int:  # noqa: ANN001
        result = close_day(desk, who, args.date, Path(args.out) if args.out else None)
        print(f"Đã khoá sổ ngày {result.day:%d/%m/%Y}. Biên bản: {result.pdf_path}")
        print(f"SHA-256 biên bản: {result.report_sha256}{' (đã ký số)' if result.signed else ''}")
        print(f"Đầu chuỗi nhật ký: {result.chain_count}\t{result.chain_hash}")
        return 0

    return run_signed_in(args.user, action)


def _cmd_reopen(args: argparse.Namespace) -> int:
    from desk_app.services.day_close import reopen_day

    def action(desk, who) -> int:  # noqa: ANN001
        reopen_day(desk, who, args.date, args.reason)
        print(f"Đã mở lại ngày {args.date:%d/%m/%Y}; hãy khoá sổ lại sau khi sửa.")
        return 0

    return run_signed_in(args.user, action)


def _cmd_close_year(args: argparse.Namespace) -> int:
    from desk_app.services.day_close import close_book_year

    def action(desk, who) -> int:  # noqa: ANN001
        result = close_book_year(desk, who, args.year, Path(args.out) if args.out else None)
        print(f"Đã khóa sổ theo dõi hồ sơ năm {result.year}: {result.row_count} hồ sơ (đến số "
              f"{result.last_sequence}), {'đã ký số' if result.signed else 'chưa ký số'}.\n"
              f"  {result.pdf_path}\n  SHA-256 sổ: {result.pdf_sha256}\n  SHA-256 các dòng: {result.rows_sha256}")
        return 0

    return run_signed_in(args.user, action)


def _cmd_verify_year(args: argparse.Namespace) -> int:
    from desk_app.services.day_close import verify_book_year

    def action(desk, who) -> int:  # noqa: ANN001
        changed = verify_book_year(desk, who, args.year)
        if not changed:
            print(f"Sổ theo dõi hồ sơ năm {args.year} khớp với lúc khóa sổ.")
            return 0
        print(f"Sổ năm {args.year} có {len(changed)} dòng khác lúc khóa sổ: " + ", ".join(changed))
        return EXIT_UNEXPLAINED

    return run_signed_in(args.user, action)


def register(subparsers) -> None:  # noqa: ANN001
    parser = subparsers.add_parser("day", help="đối soát cuối ngày và khoá sổ (giám sát)",
                                   description="Đối soát một ngày: hồ sơ, số thứ tự, thu phí, đồng bộ; "
                                               "giải trình, kiểm đếm tiền mặt, khoá sổ, mở lại.")
    sub = parser.add_subparsers(dest="day_command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--date", type=iso_day, required=True, help="ngày YYYY-MM-DD")
        p.add_argument("--user", help="tên đăng nhập (mật khẩu trong DESK_APP_PASSWORD hoặc nhập khi được hỏi)")

    p = sub.add_parser("reconcile", help="báo cáo đối soát; mã thoát 4 khi còn vấn đề chưa giải trình")
    common(p)
    p.add_argument("--json", action="store_true", help="kết quả dạng JSON")
    p.set_defaults(func=_cmd_reconcile)
    p = sub.add_parser("explain", help="giải trình một vấn đề")
    common(p)
    p.add_argument("--problem", required=True, help="mã vấn đề (trường id trong --json)")
    p.add_argument("--text", required=True, help="lời giải trình")
    p.set_defaults(func=_cmd_explain)
    p = sub.add_parser("cash", help="nhập tiền mặt kiểm đếm theo mệnh giá")
    common(p)
    p.add_argument("--count", action="append", metavar="MỆNH_GIÁ=SỐ_TỜ", help="ví dụ 500000=3 (lặp lại)")
    p.set_defaults(func=_cmd_cash)
    p = sub.add_parser("close", help="ký biên bản đối soát và khoá sổ ngày")
    common(p)
    p.add_argument("--out", help="nơi ghi biên bản PDF")
    p.set_defaults(func=_cmd_close)
    p = sub.add_parser("reopen", help="mở lại ngày đã khoá sổ (ghi lý do)")
    common(p)
    p.add_argument("--reason", required=True, help="lý do mở lại")
    p.set_defaults(func=_cmd_reopen)
    for name, helptext, func in (("close-year", "khóa sổ theo dõi hồ sơ cả năm (sau 31/12)", _cmd_close_year),
                                 ("verify-year", "đối chiếu sổ năm đã khóa với dữ liệu hiện tại", _cmd_verify_year)):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--year", type=int, required=True, help="năm của sổ, ví dụ 2026")
        p.add_argument("--user", help="tên đăng nhập (mật khẩu trong DESK_APP_PASSWORD hoặc nhập khi được hỏi)")
        if name == "close-year":
            p.add_argument("--out", help="nơi ghi sổ PDF")
        p.set_defaults(func=func)
