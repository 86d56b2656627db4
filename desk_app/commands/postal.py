"""``desk-app postal …``: public-postal reception (channel 3) and return by post, so a day can be scripted.

    # the postal employee, at the post office or the citizen's home (password: $DESK_APP_PASSWORD)
    desk-app postal collect --user ha.vu --s10 EB123456785VN --procedure 1.004873 --applicant "Phạm Quốc Đạt" \\
             --id-number 038096001234 --page tờ-khai.png --fee 15000 --postal-charge 25000 \\
             [--return-by-post --delivery-address "Số 5, thôn Đông"] [--out phiếu-gửi.pdf]
    desk-app postal list --user ha.vu                       # items in transit
    desk-app postal export --user ha.vu --out bưu-gửi.zip  # on the postal employee's offline device
    desk-app postal import bưu-gửi.zip --user tuyet.nguyen  # on the desk: all items or none, never twice
    # the clerk, at the commune centre: one hand-over record for the items scanned
    desk-app postal handover --user tuyet.nguyen --employee "Vũ Thị Thu Hà" --employee-id 038185009999 \\
             --accept EB123456785VN --incomplete "EB…VN=Tờ khai|Ký đủ|Thiếu chữ ký" --refuse "EB…VN=Lý do" \\
             [--fees 35000] [--out biên-bản.pdf]
    desk-app postal refunds --user ha.vu                    # fees to give back (items sent back / refused)
    desk-app postal refund EB123456785VN --user ha.vu [--note "…"]
    # the return leg
    desk-app postal waiting --user tuyet.nguyen             # results ready, to hand to the post office
    desk-app postal return send --user tuyet.nguyen --employee "Vũ Thị Thu Hà" --item CODE=RR555000115VN
    desk-app postal return attempt RR555000115VN --user ha.vu [--note "Vắng nhà"]
    desk-app postal return delivered RR555000115VN --user ha.vu --receiver "…" --receiver-id 0380… \\
             --page phiếu-phát-đã-ký.png
    desk-app postal return undelivered RR555000115VN --user tuyet.nguyen

Every verb takes ``--at`` (the moment of the step; default now) and prints one JSON object.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desk_app.commands._session import run_signed_in
from desk_app.commands._types import iso_moment
from desk_app.commands.dossier import _defect, _pages, _print, add_intake_arguments, intake_from_args


def _split_item(text: str) -> tuple[str, str]:
    key, sep, rest = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"«{text}»: dạng SỐ-HIỆU=NỘI DUNG")
    return key.strip(), rest.strip()


def _write(path: str | None, data: bytes, default: Path) -> str:
    from scanning.durable import atomic_write_bytes

    target = Path(path) if path else default
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(target, data)
    return str(target)


def _cmd_collect(args: argparse.Namespace) -> int:
    from desk_app.services import postal

    def action(desk, who) -> int:  # noqa: ANN001
        intake = intake_from_args(desk, args, "accept")
        outcome = postal.collect(desk, who, intake, args.s10, fee_collected=args.fee,
                                 postal_charge=args.postal_charge, return_by_post=args.return_by_post,
                                 delivery_address=args.delivery_address or "", at=args.at,
                                 postal_unit=args.postal_unit or "", place=args.place or "")
        slip = _write(args.out, outcome.slip_pdf, desk.folder / "postal" / f"phieu-gui-{outcome.s10}.pdf")
        _print({"s10": outcome.s10, "state": "in_transit", "collected_at": outcome.collected_at.isoformat(),
                "slip": slip, "slip_sha256": outcome.slip_sha256})
        return 0

    return run_signed_in(args.user, action)


def _cmd_list(args: argparse.Namespace) -> int:
    from desk_app.services import postal

    def action(desk, who) -> int:  # noqa: ANN001
        for item in postal.items_in_transit(desk, who):
            _print({"s10": item.s10, "collected_at": item.collected_at.isoformat(), "procedure": item.procedure_code,
                    "pages": item.pages, "fee": item.fee_collected, "postal_charge": item.postal_charge})
        return 0

    return run_signed_in(args.user, action)


def _cmd_handover(args: argparse.Namespace) -> int:
    from desk_app.services import postal
    from desk_app.services.intake import Decision

    items = [postal.HandoverItem(s10) for s10 in args.accept or []]
    for text in args.incomplete or []:
        s10, defect = _split_item(text)
        items.append(postal.HandoverItem(s10, Decision.INCOMPLETE, defects=[_defect(defect)]))
    for text in args.refuse or []:
        s10, reason = _split_item(text)
        items.append(postal.HandoverItem(s10, Decision.REFUSE, reasons=[reason]))

    def action(desk, who) -> int:  # noqa: ANN001
        outcome = postal.handover(desk, who, postal_employee=args.employee, postal_employee_id=args.employee_id,
                                  postal_unit=args.postal_unit or "", items=items, fees_handed_over=args.fees,
                                  at=args.at, outside_hours_reason=args.outside_hours_reason)
        record = _write(args.out, outcome.pdf,
                        desk.folder / "postal" / f"bien-ban-giao-nhan-{outcome.handover_id:04d}.pdf")
        _print({"handover": outcome.handover_id, "handed_at": outcome.handed_at.isoformat(),
                "fees": outcome.fees_total, "record": record, "record_sha256": outcome.pdf_sha256,
                "items": [{"s10": i.s10, "code": i.code, "decision": i.decision.value,
                           "received_at": i.received_at.isoformat(),
                           "due_at": i.due_at.isoformat() if i.due_at else None,
                           "fee": i.fee_amount, "receipt_number": i.receipt_number} for i in outcome.items]})
        return 0

    return run_signed_in(args.user, action)


def _cmd_return_send(args: argparse.Namespace) -> int:
    from desk_app.services import postal

    pairs = [_split_item(text) for text in args.item]

    def action(desk, who) -> int:  # noqa: ANN001
        batch = postal.send_results(desk, who, postal_employee=args.employee, items=pairs, at=args.at)
        _print({"batch": batch, "items": [{"code": c, "s10": s} for c, s in pairs]})
        return 0

    return run_signed_in(args.user, action)


def _cmd_return_attempt(args: argparse.Namespace) -> int:
    from desk_app.services import postal

    def action(desk, who) -> int:  # noqa: ANN001
        _print({"s10": args.s10, "attempt": postal.record_attempt(desk, who, args.s10, at=args.at,
                                                                   note=args.note or "")})
        return 0

    return run_signed_in(args.user, action)


def _cmd_return_delivered(args: argparse.Namespace) -> int:
    from desk_app.services import postal

    def action(desk, who) -> int:  # noqa: ANN001
        code = postal.record_delivered(desk, who, args.s10, receiver_name=args.receiver,
                                       receiver_id_number=args.receiver_id, signature_pages=_pages(desk, args.page),
                                       at=args.at)
        _print({"s10": args.s10, "code": code, "status": 10})
        return 0

    return run_signed_in(args.user, action)


def _cmd_return_undelivered(args: argparse.Namespace) -> int:
    from desk_app.services import postal

    def action(desk, who) -> int:  # noqa: ANN001
        _print({"s10": args.s10, "code": postal.record_undelivered(desk, who, args.s10, at=args.at),
                "state": "undelivered"})
        return 0

    return run_signed_in(args.user, action)


def _cmd_export(args: argparse.Namespace) -> int:
    from desk_app.services import postal_transfer

    def action(desk, who) -> int:  # noqa: ANN001
        outcome = postal_transfer.export_items(desk, who, Path(args.out), again=args.again, at=args.at)
        _print({"file": str(outcome.path), "sha256": outcome.sha256, "items": list(outcome.s10s)})
        return 0

    return run_signed_in(args.user, action)


def _cmd_import(args: argparse.Namespace) -> int:
    from desk_app.services import postal_transfer

    def action(desk, who) -> int:  # noqa: ANN001
        outcome = postal_transfer.import_bundle(desk, who, Path(args.file))
        _print({"origin": outcome.origin, "sha256": outcome.sha256, "imported": list(outcome.imported),
                "already_present": list(outcome.already_present)})
        return 0

    return run_signed_in(args.user, action)


def _cmd_waiting(args: argparse.Namespace) -> int:
    from desk_app.services import postal

    def action(desk, who) -> int:  # noqa: ANN001
        for w in postal.results_waiting_for_post(desk, who):
            _print({"code": w.dossier_code, "applicant": w.applicant_name, "procedure": w.procedure_name,
                    "ready_since": w.ready_since.isoformat() if w.ready_since else None,
                    "delivery_address": w.delivery_address, "fee_unpaid": w.fee_unpaid,
                    "kind": w.kind, "form": w.form})
        return 0

    return run_signed_in(args.user, action)


def _cmd_refunds(args: argparse.Namespace) -> int:
    from desk_app.services import postal

    def action(desk, who) -> int:  # noqa: ANN001
        for r in postal.refunds_pending(desk, who):
            _print({"s10": r.s10, "code": r.dossier_code, "decision": r.decision, "amount": r.amount,
                    "applicant": r.applicant_name})
        return 0

    return run_signed_in(args.user, action)


def _cmd_refund(args: argparse.Namespace) -> int:
    from desk_app.services import postal

    def action(desk, who) -> int:  # noqa: ANN001
        r = postal.record_refund(desk, who, args.s10, at=args.at, note=args.note or "")
        _print({"s10": r.s10, "code": r.dossier_code, "amount": r.amount, "refunded_at": r.refunded_at.isoformat()})
        return 0

    return run_signed_in(args.user, action)


def _device(view) -> dict:  # noqa: ANN001 - postal_transfer.DeviceView
    return {"name": view.name, "fingerprint": view.fingerprint, "public_key": view.public_key,
            "enrolled_at": view.enrolled_at.isoformat() if view.enrolled_at else None,
            "revoked_at": view.revoked_at.isoformat() if view.revoked_at else None}


def _cmd_device_key(args: argparse.Namespace) -> int:
    from desk_app.services import postal_transfer

    def action(desk, who) -> int:  # noqa: ANN001, ARG001 - any signed-in user may show this machine's key
        _print(_device(postal_transfer.this_device(desk)))
        return 0

    return run_signed_in(args.user, action)


def _cmd_trust_device(args: argparse.Namespace) -> int:
    from desk_app.services import postal_transfer

    def action(desk, who) -> int:  # noqa: ANN001
        _print(_device(postal_transfer.trust_device(desk, who, args.public_key, args.name, at=args.at)))
        return 0

    return run_signed_in(args.user, action)


def _cmd_revoke_device(args: argparse.Namespace) -> int:
    from desk_app.services import postal_transfer

    def action(desk, who) -> int:  # noqa: ANN001
        _print(_device(postal_transfer.revoke_device(desk, who, args.fingerprint, at=args.at)))
        return 0

    return run_signed_in(args.user, action)


def _cmd_devices(args: argparse.Namespace) -> int:
    from desk_app.services import postal_transfer

    def action(desk, who) -> int:  # noqa: ANN001
        for view in postal_transfer.trusted_devices(desk, who):
            _print(_device(view))
        return 0

    return run_signed_in(args.user, action)


def register(subparsers) -> None:  # noqa: ANN001
    group = subparsers.add_parser("postal", help="tiếp nhận và trả kết quả qua bưu chính công ích (cần đăng nhập)")
    verbs = group.add_subparsers(dest="verb", required=True)

    def common(parser: argparse.ArgumentParser, at: bool = True) -> argparse.ArgumentParser:
        parser.add_argument("--user", required=True, help="tên đăng nhập (mật khẩu: $DESK_APP_PASSWORD)")
        if at:
            parser.add_argument("--at", type=iso_moment, help="thời điểm thực hiện (mặc định: bây giờ)")
        return parser

    p = verbs.add_parser("collect", help="nhân viên bưu chính thu gom một hồ sơ (in Phiếu gửi hồ sơ)")
    p.add_argument("--user", required=True, help="tên đăng nhập (mật khẩu: $DESK_APP_PASSWORD)")
    add_intake_arguments(p)
    p.add_argument("--s10", required=True, help="số hiệu bưu gửi, ví dụ EB123456785VN")
    p.add_argument("--fee", type=int, default=0, help="phí, lệ phí thủ tục đã thu hộ (đồng)")
    p.add_argument("--postal-charge", type=int, default=0, help="cước dịch vụ bưu chính (đồng)")
    p.add_argument("--postal-unit")
    p.add_argument("--place", help="nơi nhận hồ sơ (bưu cục hoặc địa chỉ của công dân)")
    p.add_argument("--out", help="tệp PDF Phiếu gửi hồ sơ")
    p.set_defaults(func=_cmd_collect)

    p = common(verbs.add_parser("list", help="các bưu gửi đang chuyển"), at=False)
    p.set_defaults(func=_cmd_list)

    p = common(verbs.add_parser("handover", help="cán bộ một cửa nhận hồ sơ từ bưu chính (Biên bản giao nhận)"))
    p.add_argument("--employee", required=True, help="họ tên nhân viên bưu chính giao hồ sơ")
    p.add_argument("--employee-id", required=True, help="số định danh hoặc mã nhân viên bưu chính")
    p.add_argument("--postal-unit")
    p.add_argument("--accept", action="append", metavar="S10", help="tiếp nhận (Mẫu 01)")
    p.add_argument("--incomplete", action="append", metavar="S10=THÀNH PHẦN|YÊU CẦU|LÝ DO",
                   help="chưa đầy đủ (Mẫu 02, gửi trả qua bưu chính)")
    p.add_argument("--refuse", action="append", metavar="S10=LÝ DO", help="từ chối (Mẫu 03)")
    p.add_argument("--fees", type=int, help="số tiền phí, lệ phí bưu chính bàn giao (đối chiếu)")
    p.add_argument("--outside-hours-reason", default="")
    p.add_argument("--out", help="tệp PDF Biên bản giao nhận")
    p.set_defaults(func=_cmd_handover)

    p = common(verbs.add_parser("export", help="máy của nhân viên bưu chính: xuất các bưu gửi ra tệp để "
                                               "chuyển sang máy của Bộ phận Một cửa"))
    p.add_argument("--out", required=True, help="tệp chuyển (.zip)")
    p.add_argument("--again", action="store_true", help="xuất lại cả các bưu gửi đã xuất (khi tệp trước bị mất)")
    p.set_defaults(func=_cmd_export)
    p = common(verbs.add_parser("import", help="máy của Bộ phận Một cửa: nhập tệp bưu gửi từ máy bưu chính"),
               at=False)
    p.add_argument("file", help="tệp chuyển (.zip)")
    p.set_defaults(func=_cmd_import)
    p = common(verbs.add_parser("device-key", help="khóa công khai và dấu vân tay của máy này (máy bưu chính "
                                                   "đưa cho quản trị viên Bộ phận Một cửa đăng ký)"), at=False)
    p.set_defaults(func=_cmd_device_key)
    p = common(verbs.add_parser("trust-device", help="quản trị viên: đăng ký máy bưu chính được gửi tệp bưu gửi"))
    p.add_argument("public_key", help="khóa công khai do «desk-app postal device-key» in ra trên máy bưu chính")
    p.add_argument("--name", required=True, help="tên máy, ví dụ «Máy xách tay Bưu điện xã Hòa An»")
    p.set_defaults(func=_cmd_trust_device)
    p = common(verbs.add_parser("revoke-device", help="quản trị viên: thu hồi đăng ký một máy bưu chính "
                                                      "(mất máy, thôi dùng)"))
    p.add_argument("fingerprint", help="dấu vân tay, ví dụ 3F2A-9C01-77BE-0D4E")
    p.set_defaults(func=_cmd_revoke_device)
    p = common(verbs.add_parser("devices", help="quản trị viên: các máy bưu chính đã đăng ký"), at=False)
    p.set_defaults(func=_cmd_devices)
    p = common(verbs.add_parser("waiting", help="kết quả đã có, chờ giao cho bưu chính để trả qua bưu điện"),
               at=False)
    p.set_defaults(func=_cmd_waiting)
    p = common(verbs.add_parser("refunds", help="phí, lệ phí bưu điện đã thu của hồ sơ bị trả lại, chưa hoàn trả"),
               at=False)
    p.set_defaults(func=_cmd_refunds)
    p = common(verbs.add_parser("refund", help="ghi nhận bưu điện đã hoàn trả phí, lệ phí cho công dân"))
    p.add_argument("s10")
    p.add_argument("--note")
    p.set_defaults(func=_cmd_refund)

    ret = verbs.add_parser("return", help="trả kết quả qua bưu chính").add_subparsers(dest="step", required=True)
    p = common(ret.add_parser("send", help="giao kết quả cho bưu chính"))
    p.add_argument("--employee", required=True)
    p.add_argument("--item", action="append", required=True, metavar="MÃ-HỒ-SƠ=S10")
    p.set_defaults(func=_cmd_return_send)
    p = common(ret.add_parser("attempt", help="phát không thành công (mời nhận lần 1, 2)"))
    p.add_argument("s10")
    p.add_argument("--note")
    p.set_defaults(func=_cmd_return_attempt)
    p = common(ret.add_parser("delivered", help="đã phát: phiếu phát có chữ ký đã quét"))
    p.add_argument("s10")
    p.add_argument("--receiver", required=True)
    p.add_argument("--receiver-id", required=True)
    p.add_argument("--page", action="append", required=True, help="ảnh phiếu phát có chữ ký")
    p.set_defaults(func=_cmd_return_delivered)
    p = common(ret.add_parser("undelivered", help="chuyển hoàn về Bộ phận Một cửa sau 2 lần mời nhận"))
    p.add_argument("s10")
    p.set_defaults(func=_cmd_return_undelivered)
