"""Every printed form of a stored dossier, from the database: render, write, log.

Forms only render. The notices they print are written by the lifecycle actions
(:mod:`desk_app.services.lifecycle`) and the counter decisions
(:meth:`desk_app.services.intake.IntakeSession.finish`): Mẫu 02 prints the latest supplement notice (at the
counter or during processing), Mẫu 03 the refusal, Mẫu 04 the apology, Mẫu 05 the stop notice, the
withdrawal record the withdrawal notice and its scanned request, the return slip the hand-back.

* :func:`record_postal_handover` (biên bản giao nhận, §10) still records its hand-over here;
* render any form: :func:`render_form_pdf` with a :class:`FormRequest` (kind + dossier code, or a
  period for the tracking book, or several codes for the result hand-over list);
* :func:`write_form` — render, optionally sign (digitising unit's certificate), write atomically
  and log the issue (:class:`~desk_app.storage.forms_models.FormIssue`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.documents.apology import ApologyData, render_apology
from desk_app.documents.control_sheet import (
    ControlSheetData,
    Handoff,
    render_control_sheet,
)
from desk_app.documents.fee_receipt import FeeLine, FeeReceiptData, render_fee_receipt
from desk_app.documents.parts import FormHeader
from desk_app.documents.postal_handover import (
    PostalHandoverData,
    PostalRow,
    render_postal_handover,
)
from desk_app.documents.receipt import render_receipt
from desk_app.documents.refusal import RefusalData, render_refusal
from desk_app.documents.result_handover import (
    HandoverRow,
    ResultHandoverData,
    render_result_handover,
)
from desk_app.documents.return_slip import ReturnSlipData, render_return_slip
from desk_app.documents.stop import StopData, render_stop
from desk_app.documents.supplement import Defect, SupplementData, render_supplement
from desk_app.documents.tracking_book import (
    BookRow,
    TrackingBookData,
    render_tracking_book,
)
from desk_app.documents.withdrawal import WithdrawalData, render_withdrawal
from desk_app.domain.postal_code import is_s10_shaped, validate_s10
from desk_app.domain.status import DossierStatus
from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.access import authorized
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.services.dossiers import find_dossier
from desk_app.services.payments import current_payment, payment_qr
from desk_app.services.receipts import receipt_with_payment_qr
from desk_app.storage.db import transaction
from desk_app.storage.forms_models import (
    DelayNotice,
    FormIssue,
    Notice,
    PostalHandover,
    PostalHandoverItem,
)
from desk_app.storage.models import Dossier, ResultReturn
from desk_app.text import nfc
from scanning.durable import atomic_write_bytes

__all__ = [
    "FORM_KINDS",
    "FormError",
    "FormRequest",
    "PostalItem",
    "header_for",
    "record_postal_handover",
    "render_form_pdf",
    "write_form",
]

#: kind → Vietnamese name (the CLI and the GUI list these)
FORM_KINDS: dict[str, str] = {
    "receipt": "Mẫu 01 – Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "supplement": "Mẫu 02 – Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "refusal": "Mẫu 03 – Phiếu từ chối tiếp nhận, giải quyết hồ sơ",
    "apology": "Mẫu 04 – Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "control-sheet": "Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 05/2018, 06/2025)",
    "tracking-book": "Sổ theo dõi hồ sơ (Mẫu 06/2018, 07/2025) – theo ngày hoặc theo kỳ",
    "fee-receipt": "Biên lai thu tiền phí, lệ phí (3 liên)",
    "result-handover": "Phiếu bàn giao kết quả giải quyết hồ sơ",
    "postal-handover": "Biên bản giao nhận hồ sơ qua bưu chính công ích",
    "stop": "Mẫu 05 (TT 03/2025) – Thông báo về việc dừng giải quyết hồ sơ",
    "withdrawal": "Phiếu xác nhận rút hồ sơ (theo đề nghị của công dân)",
    "return-slip": "Phiếu trả kết quả giải quyết hồ sơ (người nhận ký)",
}
PERIOD_KINDS = frozenset({"tracking-book"})
MULTI_CODE_KINDS = frozenset({"result-handover"})


class FormError(DeskError, ValueError):
    pass


@dataclass(frozen=True)
class FormRequest:
    kind: str
    codes: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    issued_at: datetime | None = None  # None: now
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "codes", tuple(c.strip().upper() for c in self.codes if c.strip()))
        if self.kind not in FORM_KINDS:
            raise FormError(f"Loại biểu mẫu «{self.kind}» không có; các loại: {', '.join(FORM_KINDS)}.")
        if self.kind in PERIOD_KINDS:
            if self.start is None:
                raise FormError("Sổ theo dõi hồ sơ cần ngày (--date) hoặc kỳ (--from … --to …).")
        elif not self.codes:
            raise FormError("Cần mã hồ sơ.")
        elif len(self.codes) > 1 and self.kind not in MULTI_CODE_KINDS:
            raise FormError(f"Biểu mẫu «{self.kind}» in cho một hồ sơ mỗi lần.")

    @property
    def file_stem(self) -> str:
        if self.kind in PERIOD_KINDS:
            end = self.end or self.start
            span = f"{self.start:%Y%m%d}" + (f"-{end:%Y%m%d}" if end != self.start else "")
            return f"{self.kind}_{span}"
        suffix = f"+{len(self.codes) - 1}" if len(self.codes) > 1 else ""
        return f"{self.codes[0]}_{self.kind}{suffix}"


# --------------------------------------------------------------------------- helpers


def _authority(desk: Desk, dossier: Dossier) -> str:
    procedure = desk.catalog.get(dossier.procedure_code, dossier.procedure_version)
    # Catalog authorities are generic ("UBND cấp xã"); at the desk the concrete one is its own commune.
    return desk.settings.agency_name if "cấp xã" in procedure.authority else procedure.authority


def header_for(desk: Desk, dossier: Dossier) -> FormHeader:
    s = desk.settings
    return FormHeader(
        agency_name=s.agency_name, desk_name=s.desk_name, place_name=s.place_name, dossier_code=dossier.code,
        applicant_name=dossier.applicant_name, address=dossier.applicant_address, phone=dossier.applicant_phone,
        email=dossier.applicant_email, id_number=dossier.applicant_id_number,
        procedure_code=dossier.procedure_code, procedure_name=dossier.procedure_name,
        received_at=dossier.received_at, training=dossier.training,
    )


def _dossier(session, code: str) -> Dossier:
    return find_dossier(session, code, selectinload(Dossier.history), selectinload(Dossier.clerk),
                        selectinload(Dossier.pages))


def _first_status_at(dossier: Dossier, status: DossierStatus) -> datetime | None:
    for change in dossier.history:
        if change.to_status == int(status):
            return change.at
    return None


# --------------------------------------------------------------------------- postal hand-over


@dataclass(frozen=True)
class PostalItem:
    dossier_code: str
    postal_item_id: str
    complete: bool = True
    fee_collected: int = 0
    note: str = ""


def record_postal_handover(desk: Desk, who: Identity, *, postal_employee: str, postal_unit: str,
                           items: list[PostalItem], handed_at: datetime | None = None, note: str = "",
                           postal_employee_id: str = "") -> int:
    """Store a signed hand-over of dossiers already filed; S10-shaped item ids must have a right check digit.

    The giver is the postal employee (named, with an ID), the receiver the signed-in clerk; a postal user
    cannot record one (it would be giver and receiver at once). Items collected by the post office and
    still in transit are handed over with :func:`desk_app.services.postal.handover`, which files them at
    the signing time.
    """
    if not items:
        raise FormError("Biên bản giao nhận phải có ít nhất một hồ sơ.")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDOVER_POSTAL)
        handover = PostalHandover(
            handed_at=handed_at or now_local(), postal_employee=nfc(postal_employee), postal_unit=nfc(postal_unit),
            received_by_id=user.id, fees_collected=sum(i.fee_collected for i in items), note=nfc(note),
            postal_employee_id=nfc(postal_employee_id).replace(" ", ""),
        )
        for position, item in enumerate(items, start=1):
            dossier = _dossier(session, item.dossier_code)
            item_id = nfc(item.postal_item_id).upper()
            if is_s10_shaped(item_id):
                item_id = validate_s10(item_id)
            handover.items.append(PostalHandoverItem(
                position=position, dossier_id=dossier.id, postal_item_id=item_id, complete=item.complete,
                fee_collected=item.fee_collected, note=nfc(item.note)))
        session.add(handover)
        session.flush()
        audit.record(session, user, "postal.handover", "postal_handover", handover.id, dossiers=len(items))
        return handover.id


# --------------------------------------------------------------------------- rendering


def render_form_pdf(desk: Desk, request: FormRequest) -> bytes:
    issued = request.issued_at or now_local()
    kind = request.kind
    if kind == "receipt":
        return render_receipt(receipt_with_payment_qr(desk, request.codes[0]))
    if kind == "tracking-book":
        return _tracking_book(desk, request.start, request.end or request.start, issued)
    if kind == "result-handover":
        return _result_handover(desk, request.codes, issued, request.extra)
    with desk.sessions() as session:
        dossier = _dossier(session, request.codes[0])
        header = header_for(desk, dossier)
        if kind == "supplement":
            notice = _latest_notice(session, dossier, "supplement")
            return render_supplement(SupplementData(
                header, tuple(Defect(**item) for item in notice.items), notice.issued_at,
                guide_name=notice.issued_by.full_name, guide_phone=request.extra.get("phone", ""),
                lookup_url=request.extra.get("lookup_url", "https://dichvucong.gov.vn"), note=notice.note))
        if kind == "refusal":
            notice = _latest_notice(session, dossier, "refusal")
            return render_refusal(RefusalData(header, tuple(notice.items), notice.issued_at,
                                              officer_name=notice.issued_by.full_name))
        if kind == "apology":
            delay = session.scalar(select(DelayNotice).where(DelayNotice.dossier_id == dossier.id))
            if delay is None:
                raise FormError(f"Hồ sơ {dossier.code} chưa có phiếu xin lỗi, hẹn lại ngày trả kết quả.")
            return render_apology(ApologyData(
                header, delay.processing_agency, delay.original_due, delay.new_due, delay.reason, delay.issued_at,
                signer_title=delay.signer_title or "THỦ TRƯỞNG CƠ QUAN", signer_name=delay.signer_name))
        if kind == "stop":
            notice = _latest_notice(session, dossier, "stop")
            return render_stop(StopData(header, tuple(notice.items), notice.issued_at,
                                        officer_name=notice.issued_by.full_name,
                                        processing_agency=_authority(desk, dossier), note=notice.note))
        if kind == "withdrawal":
            notice = _latest_notice(session, dossier, "withdrawal")
            request_pages = sum(1 for p in dossier.pages if p.kind == "withdrawal")
            return render_withdrawal(WithdrawalData(header, tuple(notice.items), notice.issued_at,
                                                    officer_name=notice.issued_by.full_name,
                                                    request_pages=request_pages))
        if kind == "return-slip":
            return _return_slip(session, dossier, header)
        if kind == "control-sheet":
            return _control_sheet(desk, dossier, header, issued)
        if kind == "fee-receipt":
            return _fee_receipt(desk, dossier, header, issued)
        if kind == "postal-handover":
            return _postal_handover(desk, session, dossier)
    raise FormError(f"Loại biểu mẫu «{kind}» không có.")  # pragma: no cover - FormRequest checks kinds


_NOTICE_LABELS = {
    "supplement": "phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "refusal": "phiếu từ chối tiếp nhận",
    "stop": "thông báo dừng giải quyết hồ sơ",
    "withdrawal": "đề nghị rút hồ sơ",
}


def _latest_notice(session, dossier: Dossier, kind: str) -> Notice:
    """The newest notice of *kind*: a Mẫu 02 at the counter or during processing, whichever came last."""
    notice = session.scalar(
        select(Notice).where(Notice.dossier_id == dossier.id, Notice.kind == kind)
        .options(selectinload(Notice.issued_by)).order_by(Notice.issued_at.desc(), Notice.id.desc()).limit(1)
    )
    if notice is None:
        raise FormError(f"Hồ sơ {dossier.code} chưa có {_NOTICE_LABELS[kind]}.")
    return notice


def _return_slip(session, dossier: Dossier, header: FormHeader) -> bytes:
    handed = session.scalar(select(ResultReturn).where(ResultReturn.dossier_id == dossier.id)
                            .options(selectinload(ResultReturn.returned_by)))
    if handed is None:
        raise FormError(f"Hồ sơ {dossier.code} chưa trả kết quả cho công dân.")
    return render_return_slip(ReturnSlipData(
        header, handed.returned_at, handed.receiver_name, handed.receiver_id_number, handed.authorised,
        tuple(handed.documents or ()), handed.returned_by.full_name, fee_collected=handed.fee_collected,
        due_at=dossier.due_at, note=handed.note))


def _control_sheet(desk: Desk, dossier: Dossier, header: FormHeader, issued: datetime) -> bytes:
    authority = _authority(desk, dossier)
    desk_label = nfc(desk.settings.desk_name).capitalize()
    handoffs = []
    sent = _first_status_at(dossier, DossierStatus.PROCESSING)
    if sent:
        handoffs.append(Handoff(desk_label, authority, sent))
    back = _first_status_at(dossier, DossierStatus.RESULT_READY)
    if back:
        on_time = "Đúng hạn" if dossier.due_at is None or back <= dossier.due_at else "Quá hạn"
        if dossier.due_at and back.date() < dossier.due_at.date():
            on_time = "Trước hạn"
        handoffs.append(Handoff(authority, desk_label, back, on_time))
    return render_control_sheet(ControlSheetData(
        header, dossier.due_at, authority, issued, tuple(handoffs), book_number=str(dossier.book_year),
        sequence_number=dossier.book_sequence, blank_rows=max(1, 3 - len(handoffs))))


def _fee_receipt(desk: Desk, dossier: Dossier, header: FormHeader, issued: datetime) -> bytes:
    payment = current_payment(desk, dossier.code)
    if payment is None:
        raise FormError(f"Hồ sơ {dossier.code} chưa có khoản thu phí, lệ phí (hãy ghi nhận thanh toán trước).")
    lines = []
    if payment.phi_amount:
        lines.append(FeeLine(payment.description, "phi", payment.phi_amount))
    if payment.le_phi_amount:
        lines.append(FeeLine(payment.description, "le_phi", payment.le_phi_amount))
    qr = None if payment.paid else payment_qr(desk, dossier.code, payment.amount)
    return render_fee_receipt(FeeReceiptData(
        header, payment.receipt_number, tuple(lines), payment.method, payment.confirmed_at or issued,
        collector_name=payment.confirmed_by or payment.created_by, paid=payment.paid,
        paid_at=payment.confirmed_at, confirmed_by=payment.confirmed_by, qr=qr))


def _postal_handover(desk: Desk, session, dossier: Dossier) -> bytes:
    handover = session.scalar(
        select(PostalHandover).join(PostalHandoverItem).where(PostalHandoverItem.dossier_id == dossier.id)
        .options(selectinload(PostalHandover.items).selectinload(PostalHandoverItem.dossier),
                 selectinload(PostalHandover.received_by))
        .order_by(PostalHandover.id.desc())
    )
    if handover is None:
        raise FormError(f"Hồ sơ {dossier.code} không có biên bản giao nhận qua bưu chính.")
    s = desk.settings
    rows = tuple(PostalRow(i.postal_item_id, i.dossier.code, i.dossier.procedure_name, i.dossier.applicant_name,
                           i.complete, i.fee_collected, i.note) for i in handover.items)
    return render_postal_handover(PostalHandoverData(
        s.agency_name, s.desk_name, s.place_name, handover.handed_at, handover.postal_employee,
        handover.postal_unit, handover.received_by.full_name, rows, number=f"{handover.id:04d}",
        training=any(i.dossier.training for i in handover.items), postal_employee_id=handover.postal_employee_id,
        receiver_account=handover.received_by.username))


def _result_handover(desk: Desk, codes: tuple[str, ...], issued: datetime, extra: dict) -> bytes:
    s = desk.settings
    rows = []
    training = False
    authority = ""
    with desk.sessions() as session:
        for code in codes:
            dossier = _dossier(session, code)
            authority = authority or _authority(desk, dossier)
            payment = current_payment(desk, dossier.code)
            fee_due = dossier.fee_amount > 0 and not (payment and payment.paid)
            rows.append(HandoverRow(dossier.code, dossier.procedure_name,
                                    DossierStatus(dossier.status).label_vi, dossier.applicant_name,
                                    dossier.applicant_address, fee_due, bool(dossier.result_by_post)))
            training = training or dossier.training
    return render_result_handover(ResultHandoverData(
        s.agency_name, s.desk_name, s.place_name, giver_unit=extra.get("giver_unit", authority),
        taker_unit=f"{nfc(s.desk_name).capitalize()} – {s.agency_name}", handed_at=issued, rows=tuple(rows),
        giver_name=extra.get("giver_name", ""), taker_name=extra.get("taker_name", ""), training=training))


def _tracking_book(desk: Desk, start: date, end: date, issued: datetime) -> bytes:
    s = desk.settings
    lo, hi = datetime.combine(start, time.min), datetime.combine(end + timedelta(days=1), time.min)
    with desk.sessions() as session:
        dossiers = session.scalars(
            select(Dossier).where(Dossier.received_at >= lo, Dossier.received_at < hi)
            .options(selectinload(Dossier.history)).order_by(Dossier.book_year, Dossier.book_sequence)
        ).all()
        from desk_app.services.day_close import sign_off_notes

        notes = sign_off_notes(session, [d.id for d in dossiers])   # «Ghi chú (ký nhận)»: who signed for it
        rows = []
        for d in dossiers:
            contact = "; ".join(x for x in (nfc(d.applicant_address), nfc(d.applicant_phone)) if x)
            rows.append(BookRow(
                d.book_sequence, d.code, d.procedure_name, d.applicant_name, contact, _authority(desk, d),
                d.received_at, d.due_at, _first_status_at(d, DossierStatus.PROCESSING),
                _first_status_at(d, DossierStatus.RESULT_READY), _first_status_at(d, DossierStatus.RETURNED),
                note=notes.get(d.id, "")))
    return render_tracking_book(TrackingBookData(
        s.agency_name, s.desk_name, s.place_name, start, end, tuple(rows), issued,
        book_number=str(end.year), training=s.training))


# --------------------------------------------------------------------------- writing


def write_form(desk: Desk, request: FormRequest, out: Path | None = None, *, who: Identity,
               sign: bool = False, **details) -> Path:
    """Render *request* for the signed-in *who*, sign it if asked, write it atomically, and log the issue
    and the audit row (who, which form, which dossiers or period — never their contents); returns the path."""
    authorized(desk.sessions, who, Permission.VIEW_DOSSIERS)
    if sign:
        from desk_app.documents.common import reserve_signature_stamp
        from desk_app.documents.signing import (
            STAMP_H,
            STAMP_MARGIN,
            STAMP_W,
            sign_pdf_for_desk,
        )

        with reserve_signature_stamp(STAMP_W + STAMP_MARGIN, STAMP_H + STAMP_MARGIN):
            pdf = render_form_pdf(desk, request)
        pdf = sign_pdf_for_desk(desk, pdf)
    else:
        pdf = render_form_pdf(desk, request)
    folder = desk.folder / "forms"
    path = Path(out) if out else folder / f"{request.file_stem}.pdf"
    atomic_write_bytes(path, pdf)
    digest = hashlib.sha256(pdf).hexdigest()
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        session.add(FormIssue(kind=request.kind, dossier_code=request.codes[0] if request.codes else "",
                              issued_at=now_local(), user_id=user.id, sha256=digest, signed=sign))
        period = (f"{request.start.isoformat()}..{(request.end or request.start).isoformat()}"
                  if request.start else "")
        audit.record(session, user, "form.export", "dossier" if request.codes else "period",
                     request.codes[0] if request.codes else period, form=request.kind, signed=sign,
                     codes=list(request.codes[:20]), sha256=digest, **details)
    return path
