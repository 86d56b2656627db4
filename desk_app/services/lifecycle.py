"""The dossier's life at the desk: one primitive moves a dossier, every action is built on it.

:func:`move` is the only code that changes ``Dossier.status``. In the caller's transaction it checks the
transition table, sets the status, appends the history row (QuaTrinhXuLy), the audit row and — unless the
change came from the province — the outbox row that tells the province (``dossier.create`` for a new
dossier, ``dossier.update`` afterwards, with the status and history frozen at the time of the change so
the province receives every step once, in order).

The actions below (refuse, incomplete, resume, supplement, apologise, stop, withdraw, result, return,
forward) each open one transaction, authorise the signed-in identity, check the rules of NĐ 61/2018
(NĐ 118/2025) for that step and call :func:`move`. Notices (``services/forms.py``) only render.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.domain.calendar import WorkClock
from desk_app.domain.status import DossierStatus, check_transition
from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission, require
from desk_app.services.day_close import ensure_day_open
from desk_app.services.dossiers import find_dossier
from desk_app.services.payments import collect_cash_in_session
from desk_app.storage.db import transaction
from desk_app.storage.forms_models import DelayNotice, Notice, Payment
from desk_app.storage.models import (
    Dossier,
    OutboxItem,
    Page,
    ResultRecord,
    ResultReturn,
    StatusChange,
    StoredFileRecord,
    User,
)
from desk_app.text import nfc

S = DossierStatus

OUTBOX_CREATE = "dossier.create"
OUTBOX_UPDATE = "dossier.update"

#: Statuses in which the desk still waits for the processing agency (the clock may run).
OPEN_STATUSES = frozenset({S.ACCEPTED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION})
#: Statuses in which the processing clock runs (a supplement or a payment request stops it).
CLOCK_RUNNING = frozenset({S.ACCEPTED, S.PROCESSING})

#: A supplement during processing must be asked within this many working days of receipt (NĐ 61/2018 Đ19).
SUPPLEMENT_WINDOW_DAYS = 3


class LifecycleError(DeskError, ValueError):
    """The step is not allowed for this dossier now; the message says why, for the clerk."""


# --------------------------------------------------------------------------- the primitive


def move(session: Session, dossier: Dossier, user: User | None, to: DossierStatus | None, *, at: datetime,
         event: str, note: str = "", notify_province: bool = True, creating: bool = False,
         **details) -> StatusChange:
    """Record one step of *dossier*: status (``to=None`` keeps it), history, audit and outbox rows.

    ``creating``: the dossier is being filed at the counter (its first step). *user* is None only for
    changes pulled from the province; the history then names the receiving clerk.
    """
    if user is not None:   # a desk action; changes pulled from the province are recorded as they come
        ensure_day_open(session, at)
    current = None if creating else DossierStatus(dossier.status)
    target = current if to is None else DossierStatus(to)
    if target is None:
        raise LifecycleError("Hồ sơ mới phải có trạng thái.")
    if target is not current:
        check_transition(current, target)
    dossier.status = int(target)
    change = StatusChange(from_status=int(current) if current is not None else None, to_status=int(target),
                          at=at, user_id=user.id if user is not None else dossier.clerk_id, note=nfc(note))
    dossier.history.append(change)
    session.flush()
    audit.record(session, user, f"dossier.{event}", "dossier", dossier.code,
                 from_status=int(current) if current is not None else None, to_status=int(target), **details)
    if notify_province:
        session.add(OutboxItem(
            idempotency_key=uuid.uuid4().hex, dossier_id=dossier.id,
            action=OUTBOX_CREATE if current is None else OUTBOX_UPDATE,
            payload={"dossier_code": dossier.code, "status": int(target), "history_ids": [change.id],
                     "due_at": dossier.due_at.isoformat() if dossier.due_at else None, "event": event},
            state="ready", next_attempt_at=at,
        ))
    return change


# --------------------------------------------------------------------------- helpers


def _load(session: Session, code: str) -> Dossier:
    return find_dossier(session, code, selectinload(Dossier.history), selectinload(Dossier.pages))


def _require_status(dossier: Dossier, allowed: set[DossierStatus] | frozenset[DossierStatus], what: str) -> None:
    current = DossierStatus(dossier.status)
    if current not in allowed:
        raise LifecycleError(f"Không thể {what}: hồ sơ {dossier.code} đang ở trạng thái «{current.label_vi}».")


def was_accepted(dossier: Dossier) -> bool:
    """True once the dossier has been accepted complete (a Mẫu 02 at the counter is not an acceptance)."""
    return any(h.to_status == int(S.ACCEPTED) for h in dossier.history)


def work_clock(desk: Desk) -> WorkClock:
    return WorkClock(desk.calendar, desk.office_hours)


def _due_from(desk: Desk, dossier: Dossier, start: datetime) -> datetime:
    procedure = desk.catalog.get(dossier.procedure_code, dossier.procedure_version)
    return work_clock(desk).due(start, procedure.time_limit, procedure.cutoff)


@dataclass(frozen=True)
class NewPage:
    """A page image already durably in the archive (see ``reception.store_pages``), to attach to a dossier."""

    sha256: str
    size: int
    media_type: str
    width: int = 0
    height: int = 0
    dpi: int = 0
    source_name: str = ""


def attach_pages(session: Session, desk: Desk, dossier: Dossier, pages: list, kind: str, at: datetime) -> int:
    """Add archived pages to *dossier* after its existing ones, as evidence of *kind*; returns the count."""
    position = max((p.position for p in dossier.pages), default=0)
    for page in pages:
        if not desk.archive.exists(page.sha256):
            raise LifecycleError(f"Trang «{page.source_name}» không còn trong kho lưu trữ; hãy thêm lại.")
        if session.get(StoredFileRecord, page.sha256) is None:
            session.add(StoredFileRecord(sha256=page.sha256, size=page.size, media_type=page.media_type))
        position += 1
        dossier.pages.append(Page(position=position, file_sha256=page.sha256, source_name=nfc(page.source_name),
                                  width_px=page.width, height_px=page.height, dpi=page.dpi,
                                  blank=getattr(page, "blank", False), kind=kind, added_at=at))
    session.flush()
    return len(pages)


def _add_notice(session: Session, dossier: Dossier, user: User, kind: str, items: list, note: str,
                at: datetime) -> Notice:
    notice = Notice(dossier_id=dossier.id, kind=kind, items=items, note=nfc(note), issued_at=at,
                    issued_by_id=user.id)
    session.add(notice)
    session.flush()
    return notice


def supplement_items(defects: list) -> list[dict]:
    """Mẫu 02 lists every defect at once: component, what is required, why."""
    items = []
    for d in defects:
        get = d.get if isinstance(d, dict) else (lambda k, _d=d: getattr(_d, k, ""))
        item = {"component": nfc(get("component") or ""), "requirement": nfc(get("requirement") or ""),
                "reason": nfc(get("reason") or "")}
        if item["component"] or item["requirement"]:
            items.append(item)
    if not items:
        raise LifecycleError("Phải liệt kê đầy đủ các nội dung cần bổ sung, hoàn thiện (một lần).")
    return items


def reason_items(reasons: list[str], what: str) -> list[str]:
    items = [nfc(r) for r in reasons if nfc(r or "")]
    if not items:
        raise LifecycleError(f"Phải nêu rõ lý do {what}.")
    return items


# --------------------------------------------------------------------------- after the counter


def forward(desk: Desk, who: Identity, code: str, note: str = "") -> None:
    """The desk hands the accepted dossier to the processing officer (status 4, control sheet hand-off)."""
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDLE_DOSSIER)
        dossier = _load(session, code)
        _require_status(dossier, {S.ACCEPTED}, "chuyển xử lý")
        move(session, dossier, user, S.PROCESSING, at=now_local(), event="forward",
             note=note or "Chuyển hồ sơ cho cán bộ xử lý")


def resume(desk: Desk, who: Identity, code: str, pages: list, note: str = "",
           at: datetime | None = None) -> datetime:
    """The citizen brought the missing papers: scan them in and restart the dossier; returns the due date.

    * After a Mẫu 02 **at the counter** the dossier was never accepted: it is accepted now, under the same
      code, and the legal receipt time is the completion time (the first hand-over stays in
      ``submitted_at``).
    * After a supplement request **during processing** the time limit starts again from the moment the
      dossier is complete (NĐ 61/2018 Đ19, DOMAIN.md §14), and the citizen gets a new appointment slip.
    """
    at = at or now_local()
    with transaction(desk.sessions) as session:
        user = authorize(session, who)
        dossier = _load(session, code)
        # Completing a counter Mẫu 02 is intake; completing a supplement during processing is handling.
        require(user.role, Permission.HANDLE_DOSSIER if was_accepted(dossier) else Permission.RECEIVE_DOSSIER)
        _require_status(dossier, {S.SUPPLEMENT_REQUESTED}, "tiếp nhận hồ sơ bổ sung")
        if not pages:
            raise LifecycleError("Hãy quét hoặc thêm các giấy tờ công dân bổ sung trước khi tiếp nhận.")
        attach_pages(session, desk, dossier, pages, "supplement", at)
        accepted_before = was_accepted(dossier)
        due = _due_from(desk, dossier, at)
        dossier.due_at = due
        dossier.slip_received_at, dossier.slip_due_at = at, due
        if accepted_before:
            move(session, dossier, user, S.PROCESSING, at=at, event="resume",
                 note=note or "Nhận hồ sơ bổ sung; thời hạn giải quyết tính lại từ khi hồ sơ đầy đủ",
                 pages=len(pages))
        else:
            dossier.received_at = at
            move(session, dossier, user, S.ACCEPTED, at=at, event="resume",
                 note=note or "Tiếp nhận hồ sơ sau khi công dân bổ sung (Mẫu 02)", pages=len(pages))
        return due


def request_supplement(desk: Desk, who: Identity, code: str, defects: list, note: str = "",
                       at: datetime | None = None) -> int:
    """Mẫu 02 during processing: once, within 3 working days of receipt; stops the clock. Returns the notice id."""
    at = at or now_local()
    items = supplement_items(defects)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDLE_DOSSIER)
        dossier = _load(session, code)
        _require_status(dossier, {S.ACCEPTED, S.PROCESSING}, "yêu cầu bổ sung hồ sơ")
        earlier = session.scalar(select(Notice.id).where(Notice.dossier_id == dossier.id,
                                                         Notice.kind == "supplement",
                                                         Notice.issued_at >= dossier.received_at))
        if earlier is not None:
            raise LifecycleError(f"Hồ sơ {dossier.code} đã được yêu cầu bổ sung một lần; chỉ được yêu cầu "
                                 "bổ sung, hoàn thiện một lần.")
        clock = work_clock(desk)
        limit = clock.add_working_hours(clock.clock_start(dossier.received_at, None),
                                        SUPPLEMENT_WINDOW_DAYS * desk.office_hours.hours_per_working_day)
        if at > limit:
            raise LifecycleError(
                f"Đã quá {SUPPLEMENT_WINDOW_DAYS} ngày làm việc kể từ khi tiếp nhận (hạn yêu cầu bổ sung là "
                f"{limit:%H:%M %d/%m/%Y}); không được yêu cầu bổ sung nữa. Nếu hồ sơ không giải quyết được, "
                "hãy lập thông báo dừng giải quyết hoặc phiếu xin lỗi.")
        notice = _add_notice(session, dossier, user, "supplement", items, note, at)
        move(session, dossier, user, S.SUPPLEMENT_REQUESTED, at=at, event="supplement",
             note="Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)", defects=len(items), notice=notice.id)
        return notice.id


def apologize(desk: Desk, who: Identity, code: str, *, processing_agency: str, reason: str, new_due: datetime,
              signer_name: str, signer_title: str = "THỦ TRƯỞNG CƠ QUAN", override_reason: str = "",
              at: datetime | None = None) -> int:
    """Mẫu 04: apology and a new return date — at most once, at least one working day before the due date.

    The new date must be a working day after the old one; it becomes the due date and goes to the province.
    A supervisor may issue a late apology with a written reason (audited). Returns the notice id.
    """
    at = at or now_local()
    if not nfc(reason):
        raise LifecycleError("Phải nêu lý do chậm trả kết quả.")
    if not nfc(signer_name):
        raise LifecycleError("Phiếu xin lỗi phải do thủ trưởng cơ quan giải quyết ký: hãy nhập họ tên người ký.")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDLE_DOSSIER)
        dossier = _load(session, code)
        _require_status(dossier, OPEN_STATUSES, "xin lỗi và hẹn lại ngày trả")
        if session.scalar(select(DelayNotice.id).where(DelayNotice.dossier_id == dossier.id)) is not None:
            raise LifecycleError(f"Hồ sơ {dossier.code} đã được hẹn lại ngày trả một lần; không được hẹn lại lần nữa.")
        old_due = dossier.due_at
        if old_due is None:
            raise LifecycleError(f"Hồ sơ {dossier.code} chưa có ngày hẹn trả.")
        if not desk.calendar.is_working_day(new_due.date()):
            raise LifecycleError(f"Ngày hẹn trả mới {new_due:%d/%m/%Y} không phải ngày làm việc.")
        if new_due.date() <= old_due.date():
            raise LifecycleError(f"Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại ({old_due:%d/%m/%Y}).")
        latest = _latest_apology_day(desk, old_due)
        late = at.date() > latest
        override = nfc(override_reason)
        if late:
            if not override:
                raise LifecycleError(
                    f"Phiếu xin lỗi phải gửi chậm nhất 01 ngày làm việc trước ngày hẹn trả "
                    f"({old_due:%d/%m/%Y}), tức là trước hết ngày {latest:%d/%m/%Y}. Quá hạn này chỉ người "
                    "giám sát được lập, kèm lý do.")
            authorize(session, who, Permission.OVERRIDE_DEADLINE)
        notice = DelayNotice(dossier_id=dossier.id, processing_agency=nfc(processing_agency), reason=nfc(reason),
                             original_due=old_due, new_due=new_due, signer_name=nfc(signer_name),
                             signer_title=nfc(signer_title), issued_at=at, issued_by_id=user.id)
        session.add(notice)
        dossier.due_at = new_due
        session.flush()
        details = {"old_due": old_due.isoformat(), "new_due": new_due.isoformat(), "notice": notice.id}
        if late:
            details["override_reason"] = override
        move(session, dossier, user, None, at=at, event="apology",
             note=f"Xin lỗi và hẹn lại ngày trả kết quả: {new_due:%d/%m/%Y} (Mẫu 04)", **details)
        return notice.id


def _latest_apology_day(desk: Desk, due: datetime):  # noqa: ANN202 - a date
    """The last day on which an apology is still in time: one working day before the due day."""
    day = due.date() - timedelta(days=1)
    for _ in range(60):
        if desk.calendar.is_working_day(day):
            return day
        day -= timedelta(days=1)
    return day


def stop(desk: Desk, who: Identity, code: str, reasons: list[str], at: datetime | None = None) -> int:
    """Thông báo dừng giải quyết (Mẫu 05, TT 03/2025): status 8. Returns the notice id."""
    at = at or now_local()
    items = reason_items(reasons, "dừng giải quyết")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDLE_DOSSIER)
        dossier = _load(session, code)
        _require_status(dossier, OPEN_STATUSES, "dừng giải quyết")
        notice = _add_notice(session, dossier, user, "stop", items, "", at)
        move(session, dossier, user, S.STOPPED, at=at, event="stop", note="Thông báo dừng giải quyết hồ sơ",
             notice=notice.id)
        return notice.id


def withdraw(desk: Desk, who: Identity, code: str, reason: str, request_pages: list,
             at: datetime | None = None) -> int:
    """The citizen withdraws the dossier (status 7); the signed request is scanned in. Returns the notice id."""
    at = at or now_local()
    if not request_pages:
        raise LifecycleError("Hãy quét đơn đề nghị rút hồ sơ có chữ ký của công dân.")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDLE_DOSSIER)
        dossier = _load(session, code)
        _require_status(dossier, OPEN_STATUSES, "rút hồ sơ")
        attach_pages(session, desk, dossier, request_pages, "withdrawal", at)
        notice = _add_notice(session, dossier, user, "withdrawal",
                             reason_items([reason or "Công dân đề nghị rút hồ sơ"], "rút hồ sơ"), "", at)
        move(session, dossier, user, S.WITHDRAWN, at=at, event="withdraw", note="Công dân rút hồ sơ",
             pages=len(request_pages), notice=notice.id)
        return notice.id


def record_result(desk: Desk, who: Identity, code: str, documents: list[str], pages: list | None = None,
                  pdf_sha256: str = "", note: str = "", at: datetime | None = None) -> int:
    """The result reached the desk on paper: scanned in (PDF/A), status 9. Returns the result record id."""
    at = at or now_local()
    names = [nfc(d) for d in documents if nfc(d or "")]
    if not names:
        raise LifecycleError("Hãy ghi tên giấy tờ kết quả (ví dụ: Giấy khai sinh bản chính).")
    if not pages:
        raise LifecycleError("Kết quả giấy phải được số hóa: hãy quét kết quả trước khi ghi nhận.")
    # The scanned result becomes one PDF/A in the archive before any row refers to it.
    pdf_sha256 = pdf_sha256 or digitise_pages(desk, code, pages, f"Kết quả giải quyết hồ sơ {code}")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDLE_DOSSIER)
        dossier = _load(session, code)
        _require_status(dossier, {S.ACCEPTED, S.PROCESSING, S.STOPPED}, "ghi nhận kết quả")
        attach_pages(session, desk, dossier, pages, "result", at)
        if pdf_sha256 and session.get(StoredFileRecord, pdf_sha256) is None:
            session.add(StoredFileRecord(sha256=pdf_sha256, size=desk.archive.path_for(pdf_sha256).stat().st_size,
                                         media_type="application/pdf"))
        result = ResultRecord(dossier_id=dossier.id, recorded_at=at, recorded_by_id=user.id, source="paper",
                              documents=names, pdf_sha256=pdf_sha256, note=nfc(note))
        session.add(result)
        session.flush()
        move(session, dossier, user, S.RESULT_READY, at=at, event="result",
             note="Nhận kết quả giải quyết: " + "; ".join(names), result=result.id, pages=len(pages))
        return result.id


def digitise_pages(desk: Desk, code: str, pages: list, title: str) -> str:
    """One PDF/A-2b of archived page images, stored in the archive; returns its SHA-256."""
    import tempfile
    from pathlib import Path

    from scanning.pdfa import PdfMetadata, PdfPage, build_pdfa

    pdf_pages = [PdfPage(desk.archive.read_bytes(p.sha256), p.width, p.height, p.dpi or 300) for p in pages]
    with tempfile.TemporaryDirectory(dir=desk.folder) as folder:
        built = build_pdfa(pdf_pages, PdfMetadata(title=title, dossier_code=code, digitised_at=now_local(),
                                                  agency=desk.settings.agency_name), Path(folder) / "ket-qua.pdf")
        return desk.archive.store_file(built.path).sha256


def result_from_province(session: Session, dossier: Dossier, documents: list[str], at: datetime,
                         note: str) -> StatusChange:
    """A result pulled from the province (no outbox row: the province told us)."""
    session.add(ResultRecord(dossier_id=dossier.id, recorded_at=at, recorded_by_id=None, source="province",
                             documents=[nfc(d) for d in documents if d], note=nfc(note)))
    return move(session, dossier, None, S.RESULT_READY, at=at, event="result_from_province", note=note,
                notify_province=False)


@dataclass(frozen=True)
class ReturnOutcome:
    return_id: int
    returned_at: datetime
    fee_collected: int


def return_result(desk: Desk, who: Identity, code: str, *, receiver_name: str, receiver_id_number: str,
                  authorisation_pages: list | None = None, collect_fee: bool = False,
                  note: str = "", at: datetime | None = None) -> ReturnOutcome:
    """Hand the result back (status 10): identity or authorisation checked, any fee still due collected."""
    at = at or now_local()
    receiver_name = nfc(receiver_name)
    receiver_id = nfc(receiver_id_number).replace(" ", "")
    if not receiver_name:
        raise LifecycleError("Hãy nhập họ tên người nhận kết quả.")
    if not receiver_id:
        raise LifecycleError("Hãy kiểm tra giấy tờ tùy thân và nhập số định danh của người nhận kết quả.")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.HANDLE_DOSSIER)
        dossier = _load(session, code)
        _require_status(dossier, {S.RESULT_READY}, "trả kết quả")
        authorised = bool(dossier.applicant_id_number) and receiver_id != dossier.applicant_id_number
        if not dossier.applicant_id_number:
            authorised = bool(authorisation_pages)
        if authorised and not authorisation_pages:
            raise LifecycleError(
                f"Người nhận (số định danh {receiver_id}) không phải chủ hồ sơ: hãy quét giấy ủy quyền "
                "trước khi trả kết quả.")
        if authorisation_pages:
            attach_pages(session, desk, dossier, authorisation_pages, "authorisation", at)
        due_fee = _unpaid_fee(session, dossier)
        collected = 0
        if due_fee:
            if not collect_fee:
                raise LifecycleError(
                    f"Hồ sơ còn {due_fee:,} đ phí, lệ phí chưa thu; hãy thu phí trước khi trả kết quả."
                    .replace(",", "."))
            collected = collect_cash_in_session(session, desk, dossier, user)
        documents = [d for r in session.scalars(select(ResultRecord).where(ResultRecord.dossier_id == dossier.id))
                     for d in r.documents]
        row = ResultReturn(dossier_id=dossier.id, returned_at=at, returned_by_id=user.id, receiver_name=receiver_name,
                           receiver_id_number=receiver_id, authorised=authorised, fee_collected=collected,
                           documents=documents, note=nfc(note))
        session.add(row)
        session.flush()
        move(session, dossier, user, S.RETURNED, at=at, event="return",
             note="Trả kết quả cho " + ("người được ủy quyền" if authorised else "chủ hồ sơ"),
             authorised=authorised, fee_collected=collected, return_id=row.id)
        return ReturnOutcome(row.id, at, collected)


def _unpaid_fee(session: Session, dossier: Dossier) -> int:
    if dossier.fee_amount <= 0:
        return 0
    paid = session.scalar(select(Payment.id).where(Payment.dossier_id == dossier.id, Payment.state == "paid"))
    return 0 if paid is not None else dossier.fee_amount

