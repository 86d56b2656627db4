"""Receipt (Mẫu 01) for a stored dossier: gathers the data, renders it, keeps the PDF beside the data.

Mẫu 01 is the citizen's appointment slip: a reprint always shows the appointment the citizen was given
(``Dossier.slip_received_at`` / ``slip_due_at``), never a date moved later by an apology — that new date
belongs on Mẫu 04. The slip fields change only when a new slip is due: when a dossier returned with
Mẫu 02 is completed and the time limit restarts (:func:`desk_app.services.lifecycle.resume`).

This module builds on :mod:`desk_app.services.payments` only; :mod:`desk_app.services.forms` builds on it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy.orm import selectinload

from desk_app.desk import Desk
from desk_app.documents.receipt import (
    ReceiptComponent,
    ReceiptData,
    render_receipt,
    write_receipt,
)
from desk_app.errors import DeskError
from desk_app.security.access import authorized
from desk_app.security.identity import Identity
from desk_app.security.roles import Permission
from desk_app.services.dossiers import find_dossier
from desk_app.services.payments import current_payment, payment_qr
from desk_app.storage.models import Dossier

__all__ = [
    "NoReceiptError",
    "load_dossier",
    "receipt_data_for",
    "receipt_with_payment_qr",
    "render_receipt_for",
    "write_receipt_for",
]


class NoReceiptError(DeskError, ValueError):
    """The dossier was never accepted (Mẫu 02 or 03 at the counter): it has no appointment slip."""


def load_dossier(desk: Desk, code: str) -> Dossier:
    with desk.sessions() as session:
        return find_dossier(session, code, selectinload(Dossier.components), selectinload(Dossier.clerk))


def return_place(desk: Desk, dossier) -> str:  # noqa: ANN001 - a Dossier row
    """"Nơi trả kết quả" as printed on Mẫu 01: the desk, or by post to the citizen's chosen address."""
    if getattr(dossier, "result_by_post", False):
        return f"Địa chỉ {dossier.delivery_address} (trả qua dịch vụ bưu chính công ích)"
    settings = desk.settings
    return f"{settings.desk_name.capitalize()} — {settings.agency_name}"


def receipt_data_for(desk: Desk, code: str) -> ReceiptData:
    """Mẫu 01 data of a stored dossier, with the appointment of its current slip (see the module notes)."""
    dossier = load_dossier(desk, code)
    received_at = dossier.slip_received_at or dossier.received_at
    due_at = dossier.slip_due_at if dossier.slip_received_at is not None else dossier.due_at
    if due_at is None:
        raise NoReceiptError(
            f"Hồ sơ {dossier.code} chưa được tiếp nhận (đã lập phiếu yêu cầu bổ sung hoặc phiếu từ chối) nên "
            "không có giấy tiếp nhận và hẹn trả kết quả.")
    procedure = desk.catalog.get(dossier.procedure_code, dossier.procedure_version)
    settings = desk.settings
    return ReceiptData(
        agency_name=settings.agency_name,
        desk_name=settings.desk_name,
        place_name=settings.place_name,
        dossier_code=dossier.code,
        book_number=f"{dossier.book_year}",
        sequence_number=dossier.book_sequence,
        applicant_name=dossier.applicant_name,
        submitter_name=dossier.submitter_name,
        address=dossier.applicant_address,
        phone=dossier.applicant_phone,
        email=dossier.applicant_email,
        id_number=dossier.applicant_id_number,
        procedure_code=dossier.procedure_code,
        procedure_name=dossier.procedure_name,
        components=tuple(
            ReceiptComponent(c.name, c.originals, c.certified_copies, c.photocopies)
            for c in dossier.components
        ),
        dossier_count=1,
        time_limit_text=procedure.time_limit.describe_vi(),
        received_at=received_at,
        due_at=due_at,
        return_place=return_place(desk, dossier),
        clerk_name=dossier.clerk.full_name,
        fee_amount=dossier.fee_amount,
        training=dossier.training,
    )


def receipt_with_payment_qr(desk: Desk, code: str) -> ReceiptData:
    """Mẫu 01 data with the VietQR added while a fee is due and not yet paid."""
    data = receipt_data_for(desk, code)
    if data.fee_amount <= 0:
        return data
    payment = current_payment(desk, data.dossier_code)
    if payment is not None and payment.paid:
        return data
    return replace(data, payment_qr=payment_qr(desk, data.dossier_code, data.fee_amount))


def render_receipt_for(desk: Desk, code: str) -> bytes:
    return render_receipt(receipt_data_for(desk, code))


def write_receipt_for(desk: Desk, code: str, out: Path | None = None, *, who: Identity) -> Path:
    """Write the receipt PDF (atomically) to *out*, or to the desk's receipts folder, for the signed-in
    *who* (permission checked first, audited after).

    While a fee is due and unpaid the receipt carries the VietQR transfer code.
    """
    authorized(desk.sessions, who, Permission.VIEW_DOSSIERS)
    data = receipt_with_payment_qr(desk, code)
    path = Path(out) if out else desk.receipts_dir / f"{data.dossier_code}.pdf"
    write_receipt(data, path)
    authorized(desk.sessions, who, Permission.VIEW_DOSSIERS, "form.export", "dossier", data.dossier_code,
               form="receipt")
    return path
