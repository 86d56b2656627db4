"""``desk-app dossier …``: the dossier's whole life from the command line, so a day can be scripted.

    desk-app dossier search "nguyen van an" --json --user tuyet.nguyen
    desk-app dossier show 000.00.12.H56-260302-5001 --json --user tuyet.nguyen
    desk-app dossier due --json --user tuyet.nguyen
    desk-app dossier refuse --procedure 1.004222 --applicant "Phạm Quốc Đạt" --page tờ-khai.png \\
             --reason "Không thuộc thẩm quyền" --user tuyet.nguyen
    desk-app dossier incomplete … --defect "Tờ khai|Ký đủ|Thiếu chữ ký" --user …
    desk-app dossier resume CODE --page bổ-sung.png --user …
    desk-app dossier supplement CODE --defect "…|…|…" --user …
    desk-app dossier apologize CODE --agency "UBND xã" --reason … --new-date 2026-03-16 --signer "…" --user …
    desk-app dossier stop CODE --reason … --user …
    desk-app dossier withdraw CODE --reason … --page đơn-rút.png --user …
    desk-app dossier result CODE --document "Giấy khai sinh" --page kết-quả.png --user …
    desk-app dossier return CODE --receiver "…" --receiver-id 0380… [--authorisation ủy-quyền.png] \\
             [--collect-fee] --user …
    desk-app dossier reprint CODE [--form receipt] [--out FILE] --user …

Every verb needs a signed-in user (password from $DESK_APP_PASSWORD or a prompt); every step goes
through the lifecycle layer and prints one JSON object (the dossier code, its status, the form written).
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from desk_app.commands._session import run_signed_in
from desk_app.commands._types import iso_day, iso_moment




def _defect(text: str) -> dict:
    parts = [p.strip() for p in text.split("|")]
    if not parts[0]:
        raise argparse.ArgumentTypeError("--defect: «thành phần|yêu cầu|lý do»")
    parts += ["", ""]
    return {"component": parts[0], "requirement": parts[1], "reason": parts[2]}


def _print(data: dict) -> None:
    print(json.dumps(data, ensure_ascii=False, default=str))


def _write_form(desk, who, kind: str, code: str, out: str | None = None) -> str:  # noqa: ANN001
    from desk_app.services.forms import FORM_KINDS, FormRequest, write_form

    if kind not in FORM_KINDS:
        return ""
    path = write_form(desk, FormRequest(kind, (code,)), Path(out) if out else None, who=who)
    return str(path)


def _status(desk, code: str) -> dict:  # noqa: ANN001
    from sqlalchemy import select

    from desk_app.domain.status import DossierStatus
    from desk_app.storage.models import Dossier

    with desk.sessions() as session:
        d = session.scalar(select(Dossier).where(Dossier.code == code.strip().upper()))
        return {"code": d.code, "status": d.status, "status_label": DossierStatus(d.status).label_vi,
                "due_at": d.due_at.isoformat() if d.due_at else None}


def _pages(desk, paths) -> list:  # noqa: ANN001
    from desk_app.services.intake import store_pages

    return store_pages(desk, [Path(p) for p in paths or []])



def _cmd_search(args: argparse.Namespace) -> int:
    from desk_app.services.dossier_book import DossierQuery, search

    def action(desk, who) -> int:  # noqa: ANN001
        results = search(desk, who, DossierQuery(
            text=args.text or "", received_from=args.date_from, received_to=args.date_to,
            statuses=tuple(args.status or ()), procedure_code=args.procedure or "", full_text=not args.no_text,
            limit=args.limit))
        if args.json:
            print(json.dumps([r.as_json() for r in results], ensure_ascii=False))
        else:
            for r in results:
                due = f"{r.due_at:%H:%M %d/%m/%Y}" if r.due_at else ""
                print(f"{r.code}\t{r.received_at:%d/%m/%Y}\t{r.applicant}\t{r.procedure_name}\t{r.status_label}\t{due}")
        return 0

    return run_signed_in(args.user, action)


def _cmd_show(args: argparse.Namespace) -> int:
    from desk_app.services.dossier_book import ACTION_LABELS, show

    def action(desk, who) -> int:  # noqa: ANN001
        view = show(desk, who, args.code)
        if args.json:
            print(json.dumps(view.as_json(), ensure_ascii=False))
            return 0
        s = view.summary
        print(f"{s.code} — {s.status_label}\n{s.procedure_code} {s.procedure_name}\nChủ hồ sơ: {s.applicant} "
              f"({s.id_number})\nNhận: {s.received_at:%H:%M %d/%m/%Y}"
              + (f"; hẹn trả: {s.due_at:%H:%M %d/%m/%Y}" if s.due_at else ""))
        for t in view.timeline:
            print(f"  {t.at:%H:%M %d/%m/%Y}  {t.what}" + (f" — {t.who}" if t.who else ""))
        print("Thao tác được phép: " + (", ".join(f"{a} ({ACTION_LABELS[a]})" for a in view.actions) or "không"))
        return 0

    return run_signed_in(args.user, action)


def _cmd_due(args: argparse.Namespace) -> int:
    from desk_app.services.dossier_book import BUCKET_LABELS, due_report

    def action(desk, who) -> int:  # noqa: ANN001
        report = due_report(desk, who, args.at)
        items = report.all()
        if args.json:
            print(json.dumps([{"code": i.code, "bucket": i.bucket, "applicant": i.applicant, "status": i.status,
                               "due_at": i.due_at.isoformat() if i.due_at else None, "advice": i.advice}
                              for i in items], ensure_ascii=False))
        else:
            for i in items:
                due = f"{i.due_at:%H:%M %d/%m/%Y}" if i.due_at else ""
                print(f"{BUCKET_LABELS[i.bucket]}\t{i.code}\t{i.applicant}\t{due}\t{i.advice}")
        return 0

    return run_signed_in(args.user, action)


# --------------------------------------------------------------------------- counter decisions


def add_intake_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--procedure", required=True, help="mã thủ tục, ví dụ 1.001193")
    parser.add_argument("--applicant", required=True)
    parser.add_argument("--id-number")
    parser.add_argument("--address")
    parser.add_argument("--phone")
    parser.add_argument("--fee-pages", type=int, default=1)
    parser.add_argument("--fee-copies", type=int, default=1)
    parser.add_argument("--page", action="append", required=True, help="tệp ảnh trang (lặp lại)")
    parser.add_argument("--outside-hours-reason", default="", help="lý do tiếp nhận ngoài giờ làm việc")
    parser.add_argument("--at", type=iso_moment, help="thời điểm tiếp nhận (mặc định: bây giờ)")
    parser.add_argument("--return-by-post", action="store_true",
                        help="công dân nhận kết quả qua bưu chính công ích (cần --delivery-address)")
    parser.add_argument("--delivery-address", help="địa chỉ nhận kết quả qua bưu chính")


def intake_from_args(desk, args: argparse.Namespace, decision: str, **extra):  # noqa: ANN001, ANN201
    from desk_app.services.intake import Decision, IntakeSession

    return IntakeSession(
        procedure_code=args.procedure, applicant_name=args.applicant, applicant_id_number=args.id_number or "",
        applicant_address=args.address or "", applicant_phone=args.phone or "", pages=_pages(desk, args.page),
        fee_pages=args.fee_pages, fee_copies=args.fee_copies, decision=Decision(decision),
        outside_hours_reason=args.outside_hours_reason,
        return_by_post=bool(getattr(args, "return_by_post", False)),
        delivery_address=getattr(args, "delivery_address", None) or "", **extra)


def file_intake(desk, who, args: argparse.Namespace, decision: str, **extra) -> int:  # noqa: ANN001
    """File a dossier with *decision*, write its form and print the outcome as one JSON object."""
    from desk_app.services.receipts import write_receipt_for

    outcome = intake_from_args(desk, args, decision, **extra).finish(desk, who, at=args.at)
    if outcome.form_kind == "receipt":
        form = write_receipt_for(desk, outcome.code, who=who)
    else:
        form = _write_form(desk, who, outcome.form_kind, outcome.code, getattr(args, "out", None))
    _print({"code": outcome.code, "status": int(outcome.status), "received_at": outcome.received_at.isoformat(),
            "due_at": outcome.due_at.isoformat() if outcome.due_at else None, "fee": outcome.fee_amount,
            "form": str(form), "receipt": str(form) if outcome.form_kind == "receipt" else None})
    return 0


def _cmd_refuse(args: argparse.Namespace) -> int:
    return run_signed_in(args.user, lambda desk, who: file_intake(desk, who, args, "refuse", reasons=args.reason))


def _cmd_incomplete(args: argparse.Namespace) -> int:
    return run_signed_in(args.user, lambda desk, who: file_intake(desk, who, args, "incomplete", defects=args.defect))


# --------------------------------------------------------------------------- after the receipt


def _step(args: argparse.Namespace, fn, form_kind: str = "") -> int:  # noqa: ANN001
    """Run one lifecycle action on args.code, then write its form and print the dossier's state."""
    def action(desk, who) -> int:  # noqa: ANN001
        result = fn(desk, who)
        out = _status(desk, args.code)
        if form_kind:
            out["form"] = _write_form(desk, who, form_kind, out["code"], getattr(args, "out", None))
        if isinstance(result, datetime):
            out["due_at"] = result.isoformat()
        _print(out)
        return 0

    return run_signed_in(args.user, action)


def _lifecycle():  # noqa: ANN202
    from desk_app.services import lifecycle

    return lifecycle


def _cmd_forward(args):  # noqa: ANN001, ANN201
    return _step(args, lambda desk, who: _lifecycle().forward(desk, who, args.code))


def _cmd_resume(args):  # noqa: ANN001, ANN201
    return _step(args, lambda desk, who: _lifecycle().resume(desk, who, args.code, _pages(desk, args.page),
                                                             at=args.at), "receipt")


def _cmd_supplement(args):  # noqa: ANN001, ANN201
    return _step(args, lambda desk, who: _lifecycle().request_supplement(desk, who, args.code, args.defect,
                                                                         at=args.at), "supplement")


def _cmd_apologize(args):  # noqa: ANN001, ANN201
    new_due = args.new_date if args.new_date.time() != datetime.min.time() else args.new_date.replace(hour=17)
    return _step(args, lambda desk, who: _lifecycle().apologize(
        desk, who, args.code, processing_agency=args.agency, reason=args.reason, new_due=new_due,
        signer_name=args.signer, signer_title=args.signer_title, override_reason=args.override_reason or "",
        at=args.at), "apology")


def _cmd_stop(args):  # noqa: ANN001, ANN201
    return _step(args, lambda desk, who: _lifecycle().stop(desk, who, args.code, args.reason, at=args.at), "stop")


def _cmd_withdraw(args):  # noqa: ANN001, ANN201
    return _step(args, lambda desk, who: _lifecycle().withdraw(desk, who, args.code, args.reason,
                                                               _pages(desk, args.page), at=args.at), "withdrawal")


def _cmd_result(args):  # noqa: ANN001, ANN201
    return _step(args, lambda desk, who: _lifecycle().record_result(desk, who, args.code, args.document,
                                                                    _pages(desk, args.page), at=args.at))


def _cmd_return(args):  # noqa: ANN001, ANN201
    return _step(args, lambda desk, who: _lifecycle().return_result(
        desk, who, args.code, receiver_name=args.receiver, receiver_id_number=args.receiver_id,
        authorisation_pages=_pages(desk, args.authorisation), collect_fee=args.collect_fee, at=args.at),
        "return-slip")


def _cmd_reprint(args):  # noqa: ANN001, ANN201
    def action(desk, who) -> int:  # noqa: ANN001
        out = _status(desk, args.code)
        out["form"] = _write_form(desk, who, args.form, out["code"], args.out)
        _print(out)
        return 0

    return run_signed_in(args.user, action)


def register(subparsers) -> None:  # noqa: ANN001
    group = subparsers.add_parser("dossier", help="tra cứu và xử lý hồ sơ sau tiếp nhận (cần đăng nhập)")
    verbs = group.add_subparsers(dest="verb", required=True)

    def verb(name: str, help_text: str, func, code: bool = True, at: bool = True) -> argparse.ArgumentParser:
        parser = verbs.add_parser(name, help=help_text)
        parser.add_argument("--user", required=True, help="tên đăng nhập (mật khẩu: $DESK_APP_PASSWORD)")
        if code:
            parser.add_argument("code", help="mã hồ sơ")
        if at:
            parser.add_argument("--at", type=iso_moment, help="thời điểm thực hiện (mặc định: bây giờ)")
        parser.set_defaults(func=func)
        return parser

    p = verb("search", "tìm hồ sơ theo mã, số định danh, họ tên (không dấu) hoặc nội dung giấy tờ",
             _cmd_search, code=False, at=False)
    p.add_argument("text", nargs="?", default="")
    p.add_argument("--from", dest="date_from", type=iso_day)
    p.add_argument("--to", dest="date_to", type=iso_day)
    p.add_argument("--status", type=int, action="append", choices=range(1, 11))
    p.add_argument("--procedure")
    p.add_argument("--no-text", action="store_true", help="không tìm trong nội dung trang quét")
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--json", action="store_true")

    p = verb("show", "xem toàn bộ một hồ sơ", _cmd_show, at=False)
    p.add_argument("--json", action="store_true")

    p = verb("due", "hồ sơ quá hạn, đến hạn, chờ bổ sung", _cmd_due, code=False)
    p.add_argument("--json", action="store_true")

    p = verb("refuse", "từ chối tiếp nhận tại quầy (Mẫu 03)", _cmd_refuse, code=False, at=False)
    add_intake_arguments(p)
    p.add_argument("--reason", action="append", required=True)
    p.add_argument("--out")

    p = verb("incomplete", "hồ sơ chưa đầy đủ tại quầy (Mẫu 02)", _cmd_incomplete, code=False, at=False)
    add_intake_arguments(p)
    p.add_argument("--defect", type=_defect, action="append", required=True, help="thành phần|yêu cầu|lý do")
    p.add_argument("--out")

    verb("forward", "chuyển hồ sơ cho cán bộ xử lý", _cmd_forward)

    p = verb("resume", "nhận giấy tờ bổ sung và tiếp tục giải quyết", _cmd_resume)
    p.add_argument("--page", action="append", required=True)

    p = verb("supplement", "yêu cầu bổ sung trong quá trình giải quyết (Mẫu 02)", _cmd_supplement)
    p.add_argument("--defect", type=_defect, action="append", required=True, help="thành phần|yêu cầu|lý do")

    p = verb("apologize", "phiếu xin lỗi và hẹn lại ngày trả (Mẫu 04)", _cmd_apologize)
    p.add_argument("--agency", required=True, help="cơ quan giải quyết")
    p.add_argument("--reason", required=True)
    p.add_argument("--new-date", required=True, type=iso_moment, help="YYYY-MM-DD[THH:MM]")
    p.add_argument("--signer", required=True, help="họ tên thủ trưởng cơ quan ký phiếu")
    p.add_argument("--signer-title", default="THỦ TRƯỞNG CƠ QUAN")
    p.add_argument("--override-reason", help="(giám sát) lý do lập phiếu muộn")

    p = verb("stop", "dừng giải quyết hồ sơ", _cmd_stop)
    p.add_argument("--reason", action="append", required=True)

    p = verb("withdraw", "công dân rút hồ sơ (kèm đơn đã ký)", _cmd_withdraw)
    p.add_argument("--reason", default="Công dân đề nghị rút hồ sơ")
    p.add_argument("--page", action="append", required=True, help="ảnh đơn đề nghị rút hồ sơ")

    p = verb("result", "nhận kết quả giấy (quét thành PDF/A)", _cmd_result)
    p.add_argument("--document", action="append", required=True, help="tên giấy tờ kết quả")
    p.add_argument("--page", action="append", required=True)

    p = verb("return", "trả kết quả cho công dân", _cmd_return)
    p.add_argument("--receiver", required=True)
    p.add_argument("--receiver-id", required=True)
    p.add_argument("--authorisation", action="append", help="ảnh giấy ủy quyền (khi người nhận không phải chủ hồ sơ)")
    p.add_argument("--collect-fee", action="store_true", help="thu phí, lệ phí còn nợ bằng tiền mặt")

    p = verb("reprint", "in lại biểu mẫu của hồ sơ", _cmd_reprint, at=False)
    p.add_argument("--form", default="receipt")
    p.add_argument("--out")
