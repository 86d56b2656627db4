"""The audit log as the supervisor and the administrator read it — Qt-free.

:func:`search_audit` answers «who read or changed which citizen's data»: rows of the hash-chained log
(:mod:`desk_app.security.audit`) filtered by user name, citizen (personal ID number), action (an exact
name or a family such as ``dossier`` / ``citizen.``) and period. The log itself never holds a personal ID or
a name (only dossier codes and citizen row ids), so the citizen filter first finds what the desk holds about
that person — citizen rows with that ID (or old CMND), dossiers whose applicant has it, their payments and
postal items — and then every row that names one of them (as the subject, or in its details: a search
that listed the dossier, a payment of it, a document reused into it).

For a data-protection request (Luật Bảo vệ dữ liệu cá nhân 2025: the data subject may ask what was processed
about them, by whom, when) :func:`write_csv`, :func:`write_xlsx` and :func:`write_pdf` export the result
with the filters, the time of the export and the chain head, so the copy can be checked against the log.

Permission ``VIEW_AUDIT`` (supervisor, admin). The viewing is itself an audit row (``audit.view``; the
citizen is named by row id only, never by ID number) written in the same transaction as the read.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import String, and_, cast, false, or_, select

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.storage.db import transaction
from desk_app.storage.forms_models import Payment
from desk_app.storage.identity_models import Citizen, DossierDocumentReuse
from desk_app.storage.models import AuditEntry, Dossier, User
from desk_app.text import nfc

__all__ = ["AuditFilter", "AuditRow", "AuditResult", "ACTION_FAMILIES", "action_label", "search_audit",
           "write_csv", "write_xlsx", "write_pdf", "export"]

#: At most this many rows are shown or exported at once (the count says when there were more).
ROW_LIMIT = 20_000

#: Families offered by the viewer's action filter (prefix → Vietnamese label).
ACTION_FAMILIES: dict[str, str] = {
    "": "Tất cả thao tác",
    "dossier.": "Hồ sơ (tiếp nhận, xem, tìm, chuyển trạng thái)",
    "citizen.": "Dữ liệu công dân (đọc, tìm, giấy tờ)",
    "payment.": "Thu phí, lệ phí",
    "postal.": "Bưu chính công ích",
    "form.": "In, xuất biểu mẫu",
    "login": "Đăng nhập, đăng xuất",
    "user.": "Tài khoản người dùng",
    "day.": "Đối soát, khóa sổ ngày",
    "report.": "Báo cáo, chỉ số",
    "audit.": "Xem nhật ký",
    "sync.": "Đồng bộ với tỉnh",
}

_LABELS: dict[str, str] = {
    "dossier.view": "Xem hồ sơ", "dossier.search": "Tìm hồ sơ", "dossier.list": "Xem danh sách hồ sơ trong ngày",
    "dossier.accept": "Tiếp nhận hồ sơ", "dossier.refuse": "Từ chối tiếp nhận", "dossier.incomplete": "Yêu cầu bổ sung tại quầy",
    "citizen.read": "Đọc dữ liệu công dân", "citizen.search": "Tìm công dân", "citizen.card": "Đọc thẻ CCCD",
    "citizen.documents": "Xem giấy tờ đã số hóa", "citizen.document_add": "Lưu giấy tờ đã số hóa",
    "citizen.document_reuse": "Tái sử dụng giấy tờ", "citizen.import": "Nạp dữ liệu công dân",
    "payment.open": "Lập khoản thu", "payment.confirm": "Xác nhận đã thu", "payment.cancel": "Hủy biên lai",
    "payment.method": "Đổi hình thức thu", "form.export": "Xuất biểu mẫu", "login": "Đăng nhập",
    "logout": "Đăng xuất", "login.failed": "Đăng nhập sai", "audit.view": "Xem nhật ký", "audit.export": "Xuất nhật ký",
    "user.create": "Tạo tài khoản", "user.disable": "Khóa tài khoản", "user.enable": "Mở lại tài khoản",
    "user.password_reset": "Đặt lại mật khẩu", "user.role": "Đổi vai trò", "day.close": "Khóa sổ ngày",
    "day.reopen": "Mở lại ngày", "book.close_year": "Khóa sổ theo dõi cả năm",
}


def action_label(action: str) -> str:
    """The Vietnamese name of an audit action (the action itself when it has none)."""
    return _LABELS.get(action, action)


class AuditQueryError(DeskError, ValueError):
    pass


@dataclass(frozen=True)
class AuditFilter:
    username: str = ""
    citizen_id: str = ""          # personal ID number (12 digits) or old CMND (9 digits)
    action: str = ""              # an exact action, or a family ending in "." (or "login")
    start: date | None = None
    end: date | None = None

    def describe(self) -> str:
        parts = []
        if self.username:
            parts.append(f"người dùng «{self.username}»")
        if self.citizen_id:
            parts.append(f"công dân số định danh {self.citizen_id}")
        if self.action:
            parts.append(f"thao tác «{ACTION_FAMILIES.get(self.action, action_label(self.action))}»")
        if self.start or self.end:
            parts.append(f"từ {self.start:%d/%m/%Y}" if self.start else "")
            parts.append(f"đến {self.end:%d/%m/%Y}" if self.end else "")
        return ", ".join(p for p in parts if p) or "toàn bộ nhật ký"


@dataclass(frozen=True)
class AuditRow:
    seq: int | None
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: str
    details: dict[str, Any]
    concerns: str = ""            # for a citizen filter: the dossier code / citizen record the row names

    @property
    def label(self) -> str:
        return action_label(self.action)

    @property
    def details_text(self) -> str:
        return json.dumps(self.details, ensure_ascii=False, sort_keys=True) if self.details else ""

    def as_json(self) -> dict:
        return {"seq": self.seq, "at": self.at.isoformat(timespec="seconds"), "user": self.username,
                "action": self.action, "label": self.label, "entity": self.entity, "entity_id": self.entity_id,
                "details": self.details, "concerns": self.concerns}


@dataclass
class AuditResult:
    filter: AuditFilter
    rows: list[AuditRow]
    truncated: bool
    generated_at: datetime
    generated_by: str
    chain_count: int
    chain_hash: str
    citizen_dossiers: list[str] = field(default_factory=list)   # what the desk holds about the citizen

    def as_json(self) -> dict:
        return {"filter": self.filter.describe(), "generated_at": self.generated_at.isoformat(timespec="seconds"),
                "generated_by": self.generated_by, "chain_head": {"count": self.chain_count, "hash": self.chain_hash},
                "truncated": self.truncated, "citizen_dossiers": self.citizen_dossiers,
                "rows": [r.as_json() for r in self.rows]}


def _normalise_id(text: str) -> str:
    digits = "".join(ch for ch in nfc(text or "") if not ch.isspace())
    if digits and (not digits.isdigit() or len(digits) not in (9, 12)):
        raise AuditQueryError("Số định danh cá nhân phải gồm 12 chữ số (hoặc 9 chữ số của CMND cũ).")
    return digits


def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else []


class _Subjects:
    """What the desk holds about one citizen, and whether an audit row names any of it."""

    def __init__(self, session, id_number: str) -> None:  # noqa: ANN001
        self.citizens = {str(i) for i in session.scalars(select(Citizen.id).where(
            or_(Citizen.id_number == id_number, Citizen.old_id == id_number)))}
        rows = session.execute(select(Dossier.id, Dossier.code).where(Dossier.applicant_id_number == id_number)).all()
        self.dossier_ids = {i for i, _ in rows}
        self.codes = {c for _, c in rows}
        self.payments = {str(i) for i in session.scalars(select(Payment.id).where(
            Payment.dossier_id.in_(self.dossier_ids)))} if self.dossier_ids else set()
        self.postal: set[str] = set()
        try:
            from desk_app.storage.postal_models import PostalItem

            if self.dossier_ids:
                self.postal = set(session.scalars(select(PostalItem.s10).where(
                    PostalItem.dossier_id.in_(self.dossier_ids))))
        except ImportError:  # pragma: no cover - the postal area is part of the app
            pass
        if self.citizens:   # dossiers a document of this citizen was reused into
            from desk_app.storage.identity_models import CitizenDocument

            self.reuse_dossiers = set(session.scalars(
                select(DossierDocumentReuse.dossier_id).join(CitizenDocument, CitizenDocument.id
                                                             == DossierDocumentReuse.document_id)
                .where(CitizenDocument.citizen_id.in_([int(c) for c in self.citizens]))))
        else:
            self.reuse_dossiers = set()

    def where(self):  # noqa: ANN201
        """A coarse SQL filter (cheap, may over-select); :meth:`concerns` decides."""
        text = cast(AuditEntry.details, String)
        terms = [AuditEntry.entity_id.in_(self.codes | self.postal)] if (self.codes or self.postal) else []
        terms += [text.like(f'%"{code}"%') for code in sorted(self.codes)]
        if self.citizens:
            terms.append(AuditEntry.entity == "citizen")
        if self.payments:
            terms.append(and_(AuditEntry.entity == "payment", AuditEntry.entity_id.in_(self.payments)))
        return or_(*terms) if terms else false()

    def concerns(self, row: AuditEntry) -> str:
        details = row.details or {}
        if row.entity == "citizen":
            ids = {i for i in (row.entity_id or "").split(",") if i}
            ids |= {str(i) for i in _as_list(details.get("citizens"))}
            hit = ids & self.citizens
            if hit:
                return "công dân #" + ",".join(sorted(hit))
            if details.get("dossier_id") in self.dossier_ids:
                return "hồ sơ tái sử dụng giấy tờ"
        if row.entity_id in self.codes:
            return row.entity_id
        if row.entity == "payment" and row.entity_id in self.payments:
            return f"{details.get('dossier', '')} (biên lai)".strip()
        if row.entity == "postal_item" and row.entity_id in self.postal:
            return f"bưu gửi {row.entity_id}"
        for key in ("dossier", "code"):
            if details.get(key) in self.codes:
                return details[key]
        listed = set(_as_list(details.get("codes"))) & self.codes
        if listed:
            return ", ".join(sorted(listed))
        return ""


def search_audit(desk: Desk, who: Identity, filters: AuditFilter, *, limit: int = ROW_LIMIT,
                 purpose: str = "view") -> AuditResult:
    """The audit rows matching *filters*, newest first (VIEW_AUDIT); the reading itself is audited."""
    if filters.start and filters.end and filters.end < filters.start:
        raise AuditQueryError("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
    id_number = _normalise_id(filters.citizen_id)
    filters = AuditFilter(nfc(filters.username or "").strip().lower(), id_number, (filters.action or "").strip(),
                          filters.start, filters.end)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.VIEW_AUDIT)
        query = select(AuditEntry).where(AuditEntry.seq.is_not(None))
        if filters.username:
            query = query.where(AuditEntry.username == filters.username)
        if filters.action:
            if filters.action.endswith(".") or filters.action == "login":
                family = filters.action.rstrip(".")
                query = query.where(or_(AuditEntry.action == family, AuditEntry.action.like(family + ".%"),
                                        AuditEntry.action == "logout" if family == "login" else false()))
            else:
                query = query.where(AuditEntry.action == filters.action)
        if filters.start:
            query = query.where(AuditEntry.at >= datetime.combine(filters.start, time.min))
        if filters.end:
            query = query.where(AuditEntry.at < datetime.combine(filters.end + timedelta(days=1), time.min))
        subjects = _Subjects(session, id_number) if id_number else None
        if subjects is not None:
            query = query.where(subjects.where())
        rows: list[AuditRow] = []
        truncated = False
        for entry in session.scalars(query.order_by(AuditEntry.seq.desc()).execution_options(yield_per=2000)):
            concerns = subjects.concerns(entry) if subjects is not None else ""
            if subjects is not None and not concerns:
                continue
            if len(rows) >= limit:
                truncated = True
                break
            rows.append(AuditRow(entry.seq, entry.at, entry.username, entry.action, entry.entity, entry.entity_id,
                                 dict(entry.details or {}), concerns))
        head = audit.chain_head(session)
        citizen_rows = sorted(subjects.citizens) if subjects else []
        audit.record(session, user, "audit.export" if purpose == "export" else "audit.view", "citizen"
                     if subjects else "audit", ",".join(citizen_rows)[:100],
                     user_filter=filters.username, action_filter=filters.action,
                     start=filters.start.isoformat() if filters.start else None,
                     end=filters.end.isoformat() if filters.end else None,
                     by_citizen=subjects is not None, results=len(rows))
        name = user.full_name or user.username
    return AuditResult(filters, rows, truncated, now_local().replace(tzinfo=None), name,
                       head.count if head else 0, head.last_hash if head else "",
                       sorted(subjects.codes) if subjects else [])


def user_names(desk: Desk, who: Identity) -> list[str]:
    """Every account's user name, for the viewer's user filter (VIEW_AUDIT)."""
    with transaction(desk.sessions) as session:
        authorize(session, who, Permission.VIEW_AUDIT)
        return list(session.scalars(select(User.username).order_by(User.username)))


# --------------------------------------------------------------------------- exports

HEADER = ["Số thứ tự nhật ký", "Thời điểm", "Người dùng", "Thao tác", "Mã thao tác", "Đối tượng", "Mã đối tượng",
          "Liên quan đến", "Chi tiết"]


def _table(result: AuditResult) -> list[list[Any]]:
    return [[r.seq, r.at.strftime("%d/%m/%Y %H:%M:%S"), r.username, r.label, r.action, r.entity, r.entity_id,
             r.concerns, r.details_text] for r in result.rows]


def _preamble(result: AuditResult) -> list[str]:
    lines = ["Trích xuất nhật ký xử lý dữ liệu cá nhân",
             f"Điều kiện lọc: {result.filter.describe()}",
             f"Trích xuất lúc {result.generated_at:%d/%m/%Y %H:%M} bởi {result.generated_by}",
             f"Đầu chuỗi nhật ký: {result.chain_count} dòng, mã băm {result.chain_hash}",
             f"Số dòng: {len(result.rows)}" + (" (đã cắt bớt, hãy thu hẹp điều kiện lọc)" if result.truncated else "")]
    if result.filter.citizen_id:
        lines.insert(2, "Hồ sơ của công dân tại quầy: " + (", ".join(result.citizen_dossiers) or "không có"))
    return lines


def write_csv(result: AuditResult, path: Path) -> Path:
    from scanning.durable import atomic_write_bytes

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in _preamble(result):
        writer.writerow([line])
    writer.writerow([])
    writer.writerow(HEADER)
    writer.writerows(_table(result))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, ("\ufeff" + buffer.getvalue()).encode("utf-8"))   # BOM: Excel reads UTF-8
    return path


def write_xlsx(result: AuditResult, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from scanning.durable import atomic_write_bytes

    book = Workbook()
    sheet = book.active
    sheet.title = "Nhật ký"
    for line in _preamble(result):
        sheet.append([line])
    sheet["A1"].font = Font(bold=True)
    sheet.append([])
    sheet.append(HEADER)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in _table(result):
        sheet.append(row)
    for column, width in zip("ABCDEFGHI", (10, 20, 16, 32, 22, 14, 24, 26, 80)):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def render_pdf(desk: Desk, result: AuditResult) -> bytes:
    """The extract as an A4 landscape PDF (reportlab, the app's Vietnamese fonts)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from desk_app.documents.common import esc
    from desk_app.documents.fonts import SERIF, SERIF_BOLD, register_fonts

    register_fonts()
    body = ParagraphStyle("audit-body", fontName=SERIF, fontSize=9.5, leading=12)
    small = ParagraphStyle("audit-small", fontName=SERIF, fontSize=7.5, leading=9)
    title = ParagraphStyle("audit-title", fontName=SERIF_BOLD, fontSize=13, leading=16, alignment=1)
    s = desk.settings
    story = [Paragraph(esc((s.agency_name or "").upper()), body), Paragraph(esc(s.desk_name or ""), body),
             Spacer(1, 3 * mm), Paragraph(esc(_preamble(result)[0].upper()), title), Spacer(1, 3 * mm)]
    story += [Paragraph(esc(line), body) for line in _preamble(result)[1:]]
    story.append(Spacer(1, 3 * mm))
    data = [[Paragraph(esc(h), small) for h in ("STT", "Thời điểm", "Người dùng", "Thao tác", "Đối tượng",
                                                 "Liên quan đến", "Chi tiết")]]
    for r in result.rows:
        data.append([Paragraph(esc(str(v)), small) for v in (
            r.seq, r.at.strftime("%d/%m/%Y %H:%M:%S"), r.username, f"{r.label} ({r.action})",
            f"{r.entity} {r.entity_id}".strip(), r.concerns, r.details_text[:300])])
    table = Table(data, colWidths=[14 * mm, 30 * mm, 26 * mm, 50 * mm, 40 * mm, 36 * mm, 71 * mm], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(table)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
                      bottomMargin=12 * mm, title="Trích xuất nhật ký", invariant=True).build(story)
    return buffer.getvalue()


def write_pdf(desk: Desk, result: AuditResult, path: Path) -> Path:
    from scanning.durable import atomic_write_bytes

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, render_pdf(desk, result))
    return path


def export(desk: Desk, who: Identity, filters: AuditFilter, path: Path) -> tuple[Path, AuditResult]:
    """Search (audited as ``audit.export``) and write the extract; the format follows the file's extension
    (.csv, .xlsx or .pdf)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".pdf"):
        raise AuditQueryError("Tệp xuất phải có đuôi .csv, .xlsx hoặc .pdf.")
    result = search_audit(desk, who, filters, purpose="export")
    if suffix == ".csv":
        return write_csv(result, path), result
    if suffix == ".xlsx":
        return write_xlsx(result, path), result
    return write_pdf(desk, result, path), result
