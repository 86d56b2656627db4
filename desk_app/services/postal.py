"""Public-postal reception (channel 3) and return by post (QĐ 45/2016/QĐ-TTg, DOMAIN.md §10; docs/POSTAL.md).

Each action is one transaction, permission-checked and audited:

* :func:`collect` — the postal employee collects a dossier at the post office or at the citizen's home:
  the intake draft (procedure, applicant identified from the card, scanned pages), the S10 of the item
  (UPU check digit), the procedure's fee and the postal charge (kept apart), where the result goes.
  Stored as a :class:`~desk_app.storage.postal_models.PostalItem` *in transit*: not a dossier yet.
  The Phiếu gửi hồ sơ (two copies, both sign) is rendered and archived.
* :func:`handover` — at the commune centre the clerk scans each S10 and decides it (accept → Mẫu 01,
  incomplete → Mẫu 02 sent back by post, refuse → Mẫu 03); every item is filed through
  ``IntakeSession.finish`` **at the hand-over signing time** (the legal submission time), channel 3.
  The Biên bản giao nhận (giver = the postal employee, receiver = the clerk) is rendered and its SHA-256
  stored; the fees handed over are reconciled against the items and become paid payments (biên lai).
* :func:`send_results` / :func:`record_attempt` / :func:`record_delivered` / :func:`record_undelivered` —
  the return leg: results handed to the post office (S10 of the return item), failed delivery
  invitations (two, two working days apart), delivery (the citizen's signed delivery note scanned →
  status 10) or back to the desk. Steps that keep the status go to the province as ``dossier.update``
  rows through ``lifecycle.move(to=None)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.documents.postal_handover import PostalHandoverData, PostalRow, render_postal_handover
from desk_app.documents.postal_slip import PostalSlipData, SlipPaper, render_postal_slip
from desk_app.domain.postal_code import validate_s10
from desk_app.domain.status import Channel, DossierStatus as S
from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.services import lifecycle
from desk_app.services.dossiers import find_dossier
from desk_app.services.intake import ComponentEntry, Decision, IntakeOutcome, IntakeSession
from desk_app.services.payments import collect_cash_in_session
from desk_app.storage.db import transaction
from desk_app.storage.forms_models import Payment, PostalHandover, PostalHandoverItem
from desk_app.storage.models import Dossier, ResultRecord, ResultReturn, StoredFileRecord
from desk_app.storage.postal_models import HANDED_OVER, IN_TRANSIT, PostalItem, PostalReturn
from desk_app.text import nfc

__all__ = [
    "CollectOutcome", "HandoverItem", "HandoverOutcome", "HandedItem", "ItemView", "PostalError", "RefundView",
    "ReturnView", "WaitingResult", "collect", "handover", "handover_pdf", "item_by_s10", "items_in_transit",
    "record_attempt", "record_delivered", "record_refund", "record_undelivered", "refunds_pending",
    "results_waiting_for_post", "returns_in_delivery", "send_results", "slip_pdf",
]

IN_DELIVERY, DELIVERED, UNDELIVERED = "in_delivery", "delivered", "undelivered"
RESULT, NOTICE = "result", "notice"   # what a return item carries (PostalReturn.kind)
_NOTICE_FORM = {Decision.INCOMPLETE.value: "Mẫu 02", Decision.REFUSE.value: "Mẫu 03"}
ATTEMPTS_BEFORE_RETURN = 2          # failed delivery invitations before the result goes back to the desk
WORKING_DAYS_BETWEEN_ATTEMPTS = 2


class PostalError(DeskError, ValueError):
    """A postal step that cannot be done; the message is for the user."""


def _s10(code: str) -> str:
    return validate_s10(nfc(code or ""))


def _amount(value: int, what: str) -> int:
    try:
        amount = int(value)
    except (TypeError, ValueError):
        raise PostalError(f"{what} phải là số tiền (đồng).") from None
    if amount < 0:
        raise PostalError(f"{what} không được âm.")
    return amount


def _archive_pdf(session, desk: Desk, pdf: bytes) -> str:  # noqa: ANN001
    saved = desk.archive.store_bytes(pdf)
    if session.get(StoredFileRecord, saved.sha256) is None:
        session.add(StoredFileRecord(sha256=saved.sha256, size=saved.size, media_type="application/pdf"))
    return saved.sha256


# --------------------------------------------------------------------------- collection


@dataclass(frozen=True)
class CollectOutcome:
    item_id: int
    s10: str
    collected_at: datetime
    slip_sha256: str
    slip_pdf: bytes = field(repr=False)


def _postal_unit(desk: Desk, postal_unit: str) -> str:
    return nfc(postal_unit) or f"Bưu điện {desk.settings.place_name}"


def collect(desk: Desk, who: Identity, intake: IntakeSession, s10: str, *, fee_collected: int = 0,
            postal_charge: int = 0, return_by_post: bool = False, delivery_address: str = "",
            at: datetime | None = None, postal_unit: str = "", place: str = "") -> CollectOutcome:
    """The postal employee's collection: the item is stored *in transit* with its intake draft.

    The draft is checked as the counter would check it (applicant, pages, procedure in force), but no
    dossier exists until the hand-over: the legal submission time is the hand-over signing time.
    """
    at = at or now_local()
    code = _s10(s10)
    fee = _amount(fee_collected, "Phí, lệ phí thu hộ")
    charge = _amount(postal_charge, "Cước dịch vụ bưu chính")
    intake.channel = Channel.POSTAL
    intake.decision = Decision.ACCEPT
    intake.return_by_post = bool(return_by_post)
    intake.delivery_address = nfc(delivery_address) if return_by_post else ""
    intake.postal_item_id = code
    procedure = intake._procedure(desk, at)  # noqa: SLF001 - the same checks as the counter
    intake._validate()  # noqa: SLF001
    for page in intake.pages:
        if not desk.archive.exists(page.sha256):
            raise PostalError(f"Trang «{page.source_name}» không còn trong kho lưu trữ; hãy quét lại.")
    components = intake.components or [ComponentEntry.from_catalog(c) for c in procedure.components
                                       if c.required and not c.shown_only]
    unit = _postal_unit(desk, postal_unit)
    settings = desk.settings
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.COLLECT_POSTAL)
        if session.scalar(select(PostalItem.id).where(PostalItem.s10 == code)) is not None:
            raise PostalError(f"Bưu gửi {code} đã được ghi nhận; hãy kiểm tra lại số hiệu trên nhãn.")
        pdf = render_postal_slip(PostalSlipData(
            s10=code, postal_unit=unit, postal_employee=user.full_name, collected_at=at,
            place=nfc(place) or unit, sender_name=intake.applicant_name, sender_id_number=intake.applicant_id_number,
            sender_address=intake.applicant_address, sender_phone=intake.applicant_phone,
            agency_name=settings.agency_name, desk_name=settings.desk_name, procedure_code=procedure.code,
            procedure_name=procedure.name,
            papers=tuple(SlipPaper(c.name, c.originals, c.certified_copies, c.photocopies) for c in components),
            pages=len(intake.pages), fee_collected=fee, postal_charge=charge, return_by_post=intake.return_by_post,
            delivery_address=intake.delivery_address, training=settings.training))
        slip = _archive_pdf(session, desk, pdf)
        for page in intake.pages:  # referenced from now on (the archive keeps them while in transit)
            if session.get(StoredFileRecord, page.sha256) is None:
                session.add(StoredFileRecord(sha256=page.sha256, size=page.size, media_type=page.media_type))
        item = PostalItem(s10=code, state=IN_TRANSIT, collected_at=at, collected_by_id=user.id,
                          procedure_code=procedure.code, intake_json=intake.to_json(), fee_collected=fee,
                          postal_charge=charge, return_by_post=intake.return_by_post,
                          delivery_address=intake.delivery_address, slip_sha256=slip, decision="")
        session.add(item)
        session.flush()
        audit.record(session, user, "postal.collect", "postal_item", code, procedure=procedure.code,
                     pages=len(intake.pages), fee=fee, postal_charge=charge, return_by_post=intake.return_by_post)
        return CollectOutcome(item.id, code, at, slip, pdf)


@dataclass(frozen=True)
class ItemView:
    s10: str
    state: str
    collected_at: datetime
    collected_by: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    pages: int
    fee_collected: int
    postal_charge: int
    return_by_post: bool
    dossier_code: str = ""
    decision: str = ""
    page_hashes: tuple[str, ...] = ()


def _item_view(desk: Desk, item: PostalItem) -> ItemView:
    intake = IntakeSession.from_json(item.intake_json)
    try:
        name = desk.catalog.get(item.procedure_code, item.collected_at.date()).name
    except Exception:  # noqa: BLE001 - the catalog changed since; the code is enough to show
        name = item.procedure_code
    return ItemView(item.s10, item.state, item.collected_at, item.collected_by.full_name, item.procedure_code,
                    name, intake.applicant_name, len(intake.pages), item.fee_collected, item.postal_charge,
                    item.return_by_post, item.dossier.code if item.dossier else "", item.decision,
                    tuple(p.sha256 for p in intake.pages))


def _visible_to(user, query):  # noqa: ANN001, ANN202 - a Select of PostalItem
    """Postal staff see the items they collected; clerks and supervisors see all."""
    return query.where(PostalItem.collected_by_id == user.id) if user.role == "postal" else query


def items_in_transit(desk: Desk, who: Identity) -> list[ItemView]:
    """Items collected and not yet handed over (postal staff see theirs; clerks see all)."""
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        # On the postal employee's own device, an item exported to the desk is no longer this device's to hand over.
        query = (select(PostalItem).where(PostalItem.state == IN_TRANSIT, PostalItem.exported_at.is_(None))
                 .options(selectinload(PostalItem.collected_by)).order_by(PostalItem.collected_at, PostalItem.id))
        items = [_item_view(desk, i) for i in session.scalars(_visible_to(user, query))]
        audit.record(session, user, "postal.list", "postal_item", "", count=len(items))
        return items


def item_by_s10(desk: Desk, who: Identity, s10: str) -> ItemView:
    """One item by its scanned S10, with its pages (the clerk checks it at the hand-over)."""
    code = _s10(s10)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        item = session.scalar(select(PostalItem).where(PostalItem.s10 == code)
                              .options(selectinload(PostalItem.collected_by), selectinload(PostalItem.dossier)))
        if item is None:
            raise PostalError(f"Không có bưu gửi {code} trong danh sách hồ sơ bưu chính đã thu gom.")
        audit.record(session, user, "postal.open", "postal_item", code)
        return _item_view(desk, item)


def slip_pdf(desk: Desk, who: Identity, s10: str) -> bytes:
    """The archived Phiếu gửi hồ sơ of an item (to print again)."""
    code = _s10(s10)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        item = session.scalar(select(PostalItem).where(PostalItem.s10 == code))
        if item is None:
            raise PostalError(f"Không có bưu gửi {code}.")
        audit.record(session, user, "postal.slip", "postal_item", code)
        sha = item.slip_sha256
    return desk.archive.read_bytes(sha)


# --------------------------------------------------------------------------- hand-over at the desk


@dataclass(frozen=True)
class HandoverItem:
    """The clerk's decision on one scanned item."""

    s10: str
    decision: Decision = Decision.ACCEPT
    defects: list = field(default_factory=list)   # Mẫu 02: [{"component", "requirement", "reason"}]
    reasons: list = field(default_factory=list)   # Mẫu 03
    note: str = ""


@dataclass(frozen=True)
class HandedItem:
    s10: str
    code: str
    decision: Decision
    received_at: datetime
    due_at: datetime | None
    fee_amount: int
    receipt_number: int | None  # biên lai of the fee handed over


@dataclass(frozen=True)
class HandoverOutcome:
    handover_id: int
    handed_at: datetime
    items: tuple[HandedItem, ...]
    fees_total: int
    pdf_sha256: str
    pdf: bytes = field(repr=False)


def handover(desk: Desk, who: Identity, *, postal_employee: str, postal_employee_id: str,
             items: list[HandoverItem], postal_unit: str = "", fees_handed_over: int | None = None,
             at: datetime | None = None, outside_hours_reason: str = "") -> HandoverOutcome:
    """The Biên bản giao nhận: every item decided and filed at *at* (the signing time), in one transaction.

    *fees_handed_over*: the cash the postal employee hands over; it must equal the fees collected for the
    accepted items (items sent back or refused are refunded by the post office). ``None``: not counted
    separately (taken as the items' total).
    """
    at = at or now_local()
    employee, employee_id = nfc(postal_employee), nfc(postal_employee_id).replace(" ", "")
    if not employee:
        raise PostalError("Hãy nhập họ tên nhân viên bưu chính giao hồ sơ.")
    if not employee_id:
        raise PostalError("Hãy nhập số định danh (hoặc mã nhân viên) của nhân viên bưu chính giao hồ sơ.")
    if not items:
        raise PostalError("Biên bản giao nhận phải có ít nhất một hồ sơ.")
    codes = [_s10(i.s10) for i in items]
    if len(set(codes)) != len(codes):
        raise PostalError("Một bưu gửi được quét hai lần; hãy kiểm tra lại danh sách.")
    unit = _postal_unit(desk, postal_unit)
    settings = desk.settings
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDOVER_POSTAL)
        postal_items = []
        for code in codes:
            item = session.scalar(select(PostalItem).where(PostalItem.s10 == code))
            if item is None:
                raise PostalError(f"Không có bưu gửi {code} trong danh sách hồ sơ bưu chính đã thu gom.")
            if item.state != IN_TRANSIT:
                raise PostalError(f"Bưu gửi {code} đã được bàn giao trước đây.")
            postal_items.append(item)
        expected = sum(i.fee_collected for i, d in zip(postal_items, items) if d.decision is Decision.ACCEPT)
        if fees_handed_over is not None and _amount(fees_handed_over, "Số tiền bàn giao") != expected:
            raise PostalError(
                f"Số tiền phí, lệ phí bàn giao ({fees_handed_over:,} đ) không khớp với số đã thu của các hồ sơ "
                f"được tiếp nhận ({expected:,} đ); hãy đếm lại.".replace(",", "."))
        record = PostalHandover(handed_at=at, postal_employee=employee, postal_employee_id=employee_id,
                                postal_unit=unit, received_by_id=user.id, fees_collected=expected, note="")
        session.add(record)
        session.flush()
        handed: list[HandedItem] = []
        rows: list[PostalRow] = []
        for position, (item, decided, code) in enumerate(zip(postal_items, items, codes), start=1):
            intake = IntakeSession.from_json(item.intake_json)
            intake.channel, intake.postal_item_id = Channel.POSTAL, code
            intake.decision = Decision(decided.decision)
            intake.defects, intake.reasons = list(decided.defects), list(decided.reasons)
            intake.outside_hours_reason = nfc(outside_hours_reason)
            outcome: IntakeOutcome = intake.finish(desk, who, at=at, session=session)
            dossier = session.get(Dossier, outcome.id)
            receipt = None
            if intake.decision is Decision.ACCEPT and dossier.fee_amount > 0:
                if item.fee_collected != dossier.fee_amount:
                    raise PostalError(
                        f"Bưu gửi {code}: bưu điện đã thu {item.fee_collected:,} đ nhưng phí, lệ phí của thủ tục "
                        f"là {dossier.fee_amount:,} đ; hãy ghi chú và xử lý chênh lệch trước khi nhận."
                        .replace(",", "."))
                collect_cash_in_session(session, desk, dossier, user)
                payment = session.scalar(select(Payment).where(Payment.dossier_id == dossier.id,
                                                               Payment.state == "paid"))
                payment.note = f"Bưu điện thu hộ, bưu gửi {code}, biên bản giao nhận số {record.id:04d}"
                receipt = payment.receipt_number
            fee_here = item.fee_collected if intake.decision is Decision.ACCEPT else 0
            record.items.append(PostalHandoverItem(
                position=position, dossier_id=dossier.id, postal_item_id=code,
                complete=intake.decision is Decision.ACCEPT, fee_collected=fee_here,
                note={Decision.ACCEPT: "", Decision.INCOMPLETE: "Mẫu 02, gửi trả qua bưu chính",
                      Decision.REFUSE: "Mẫu 03, từ chối"}[intake.decision] + (f"; {nfc(decided.note)}"
                                                                              if nfc(decided.note) else "")))
            item.state, item.handover_id, item.dossier_id = HANDED_OVER, record.id, dossier.id
            item.decision = intake.decision.value
            # The fee collected for a dossier the desk did not accept goes back to the citizen through the
            # post office; the desk keeps the debt open until the postal employee records the refund.
            item.refund_due = item.fee_collected if intake.decision is not Decision.ACCEPT else 0
            if item.refund_due:
                record.items[-1].note += f"; hoàn trả {item.refund_due:,} đ phí, lệ phí".replace(",", ".")
            handed.append(HandedItem(code, outcome.code, intake.decision, outcome.received_at, outcome.due_at,
                                     outcome.fee_amount, receipt))
            rows.append(PostalRow(code, outcome.code, dossier.procedure_name, dossier.applicant_name,
                                  intake.decision is Decision.ACCEPT, fee_here, record.items[-1].note))
        session.flush()
        pdf = render_postal_handover(PostalHandoverData(
            settings.agency_name, settings.desk_name, settings.place_name, at, employee, unit, user.full_name,
            tuple(rows), number=f"{record.id:04d}", training=settings.training,
            postal_employee_id=employee_id, receiver_account=user.username))
        record.pdf_sha256 = _archive_pdf(session, desk, pdf)
        audit.record(session, user, "postal.handover", "postal_handover", record.id, items=len(handed),
                     accepted=sum(1 for h in handed if h.decision is Decision.ACCEPT), fees=expected,
                     pdf_sha256=record.pdf_sha256)
        outcome_all = HandoverOutcome(record.id, at, tuple(handed), expected, record.pdf_sha256, pdf)
    # Each filed dossier gets its counter form now, as at the counter (Mẫu 01 / 02 / 03), to go back to the
    # citizen by post; filing is committed first, so a form that fails to print can be written again.
    for item in handed:
        write_counter_form(desk, who, item.code, item.decision)
    return outcome_all


def write_counter_form(desk: Desk, who: Identity, code: str, decision: Decision):  # noqa: ANN201 - Path
    """Mẫu 01 for an accepted dossier, Mẫu 02 / 03 for one sent back or refused (audited, logged)."""
    from desk_app.services.forms import FormRequest, write_form
    from desk_app.services.receipts import write_receipt_for

    if decision is Decision.ACCEPT:
        return write_receipt_for(desk, code, who=who)
    return write_form(desk, FormRequest(decision.form_kind, (code,)), who=who)


def handover_pdf(desk: Desk, who: Identity, handover_id: int) -> bytes:
    """The archived, signed-at-printing Biên bản giao nhận (exactly the bytes whose SHA-256 is stored)."""
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        record = session.get(PostalHandover, handover_id)
        if record is None or not record.pdf_sha256:
            raise PostalError(f"Không có biên bản giao nhận số {handover_id:04d}.")
        audit.record(session, user, "postal.handover_pdf", "postal_handover", handover_id)
        sha = record.pdf_sha256
    return desk.archive.read_bytes(sha)


# --------------------------------------------------------------------------- refunds


@dataclass(frozen=True)
class RefundView:
    s10: str
    dossier_code: str
    decision: str
    applicant_name: str
    amount: int
    handed_at: datetime
    refunded_at: datetime | None
    note: str


def _refund_view(item: PostalItem) -> RefundView:
    return RefundView(item.s10, item.dossier.code if item.dossier else "", item.decision,
                      IntakeSession.from_json(item.intake_json).applicant_name, item.refund_due,
                      item.handover.handed_at if item.handover else item.collected_at, item.refunded_at,
                      item.refund_note)


def refunds_pending(desk: Desk, who: Identity) -> list[RefundView]:
    """Fees collected by the post office for items sent back or refused, not yet given back."""
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        query = (select(PostalItem).where(PostalItem.refund_due > 0, PostalItem.refunded_at.is_(None))
                 .options(selectinload(PostalItem.dossier), selectinload(PostalItem.handover))
                 .order_by(PostalItem.id))
        views = [_refund_view(i) for i in session.scalars(_visible_to(user, query))]
        audit.record(session, user, "postal.refunds", "postal_item", "", count=len(views))
        return views


def record_refund(desk: Desk, who: Identity, s10: str, *, at: datetime | None = None, note: str = "") -> RefundView:
    """The post office gave the fee of an item sent back or refused back to the citizen."""
    at = at or now_local()
    code = _s10(s10)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.DELIVER_POSTAL)
        item = session.scalar(select(PostalItem).where(PostalItem.s10 == code)
                              .options(selectinload(PostalItem.dossier), selectinload(PostalItem.handover)))
        if item is None:
            raise PostalError(f"Không có bưu gửi {code}.")
        if item.refund_due <= 0:
            raise PostalError(f"Bưu gửi {code} không có phí, lệ phí phải hoàn trả "
                              "(hồ sơ đã được tiếp nhận, hoặc bưu điện chưa thu phí).")
        if item.refunded_at is not None:
            raise PostalError(f"Phí, lệ phí của bưu gửi {code} đã được hoàn trả lúc {item.refunded_at:%H:%M %d/%m/%Y}.")
        item.refunded_at, item.refunded_by_id, item.refund_note = at, user.id, nfc(note)[:500]
        audit.record(session, user, "postal.refund", "postal_item", code, amount=item.refund_due,
                     dossier=item.dossier.code if item.dossier else "")
        return _refund_view(item)


# --------------------------------------------------------------------------- return by post


@dataclass(frozen=True)
class WaitingResult:
    """What waits to go out by post: a result ready (status 9) whose citizen chose delivery by post, or the
    Mẫu 02 / 03 (with the papers) of a dossier the post office brought and the desk did not accept."""

    dossier_code: str
    applicant_name: str
    procedure_name: str
    ready_since: datetime | None
    delivery_address: str
    fee_unpaid: bool
    kind: str = RESULT
    form: str = ""          # "Mẫu 02" | "Mẫu 03" for a notice


def _notice_address(dossier: Dossier) -> str:
    return dossier.delivery_address or dossier.applicant_address


def _notices_waiting(session) -> list[tuple[PostalItem, Dossier]]:  # noqa: ANN001
    """Postal dossiers decided «incomplete» or «refused» at the hand-over whose notice has not gone out
    (one that came back undelivered waits for the citizen at the desk, not for the post)."""
    sent = select(PostalReturn.dossier_id).where(PostalReturn.kind == NOTICE)
    items = session.scalars(
        select(PostalItem).where(PostalItem.state == HANDED_OVER, PostalItem.decision.in_(tuple(_NOTICE_FORM)),
                                 PostalItem.dossier_id.is_not(None), PostalItem.dossier_id.not_in(sent))
        .options(selectinload(PostalItem.dossier), selectinload(PostalItem.handover))).all()
    return [(item, item.dossier) for item in items]


def results_waiting_for_post(desk: Desk, who: Identity) -> list[WaitingResult]:
    """What the clerk must hand to the post office next (oldest first): results, and the notices (Mẫu 02 /
    03 with the papers) of postal dossiers not accepted."""
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDOVER_POSTAL)
        sent = select(PostalReturn.dossier_id).where(PostalReturn.kind == RESULT,
                                                     PostalReturn.state.in_((IN_DELIVERY, UNDELIVERED, DELIVERED)))
        dossiers = session.scalars(
            select(Dossier).where(Dossier.status == int(S.RESULT_READY), Dossier.result_by_post.is_(True),
                                  Dossier.id.not_in(sent))
            .options(selectinload(Dossier.history))).all()
        waiting = []
        for dossier in dossiers:
            ready = [h.at for h in dossier.history if h.to_status == int(S.RESULT_READY)]
            waiting.append(WaitingResult(dossier.code, dossier.applicant_name, dossier.procedure_name,
                                         max(ready) if ready else None, dossier.delivery_address,
                                         bool(lifecycle._unpaid_fee(session, dossier))))  # noqa: SLF001
        for item, dossier in _notices_waiting(session):
            waiting.append(WaitingResult(dossier.code, dossier.applicant_name, dossier.procedure_name,
                                         item.handover.handed_at if item.handover else None,
                                         _notice_address(dossier), False, NOTICE, _NOTICE_FORM[item.decision]))
        waiting.sort(key=lambda w: (w.ready_since or datetime.max, w.dossier_code))
        audit.record(session, user, "postal.waiting", "dossier", "", count=len(waiting))
        return waiting



@dataclass(frozen=True)
class ReturnView:
    dossier_code: str
    s10: str
    batch: int
    state: str
    handed_at: datetime
    attempts: tuple[datetime, ...]
    delivery_address: str
    kind: str = RESULT


def _return_row(session, code: str) -> PostalReturn:  # noqa: ANN001
    row = session.scalar(select(PostalReturn).where(PostalReturn.s10 == code).order_by(PostalReturn.id.desc()))
    if row is None:
        raise PostalError(f"Không có bưu gửi trả kết quả {code}.")
    if row.state != IN_DELIVERY:
        raise PostalError(f"Bưu gửi {code} đã kết thúc ({'đã phát' if row.state == DELIVERED else 'đã chuyển hoàn'}).")
    return row


def send_results(desk: Desk, who: Identity, *, postal_employee: str, items: list[tuple[str, str]],
                 at: datetime | None = None) -> int:
    """Hand results ready (status 9) — and notices of postal dossiers not accepted (Mẫu 02 / 03 with the
    papers) — to the post office: [(dossier code, S10 of the return item)] → batch."""
    at = at or now_local()
    employee = nfc(postal_employee)
    if not employee:
        raise PostalError("Hãy nhập họ tên nhân viên bưu chính nhận kết quả.")
    if not items:
        raise PostalError("Hãy chọn ít nhất một hồ sơ trả kết quả qua bưu chính.")
    pairs = [(code, _s10(s10)) for code, s10 in items]
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDOVER_POSTAL)
        batch = (session.scalar(select(PostalReturn.batch).order_by(PostalReturn.batch.desc())) or 0) + 1
        notices = {d.id: item for item, d in _notices_waiting(session)}
        for code, s10 in pairs:
            dossier = find_dossier(session, code, selectinload(Dossier.history))
            if dossier.id in notices:
                form = _NOTICE_FORM[notices.pop(dossier.id).decision]
                session.add(PostalReturn(dossier_id=dossier.id, s10=s10, batch=batch, handed_at=at,
                                         handed_by_id=user.id, postal_employee=employee, state=IN_DELIVERY,
                                         attempts=[], receiver_name="", signature_sha256="", kind=NOTICE))
                lifecycle.move(session, dossier, user, None, at=at, event="postal_notice_sent",
                               note=f"Gửi trả {form} và hồ sơ giấy qua bưu chính công ích (bưu gửi {s10})",
                               s10=s10, batch=batch, form=form)
                continue
            if S(dossier.status) is not S.RESULT_READY:
                raise PostalError(f"Hồ sơ {dossier.code} chưa có kết quả để trả (trạng thái "
                                  f"«{S(dossier.status).label_vi}»).")
            if not dossier.result_by_post:
                raise PostalError(f"Công dân của hồ sơ {dossier.code} chọn nhận kết quả tại Bộ phận Một cửa.")
            if lifecycle._unpaid_fee(session, dossier):  # noqa: SLF001
                raise PostalError(f"Hồ sơ {dossier.code} còn phí, lệ phí chưa thu; hãy thu trước khi gửi kết quả.")
            busy = session.scalar(select(PostalReturn.id).where(PostalReturn.dossier_id == dossier.id,
                                                                PostalReturn.state == IN_DELIVERY))
            if busy is not None:
                raise PostalError(f"Kết quả của hồ sơ {dossier.code} đang được bưu chính phát.")
            session.add(PostalReturn(dossier_id=dossier.id, s10=s10, batch=batch, handed_at=at, handed_by_id=user.id,
                                     postal_employee=employee, state=IN_DELIVERY, attempts=[], receiver_name="",
                                     signature_sha256=""))
            lifecycle.move(session, dossier, user, None, at=at, event="postal_return_sent",
                           note=f"Giao kết quả cho bưu chính công ích để trả qua bưu điện (bưu gửi {s10})",
                           s10=s10, batch=batch)
        session.flush()
        return batch


def returns_in_delivery(desk: Desk, who: Identity) -> list[ReturnView]:
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.DELIVER_POSTAL)
        rows = session.scalars(select(PostalReturn).where(PostalReturn.state == IN_DELIVERY)
                               .options(selectinload(PostalReturn.dossier)).order_by(PostalReturn.id)).all()
        views = [ReturnView(r.dossier.code, r.s10, r.batch, r.state, r.handed_at,
                            tuple(datetime.fromisoformat(a["at"]) for a in r.attempts),
                            r.dossier.delivery_address if r.kind == RESULT else _notice_address(r.dossier), r.kind)
                 for r in rows]
        audit.record(session, user, "postal.returns", "postal_return", "", count=len(views))
        return views


def record_attempt(desk: Desk, who: Identity, s10: str, *, at: datetime | None = None, note: str = "") -> int:
    """A failed delivery invitation; the second comes at least two working days after the first."""
    at = at or now_local()
    code = _s10(s10)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.DELIVER_POSTAL)
        row = _return_row(session, code)
        attempts = list(row.attempts or [])
        if len(attempts) >= ATTEMPTS_BEFORE_RETURN:
            raise PostalError(f"Đã mời nhận {ATTEMPTS_BEFORE_RETURN} lần; hãy chuyển hoàn kết quả về Bộ phận Một cửa.")
        if attempts:
            first = datetime.fromisoformat(attempts[-1]["at"])
            if desk.calendar.working_days_between(first.date() + timedelta(days=1), at.date()) \
                    < WORKING_DAYS_BETWEEN_ATTEMPTS:
                raise PostalError("Lần mời nhận thứ hai phải cách lần thứ nhất 02 ngày làm việc "
                                  f"(lần thứ nhất: {first:%d/%m/%Y}).")
        attempts.append({"at": at.isoformat(timespec="seconds"), "note": nfc(note)})
        row.attempts = attempts
        dossier = session.get(Dossier, row.dossier_id)
        lifecycle.move(session, dossier, user, None, at=at, event="postal_attempt",
                       note=f"Phát kết quả không thành công lần {len(attempts)} (bưu gửi {code})",
                       s10=code, attempt=len(attempts))
        return len(attempts)


def record_undelivered(desk: Desk, who: Identity, s10: str, *, at: datetime | None = None) -> str:
    """After two failed invitations the result is back at the desk; the citizen collects it there."""
    at = at or now_local()
    code = _s10(s10)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDOVER_POSTAL)
        row = _return_row(session, code)
        if len(row.attempts or []) < ATTEMPTS_BEFORE_RETURN:
            raise PostalError(f"Chỉ chuyển hoàn sau {ATTEMPTS_BEFORE_RETURN} lần mời nhận không thành công.")
        row.state, row.closed_at = UNDELIVERED, at
        dossier = session.get(Dossier, row.dossier_id)
        what = "kết quả" if row.kind == RESULT else "thông báo và hồ sơ giấy"
        lifecycle.move(session, dossier, user, None, at=at, event="postal_undelivered",
                       note=f"Bưu chính chuyển hoàn {what} (bưu gửi {code}); công dân nhận tại Bộ phận Một cửa",
                       s10=code, kind=row.kind)
        return dossier.code


def record_delivered(desk: Desk, who: Identity, s10: str, *, receiver_name: str, receiver_id_number: str,
                     signature_pages: list, at: datetime | None = None) -> str:
    """Delivered: the delivery note signed by the citizen is scanned; for a result the dossier is returned
    (status 10), for a notice (Mẫu 02 / 03) the delivery is recorded and the status stays."""
    at = at or now_local()
    code = _s10(s10)
    name, id_number = nfc(receiver_name), nfc(receiver_id_number).replace(" ", "")
    if not name or not id_number:
        raise PostalError("Hãy nhập họ tên và số định danh của người nhận kết quả (trên phiếu phát).")
    if not signature_pages:
        raise PostalError("Hãy quét phiếu phát có chữ ký của người nhận trước khi ghi nhận đã phát.")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.DELIVER_POSTAL)
        row = _return_row(session, code)
        dossier = find_dossier(session, session.get(Dossier, row.dossier_id).code,
                               selectinload(Dossier.history), selectinload(Dossier.pages))
        authorised = bool(dossier.applicant_id_number) and id_number != dossier.applicant_id_number
        lifecycle.attach_pages(session, desk, dossier, signature_pages, "delivery_note", at)
        row.state, row.closed_at, row.receiver_name = DELIVERED, at, name
        row.signature_sha256 = signature_pages[0].sha256
        if row.kind == NOTICE:
            lifecycle.move(session, dossier, user, None, at=at, event="postal_notice_delivered",
                           note=f"Đã phát thông báo và hồ sơ giấy qua bưu chính (bưu gửi {code}) cho {name}",
                           s10=code, authorised=authorised)
            return dossier.code
        documents = [d for r in session.scalars(select(ResultRecord).where(ResultRecord.dossier_id == dossier.id))
                     for d in r.documents]
        back = ResultReturn(dossier_id=dossier.id, returned_at=at, returned_by_id=user.id, receiver_name=name,
                            receiver_id_number=id_number, authorised=authorised, fee_collected=0,
                            documents=documents, note=f"Trả qua bưu chính công ích, bưu gửi {code}")
        session.add(back)
        session.flush()
        lifecycle.move(session, dossier, user, S.RETURNED, at=at, event="returned_by_post",
                       note=f"Đã phát kết quả qua bưu chính (bưu gửi {code})", s10=code, return_id=back.id,
                       authorised=authorised)
        return dossier.code
