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

from sqlalchemy import select

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


def compute_indicators(session, start: date, end: date) -> IndicatorReport:  # noqa: ANN001
    lo = datetime.combine(start, time.min)
    hi = datetime.combine(end + timedelta(days=1), time.min)
    received = session.execute(
        select(Dossier.id, Dossier.code, Dossier.channel, Dossier.procedure_code, Dossier.procedure_name,
               Dossier.form_sources)
        .where(Dossier.received_at >= lo, Dossier.received_at < hi,
               Dossier.id.in_(select(StatusChange.dossier_id).where(StatusChange.to_status == 2)))).all()
    received_ids = {r.id for r in received}
    code_of = {r.id: r.code for r in received}

    # Finished in the period: the first end step (7, 9, or 10 without a 9).
    ends: dict[int, datetime] = {}
    for dossier_id, to_status, at in session.execute(
            select(StatusChange.dossier_id, StatusChange.to_status, StatusChange.at)
            .where(StatusChange.to_status.in_((7, 9, 10))).order_by(StatusChange.at)):
        if dossier_id not in ends:
            ends[dossier_id] = at
    finished_ids = [i for i, at in ends.items() if lo <= at < hi]
    finished = {d.id: d for d in session.scalars(select(Dossier).where(Dossier.id.in_(finished_ids)))} \
        if finished_ids else {}
    early_or_on_time, late = [], []
    for dossier_id, d in finished.items():
        due = d.due_at
        if due is None or ends[dossier_id].date() <= due.date():
            early_or_on_time.append(d.code)
        else:
            late.append(d.code)
    apologies = {n.dossier_id: n for n in session.scalars(select(DelayNotice).where(
        DelayNotice.dossier_id.in_(finished_ids)))} if finished_ids else {}
    code_to_id = {d.code: i for i, d in finished.items()}
    late_apologised = [c for c in late if (n := apologies.get(code_to_id[c])) is not None
                       and n.issued_at <= n.original_due]

    by_channel: dict[int, int] = defaultdict(int)
    for r in received:
        by_channel[r.channel] += 1
    online = [r.code for r in received if r.channel == 2]
    online_base = sum(1 for r in received if r.channel in (1, 2))

    payments = session.execute(select(Payment.method, Payment.dossier_id).where(
        Payment.state == "paid", Payment.confirmed_at >= lo, Payment.confirmed_at < hi)).all()
    transfer_ids = [d for m, d in payments if m == "transfer"]
    payment_codes = dict(session.execute(select(Dossier.id, Dossier.code).where(Dossier.id.in_(transfer_ids))).all()) \
        if transfer_ids else {}

    with_pages = set(session.scalars(select(Page.dossier_id).where(
        Page.dossier_id.in_(received_ids), Page.kind == "intake").distinct())) if received_ids else set()
    e_results = set(session.scalars(select(ResultRecord.dossier_id).where(
        ResultRecord.dossier_id.in_(finished_ids),
        (ResultRecord.pdf_sha256 != "") | (ResultRecord.source == "province")).distinct())) if finished_ids else set()
    reused = [r.code for r in received if any(v in REUSE_SOURCES for v in (r.form_sources or {}).values())]
    synced = set(session.scalars(select(OutboxItem.dossier_id).where(
        OutboxItem.dossier_id.in_(received_ids), OutboxItem.action == "dossier.create",
        OutboxItem.state == "acknowledged"))) if received_ids else set()

    items = [
        Indicator("on_time", "Tỷ lệ hồ sơ giải quyết đúng hạn",
                  "(số hồ sơ kết thúc trước hạn + đúng hạn) / số hồ sơ kết thúc trong kỳ", len(early_or_on_time),
                  len(finished), sorted(early_or_on_time)),
        Indicator("late_apology", "Hồ sơ trễ hạn có thư xin lỗi gửi đúng thời hạn",
                  "số hồ sơ trễ hạn có Mẫu 04 ban hành trước hoặc đúng ngày hẹn cũ / số hồ sơ trễ hạn",
                  len(late_apologised), len(late), sorted(late_apologised)),
        Indicator("online", "Tỷ lệ hồ sơ tiếp nhận trực tuyến",
                  "hồ sơ kênh trực tuyến / (kênh trực tiếp + trực tuyến) tiếp nhận trong kỳ (không tính bưu chính)",
                  len(online), online_base, sorted(online)),
        Indicator("online_payment", "Tỷ lệ thanh toán trực tuyến",
                  "khoản thu xác nhận bằng chuyển khoản / khoản thu đã xác nhận trong kỳ", len(transfer_ids),
                  len(payments), sorted({payment_codes[i] for i in transfer_ids if i in payment_codes})),
        Indicator("digitised_input", "Tỷ lệ số hoá hồ sơ tiếp nhận",
                  "hồ sơ có ít nhất một trang quét lưu trữ / hồ sơ tiếp nhận trong kỳ", len(with_pages),
                  len(received), sorted(code_of[i] for i in with_pages)),
        Indicator("digitised_result", "Tỷ lệ số hoá kết quả",
                  "hồ sơ kết thúc có kết quả điện tử (bản quét PDF/A hoặc từ tỉnh) / hồ sơ kết thúc trong kỳ",
                  len(e_results), len(finished), sorted(finished[i].code for i in e_results)),
        Indicator("reuse", "Tỷ lệ tái sử dụng dữ liệu đã số hoá",
                  "hồ sơ có thông tin lấy lại từ kho dữ liệu công dân hoặc hồ sơ trước / hồ sơ tiếp nhận",
                  len(reused), len(received), sorted(reused)),
        Indicator("synced", "Tỷ lệ hồ sơ đồng bộ lên hệ thống của tỉnh",
                  "hồ sơ tiếp nhận trong kỳ đã được tỉnh xác nhận / hồ sơ tiếp nhận trong kỳ", len(synced),
                  len(received), sorted(code_of[i] for i in synced)),
    ]

    rows: dict[tuple[str, int], ProcedureRow] = {}
    for r in received:
        row = rows.setdefault((r.procedure_code, r.channel), ProcedureRow(r.procedure_code, r.procedure_name, r.channel))
        row.received += 1
    late_set = set(late)
    for d in finished.values():
        row = rows.setdefault((d.procedure_code, d.channel), ProcedureRow(d.procedure_code, d.procedure_name, d.channel))
        row.finished += 1
        if d.code in late_set:
            row.late += 1
        else:
            row.on_time += 1
    for d in session.scalars(select(Dossier).where(Dossier.id.in_(received_ids - set(ends)))) if received_ids else []:
        row = rows[(d.procedure_code, d.channel)]
        if d.status in (2, 4) and d.due_at is not None and d.due_at < hi:
            row.open_overdue += 1
        elif d.status in (2, 4):
            row.open_in_time += 1
    return IndicatorReport(start, end, items, dict(by_channel), sorted(rows.values(),
                                                                        key=lambda r: (r.procedure_code, r.channel)))


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
