"""The intake use case, assembled once: what the clerk (or the post-office employee) is receiving.

An :class:`IntakeSession` is a plain object holding the procedure, channel, applicant, e-form values
with their sources, the archived pages and the counter decision. The reception panel, the postal
workspace and ``desk-app receive`` fill it in; :meth:`IntakeSession.finish` is the only way a dossier
is created. It is one transaction (dossier, code, due date, fee, components, pages, notice, history,
audit and outbox rows) and it is idempotent per draft: finishing the same draft again — after a
receipt that failed to print, a lost reply, a double click — returns the dossier already filed.

The three counter decisions (NĐ 61/2018 Đ17–18, DOMAIN.md §1.1):
* ``accept`` — Mẫu 01, status 2, the due date counts from the (next working) moment of receipt;
* ``incomplete`` — Mẫu 02 listing every defect at once, status 5, no clock; resumed later under the
  same code by :func:`desk_app.services.lifecycle.resume`;
* ``refuse`` — Mẫu 03 with reasons, status 3.
"""

from __future__ import annotations

import io
import json
import re
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path


from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from desk_app.catalog.procedures import Component, PaperKind, Procedure
from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.domain.dossier_code import DossierCode, SequenceBlock
from desk_app.domain.fees import FeeRequest, compute_fee
from desk_app.domain.status import Channel, DossierStatus
from desk_app.errors import DeskError
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.services import lifecycle
from desk_app.storage.db import transaction
from desk_app.storage.models import Dossier, DossierComponent, Page, SequenceCounter, StoredFileRecord
from desk_app.text import fold, nfc
from scanning.file_import import read_page_images
from scanning.untrusted import open_image
from scanning.spool import SpooledPage


class IntakeError(DeskError, ValueError):
    """The dossier cannot be filed as entered; the message tells the clerk what to fix."""


class OutsideHoursError(IntakeError):
    """Receiving outside office hours or on a non-working day needs the clerk's confirmation and a reason."""


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
    component_code: str = ""  # the catalog component ("TP1") the page belongs to, when no index is given


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


def store_pages(desk: Desk, paths: list[Path]) -> list[StoredPage]:
    """Put the page images of *paths* into the archive (durably) and describe them."""
    stored = []
    for path in paths:
        for page in read_page_images(Path(path)):
            saved = desk.archive.store_bytes(page.data)
            stored.append(StoredPage(saved.sha256, saved.size, page.media_type, page.width,
                                     page.height, page.dpi, nfc(page.source_name)))
    return stored


def store_spooled_pages(desk: Desk, pages: list[SpooledPage],
                        components: dict[str, str] | None = None) -> list[StoredPage]:
    """Archive captured pages in the clerk's order, applying the rotation the clerk asked for.

    An unrotated page keeps its captured bytes; a rotated one is re-encoded losslessly (PNG).
    *components*: spooled page id → component code ("TP1") the page belongs to (the page list's digit
    keys or the automatic assignment, ``services/page_components.py``); kept with the page.
    """
    components = components or {}
    stored = []
    for page in pages:
        data, media_type, width, height = page.path.read_bytes(), page.media_type, page.width, page.height
        if page.rotation % 360:
            with open_image(io.BytesIO(data), nfc(page.source_name)) as image:
                # PIL rotates counter-clockwise; the clerk's rotation is clockwise.
                rotated = image.rotate(-page.rotation, expand=True)
                out = io.BytesIO()
                rotated.save(out, format="PNG", **({"dpi": (page.dpi, page.dpi)} if page.dpi else {}))
                data, media_type, width, height = out.getvalue(), "image/png", rotated.width, rotated.height
        saved = desk.archive.store_bytes(data)
        stored.append(StoredPage(saved.sha256, saved.size, media_type, width, height, page.dpi,
                                 nfc(page.source_name), blank=page.blank,
                                 component_code=nfc(components.get(page.page_id, ""))))
    return stored


class Decision(str, Enum):
    ACCEPT = "accept"
    INCOMPLETE = "incomplete"
    REFUSE = "refuse"

    @property
    def status(self) -> DossierStatus:
        return {Decision.ACCEPT: DossierStatus.ACCEPTED, Decision.INCOMPLETE: DossierStatus.SUPPLEMENT_REQUESTED,
                Decision.REFUSE: DossierStatus.REFUSED}[self]

    @property
    def form_kind(self) -> str:
        return {Decision.ACCEPT: "receipt", Decision.INCOMPLETE: "supplement", Decision.REFUSE: "refusal"}[self]

    @property
    def label_vi(self) -> str:
        return {Decision.ACCEPT: "Tiếp nhận (Mẫu 01)", Decision.INCOMPLETE: "Yêu cầu bổ sung (Mẫu 02)",
                Decision.REFUSE: "Từ chối tiếp nhận (Mẫu 03)"}[self]


@dataclass(frozen=True)
class IntakeOutcome:
    id: int
    code: str
    status: DossierStatus
    received_at: datetime
    due_at: datetime | None
    fee_amount: int
    book_year: int
    book_sequence: int
    form_kind: str  # the form to print: receipt | supplement | refusal
    already_filed: bool = False  # this draft had been filed before: nothing new was created


_ID_RE = re.compile(r"^(\d{9}|\d{12})$")
_PHONE_RE = re.compile(r"^\+?[\d .-]{8,15}$")
MAX_NAME = 200      # dossiers.applicant_name; longer names do not fit the forms either
MAX_ADDRESS = 500


@dataclass
class IntakeSession:
    procedure_code: str = ""
    applicant_name: str = ""
    applicant_id_number: str = ""
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    submitter_name: str = ""  # empty: the applicant submits in person
    channel: Channel = Channel.IN_PERSON
    components: list[ComponentEntry] = field(default_factory=list)  # empty: the catalog's required papers
    pages: list[StoredPage] = field(default_factory=list)
    fee_pages: int = 1
    fee_copies: int = 1
    fee_exemption: str | None = None
    summary: str = ""
    form_values: dict[str, str] = field(default_factory=dict)
    form_sources: dict[str, str] = field(default_factory=dict)  # field key → where the value came from
    decision: Decision = Decision.ACCEPT
    defects: list[dict] = field(default_factory=list)  # Mẫu 02: [{"component", "requirement", "reason"}]
    reasons: list[str] = field(default_factory=list)   # Mẫu 03
    outside_hours_reason: str = ""  # the clerk's reason for receiving outside office hours
    # Where the citizen receives the result: at the desk (False) or by post to delivery_address
    # (docs/POSTAL.md); postal_item_id: the S10 of the Phiếu gửi a channel-3 dossier came with.
    return_by_post: bool = False
    delivery_address: str = ""
    postal_item_id: str = ""
    intake_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    # -- drafts -------------------------------------------------------------------------------
    def to_json(self) -> str:
        data = asdict(self)
        data["channel"], data["decision"] = int(self.channel), self.decision.value
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "IntakeSession":
        data = json.loads(text)
        data["channel"] = Channel(data.get("channel", 1))
        data["decision"] = Decision(data.get("decision", "accept"))
        data["components"] = [ComponentEntry(**c) for c in data.get("components", [])]
        data["pages"] = [StoredPage(**p) for p in data.get("pages", [])]
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in known})

    # -- checks before filing -----------------------------------------------------------------
    def notices(self, desk: Desk, at: datetime | None = None) -> list[str]:
        """What the clerk should know before filing at *at*: out of hours, after the cut-off, calendar data."""
        at = at or now_local()
        messages = []
        clock = lifecycle.work_clock(desk)
        if not clock.is_reception_open(at):
            messages.append(outside_hours_text(desk, at))
        procedure = self._procedure(desk, at) if self.procedure_code else None
        if procedure is not None and clock.is_reception_open(at) and procedure.cutoff is not None \
                and at.time() > procedure.cutoff:
            start = clock.clock_start(at, procedure.cutoff)
            messages.append(f"Đã quá {procedure.cutoff:%H:%M}: thời hạn giải quyết tính từ "
                            f"{start:%H:%M} ngày {start:%d/%m/%Y} (ngày làm việc tiếp theo).")
        messages.extend(calendar_warnings(desk, at))
        return messages

    def _procedure(self, desk: Desk, at: datetime) -> Procedure:
        if not self.procedure_code:
            raise IntakeError("Hãy chọn thủ tục hành chính trước.")
        return desk.catalog.get(self.procedure_code, at.date())

    def _validate(self) -> None:
        problems = []
        self.applicant_name = nfc(self.applicant_name)
        if not self.applicant_name:
            problems.append("Chưa nhập họ và tên người nộp hồ sơ (chủ hồ sơ).")
        elif len(self.applicant_name) > MAX_NAME:
            problems.append(f"Họ và tên dài quá {MAX_NAME} ký tự; hãy kiểm tra lại (có thể đầu đọc thẻ đọc sai).")
        self.applicant_id_number = nfc(self.applicant_id_number).replace(" ", "")
        if self.applicant_id_number and not _ID_RE.match(self.applicant_id_number):
            problems.append("Số định danh cá nhân phải gồm 12 chữ số (hoặc 9 chữ số CMND cũ).")
        self.applicant_phone = nfc(self.applicant_phone)
        if self.applicant_phone and not _PHONE_RE.match(self.applicant_phone):
            problems.append("Số điện thoại không hợp lệ.")
        self.applicant_email = nfc(self.applicant_email)
        if self.applicant_email and ("@" not in self.applicant_email or " " in self.applicant_email
                                     or len(self.applicant_email) > 200):
            problems.append("Địa chỉ email không hợp lệ.")
        self.applicant_address = nfc(self.applicant_address)
        if len(self.applicant_address) > MAX_ADDRESS:
            problems.append(f"Địa chỉ dài quá {MAX_ADDRESS} ký tự.")
        self.submitter_name = nfc(self.submitter_name)[:MAX_NAME] or self.applicant_name
        self.summary = nfc(self.summary)
        self.delivery_address = nfc(self.delivery_address)
        if self.return_by_post and not self.delivery_address:
            problems.append("Công dân chọn nhận kết quả qua bưu chính: hãy nhập địa chỉ nhận kết quả.")
        elif len(self.delivery_address) > MAX_ADDRESS:
            problems.append(f"Địa chỉ nhận kết quả dài quá {MAX_ADDRESS} ký tự.")
        if not self.pages:
            problems.append("Hồ sơ giấy phải được số hóa: hãy thêm ít nhất một trang ảnh.")
        if self.decision is Decision.INCOMPLETE:
            try:
                self.defects = lifecycle.supplement_items(self.defects)
            except lifecycle.LifecycleError as exc:
                problems.append(str(exc))
        if self.decision is Decision.REFUSE:
            try:
                self.reasons = lifecycle.reason_items(self.reasons, "từ chối tiếp nhận")
            except lifecycle.LifecycleError as exc:
                problems.append(str(exc))
        if problems:
            raise IntakeError("\n".join(problems))

    # -- filing -------------------------------------------------------------------------------
    def finish(self, desk: Desk, who: Identity, at: datetime | None = None, *,
               session: Session | None = None) -> IntakeOutcome:
        """File the dossier with the chosen decision (one transaction; idempotent per draft).

        *session*: file inside the caller's transaction (the postal hand-over files all its items and the
        record together); the caller then owns the write lock and the commit.
        """
        at = at or now_local()
        if session is None:
            already = filed_outcome(desk, self.intake_id)
            if already is not None:
                return already
        self._validate()
        procedure = self._procedure(desk, at)
        clock = lifecycle.work_clock(desk)
        if not clock.is_reception_open(at) and not nfc(self.outside_hours_reason):
            raise OutsideHoursError(outside_hours_text(desk, at) + " Hãy xác nhận và ghi lý do tiếp nhận.")
        accepted = self.decision is Decision.ACCEPT
        due_at = clock.due(at, procedure.time_limit, procedure.cutoff) if accepted else None
        fee = compute_fee(procedure.fee_rule, FeeRequest(pages=self.fee_pages, copies=self.fee_copies,
                                                          channel=int(self.channel), exemption=self.fee_exemption))
        components = self.components or [
            ComponentEntry.from_catalog(c) for c in procedure.components if c.required and not c.shown_only]
        settings = desk.settings
        block = SequenceBlock(settings.desk_number, settings.sequence_block_size, settings.sequence_base)
        day = at.date()

        if session is not None:
            return self._file(session, desk, who, at, procedure, clock, accepted, due_at, fee, components,
                              block, day)
        with transaction(desk.sessions) as session:
            return self._file(session, desk, who, at, procedure, clock, accepted, due_at, fee, components,
                              block, day)

    def _file(self, session: Session, desk: Desk, who: Identity, at: datetime, procedure: Procedure,  # noqa: PLR0913
              clock, accepted: bool, due_at, fee, components, block, day) -> IntakeOutcome:  # noqa: ANN001
        settings = desk.settings
        user = authorize(session, who, Permission.RECEIVE_DOSSIER)
        if session.scalar(select(Dossier.id).where(Dossier.intake_id == self.intake_id)) is not None:
            raise IntakeError("Hồ sơ này vừa được lưu từ một cửa sổ khác.")  # pragma: no cover - race
        sequence = _next_value(session, f"code:{settings.agency_id}:{day:%Y%m%d}:desk{settings.desk_number}",
                               block.next_after(None), block.next_after)
        code = str(DossierCode(settings.agency_id, day, sequence))
        book_sequence = _next_value(session, f"book:{day.year}", 1, lambda last: last + 1)
        dossier = Dossier(
            code=code, procedure_code=procedure.code, procedure_name=procedure.name,
            procedure_version=procedure.effective_from, channel=int(self.channel),
            status=int(self.decision.status),
            applicant_name=self.applicant_name, applicant_name_folded=fold(self.applicant_name),
            applicant_id_number=self.applicant_id_number, applicant_address=self.applicant_address,
            applicant_phone=self.applicant_phone, applicant_email=self.applicant_email,
            submitter_name=self.submitter_name, summary=self.summary or procedure.name,
            received_at=at, submitted_at=at, due_at=due_at,
            slip_received_at=at if accepted else None, slip_due_at=due_at,
            fee_amount=fee.amount if accepted else 0, book_year=day.year, book_sequence=book_sequence,
            training=settings.training, clerk_id=user.id, intake_id=self.intake_id,
            form_data={k: nfc(v) for k, v in self.form_values.items() if v},
            form_sources={k: v for k, v in self.form_sources.items() if self.form_values.get(k)},
            postal_item_id=self.postal_item_id, result_by_post=bool(self.return_by_post),
            delivery_address=self.delivery_address if self.return_by_post else "",
        )
        session.add(dossier)
        session.flush()
        index_name(session, dossier)
        rows = []
        for position, entry in enumerate(components, start=1):
            row = DossierComponent(position=position, component_code=entry.code, name=nfc(entry.name),
                                   originals=entry.originals, certified_copies=entry.certified_copies,
                                   photocopies=entry.photocopies)
            dossier.components.append(row)
            rows.append(row)
        session.flush()
        _attach_intake_pages(session, desk, dossier, self.pages, rows, at)
        notice_id = None
        if self.decision is Decision.INCOMPLETE:
            notice_id = _notice(session, dossier, user.id, "supplement", self.defects, at)
        elif self.decision is Decision.REFUSE:
            notice_id = _notice(session, dossier, user.id, "refusal", self.reasons, at)
        details = {"procedure": procedure.code, "pages": len(self.pages), "channel": int(self.channel),
                   "decision": self.decision.value}
        if notice_id is not None:
            details["notice"] = notice_id
        if not clock.is_reception_open(at):
            details["outside_hours_reason"] = nfc(self.outside_hours_reason)
        note = {Decision.ACCEPT: "Tiếp nhận hồ sơ", Decision.INCOMPLETE: "Hướng dẫn bổ sung hồ sơ (Mẫu 02)",
                Decision.REFUSE: "Từ chối tiếp nhận hồ sơ (Mẫu 03)"}[self.decision]
        if "outside_hours_reason" in details:
            note += f" — ngoài giờ: {details['outside_hours_reason']}"
        lifecycle.move(session, dossier, user, self.decision.status, at=at, event=self.decision.value,
                       note=note, creating=True, **details)
        return IntakeOutcome(dossier.id, code, self.decision.status, at, due_at, dossier.fee_amount,
                             day.year, book_sequence, self.decision.form_kind)


def index_name(session: Session, dossier: Dossier) -> None:
    """Index the applicant's folded name for the dossier book (SQLite FTS5; PostgreSQL searches the column)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO dossier_fts (rowid, name) VALUES (:id, :name)"),
                        {"id": dossier.id, "name": dossier.applicant_name_folded})


def filed_outcome(desk: Desk, intake_id: str) -> IntakeOutcome | None:
    """The dossier already filed from draft *intake_id*, if any."""
    with desk.sessions() as session:
        d = session.scalar(select(Dossier).where(Dossier.intake_id == intake_id))
        if d is None:
            return None
        first = DossierStatus(d.history[0].to_status) if d.history else DossierStatus(d.status)
        kind = {DossierStatus.ACCEPTED: "receipt", DossierStatus.SUPPLEMENT_REQUESTED: "supplement",
                DossierStatus.REFUSED: "refusal"}.get(first, "receipt")
        return IntakeOutcome(d.id, d.code, DossierStatus(d.status), d.received_at, d.due_at, d.fee_amount,
                             d.book_year, d.book_sequence, kind, already_filed=True)


def outside_hours_text(desk: Desk, at: datetime) -> str:
    day = at.date()
    holiday = desk.calendar.holiday_name(day) if desk.calendar.covers(day) else None
    if holiday:
        why = f"ngày {day:%d/%m/%Y} là ngày nghỉ ({holiday})"
    elif not desk.calendar.is_working_day(day):
        why = f"ngày {day:%d/%m/%Y} không phải ngày làm việc"
    else:
        why = f"{at:%H:%M} ngoài giờ làm việc"
    start = lifecycle.work_clock(desk).next_opening(at)
    return (f"Đang tiếp nhận ngoài giờ: {why}. Thời hạn giải quyết tính từ {start:%H:%M} ngày "
            f"{start:%d/%m/%Y}.")


def calendar_warnings(desk: Desk, at: datetime | None = None) -> list[str]:
    """Warn when the holiday calendar of this year (or the next, near year end) is provisional or missing."""
    at = at or now_local()
    years = {at.year} | ({at.year + 1} if at.month == 12 else set())
    warnings = []
    for year in sorted(years):
        if not desk.calendar.has_data_for(year):
            warnings.append(f"Chưa có lịch nghỉ lễ năm {year}: ngày hẹn trả có thể sai; hãy cập nhật lịch.")
        elif desk.calendar.is_provisional(year):
            warnings.append(f"Lịch nghỉ lễ năm {year} là lịch tạm tính (chưa có thông báo chính thức): hãy kiểm "
                            "tra ngày hẹn trả.")
    return warnings


_UPSERTS = {"sqlite": sqlite_insert, "postgresql": postgresql_insert}


def _next_value(session: Session, name: str, first: int, next_after) -> int:  # noqa: ANN001
    """Increment the counter *name* in the current transaction (write-locked on SQLite, row-locked on
    PostgreSQL). The row is created with ``ON CONFLICT DO NOTHING`` so two desks starting the same day's
    counter at once do not collide; the one that locks it second continues from the first one's value."""
    insert = _UPSERTS.get(session.get_bind().dialect.name)
    if insert is not None:
        created = session.execute(insert(SequenceCounter).values(name=name, last_value=first)
                                  .on_conflict_do_nothing(index_elements=["name"])
                                  .returning(SequenceCounter.name)).first()
        if created is not None:  # (rowcount is not reliable here: psycopg reports -1)
            return first
    counter = session.scalar(select(SequenceCounter).where(SequenceCounter.name == name).with_for_update()
                             .execution_options(populate_existing=True))
    if counter is None:
        session.add(SequenceCounter(name=name, last_value=first))
        session.flush()
        return first
    counter.last_value = next_after(counter.last_value)
    session.flush()
    return counter.last_value


def _attach_intake_pages(session: Session, desk: Desk, dossier: Dossier, pages: list[StoredPage],
                         components: list[DossierComponent], at: datetime) -> None:
    for position, page in enumerate(pages, start=1):
        if not desk.archive.exists(page.sha256):
            raise IntakeError(f"Trang {position} ({page.source_name}) không còn trong kho lưu trữ; hãy thêm lại.")
        if session.get(StoredFileRecord, page.sha256) is None:
            session.add(StoredFileRecord(sha256=page.sha256, size=page.size, media_type=page.media_type))
        index = page.component_index
        component_id = components[index].id if index is not None and index < len(components) else None
        if component_id is None and page.component_code:
            component_id = next((row.id for row in components if row.component_code == page.component_code), None)
        dossier.pages.append(Page(position=position, file_sha256=page.sha256, component_id=component_id,
                                  source_name=page.source_name, width_px=page.width, height_px=page.height,
                                  dpi=page.dpi, blank=page.blank, kind="intake", added_at=at))
    session.flush()


def _notice(session: Session, dossier: Dossier, user_id: int, kind: str, items: list, at: datetime) -> int:
    from desk_app.storage.forms_models import Notice

    notice = Notice(dossier_id=dossier.id, kind=kind, items=items, note="", issued_at=at, issued_by_id=user_id)
    session.add(notice)
    session.flush()
    return notice.id
