"""Receipt (Mẫu 01) for a stored dossier: gathers the data, renders it, keeps the PDF beside the data."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import selectinload

from desk_app.desk import Desk
from desk_app.documents.receipt import (
    ReceiptComponent,
    ReceiptData,
    render_receipt,
    write_receipt,
)
from desk_app.security import audit
from desk_app.services.dossiers import find_dossier
from desk_app.storage.db import transaction
from desk_app.storage.models import Dossier, User


def load_dossier(desk: Desk, code: str) -> Dossier:
    with desk.sessions() as session:
        return find_dossier(session, code, selectinload(Dossier.components), selectinload(Dossier.clerk))


def receipt_data_for(desk: Desk, code: str) -> ReceiptData:
    dossier = load_dossier(desk, code)
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
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        return_place=f"{settings.desk_name.capitalize()} — {settings.agency_name}",
        clerk_name=dossier.clerk.full_name,
        fee_amount=dossier.fee_amount,
        training=dossier.training,
    )


def render_receipt_for(desk: Desk, code: str) -> bytes:
    return render_receipt(receipt_data_for(desk, code))


def write_receipt_for(desk: Desk, code: str, out: Path | None = None, user: User | None = None) -> Path:
    """Write the receipt PDF (atomically) to *out*, or to the desk's receipts folder; audited.

    While a fee is due and unpaid the receipt carries the VietQR transfer code.
    """
    # Imported here: services.forms builds on this module's receipt_data_for.
    from desk_app.services.forms import receipt_with_payment_qr

    data = receipt_with_payment_qr(desk, code)
    path = Path(out) if out else desk.receipts_dir / f"{data.dossier_code}.pdf"
    write_receipt(data, path)
    with transaction(desk.sessions) as session:
        audit.record(session, user, "form.export", "dossier", data.dossier_code, form="receipt")
    return path
