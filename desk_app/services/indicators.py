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
- reuse = received with at least one value reused from the citizen registry or an earlier dossier, or a
  digitised document reused as a component (``dossier_document_reuse``) / received;
- sync rate = received whose ``dossier.create`` upload the province acknowledged / received.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

import heapq
import json

from sqlalchemy import String, case, cast, func, literal_column, or_, select, union_all

from desk_app.desk import Desk
from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.storage.db import transaction
from desk_app.storage.forms_models import DelayNotice, Payment
from desk_app.storage.identity_models import DossierDocumentReuse
from desk_app.storage.models import Dossier, OutboxItem, Page, ResultRecord, StatusChange

__all__ = ["Indicator", "IndicatorReport", "compute_indicators", "indicators", "write_monthly_xlsx", "write_report"]

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


_REUSE_MARKS = tuple(f'": "{v}"' for v in sorted(REUSE_SOURCES))


def _reused(sources) -> bool:  # noqa: ANN001
    """Whether a dossier's ``form_sources`` (JSON text) names a value reused from the registry or a dossier."""
    if isinstance(sources, str) and any(mark in sources for mark in _REUSE_MARKS):
        return True   # a value (after ": ") naming a reuse source: no need to parse
    try:
        values = json.loads(sources) if isinstance(sources, str) else sources
    except ValueError:
        return False
    return isinstance(values, dict) and any(v in REUSE_SOURCES for v in values.values())


#: At most this many dossier codes are listed behind each figure (the counts are always complete).
CODES_LIMIT = 1000


def _id_set(conn, column, *where, from_=None) -> set[int]:  # noqa: ANN001
    """The distinct integer values of *column* under *where* (from the join *from_*, if given), fetched as one
    text row (``group_concat`` / ``string_agg``): tens of thousands of ids without a Python row object each."""
    if conn.dialect.name == "postgresql":
        joined = func.string_agg(cast(column, String), literal_column("','"))
    else:
        joined = func.group_concat(column, ",")
    statement = select(joined).where(*where)
    if from_ is not None:
        statement = statement.select_from(from_)
    text = conn.execute(statement).scalar()
    return {int(x) for x in text.split(",")} if text else set()


def compute_indicators(session, start: date, end: date) -> IndicatorReport:  # noqa: ANN001
    """The indicators of [start, end] read with *session* (no permission check: :func:`indicators` does it).

    On SQLite the database file is memory-mapped for the duration of the read (``PRAGMA mmap_size``, 256 MB,
    set back afterwards): a year's tables are read several times, and mapped pages save a copy each time."""
    conn = session.connection()
    mapped = conn.dialect.name == "sqlite"
    if mapped:
        conn.exec_driver_sql("PRAGMA mmap_size = 268435456")
    try:
        return _compute(session, start, end)
    finally:
        if mapped:
            conn.exec_driver_sql("PRAGMA mmap_size = 0")


def _compute(session, start: date, end: date) -> IndicatorReport:  # noqa: ANN001
    """A handful of set queries on indexed columns (no correlated subquery per dossier), counted in Python:
    a year of 60,000 dossiers in about a second (benchmarks/indicators_benchmark.py). The first end step of
    a dossier comes from ``ix_status_changes_to_status_at`` (to_status, at, dossier_id), one equality per end
    status, grouped in the database. Dates come back as text (``date()``), ids as one joined text per set.
    Codes are listed up to CODES_LIMIT."""
    lo = datetime.combine(start, time.min)
    hi = datetime.combine(end + timedelta(days=1), time.min)
    conn = session.connection()   # Core rows: no ORM loading for tens of thousands of tuples
    d, sc, pg, ob = Dossier.__table__, StatusChange.__table__, Page.__table__, OutboxItem.__table__
    reuse_t = DossierDocumentReuse.__table__
    in_period = select(d.c.id).where(d.c.received_at >= lo, d.c.received_at < hi).scalar_subquery()

    period = (d.c.received_at >= lo, d.c.received_at < hi)
    accepted = _id_set(conn, sc.c.dossier_id, sc.c.dossier_id.in_(in_period), sc.c.to_status == 2)
    with_pages = _id_set(conn, pg.c.dossier_id, *period, pg.c.kind == "intake",
                         from_=d.join(pg, pg.c.dossier_id == d.c.id))
    synced = _id_set(conn, ob.c.dossier_id, *period, ob.c.action == "dossier.create", ob.c.state == "acknowledged",
                     from_=d.join(ob, ob.c.dossier_id == d.c.id))
    # Few rows each: joined to the dossiers of the period rather than tested against all of them.
    reused_docs = set(conn.execute(select(reuse_t.c.dossier_id).join(d, d.c.id == reuse_t.c.dossier_id).where(
        reuse_t.c.duoc_tai_su_dung > 0, d.c.received_at >= lo, d.c.received_at < hi)).scalars())
    text_sources = cast(d.c.form_sources, String)
    maybe_reused = or_(*[text_sources.like(f'%"{v}"%') for v in sorted(REUSE_SOURCES)])
    # A long period reads most of the table: a plain scan beats visiting the rows in received_at order (the
    # expression keeps the planner off that index); a short one uses the index.
    received_at = func.coalesce(d.c.received_at, d.c.received_at) if (end - start).days > 120 else d.c.received_at
    received = [r for r in conn.execute(
        select(d.c.id, d.c.code, d.c.channel, d.c.procedure_code, d.c.procedure_name, d.c.status,
               func.date(d.c.due_at), case((maybe_reused, text_sources), else_=None))
        .where(received_at >= lo, received_at < hi)).all() if r[0] in accepted]   # fetchall: no per-row call
    # Of the dossiers still in status 2 or 4, those that ended anyway (a later step back): few, asked by id.
    still_open = sorted(r[0] for r in received if r[5] in (2, 4))
    ended: set[int] = set()
    for chunk in range(0, len(still_open), 500):
        ended |= _id_set(conn, sc.c.dossier_id, sc.c.dossier_id.in_(still_open[chunk:chunk + 500]),
                         (sc.c.to_status + 0).in_((7, 9, 10)))

    # The first end step (7, 9, or 10 without a 9) of every dossier, when it falls in the period; the
    # dossiers' own columns come from the received rows, fetched only for those received earlier.
    end_steps = union_all(*[select(sc.c.dossier_id, sc.c.at).where(sc.c.to_status == status, sc.c.at < hi)
                            for status in (7, 9, 10)]).subquery()
    ends = dict(conn.execute(select(end_steps.c.dossier_id, func.date(func.min(end_steps.c.at)))
                             .group_by(end_steps.c.dossier_id).having(func.min(end_steps.c.at) >= lo)).all())
    ends_in_period = union_all(*[select(sc.c.dossier_id).where(sc.c.to_status == status, sc.c.at >= lo,
                                                               sc.c.at < hi) for status in (7, 9, 10)])
    rr, dn = ResultRecord.__table__, DelayNotice.__table__
    e_results = _id_set(conn, rr.c.dossier_id, rr.c.dossier_id.in_(ends_in_period),
                        (rr.c.pdf_sha256 != "") | (rr.c.source == "province"))
    apologised_ids = _id_set(conn, dn.c.dossier_id, dn.c.dossier_id.in_(ends_in_period),
                             dn.c.issued_at <= dn.c.original_due)
    pm = Payment.__table__
    paid = conn.execute(select(d.c.code, pm.c.method).join(pm, pm.c.dossier_id == d.c.id)
                        .where(pm.c.state == "paid", pm.c.confirmed_at >= lo, pm.c.confirmed_at < hi)).all()

    # One pass over the received rows (the finished ones among them counted on the way), then the dossiers
    # that ended in the period but were received earlier, fetched by id.
    hi_day = hi.date().isoformat()
    by_channel: dict[int, int] = defaultdict(int)
    rows: dict[tuple[str, int], ProcedureRow] = {}
    online, pages_codes, synced_codes, reused_codes = [], [], [], []
    good, late, apologies, results = [], [], [], []

    def finish(row: ProcedureRow, dossier_id: int, code: str, end_day, due) -> None:  # noqa: ANN001
        row.finished += 1
        if due is None or str(end_day) <= str(due):
            good.append(code)
            row.on_time += 1
        else:
            late.append(code)
            row.late += 1
            if dossier_id in apologised_ids:
                apologies.append(code)
        if dossier_id in e_results:
            results.append(code)

    counted: set[int] = set()
    for dossier_id, code, channel, procedure, name, status, due, sources in received:
        by_channel[channel] += 1
        row = rows.get((procedure, channel))
        if row is None:
            row = rows[(procedure, channel)] = ProcedureRow(procedure, name, channel)
        row.received += 1
        if status in (2, 4) and dossier_id not in ended:
            if due is not None and str(due) < hi_day:
                row.open_overdue += 1
            else:
                row.open_in_time += 1
        if channel == 2:
            online.append(code)
        if dossier_id in with_pages:
            pages_codes.append(code)
        if dossier_id in synced:
            synced_codes.append(code)
        if dossier_id in reused_docs or (sources and _reused(sources)):
            reused_codes.append(code)
        end_day = ends.get(dossier_id)
        if end_day is not None:
            finish(row, dossier_id, code, end_day, due)
            counted.add(dossier_id)
    online_base = by_channel.get(1, 0) + by_channel.get(2, 0)
    earlier = sorted(ends.keys() - counted)
    for chunk in range(0, len(earlier), 500):
        for dossier_id, code, channel, procedure, name, due in conn.execute(
                select(d.c.id, d.c.code, d.c.channel, d.c.procedure_code, d.c.procedure_name, func.date(d.c.due_at))
                .where(d.c.id.in_(earlier[chunk:chunk + 500]))):
            row = rows.setdefault((procedure, channel), ProcedureRow(procedure, name, channel))
            finish(row, dossier_id, code, ends[dossier_id], due)
    n_finished = len(ends)
    transfers = [code for code, method in paid if method == "transfer"]

    def listed(codes: list[str]) -> list[str]:
        return heapq.nsmallest(CODES_LIMIT, codes)   # the first codes in order, without sorting them all

    n_received = len(received)
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
                  len(reused_codes), n_received, listed(reused_codes)),
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


def write_report(desk: Desk, report: IndicatorReport, path: Path, title: str = "Báo cáo tình hình giải quyết hồ sơ",
                 ) -> Path:
    """The period's report as .xlsx (spreadsheet) or .pdf (A4 landscape), by *path*'s extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_monthly_xlsx(report, path)
    if suffix != ".pdf":
        raise IndicatorError("Tệp báo cáo phải có đuôi .xlsx hoặc .pdf.")
    from desk_app.clock import now_local
    from desk_app.documents.period_report import render_period_report
    from scanning.durable import atomic_write_bytes

    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, render_period_report(desk, report, title, now_local().replace(tzinfo=None)))
    return path
