"""QĐ 766/QĐ-TTg indicators of the office for a period, and the monthly report (.xlsx) — Qt-free.

Each :class:`Indicator` carries its numerator, denominator, the formula in words (Vietnamese, shown next to
the figure) and the dossier codes behind the numerator, so the supervisor can open them. Definitions follow
DOMAIN.md §11 (the vendor's QĐ 766 builders):

- received in the period: dossiers accepted (a status-2 step) with ``received_at`` in the period, by channel;
- finished: first step to 7 (withdrawn) or 9 (result ready) — or 10 without a 9 — dated in the period;
  early = end date before the due date, on time = the same date, late = after;
- on-time rate = (early + on time) / finished; late with an apology issued in time = late dossiers whose
  Mẫu 04 was issued on or before the original due date;
- online share = channel 2 / (channel 1 + channel 2) of received (postal excluded, as the vendor does);
- online-payment share = payments confirmed by bank transfer / payments confirmed in the period;
- digitisation of inputs = received with at least one archived intake page / received; of results =
  finished with an electronic result (paper result scanned to PDF/A, or from the province) / finished;
- reuse = received with at least one value reused from the citizen registry or an earlier dossier / received;
- sync rate = received whose ``dossier.create`` upload the province acknowledged / received.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import String, cast, func, or_, select

from desk_app.desk import Desk
from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.storage.db import transaction
from desk_app.storage.forms_models import DelayNotice, Payment
from desk_app.storage.models import Dossier, OutboxItem, Page, ResultRecord, StatusChange

__all__ = ["Indicator", "IndicatorReport", "compute_indicators", "indicators", "write_monthly_xlsx"]

REUSE_SOURCES = frozenset({"registry", "previous_dossier", "reuse", "province"})
CHANNEL_NAMES = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Bưu chính công ích"}


class IndicatorError(DeskError, ValueError):
    pass


@dataclass
class Indicator:
    key: str
    label: str
    formula: str
    numerator: int
    denominator: int
    codes: list[str] = field(default_factory=list)   # the dossiers behind the numerator

    @property
    def rate(self) -> float | None:
        return None if self.denominator == 0 else 100.0 * self.numerator / self.denominator

    def as_json(self) -> dict:
        return {"key": self.key, "label": self.label, "formula": self.formula, "numerator": self.numerator,
                "denominator": self.denominator, "rate": None if self.rate is None else round(self.rate, 2),
                "codes": self.codes}


@dataclass
class ProcedureRow:
    procedure_code: str
    procedure_name: str
    channel: int
    received: int = 0
    finished: int = 0
    on_time: int = 0
    late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0


@dataclass
class IndicatorReport:
    start: date
    end: date
    indicators: list[Indicator]
    by_channel: dict[int, int]
    rows: list[ProcedureRow]

    def get(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)

    def as_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "by_channel": {str(k): v for k, v in self.by_channel.items()},
                "indicators": [i.as_json() for i in self.indicators],
                "procedures": [r.__dict__ for r in self.rows]}


def indicators(desk: Desk, who: Identity, start: date, end: date) -> IndicatorReport:
    """The indicators of [start, end] for the signed-in supervisor (RECONCILE), audited (period only)."""
    if end < start:
        raise IndicatorError("Ngày kết thúc kỳ phải sau hoặc bằng ngày bắt đầu.")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECONCILE)
        report = compute_indicators(session, start, end)
        audit.record(session, user, "report.indicators", "period", f"{start.isoformat()}..{end.isoformat()}")
    return report


#: At most this many dossier codes are listed behind each figure (the counts are always complete).
CODES_LIMIT = 1000


def compute_indicators(session, start: date, end: date) -> IndicatorReport:  # noqa: ANN001
    """Two row queries (received, finished) with their flags as correlated EXISTS on indexed columns, then
    counted in Python: a year of 60,000 dossiers in under 2 s. Codes are listed up to CODES_LIMIT."""
    lo = datetime.combine(start, time.min)
    hi = datetime.combine(end + timedelta(days=1), time.min)
    accepted = select(StatusChange.id).where(StatusChange.dossier_id == Dossier.id,
                                             StatusChange.to_status == 2).exists()
    ended = select(StatusChange.id).where(StatusChange.dossier_id == Dossier.id,
                                          StatusChange.to_status.in_((7, 9, 10))).exists()
    has_pages = select(Page.id).where(Page.dossier_id == Dossier.id, Page.kind == "intake").exists()
    synced = select(OutboxItem.id).where(OutboxItem.dossier_id == Dossier.id, OutboxItem.action == "dossier.create",
                                         OutboxItem.state == "acknowledged").exists()
    text_sources = cast(Dossier.form_sources, String)
    maybe_reused = or_(*[text_sources.like(f'%"{v}"%') for v in sorted(REUSE_SOURCES)])
    received = session.execute(
        select(Dossier.code, Dossier.channel, Dossier.procedure_code, Dossier.procedure_name, Dossier.status,
               func.date(Dossier.due_at), ended, has_pages, synced)
        .where(Dossier.received_at >= lo, Dossier.received_at < hi, accepted)).all()
    reuse_check = {code for code, sources in session.execute(
        select(Dossier.code, Dossier.form_sources).where(Dossier.received_at >= lo, Dossier.received_at < hi,
                                                        accepted, maybe_reused))
        if any(v in REUSE_SOURCES for v in (sources or {}).values())}

    # The first end step (7, 9, or 10 without a 9) of every dossier, one aggregate in the database.
    ends = (select(StatusChange.dossier_id.label("dossier_id"), func.min(StatusChange.at).label("end_at"))
            .where(StatusChange.to_status.in_((7, 9, 10)), StatusChange.at < hi)
            .group_by(StatusChange.dossier_id).having(func.min(StatusChange.at) >= lo).subquery())
    e_result = select(ResultRecord.id).where(ResultRecord.dossier_id == Dossier.id, (ResultRecord.pdf_sha256 != "")
                                             | (ResultRecord.source == "province")).exists()
    apologised = select(DelayNotice.id).where(DelayNotice.dossier_id == Dossier.id,
                                              DelayNotice.issued_at <= DelayNotice.original_due).exists()
    finished = session.execute(
        select(Dossier.code, Dossier.channel, Dossier.procedure_code, Dossier.procedure_name,
               func.date(ends.c.end_at), func.date(Dossier.due_at), e_result, apologised)
        .join(ends, ends.c.dossier_id == Dossier.id)).all()
    paid = session.execute(select(Dossier.code, Payment.method).join(Payment, Payment.dossier_id == Dossier.id)
                           .where(Payment.state == "paid", Payment.confirmed_at >= lo,
                                  Payment.confirmed_at < hi)).all()

    hi_day = hi.date().isoformat()
    by_channel: dict[int, int] = defaultdict(int)
    rows: dict[tuple[str, int], ProcedureRow] = {}
    online, pages_codes, synced_codes = [], [], []
    for code, channel, procedure, name, status, due, is_ended, pages, is_synced in received:
        by_channel[channel] += 1
        row = rows.setdefault((procedure, channel), ProcedureRow(procedure, name, channel))
        row.received += 1
        if status in (2, 4) and not is_ended:
            if due is not None and str(due) < hi_day:
                row.open_overdue += 1
            else:
                row.open_in_time += 1
        if channel == 2:
            online.append(code)
        if pages:
            pages_codes.append(code)
        if is_synced:
            synced_codes.append(code)
    online_base = by_channel.get(1, 0) + by_channel.get(2, 0)
    good, late, apologies, results = [], [], [], []
    for code, channel, procedure, name, end_day, due, has_result, apology in finished:
        row = rows.setdefault((procedure, channel), ProcedureRow(procedure, name, channel))
        row.finished += 1
        if due is None or str(end_day) <= str(due):
            good.append(code)
            row.on_time += 1
        else:
            late.append(code)
            row.late += 1
            if apology:
                apologies.append(code)
        if has_result:
            results.append(code)
    transfers = [code for code, method in paid if method == "transfer"]

    def listed(codes: list[str]) -> list[str]:
        return sorted(codes)[:CODES_LIMIT]

    n_received, n_finished = len(received), len(finished)
    items = [
        Indicator("on_time", "Tỷ lệ hồ sơ giải quyết đúng hạn",
                  "(số hồ sơ kết thúc trước hạn + đúng hạn) / số hồ sơ kết thúc trong kỳ", len(good), n_finished,
                  listed(good)),
        Indicator("late_apology", "Hồ sơ trễ hạn có thư xin lỗi gửi đúng thời hạn",
                  "số hồ sơ trễ hạn có Mẫu 04 ban hành trước hoặc đúng ngày hẹn cũ / số hồ sơ trễ hạn",
                  len(apologies), len(late), listed(apologies)),
        Indicator("online", "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
                  "hồ sơ kênh trực tuyến / (kênh trực tiếp + trực tuyến) tiếp nhận trong kỳ (không tính bưu chính)",
                  len(online), online_base, listed(online)),
        Indicator("online_payment", "Tỷ lệ thanh toán trực tuyến",
                  "khoản thu xác nhận bằng chuyển khoản / khoản thu đã xác nhận trong kỳ", len(transfers), len(paid),
                  listed(transfers)),
        Indicator("digitised_input", "Tỷ lệ số hoá hồ sơ tiếp nhận",
                  "hồ sơ có ít nhất một trang quét lưu trữ / hồ sơ tiếp nhận trong kỳ", len(pages_codes), n_received,
                  listed(pages_codes)),
        Indicator("digitised_result", "Tỷ lệ số hoá kết quả",
                  "hồ sơ kết thúc có kết quả điện tử (bản quét PDF/A hoặc từ tỉnh) / hồ sơ kết thúc trong kỳ",
                  len(results), n_finished, listed(results)),
        Indicator("reuse", "Tỷ lệ tái sử dụng dữ liệu đã số hoá",
                  "hồ sơ có thông tin lấy lại từ kho dữ liệu công dân hoặc hồ sơ trước / hồ sơ tiếp nhận",
                  len(reuse_check), n_received, listed(list(reuse_check))),
        Indicator("synced", "Tỷ lệ hồ sơ đồng bộ lên hệ thống của tỉnh",
                  "hồ sơ tiếp nhận trong kỳ đã được tỉnh xác nhận / hồ sơ tiếp nhận trong kỳ", len(synced_codes),
                  n_received, listed(synced_codes)),
    ]
    return IndicatorReport(start, end, items, dict(by_channel),
                           sorted(rows.values(), key=lambda r: (r.procedure_code, r.channel)))


def write_monthly_xlsx(report: IndicatorReport, path: Path) -> Path:
    """The period's report as a spreadsheet: dossiers by procedure and channel, then the indicators."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from scanning.durable import atomic_write_bytes

    book = Workbook()
    sheet = book.active
    sheet.title = "Theo thủ tục"
    sheet.append([f"Báo cáo tình hình giải quyết hồ sơ từ {report.start:%d/%m/%Y} đến {report.end:%d/%m/%Y}"])
    sheet["A1"].font = Font(bold=True)
    header = ["Mã thủ tục", "Tên thủ tục", "Kênh", "Tiếp nhận", "Đã giải quyết", "Đúng hạn", "Trễ hạn",
              "Đang giải quyết trong hạn", "Đang giải quyết quá hạn"]
    sheet.append(header)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for r in report.rows:
        sheet.append([r.procedure_code, r.procedure_name, CHANNEL_NAMES.get(r.channel, str(r.channel)), r.received,
                      r.finished, r.on_time, r.late, r.open_in_time, r.open_overdue])
    last = sheet.max_row
    sheet.append(["Tổng", "", ""] + [f"=SUM({col}3:{col}{last})" for col in "DEFGHI"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["B"].width = 60
    ind = book.create_sheet("Chỉ số QĐ 766")
    ind.append(["Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ (%)", "Cách tính"])
    for cell in ind[1]:
        cell.font = Font(bold=True)
    for i in report.indicators:
        row = ind.max_row + 1
        ind.append([i.label, i.numerator, i.denominator, f"=IF(C{row}=0,\"\",ROUND(100*B{row}/C{row},2))", i.formula])
    ind.column_dimensions["A"].width = 50
    ind.column_dimensions["E"].width = 90
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, buffer.getvalue())
    return path
