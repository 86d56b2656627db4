"""Fee payments of a dossier: open (cash or transfer, with a VietQR), confirm, cancel — each audited.

A payment is *pending* until a user confirms the money arrived (cash counted, or the transfer seen on
the bank statement); only then is it *paid*. The VietQR only starts a transfer, it proves nothing.
Receipt numbers (số biên lai) run continuously per year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.documents.parts import PaymentQr
from desk_app.domain.fees import FeeType
from desk_app.domain.vietqr import (
    VietQRRequest,
    build_payload,
    purpose_from_dossier_code,
)
from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.services.day_close import ensure_day_open
from desk_app.services.dossiers import find_dossier
from desk_app.storage.db import transaction
from desk_app.storage.forms_models import Payment
from desk_app.storage.models import Dossier, SequenceCounter, User
from desk_app.text import fold, nfc

__all__ = [
    "METHODS",
    "PaymentError",
    "PaymentView",
    "cancel_payment",
    "confirm_payment",
    "current_payment",
    "open_payment",
    "payment_qr",
]

METHODS = ("cash", "transfer")


class PaymentError(DeskError, ValueError):
    pass


@dataclass(frozen=True)
class PaymentView:
    """A payment as the forms and the GUI see it (detached from the session)."""

    id: int
    dossier_code: str
    receipt_number: str
    phi_amount: int
    le_phi_amount: int
    description: str
    method: str
    state: str
    vietqr_payload: str
    created_at: datetime
    created_by: str
    confirmed_at: datetime | None
    confirmed_by: str

    @property
    def amount(self) -> int:
        return self.phi_amount + self.le_phi_amount

    @property
    def paid(self) -> bool:
        return self.state == "paid"


def _view(p: Payment) -> PaymentView:
    return PaymentView(
        id=p.id, dossier_code=p.dossier.code, receipt_number=f"{p.receipt_number:07d}",
        phi_amount=p.phi_amount, le_phi_amount=p.le_phi_amount, description=p.description, method=p.method,
        state=p.state, vietqr_payload=p.vietqr_payload, created_at=p.created_at,
        created_by=p.created_by.full_name, confirmed_at=p.confirmed_at,
        confirmed_by=p.confirmed_by.full_name if p.confirmed_by else "",
    )


def payment_qr(desk: Desk, dossier_code: str, amount: int) -> PaymentQr:
    """VietQR for *amount* to the agency's fee account, purpose = compact dossier code (no personal data)."""
    s = desk.settings
    purpose = purpose_from_dossier_code(dossier_code)
    account_name = fold(s.bank_account_name).upper()[:25]  # ASCII only, as bank apps show it
    payload = build_payload(VietQRRequest(bin=s.bank_bin, account=s.bank_account_number, amount=amount,
                                          purpose=purpose))
    return PaymentQr(payload, s.bank_bin, s.bank_account_number, account_name, amount, purpose)


def _split(desk: Desk, dossier: Dossier) -> tuple[int, int, str]:
    """(phí, lệ phí, description) of the dossier's fee, by the fee type of its procedure version."""
    procedure = desk.catalog.get(dossier.procedure_code, dossier.procedure_version)
    rule = procedure.fee_rule
    amount = dossier.fee_amount
    name = nfc(dossier.procedure_name)
    label = rule.fee_type.label_vi if rule.fee_type else "Phí"
    description = f"{label} {name[:1].lower()}{name[1:]}" if name else label
    if rule.fee_type is FeeType.LE_PHI:
        return 0, amount, description
    return amount, 0, description


def _open(session, dossier: Dossier) -> Payment | None:
    return session.scalar(
        select(Payment).where(Payment.dossier_id == dossier.id, Payment.state != "cancelled")
        .order_by(Payment.id.desc())
    )


def current_payment(desk: Desk, code: str) -> PaymentView | None:
    """The dossier's pending or paid payment, if any."""
    with desk.sessions() as session:
        payment = _open(session, find_dossier(session, code))
        return _view(payment) if payment else None


def open_payment(desk: Desk, who: Identity, code: str, method: str = "cash") -> PaymentView:
    """Record that the dossier's fee is to be paid by *method*; pending until confirmed.

    Re-opening with the other method while still pending switches the method (the citizen changed
    their mind at the counter); a paid payment cannot be reopened.
    """
    if method not in METHODS:
        raise PaymentError("Hình thức thanh toán phải là tiền mặt (cash) hoặc chuyển khoản (transfer).")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECEIVE_DOSSIER)
        dossier = find_dossier(session, code)
        if dossier.fee_amount <= 0:
            raise PaymentError(f"Hồ sơ {dossier.code} không phải nộp phí, lệ phí.")
        existing = _open(session, dossier)
        if existing is not None:
            if existing.state == "paid":
                raise PaymentError(f"Hồ sơ {dossier.code} đã nộp phí, lệ phí (biên lai số {existing.receipt_number:07d}).")
            if existing.method != method:
                audit.record(session, user, "payment.method", "payment", existing.id, old=existing.method, new=method)
                existing.method = method
            session.flush()
            return _view(existing)
        return _view(_create_payment(session, desk, dossier, user, method))


def _create_payment(session, desk: Desk, dossier: Dossier, user: User, method: str) -> Payment:
    """A pending payment with the next biên lai number of the year (counter row-locked)."""
    ensure_day_open(session, now_local())
    year = now_local().year
    counter = session.get(SequenceCounter, f"receipt:{year}", with_for_update=True)
    if counter is None:
        counter = SequenceCounter(name=f"receipt:{year}", last_value=0)
        session.add(counter)
    counter.last_value += 1
    phi, le_phi, description = _split(desk, dossier)
    payload = payment_qr(desk, dossier.code, dossier.fee_amount).payload
    payment = Payment(
        dossier=dossier, receipt_year=year, receipt_number=counter.last_value, phi_amount=phi,
        le_phi_amount=le_phi, description=description, method=method, state="pending",
        vietqr_payload=payload, created_at=now_local(), created_by_id=user.id,
    )
    session.add(payment)
    session.flush()
    session.refresh(payment)
    audit.record(session, user, "payment.open", "payment", payment.id, dossier=dossier.code,
                 method=method, amount=payment.amount)
    return payment


def collect_cash_in_session(session, desk: Desk, dossier: Dossier, user: User) -> int:
    """Collect the dossier's fee in cash now (at the return of the result), inside the caller's transaction.

    A pending payment is confirmed (switched to cash); without one, a payment is opened and confirmed.
    Returns the amount collected.
    """
    payment = _open(session, dossier)
    if payment is not None and payment.state == "paid":
        return 0
    ensure_day_open(session, now_local())
    if payment is None:
        payment = _create_payment(session, desk, dossier, user, "cash")
    payment.method, payment.state = "cash", "paid"
    payment.confirmed_at, payment.confirmed_by_id = now_local(), user.id
    session.flush()
    audit.record(session, user, "payment.confirm", "payment", payment.id, dossier=dossier.code,
                 method="cash", amount=payment.amount, reference="")
    return payment.amount


def confirm_payment(desk: Desk, who: Identity, payment_id: int, transfer_reference: str = "") -> PaymentView:
    """The money is in: pending → paid, with who and when. Transfers need the bank's reference."""
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECEIVE_DOSSIER)
        payment = session.get(Payment, payment_id, with_for_update=True)
        ensure_day_open(session, now_local())
        if payment is None:
            raise PaymentError(f"Không tìm thấy khoản thu số {payment_id}.")
        if payment.state != "pending":
            raise PaymentError(f"Khoản thu biên lai số {payment.receipt_number:07d} không ở trạng thái chờ xác nhận.")
        reference = nfc(transfer_reference)
        if payment.method == "transfer" and not reference:
            raise PaymentError("Xác nhận chuyển khoản cần ghi số tham chiếu giao dịch trên sao kê ngân hàng.")
        payment.state = "paid"
        payment.confirmed_at = now_local()
        payment.confirmed_by_id = user.id
        payment.transfer_reference = reference
        session.flush()
        audit.record(session, user, "payment.confirm", "payment", payment.id, dossier=payment.dossier.code,
                     method=payment.method, amount=payment.amount, reference=reference)
        session.refresh(payment)
        return _view(payment)


def cancel_payment(desk: Desk, who: Identity, payment_id: int, reason: str) -> None:
    if not nfc(reason):
        raise PaymentError("Huỷ khoản thu phải ghi rõ lý do.")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECEIVE_DOSSIER)
        payment = session.get(Payment, payment_id, with_for_update=True)
        ensure_day_open(session, now_local())
        if payment is None:
            raise PaymentError(f"Không tìm thấy khoản thu số {payment_id}.")
        if payment.state != "pending":
            raise PaymentError("Chỉ huỷ được khoản thu chưa xác nhận.")
        payment.state = "cancelled"
        payment.note = nfc(reason)
        audit.record(session, user, "payment.cancel", "payment", payment.id, dossier=payment.dossier.code)
