"""The dossier book: find any stored dossier, open it whole, and see what is due.

* :func:`search` — one box for a dossier code (the QR of Mẫu 01 types it), a personal ID, a name
  without diacritics, or words of the scanned pages (OCR full text), narrowed by received-date range,
  status and procedure;
* :func:`show` — one dossier with its timeline, pages per component, e-form values with their
  sources, payments, upload state, the forms it has and the actions allowed now;
* :func:`due_report` — overdue control: due today, due within one working day, overdue, waiting for a
  supplement, each with the action to take.

Every call is a read of citizen data: it needs ``VIEW_DOSSIERS`` and is audited (who, what kind of
query, which dossiers — never the query text, which may be a name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, or_, select, text
from sqlalchemy.orm import Session, selectinload

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.domain.status import Channel, DossierStatus
from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.services import lifecycle
from desk_app.services.dossiers import find_dossier
from desk_app.storage.db import transaction
from desk_app.storage.forms_models import DelayNotice, FormIssue, Notice, Payment
from desk_app.storage.models import Dossier, OutboxItem, Page, ResultRecord, ResultReturn, StatusChange
from desk_app.text import fold, nfc

S = DossierStatus

_CODE_RE = re.compile(r"^[0-9A-Z.]+-\d{6}-\d{4,}$")
_ID_RE = re.compile(r"^(\d{9}|\d{12})$")
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_RESULTS = 500


class BookQueryError(DeskError, ValueError):
    pass


@dataclass(frozen=True)
class DossierQuery:
    text: str = ""
    received_from: date | None = None
    received_to: date | None = None
    statuses: tuple[int, ...] = ()
    procedure_code: str = ""
    full_text: bool = True  # also look for the words in the OCR text of the pages
    limit: int = 200


@dataclass(frozen=True)
class DossierSummary:
    code: str
    status: int
    status_label: str
    applicant: str
    id_number: str
    procedure_code: str
    procedure_name: str
    received_at: datetime
    due_at: datetime | None
    channel: int
    matched: str = ""  # code | id | name | text | filter
    snippet: str = ""

    def as_json(self) -> dict:
        return {"code": self.code, "status": self.status, "status_label": self.status_label,
                "applicant": self.applicant, "id_number": self.id_number, "procedure_code": self.procedure_code,
                "procedure_name": self.procedure_name, "received_at": self.received_at.isoformat(),
                "due_at": self.due_at.isoformat() if self.due_at else None, "channel": self.channel,
                "matched": self.matched, "snippet": self.snippet}


def _summary(d: Dossier, matched: str, snippet: str = "") -> DossierSummary:
    return DossierSummary(d.code, d.status, S(d.status).label_vi, d.applicant_name, d.applicant_id_number,
                          d.procedure_code, d.procedure_name, d.received_at, d.due_at, d.channel, matched, snippet)


def _filters(query: DossierQuery) -> list:
    conditions = []
    if query.received_from:
        conditions.append(Dossier.received_at >= datetime.combine(query.received_from, time.min))
    if query.received_to:
        conditions.append(Dossier.received_at < datetime.combine(query.received_to + timedelta(days=1), time.min))
    if query.statuses:
        conditions.append(Dossier.status.in_([int(s) for s in query.statuses]))
    if query.procedure_code:
        conditions.append(Dossier.procedure_code == query.procedure_code.strip())
    return conditions


def search(desk: Desk, who: Identity, query: DossierQuery) -> list[DossierSummary]:
    """Dossiers matching *query*, best match first (code, then ID, then name, then page text), then newest."""
    text = nfc(query.text or "").strip()
    limit = max(1, min(query.limit, MAX_RESULTS))
    filters = _filters(query)
    if not text and not filters:
        raise BookQueryError("Hãy nhập mã hồ sơ, số định danh, họ tên, nội dung giấy tờ, hoặc chọn khoảng ngày.")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        results: list[DossierSummary] = []
        seen: set[int] = set()

        def add(rows, matched: str, snippets: dict[int, str] | None = None) -> None:
            for d in rows:
                if d.id not in seen and len(results) < limit:
                    seen.add(d.id)
                    results.append(_summary(d, matched, (snippets or {}).get(d.id, "")))

        newest = (Dossier.received_at.desc(), Dossier.id.desc())
        kind = "filter"
        if not text:
            add(session.scalars(select(Dossier).where(*filters).order_by(*newest).limit(limit)), "filter")
        else:
            upper = text.upper().replace(" ", "")
            digits = text.replace(" ", "").replace(".", "")
            if _CODE_RE.match(upper):
                kind = "code"
                add(session.scalars(select(Dossier).where(Dossier.code == upper, *filters)), "code")
            elif _ID_RE.match(digits):
                kind = "id"
                add(session.scalars(select(Dossier).where(Dossier.applicant_id_number == digits, *filters)
                                    .order_by(*newest).limit(limit)), "id")
            else:
                kind = "text"
                terms = _WORD.findall(fold(text))
                if not terms:
                    raise BookQueryError("Hãy nhập từ cần tìm.")
                # A partial code ("5012", "260302-5") also finds the dossier.
                if re.fullmatch(r"[0-9-]{4,}", text.replace(" ", "")):
                    add(session.scalars(select(Dossier).where(Dossier.code.like(f"%{text.replace(' ', '')}%"),
                                                              *filters).order_by(*newest).limit(limit)), "code")
                add(session.scalars(select(Dossier).where(_name_matches(session, terms), *filters)
                                    .order_by(*newest).limit(limit)), "name")
                if query.full_text and len(results) < limit:
                    _add_text_hits(session, terms, filters, limit, add)
        audit.record(session, user, "dossier.search", "dossier", "", query_kind=kind, results=len(results),
                     codes=[r.code for r in results[:50]])
        return results


def received_on(desk: Desk, who: Identity, day: date) -> list[DossierSummary]:
    """Today's list: every dossier received on *day*, newest first (a read of citizen data: audited)."""
    start = datetime.combine(day, time.min)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        rows = session.scalars(select(Dossier).where(Dossier.received_at >= start,
                                                     Dossier.received_at < start + timedelta(days=1))
                               .order_by(Dossier.received_at.desc(), Dossier.id.desc())).all()
        results = [_summary(d, "filter") for d in rows]
        audit.record(session, user, "dossier.list", "day", day.isoformat(), results=len(results),
                     codes=[r.code for r in results[:50]])
        return results


def _name_matches(session: Session, terms: list[str]):  # noqa: ANN202
    """Every term starts a word of the folded name ("anh tuy" finds "Nguyễn Thị Ánh Tuyết")."""
    if session.get_bind().dialect.name == "sqlite":
        match = " AND ".join('"' + t.replace('"', '""') + '"*' for t in terms)
        return Dossier.id.in_(select(text("rowid")).select_from(text("dossier_fts"))
                              .where(text("dossier_fts MATCH :match")).params(match=match))
    return and_(*[or_(Dossier.applicant_name_folded.like(f"{t}%"), Dossier.applicant_name_folded.like(f"% {t}%"))
                  for t in terms])


def _add_text_hits(session: Session, terms: list[str], filters: list, limit: int, add) -> None:  # noqa: ANN001
    from desk_app.services.fulltext import page_hits

    hits = page_hits(session, terms, limit=limit * 3)
    ids = list(dict.fromkeys(h.dossier_id for h in hits if h.dossier_id is not None))
    if not ids:
        return
    snippets: dict[int, str] = {}
    for h in hits:
        if h.dossier_id is not None:
            snippets.setdefault(h.dossier_id, h.snippet)
    rows = {d.id: d for d in session.scalars(select(Dossier).where(Dossier.id.in_(ids), *filters))}
    add([rows[i] for i in ids if i in rows], "text", snippets)


# --------------------------------------------------------------------------- one dossier


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    what: str
    who: str
    status: int | None = None


@dataclass(frozen=True)
class PageEntry:
    page_id: int
    position: int
    sha256: str
    kind: str
    component: str
    source_name: str
    blank: bool


@dataclass(frozen=True)
class DossierView:
    summary: DossierSummary
    address: str
    phone: str
    email: str
    submitter: str
    submitted_at: datetime | None
    slip_received_at: datetime | None
    slip_due_at: datetime | None
    fee_amount: int
    clerk: str
    training: bool
    timeline: tuple[TimelineEntry, ...]
    components: tuple[tuple[str, int], ...]  # component name → page count
    pages: tuple[PageEntry, ...]
    form_values: dict
    form_sources: dict
    payments: tuple[str, ...]
    uploads: tuple[tuple[str, str, str], ...]  # (action, state, error)
    forms: tuple[str, ...]  # kinds that can be printed for this dossier
    actions: tuple[str, ...]  # lifecycle actions allowed now
    results: tuple[str, ...] = ()
    returned: str = ""

    def as_json(self) -> dict:
        s = self.summary
        return {**s.as_json(), "address": self.address, "phone": self.phone, "email": self.email,
                "submitter": self.submitter, "fee_amount": self.fee_amount, "clerk": self.clerk,
                "training": self.training,
                "submitted_at": self.submitted_at.isoformat() if self.submitted_at else None,
                "slip": {"received_at": self.slip_received_at.isoformat() if self.slip_received_at else None,
                         "due_at": self.slip_due_at.isoformat() if self.slip_due_at else None},
                "timeline": [{"at": t.at.isoformat(), "what": t.what, "who": t.who, "status": t.status}
                             for t in self.timeline],
                "components": [{"name": n, "pages": c} for n, c in self.components],
                "pages": [{"position": p.position, "sha256": p.sha256, "kind": p.kind, "component": p.component,
                           "source_name": p.source_name, "blank": p.blank} for p in self.pages],
                "form_values": self.form_values, "form_sources": self.form_sources,
                "payments": list(self.payments), "uploads": [{"action": a, "state": st, "error": e}
                                                              for a, st, e in self.uploads],
                "forms": list(self.forms), "actions": list(self.actions), "results": list(self.results),
                "returned": self.returned}


#: action key → Vietnamese label (the GUI shows these with their keys; the CLI verbs use the same keys)
ACTION_LABELS = {
    "forward": "Chuyển xử lý",
    "resume": "Nhận bổ sung",
    "supplement": "Yêu cầu bổ sung (Mẫu 02)",
    "apologize": "Xin lỗi, hẹn lại (Mẫu 04)",
    "stop": "Dừng giải quyết",
    "withdraw": "Công dân rút hồ sơ",
    "result": "Nhận kết quả",
    "return": "Trả kết quả",
}


def allowed_actions(status: int, accepted: bool, apologised: bool, supplemented: bool) -> tuple[str, ...]:
    st = S(status)
    actions: list[str] = []
    if st is S.ACCEPTED:
        actions.append("forward")
    if st is S.SUPPLEMENT_REQUESTED:
        actions.append("resume")
    if st in (S.ACCEPTED, S.PROCESSING) and not supplemented:
        actions.append("supplement")
    if st in lifecycle.OPEN_STATUSES and accepted and not apologised:
        actions.append("apologize")
    if st in lifecycle.OPEN_STATUSES and accepted:
        actions += ["stop", "withdraw"]
    if st in (S.ACCEPTED, S.PROCESSING, S.STOPPED):
        actions.append("result")
    if st is S.RESULT_READY:
        actions.append("return")
    return tuple(actions)


def show(desk: Desk, who: Identity, code: str) -> DossierView:
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        d = find_dossier(session, code, selectinload(Dossier.history).selectinload(StatusChange.user),
                         selectinload(Dossier.pages), selectinload(Dossier.components), selectinload(Dossier.clerk))
        timeline = [TimelineEntry(h.at, h.note or S(h.to_status).label_vi, h.user.full_name if h.user else "",
                                  h.to_status) for h in d.history]
        notices = session.scalars(select(Notice).where(Notice.dossier_id == d.id).options(
            selectinload(Notice.issued_by))).all()
        kinds = {"supplement": "Phiếu yêu cầu bổ sung (Mẫu 02)", "refusal": "Phiếu từ chối (Mẫu 03)",
                 "stop": "Thông báo dừng giải quyết", "withdrawal": "Đơn rút hồ sơ"}
        for n in notices:
            items = "; ".join(i if isinstance(i, str) else (i.get("component") or i.get("requirement", ""))
                              for i in n.items)
            timeline.append(TimelineEntry(n.issued_at, f"{kinds.get(n.kind, n.kind)}: {items}", n.issued_by.full_name))
        delay = session.scalar(select(DelayNotice).where(DelayNotice.dossier_id == d.id))
        if delay is not None:
            timeline.append(TimelineEntry(delay.issued_at, f"Phiếu xin lỗi (Mẫu 04): hẹn lại {delay.new_due:%d/%m/%Y}"
                                          f" — {delay.reason}", delay.signer_name))
        for f in session.scalars(select(FormIssue).where(FormIssue.dossier_code == d.code)
                                 .order_by(FormIssue.id)):
            timeline.append(TimelineEntry(f.issued_at, f"In/xuất biểu mẫu «{f.kind}»", ""))
        timeline.sort(key=lambda t: t.at)
        components = {c.id: c.name for c in d.components}
        counts = {c.name: 0 for c in d.components}
        pages = []
        for p in d.pages:
            name = components.get(p.component_id, "")
            if name:
                counts[name] += 1
            pages.append(PageEntry(p.id, p.position, p.file_sha256, p.kind, name, p.source_name, p.blank))
        payments = tuple(
            f"Biên lai {p.receipt_number:07d}/{p.receipt_year}: {p.phi_amount + p.le_phi_amount:,} đ — "
            f"{ {'pending': 'chờ xác nhận', 'paid': 'đã thu', 'cancelled': 'đã hủy'}.get(p.state, p.state)} "
            f"({'tiền mặt' if p.method == 'cash' else 'chuyển khoản'})".replace(",", ".")
            for p in session.scalars(select(Payment).where(Payment.dossier_id == d.id).order_by(Payment.id)))
        uploads = tuple((o.action, o.state, o.last_error) for o in session.scalars(
            select(OutboxItem).where(OutboxItem.dossier_id == d.id).order_by(OutboxItem.id)))
        results = tuple("; ".join(r.documents) + (" (từ tỉnh)" if r.source == "province" else " (bản giấy)")
                        for r in session.scalars(select(ResultRecord).where(ResultRecord.dossier_id == d.id)))
        ret = session.scalar(select(ResultReturn).where(ResultReturn.dossier_id == d.id))
        returned = (f"{ret.returned_at:%H:%M %d/%m/%Y}: {ret.receiver_name}"
                    f"{' (được ủy quyền)' if ret.authorised else ''}") if ret else ""
        accepted = lifecycle.was_accepted(d)
        supplemented = any(n.kind == "supplement" and n.issued_at >= d.received_at for n in notices) and accepted
        forms = _printable_forms(d, notices, delay is not None, ret is not None, accepted)
        audit.record(session, user, "dossier.view", "dossier", d.code)
        return DossierView(
            _summary(d, "code"), d.applicant_address, d.applicant_phone, d.applicant_email, d.submitter_name,
            d.submitted_at, d.slip_received_at, d.slip_due_at, d.fee_amount, d.clerk.full_name, d.training,
            tuple(timeline), tuple(counts.items()), tuple(pages), dict(d.form_data or {}),
            dict(d.form_sources or {}), payments, uploads, forms,
            allowed_actions(d.status, accepted, delay is not None, supplemented), results, returned)


def _printable_forms(d: Dossier, notices, apologised: bool, returned: bool, accepted: bool) -> tuple[str, ...]:
    kinds = {n.kind for n in notices}
    forms = []
    if accepted:
        forms += ["receipt", "control-sheet"]
    if "supplement" in kinds:
        forms.append("supplement")
    if "refusal" in kinds:
        forms.append("refusal")
    if apologised:
        forms.append("apology")
    if "stop" in kinds:
        forms.append("stop")
    if "withdrawal" in kinds:
        forms.append("withdrawal")
    if d.fee_amount:
        forms.append("fee-receipt")
    if returned:
        forms.append("return-slip")
    return tuple(forms)


# --------------------------------------------------------------------------- overdue control


@dataclass(frozen=True)
class DueItem:
    code: str
    applicant: str
    procedure_name: str
    status: int
    due_at: datetime | None
    bucket: str  # overdue | due_today | due_soon | waiting_supplement
    advice: str


@dataclass
class DueReport:
    at: datetime
    overdue: list[DueItem] = field(default_factory=list)
    due_today: list[DueItem] = field(default_factory=list)
    due_soon: list[DueItem] = field(default_factory=list)
    waiting_supplement: list[DueItem] = field(default_factory=list)

    @property
    def urgent(self) -> int:
        """What the status bar warns about: overdue, due today, due within one working day."""
        return len(self.overdue) + len(self.due_today) + len(self.due_soon)

    def all(self) -> list[DueItem]:
        return self.overdue + self.due_today + self.due_soon + self.waiting_supplement


BUCKET_LABELS = {
    "overdue": "Quá hạn",
    "due_today": "Đến hạn hôm nay",
    "due_soon": "Đến hạn trong 01 ngày làm việc",
    "waiting_supplement": "Chờ công dân bổ sung",
}


def due_report(desk: Desk, who: Identity, at: datetime | None = None) -> DueReport:
    """Open dossiers by urgency, each with what to do about it (names shown: audited)."""
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        report = _due(session, desk, at or now_local())
    return report


@dataclass(frozen=True)
class DueCounts:
    overdue: int
    due_today: int
    due_soon: int
    waiting_supplement: int

    @property
    def urgent(self) -> int:
        return self.overdue + self.due_today + self.due_soon


def due_counts(desk: Desk, who: Identity, at: datetime | None = None) -> DueCounts:
    """How many dossiers are in each bucket, for the status bar: numbers only, so no audit row each refresh."""
    with transaction(desk.sessions) as session:
        authorize(session, who, Permission.VIEW_DOSSIERS)
        report = _due(session, desk, at or now_local())
    return DueCounts(len(report.overdue), len(report.due_today), len(report.due_soon),
                     len(report.waiting_supplement))


def _due(session: Session, desk: Desk, at: datetime) -> DueReport:
    clock = lifecycle.work_clock(desk)
    day = at.date()
    report = DueReport(at)
    apologised = set(session.scalars(select(DelayNotice.dossier_id)))
    horizon = clock.add_working_hours(at, desk.office_hours.hours_per_working_day)
    limit_at = max(horizon, datetime.combine(day, time.max))
    columns = (Dossier.id, Dossier.code, Dossier.applicant_name, Dossier.procedure_name, Dossier.status,
               Dossier.due_at)
    running = []
    # One range scan of the (status, due_at) index per status: an IN list would sort the whole table.
    for status in lifecycle.CLOCK_RUNNING:
        running += session.execute(select(*columns).where(
            Dossier.status == int(status), Dossier.due_at.is_not(None), Dossier.due_at <= limit_at)).all()
    running.sort(key=lambda d: d.due_at)
    for d in running:
        can_apologise = d.id not in apologised
        if d.due_at < at:
            advice = ("Quá hạn: lập phiếu xin lỗi (cần người giám sát duyệt) và đôn đốc cơ quan giải quyết"
                      if can_apologise else "Quá hạn sau khi đã hẹn lại: báo lãnh đạo, đôn đốc giải quyết")
            report.overdue.append(DueItem(d.code, d.applicant_name, d.procedure_name, d.status, d.due_at,
                                          "overdue", advice))
        elif d.due_at.date() == day:
            report.due_today.append(DueItem(d.code, d.applicant_name, d.procedure_name, d.status, d.due_at,
                                            "due_today", "Đến hạn hôm nay: đôn đốc cơ quan giải quyết, chuẩn bị "
                                            "trả kết quả"))
        else:
            advice = ("Sắp đến hạn: đôn đốc cơ quan giải quyết; nếu không kịp, lập phiếu xin lỗi ngay hôm nay"
                      if can_apologise else "Sắp đến hạn (đã hẹn lại một lần): đôn đốc cơ quan giải quyết")
            report.due_soon.append(DueItem(d.code, d.applicant_name, d.procedure_name, d.status, d.due_at,
                                           "due_soon", advice))
    waiting = session.execute(select(*columns, Dossier.received_at)
                              .where(Dossier.status == int(S.SUPPLEMENT_REQUESTED))).all()
    for d in sorted(waiting, key=lambda row: row.received_at):  # sorted here: keeps the status index
        report.waiting_supplement.append(DueItem(
            d.code, d.applicant_name, d.procedure_name, d.status, None, "waiting_supplement",
            "Chờ bổ sung: liên hệ công dân; khi nhận đủ giấy tờ, «Nhận bổ sung»"))
    return report
