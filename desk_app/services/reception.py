"""Receiving a paper dossier at the counter (Mẫu 01 path).

:func:`accept_dossier` is one transaction: the dossier, its code and due date, its components and
pages, the status history, the audit row and the outbox row commit together or not at all.
Page files are put in the archive *before* (see :func:`store_pages`), so a committed dossier never
refers to a missing file.
"""

from __future__ import annotations

from desk_app.errors import DeskError

import io
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.catalog.procedures import Component, PaperKind
from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.domain.calendar import compute_due
from desk_app.domain.dossier_code import DossierCode, SequenceBlock
from desk_app.domain.fees import FeeRequest, compute_fee
from desk_app.domain.status import Channel, DossierStatus, check_transition
from desk_app.security import audit
from desk_app.security.roles import Permission, require
from desk_app.storage.db import transaction
from desk_app.storage.models import (
    Dossier,
    DossierComponent,
    OutboxItem,
    Page,
    SequenceCounter,
    StatusChange,
    StoredFileRecord,
    User,
)
from desk_app.text import fold, nfc
from scanning.file_import import read_page_images
from scanning.spool import SpooledPage


class IntakeError(DeskError, ValueError):
    """The dossier cannot be accepted as entered; the message tells the clerk what to fix."""


@dataclass(frozen=True)
class StoredPage:
    """A page image already durably in the archive, waiting to be attached to a dossier."""

    sha256: str
    size: int
    media_type: str
    width: int
    height: int
    dpi: int
    source_name: str
    component_index: int | None = None  # position in IntakeRequest.components, None = not assigned
    blank: bool = False  # flagged blank (by the clerk or the detector): kept, never dropped silently


@dataclass(frozen=True)
class ComponentEntry:
    name: str
    code: str = ""
    originals: int = 0
    certified_copies: int = 0
    photocopies: int = 0

    @classmethod
    def from_catalog(cls, component: Component) -> "ComponentEntry":
        """The paper as the catalog expects it (quantity counted in the column of its kind)."""
        kind, quantity = component.paper_kind, component.quantity
        return cls(name=component.name, code=component.code,
                   originals=quantity if kind in (PaperKind.BAN_CHINH, PaperKind.BAN_DIEN_TU) else 0,
                   certified_copies=quantity if kind is PaperKind.BAN_SAO else 0,
                   photocopies=quantity if kind is PaperKind.BAN_CHUP else 0)


@dataclass
class IntakeRequest:
    procedure_code: str
    applicant_name: str
    applicant_id_number: str = ""
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    submitter_name: str = ""  # empty: the applicant submits in person
    channel: Channel = Channel.IN_PERSON
    components: list[ComponentEntry] = field(default_factory=list)  # empty: the catalog's list
    pages: list[StoredPage] = field(default_factory=list)
    fee_pages: int = 1   # pages of the original, for per-page fees (copy certification)
    fee_copies: int = 1
    fee_exemption: str | None = None
    summary: str = ""
    form_values: dict[str, str] = field(default_factory=dict)  # e-form (pre-filled, confirmed by the clerk)


@dataclass(frozen=True)
class AcceptedDossier:
    id: int
    code: str
    received_at: datetime
    due_at: datetime
    fee_amount: int
    book_year: int
    book_sequence: int


def store_pages(desk: Desk, paths: list[Path]) -> list[StoredPage]:
    """Put the page images of *paths* into the archive (durably) and describe them."""
    stored = []
    for path in paths:
        for page in read_page_images(Path(path)):
            saved = desk.archive.store_bytes(page.data)
            stored.append(StoredPage(saved.sha256, saved.size, page.media_type, page.width,
                                     page.height, page.dpi, nfc(page.source_name)))
    return stored


def store_spooled_pages(desk: Desk, pages: list[SpooledPage]) -> list[StoredPage]:
    """Archive captured pages in the clerk's order, applying the rotation the clerk asked for.

    An unrotated page keeps its captured bytes; a rotated one is re-encoded losslessly (PNG).
    """
    stored = []
    for page in pages:
        data, media_type, width, height = page.path.read_bytes(), page.media_type, page.width, page.height
        if page.rotation % 360:
            with Image.open(io.BytesIO(data)) as image:
                # PIL rotates counter-clockwise; the clerk's rotation is clockwise.
                rotated = image.rotate(-page.rotation, expand=True)
                out = io.BytesIO()
                rotated.save(out, format="PNG", **({"dpi": (page.dpi, page.dpi)} if page.dpi else {}))
                data, media_type, width, height = out.getvalue(), "image/png", rotated.width, rotated.height
        saved = desk.archive.store_bytes(data)
        stored.append(StoredPage(saved.sha256, saved.size, media_type, width, height, page.dpi,
                                 nfc(page.source_name), blank=page.blank))
    return stored


_ID_RE = re.compile(r"^(\d{9}|\d{12})$")
_PHONE_RE = re.compile(r"^\+?[\d .-]{8,15}$")


def _validated(request: IntakeRequest) -> IntakeRequest:
    problems = []
    name = nfc(request.applicant_name)
    if not name:
        problems.append("Chưa nhập họ và tên người nộp hồ sơ (chủ hồ sơ).")
    id_number = nfc(request.applicant_id_number).replace(" ", "")
    if id_number and not _ID_RE.match(id_number):
        problems.append("Số định danh cá nhân phải gồm 12 chữ số (hoặc 9 chữ số CMND cũ).")
    phone = nfc(request.applicant_phone)
    if phone and not _PHONE_RE.match(phone):
        problems.append("Số điện thoại không hợp lệ.")
    email = nfc(request.applicant_email)
    if email and ("@" not in email or " " in email):
        problems.append("Địa chỉ email không hợp lệ.")
    if not request.pages:
        problems.append("Hồ sơ giấy phải được số hóa: hãy thêm ít nhất một trang ảnh.")
    if problems:
        raise IntakeError("\n".join(problems))
    request.applicant_name = name
    request.applicant_id_number = id_number
    request.applicant_phone = phone
    request.applicant_email = email
    request.applicant_address = nfc(request.applicant_address)
    request.submitter_name = nfc(request.submitter_name) or name
    request.summary = nfc(request.summary)
    return request


def _next_value(session: Session, name: str, first: int, next_after) -> int:  # noqa: ANN001
    """Increment the counter *name* inside the current transaction (row-locked on PostgreSQL)."""
    counter = session.scalar(select(SequenceCounter).where(SequenceCounter.name == name).with_for_update())
    if counter is None:
        counter = SequenceCounter(name=name, last_value=first)
        session.add(counter)
        return first
    counter.last_value = next_after(counter.last_value)
    return counter.last_value


def accept_dossier(desk: Desk, clerk: User, request: IntakeRequest,
                   received_at: datetime | None = None) -> AcceptedDossier:
    require(clerk.role, Permission.RECEIVE_DOSSIER)
    request = _validated(request)
    received_at = received_at or now_local()
    procedure = desk.catalog.get(request.procedure_code, received_at.date())
    check_transition(None, DossierStatus.ACCEPTED)

    due_at = compute_due(received_at, procedure.time_limit, desk.calendar, desk.office_hours,
                         procedure.cutoff)
    fee = compute_fee(procedure.fee_rule, FeeRequest(pages=request.fee_pages, copies=request.fee_copies,
                                                     channel=int(request.channel),
                                                     exemption=request.fee_exemption))
    # Default: the required papers that are filed (papers only shown are not part of the dossier).
    components = request.components or [
        ComponentEntry.from_catalog(c) for c in procedure.components if c.required and not c.shown_only
    ]
    settings = desk.settings
    block = SequenceBlock(settings.desk_number, settings.sequence_block_size, settings.sequence_base)
    day = received_at.date()

    with transaction(desk.sessions) as session:
        sequence = _next_value(
            session, f"code:{settings.agency_id}:{day:%Y%m%d}:desk{settings.desk_number}",
            block.next_after(None), block.next_after)
        code = str(DossierCode(settings.agency_id, day, sequence))
        book_sequence = _next_value(session, f"book:{day.year}", 1, lambda last: last + 1)

        dossier = Dossier(
            code=code, procedure_code=procedure.code, procedure_name=procedure.name,
            procedure_version=procedure.effective_from, channel=int(request.channel),
            status=int(DossierStatus.ACCEPTED), applicant_name=request.applicant_name,
            applicant_name_folded=fold(request.applicant_name),
            applicant_id_number=request.applicant_id_number,
            applicant_address=request.applicant_address, applicant_phone=request.applicant_phone,
            applicant_email=request.applicant_email, submitter_name=request.submitter_name,
            summary=request.summary or procedure.name, received_at=received_at, due_at=due_at,
            fee_amount=fee.amount, book_year=day.year, book_sequence=book_sequence,
            training=settings.training, clerk_id=clerk.id,
            form_data={key: nfc(value) for key, value in request.form_values.items() if value},
        )
        session.add(dossier)
        component_rows = []
        for position, entry in enumerate(components, start=1):
            row = DossierComponent(position=position, component_code=entry.code, name=nfc(entry.name),
                                   originals=entry.originals, certified_copies=entry.certified_copies,
                                   photocopies=entry.photocopies)
            dossier.components.append(row)
            component_rows.append(row)
        session.flush()

        for position, page in enumerate(request.pages, start=1):
            if not desk.archive.exists(page.sha256):
                raise IntakeError(f"Trang {position} ({page.source_name}) không còn trong kho lưu trữ; hãy thêm lại.")
            if session.get(StoredFileRecord, page.sha256) is None:
                session.add(StoredFileRecord(sha256=page.sha256, size=page.size, media_type=page.media_type))
            component_id = (component_rows[page.component_index].id
                            if page.component_index is not None and page.component_index < len(component_rows)
                            else None)
            dossier.pages.append(Page(position=position, file_sha256=page.sha256, component_id=component_id,
                                      source_name=page.source_name, width_px=page.width,
                                      height_px=page.height, dpi=page.dpi, blank=page.blank))

        dossier.history.append(StatusChange(from_status=None, to_status=int(DossierStatus.ACCEPTED),
                                            at=received_at, user_id=clerk.id, note="Tiếp nhận hồ sơ"))
        audit.record(session, clerk, "dossier.accept", "dossier", code,
                     procedure=procedure.code, pages=len(request.pages), channel=int(request.channel))
        session.add(OutboxItem(
            idempotency_key=uuid.uuid4().hex, dossier_id=dossier.id, action="dossier.create",
            payload={"dossier_code": code, "status": int(DossierStatus.ACCEPTED)}, state="ready",
            next_attempt_at=received_at,
        ))
        session.flush()
        return AcceptedDossier(dossier.id, code, received_at, due_at, fee.amount, day.year, book_sequence)


def dossiers_received_on(desk: Desk, day) -> list[Dossier]:  # noqa: ANN001
    """Today's list: dossiers received on *day*, newest first."""
    start = datetime.combine(day, datetime.min.time())
    end = datetime.combine(day, datetime.max.time())
    with desk.sessions() as session:
        rows = session.scalars(
            select(Dossier).where(Dossier.received_at.between(start, end)).order_by(Dossier.received_at.desc(),
                                                                                   Dossier.id.desc())
        ).all()
        return list(rows)
