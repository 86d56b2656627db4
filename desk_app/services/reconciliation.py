"""End-of-day reconciliation of one office day (Qt-free): what the supervisor checks before closing the day.

For every dossier filed or received that day: the counter form issued (Mẫu 01, or Mẫu 02/03 for a counter
decision), its tracking-book row, its pages in the archive with hashes that still match, its audit rows.
Sequences: dossier-code numbers per desk block and tracking-book numbers, every gap listed. Money: per
payment method the amounts confirmed, biên lai numbers issued, numbers burned by cancelled or still-pending
payments, the counted cash compared with the cash confirmed. Uploads: the day's outbox rows acknowledged,
pending, failed or rejected with reasons.

Each :class:`Problem` has a stable id (``kind:subject``), names the dossier code / file / number it concerns
and can be explained in writing by the supervisor (:func:`explain`, stored and audited). The day can be
closed (``services/day_close.py``) once every problem is explained.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk_app.clock import now_local
from desk_app.desk import Desk
from desk_app.domain.dossier_code import DossierCode, DossierCodeError
from desk_app.domain.status import DossierStatus
from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.services import upload_queue
from desk_app.storage.day_models import CashCount, DayClose, DayExplanation
from desk_app.storage.db import transaction
from desk_app.storage.forms_models import FormIssue, Payment
from desk_app.storage.models import AuditEntry, Dossier, Page, SequenceCounter, StatusChange, User
from desk_app.text import nfc

__all__ = [
    "DENOMINATIONS",
    "CashSection",
    "DayReport",
    "Problem",
    "ReconciliationError",
    "explain",
    "parse_denominations",
    "reconcile",
    "record_cash_count",
]

#: Vietnamese banknotes in circulation (polymer and cotton), largest first.
DENOMINATIONS = (500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100)

SECTIONS = ("dossiers", "sequences", "money", "uploads")
SECTION_LABELS = {"dossiers": "Hồ sơ", "sequences": "Số thứ tự", "money": "Thu phí, lệ phí",
                  "uploads": "Đồng bộ lên tỉnh"}
METHOD_LABELS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản"}

#: Which counter form a dossier's first step calls for.
FORM_FOR_STATUS = {int(DossierStatus.ACCEPTED): "receipt", int(DossierStatus.SUPPLEMENT_REQUESTED): "supplement",
                   int(DossierStatus.REFUSED): "refusal"}
#: Audit actions that record a dossier's filing at the counter (lifecycle.move with the decision as event).
FILING_ACTIONS = frozenset({"dossier.accept", "dossier.incomplete", "dossier.refuse", "dossier.resume"})
FORM_LABELS = {"receipt": "Mẫu 01 (giấy tiếp nhận và hẹn trả kết quả)", "supplement": "Mẫu 02 (hướng dẫn bổ sung)",
               "refusal": "Mẫu 03 (từ chối tiếp nhận)"}


class ReconciliationError(DeskError, ValueError):
    pass


@dataclass
class Problem:
    id: str            # stable: "<kind>:<subject>"
    section: str       # dossiers | sequences | money | uploads
    kind: str          # missing_form | missing_book_row | missing_file | corrupt_file | missing_audit |
    #                    code_gap | book_gap | receipt_gap | payment_pending | payment_cancelled |
    #                    cash_not_counted | cash_difference | upload_pending | upload_failed | upload_rejected
    subject: str       # the dossier code, file hash, number or outbox row it concerns
    message: str       # Vietnamese, for the supervisor
    explanation: str = ""
    explained_by: str = ""
    explained_at: datetime | None = None

    @property
    def explained(self) -> bool:
        return bool(self.explanation)

    def as_json(self) -> dict:
        return {"id": self.id, "section": self.section, "kind": self.kind, "subject": self.subject,
                "message": self.message, "explained": self.explained, "explanation": self.explanation,
                "explained_by": self.explained_by,
                "explained_at": self.explained_at.isoformat() if self.explained_at else None}


@dataclass
class SequenceRun:
    """Dossier-code numbers of one desk block that day (or the tracking book's numbers)."""

    label: str
    first: int | None
    last: int | None
    used: int
    gaps: list[int] = field(default_factory=list)


@dataclass
class MethodTotals:
    method: str
    confirmed_amount: int = 0
    confirmed_count: int = 0
    numbers_issued: list[int] = field(default_factory=list)
    numbers_cancelled: list[int] = field(default_factory=list)
    numbers_pending: list[int] = field(default_factory=list)


@dataclass
class CashSection:
    expected: int
    counted: int | None
    denominations: dict[int, int]
    counted_by: str = ""
    counted_at: datetime | None = None

    @property
    def difference(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


@dataclass
class DayReport:
    day: date
    generated_at: datetime
    dossiers: int
    by_decision: dict[str, int]
    by_channel: dict[int, int]
    pages: int
    code_runs: list[SequenceRun]
    book_run: SequenceRun
    methods: dict[str, MethodTotals]
    cash: CashSection
    uploads: dict[str, int]
    problems: list[Problem]
    closed: bool = False
    closed_at: datetime | None = None
    closed_by: str = ""
    report_sha256: str = ""
    reopened_reason: str = ""

    @property
    def unexplained(self) -> list[Problem]:
        return [p for p in self.problems if not p.explained]

    def problem(self, problem_id: str) -> Problem:
        for p in self.problems:
            if p.id == problem_id:
                return p
        raise ReconciliationError(f"Không có vấn đề «{problem_id}» trong đối soát ngày {self.day:%d/%m/%Y}.")

    def section_problems(self, section: str) -> list[Problem]:
        return [p for p in self.problems if p.section == section]

    def as_json(self) -> dict:
        return {
            "day": self.day.isoformat(), "generated_at": self.generated_at.isoformat(),
            "closed": self.closed, "closed_at": self.closed_at.isoformat() if self.closed_at else None,
            "closed_by": self.closed_by, "report_sha256": self.report_sha256,
            "dossiers": {"count": self.dossiers, "by_decision": self.by_decision,
                         "by_channel": {str(k): v for k, v in self.by_channel.items()}, "pages": self.pages},
            "sequences": {"codes": [run.__dict__ for run in self.code_runs], "book": self.book_run.__dict__},
            "money": {m: {"confirmed_amount": t.confirmed_amount, "confirmed_count": t.confirmed_count,
                          "numbers_issued": t.numbers_issued, "numbers_cancelled": t.numbers_cancelled,
                          "numbers_pending": t.numbers_pending} for m, t in self.methods.items()},
            "cash": {"expected": self.cash.expected, "counted": self.cash.counted,
                     "difference": self.cash.difference,
                     "denominations": {str(k): v for k, v in self.cash.denominations.items()}},
            "uploads": self.uploads,
            "problems": [p.as_json() for p in self.problems],
            "unexplained": len(self.unexplained),
        }


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min)
    return start, start + timedelta(days=1)


def _receipt_no(n: int) -> str:
    return f"{n:07d}"


def _vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _gaps(numbers: set[int], lo: int, hi: int) -> list[int]:
    return [n for n in range(lo, hi + 1) if n not in numbers]


# --------------------------------------------------------------------------- the report


def reconcile(desk: Desk, who: Identity, day: date, *, verify_files: bool = True) -> DayReport:
    """The reconciliation report of *day* for the signed-in supervisor (RECONCILE), audited (no personal data)."""
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECONCILE)
        report = build_report(session, desk, day, verify_files=verify_files)
        audit.record(session, user, "day.reconcile", "day", day.isoformat(), problems=len(report.problems),
                     unexplained=len(report.unexplained))
    return report


def build_report(session: Session, desk: Desk, day: date, *, verify_files: bool = True) -> DayReport:
    """The report of *day* in *session* (no permission check: callers authorise first)."""
    start, end = _bounds(day)
    problems: list[Problem] = []

    # ------------------------------------------------------------------ dossiers of the day
    # Filed at the counter that day (submitted_at), or completed that day after a Mẫu 02 (received_at).
    dossiers = session.scalars(
        select(Dossier).where(((Dossier.submitted_at >= start) & (Dossier.submitted_at < end))
                              | ((Dossier.received_at >= start) & (Dossier.received_at < end)))
        .order_by(Dossier.id)).all()
    ids = [d.id for d in dossiers]
    codes = [d.code for d in dossiers]
    history: dict[int, list[StatusChange]] = defaultdict(list)
    pages: dict[int, list[Page]] = defaultdict(list)
    forms: dict[str, set[str]] = defaultdict(set)
    audited: set[str] = set()
    for chunk in _chunks(ids):
        for h in session.scalars(select(StatusChange).where(StatusChange.dossier_id.in_(chunk))
                                 .order_by(StatusChange.id)):
            history[h.dossier_id].append(h)
        for p in session.scalars(select(Page).where(Page.dossier_id.in_(chunk))):
            pages[p.dossier_id].append(p)
    for chunk in _chunks(codes):
        for code, kind in session.execute(select(FormIssue.dossier_code, FormIssue.kind)
                                          .where(FormIssue.dossier_code.in_(chunk))):
            forms[code].add(kind)
        for code, action, details in session.execute(
                select(AuditEntry.entity_id, AuditEntry.action, AuditEntry.details)
                .where(AuditEntry.entity == "dossier", AuditEntry.entity_id.in_(chunk))):
            if action == "form.export" and isinstance(details, dict) and details.get("form"):
                forms[code].add(details["form"])
            elif action in FILING_ACTIONS:
                audited.add(code)

    by_decision: dict[str, int] = defaultdict(int)
    by_channel: dict[int, int] = defaultdict(int)
    verified: dict[str, bool] = {}
    page_count = 0
    for d in dossiers:
        by_channel[d.channel] += 1
        steps = history.get(d.id, [])
        first = steps[0].to_status if steps else d.status
        needed = []
        if d.submitted_at is not None and start <= d.submitted_at < end:
            needed.append(FORM_FOR_STATUS.get(first, "receipt"))
        if start <= d.received_at < end and any(h.to_status == int(DossierStatus.ACCEPTED) and start <= h.at < end
                                                for h in steps[1:]):
            needed.append("receipt")   # completed that day after a Mẫu 02: a new Mẫu 01
        for kind in dict.fromkeys(needed):
            by_decision[kind] += 1
            if kind not in forms.get(d.code, set()):
                problems.append(Problem(f"missing_form:{d.code}:{kind}", "dossiers", "missing_form", d.code,
                                        f"Hồ sơ {d.code}: chưa in/xuất {FORM_LABELS.get(kind, kind)}."))
        if not d.book_year or not d.book_sequence:
            problems.append(Problem(f"missing_book_row:{d.code}", "dossiers", "missing_book_row", d.code,
                                    f"Hồ sơ {d.code}: không có dòng trong sổ theo dõi hồ sơ."))
        if d.code not in audited:
            problems.append(Problem(f"missing_audit:{d.code}", "dossiers", "missing_audit", d.code,
                                    f"Hồ sơ {d.code}: không có dòng nhật ký hệ thống nào về việc tiếp nhận."))
        for p in pages.get(d.id, []):
            page_count += 1
            sha = p.file_sha256
            if sha not in verified:
                path = desk.archive.path_for(sha)
                if not path.is_file():
                    verified[sha] = False
                else:
                    verified[sha] = desk.archive.verify(sha) if verify_files else True
            if not verified[sha]:
                missing = not desk.archive.path_for(sha).is_file()
                kind = "missing_file" if missing else "corrupt_file"
                what = "không còn trong kho lưu trữ" if missing else "đã bị thay đổi (mã băm không khớp)"
                problems.append(Problem(f"{kind}:{d.code}:{sha}", "dossiers", kind, f"{d.code} / {sha}",
                                        f"Hồ sơ {d.code}: tệp trang {p.position} ({sha[:12]}…) {what}."))

    # ------------------------------------------------------------------ sequences
    code_runs = _code_runs(session, desk, day, problems)
    book_run = _book_run(session, day, start, end, problems)

    # ------------------------------------------------------------------ money
    methods = {m: MethodTotals(m) for m in ("cash", "transfer")}
    issued_today = session.scalars(select(Payment).where(Payment.created_at >= start, Payment.created_at < end)
                                   .order_by(Payment.receipt_number)).all()
    confirmed_today = session.scalars(select(Payment).where(Payment.state == "paid", Payment.confirmed_at >= start,
                                                            Payment.confirmed_at < end)).all()
    dossier_codes = dict(session.execute(select(Dossier.id, Dossier.code).where(
        Dossier.id.in_({p.dossier_id for p in issued_today} | {p.dossier_id for p in confirmed_today})))
        .all()) if (issued_today or confirmed_today) else {}
    for p in issued_today:
        totals = methods.setdefault(p.method, MethodTotals(p.method))
        totals.numbers_issued.append(p.receipt_number)
        code = dossier_codes.get(p.dossier_id, "")
        number = _receipt_no(p.receipt_number)
        if p.state == "cancelled":
            totals.numbers_cancelled.append(p.receipt_number)
            problems.append(Problem(f"payment_cancelled:{number}", "money", "payment_cancelled", number,
                                    f"Biên lai số {number} (hồ sơ {code}, {_vnd(p.amount)}) đã bị huỷ — số bị bỏ; "
                                    f"lý do của cán bộ: «{p.note}»."))
        elif p.state == "pending":
            totals.numbers_pending.append(p.receipt_number)
            problems.append(Problem(f"payment_pending:{number}", "money", "payment_pending", number,
                                    f"Biên lai số {number} (hồ sơ {code}, {_vnd(p.amount)}) chưa được xác nhận đã thu."))
    for p in confirmed_today:
        totals = methods.setdefault(p.method, MethodTotals(p.method))
        totals.confirmed_amount += p.amount
        totals.confirmed_count += 1
    if issued_today:
        numbers_by_year: dict[int, list[int]] = defaultdict(list)
        for p in issued_today:
            numbers_by_year[p.receipt_year].append(p.receipt_number)
        for year, numbers in numbers_by_year.items():
            lo, hi = min(numbers), max(numbers)
            existing = set(session.scalars(select(Payment.receipt_number).where(
                Payment.receipt_year == year, Payment.receipt_number.between(lo, hi))))
            for n in _gaps(existing, lo, hi):
                number = _receipt_no(n)
                problems.append(Problem(f"receipt_gap:{year}:{number}", "money", "receipt_gap", number,
                                        f"Biên lai số {number}/{year}: số bị bỏ trống, không có khoản thu nào."))
    count = session.scalar(select(CashCount).where(CashCount.day == day).order_by(CashCount.id.desc()).limit(1))
    expected = methods["cash"].confirmed_amount
    counted_by = session.get(User, count.counted_by_id).full_name if count is not None else ""
    cash = CashSection(expected, count.total if count else None,
                       {int(k): int(v) for k, v in (count.denominations if count else {}).items()},
                       counted_by, count.counted_at if count else None)
    if count is None and expected > 0:
        problems.append(Problem("cash_not_counted:cash", "money", "cash_not_counted", "tiền mặt",
                                f"Chưa nhập số tiền mặt đã kiểm đếm (sổ ghi nhận {_vnd(expected)})."))
    elif cash.difference:
        word = "thiếu" if cash.difference < 0 else "thừa"
        problems.append(Problem(f"cash_difference:{cash.counted}", "money", "cash_difference", "tiền mặt",
                                f"Tiền mặt {word} {_vnd(abs(cash.difference))}: kiểm đếm {_vnd(cash.counted)}, "
                                f"đã xác nhận thu {_vnd(expected)}."))

    # ------------------------------------------------------------------ uploads
    uploads = {state: 0 for state in upload_queue.STATES}
    for item in upload_queue.list_items(desk.sessions, limit=1_000_000, created_on=day):
        uploads[item.state] = uploads.get(item.state, 0) + 1
        subject = f"{item.dossier_code} / #{item.id}"
        if item.state == upload_queue.FAILED_REJECTED:
            problems.append(Problem(f"upload_rejected:{item.id}", "uploads", "upload_rejected", subject,
                                    f"Hồ sơ {item.dossier_code}: tỉnh từ chối bản gửi #{item.id} — "
                                    f"{item.last_error or 'không rõ lý do'}."))
        elif item.state == upload_queue.FAILED_NETWORK:
            problems.append(Problem(f"upload_failed:{item.id}", "uploads", "upload_failed", subject,
                                    f"Hồ sơ {item.dossier_code}: bản gửi #{item.id} lỗi mạng sau {item.attempts} lần — "
                                    f"{item.last_error or 'chưa rõ lỗi'}."))
        elif item.state in (upload_queue.READY, upload_queue.SENDING):
            problems.append(Problem(f"upload_pending:{item.id}", "uploads", "upload_pending", subject,
                                    f"Hồ sơ {item.dossier_code}: bản gửi #{item.id} chưa được tỉnh xác nhận "
                                    f"({upload_queue.STATE_LABELS[item.state]})."))

    # ------------------------------------------------------------------ explanations and the close
    notes = {e.problem_id: e for e in session.scalars(select(DayExplanation).where(DayExplanation.day == day))}
    names: dict[int, str] = {}
    for p in problems:
        note = notes.get(p.id)
        if note is not None:
            if note.explained_by_id not in names:
                names[note.explained_by_id] = session.get(User, note.explained_by_id).full_name
            p.explanation, p.explained_by, p.explained_at = note.text, names[note.explained_by_id], note.explained_at
    closing = session.get(DayClose, day)
    report = DayReport(day=day, generated_at=now_local(), dossiers=len(dossiers), by_decision=dict(by_decision),
                       by_channel=dict(by_channel), pages=page_count, code_runs=code_runs, book_run=book_run,
                       methods=methods, cash=cash, uploads=uploads, problems=problems)
    if closing is not None:
        report.closed = closing.state == "closed"
        report.closed_at = closing.closed_at
        report.closed_by = session.get(User, closing.closed_by_id).full_name
        report.report_sha256 = closing.report_sha256
        report.reopened_reason = closing.reopen_reason
    return report


def _chunks(values: list, size: int = 500):
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _code_runs(session: Session, desk: Desk, day: date, problems: list[Problem]) -> list[SequenceRun]:
    """Dossier codes of *day* per desk block; a number issued (counter) or skipped with no dossier is a gap."""
    s = desk.settings
    base, size = s.sequence_base, s.sequence_block_size
    pattern = f"%-{day:%y%m%d}-%"
    used: dict[int, set[int]] = defaultdict(set)  # desk number (0 = the province's range) → sequences
    agencies: dict[int, str] = {}
    for code in session.scalars(select(Dossier.code).where(Dossier.code.like(pattern))):
        try:
            parsed = DossierCode.parse(code)
        except DossierCodeError:
            continue
        if parsed.day != day:
            continue
        block = 0 if parsed.sequence <= base else (parsed.sequence - base - 1) // size + 1
        used[block].add(parsed.sequence)
        agencies.setdefault(block, parsed.agency_id)
    counters: dict[int, int] = {}
    for name, last in session.execute(select(SequenceCounter.name, SequenceCounter.last_value)
                                      .where(SequenceCounter.name.like(f"code:%:{day:%Y%m%d}:desk%"))):
        try:
            counters[int(name.rsplit("desk", 1)[1])] = last
        except ValueError:
            continue
    runs = []
    for block in sorted(set(used) | set(counters)):
        numbers = used.get(block, set())
        if block == 0:
            runs.append(SequenceRun("Số của tỉnh (nộp trực tuyến)", min(numbers), max(numbers), len(numbers)))
            continue   # the province numbers its own dossiers; gaps there are the province's
        first = base + (block - 1) * size + 1
        hi = max(max(numbers, default=first - 1), counters.get(block, first - 1))
        gaps = _gaps(numbers, first, hi)
        own = block == s.desk_number or block in counters
        label = f"Quầy số {block}" + ("" if own else " (khối số của quầy khác)")
        runs.append(SequenceRun(label, first if hi >= first else None, hi if hi >= first else None,
                                len(numbers), gaps))
        for n in gaps:
            code = f"{agencies.get(block, s.agency_id)}-{day:%y%m%d}-{n:04d}"
            problems.append(Problem(f"code_gap:{code}", "sequences", "code_gap", code,
                                    f"Số thứ tự {n} của quầy số {block} ({code}) đã dùng nhưng không có hồ sơ."))
    return runs


def _book_run(session: Session, day: date, start: datetime, end: datetime, problems: list[Problem]) -> SequenceRun:
    """Tracking-book numbers of dossiers filed that day, with the gap since the last number of earlier days."""
    numbers = set(session.scalars(select(Dossier.book_sequence).where(
        Dossier.book_year == day.year, Dossier.submitted_at >= start, Dossier.submitted_at < end)))
    if not numbers:
        return SequenceRun(f"Sổ theo dõi năm {day.year}", None, None, 0)
    before = session.scalar(select(func.max(Dossier.book_sequence)).where(
        Dossier.book_year == day.year, Dossier.submitted_at < start)) or 0
    lo, hi = min(before + 1, min(numbers)), max(numbers)
    existing = set(session.scalars(select(Dossier.book_sequence).where(
        Dossier.book_year == day.year, Dossier.book_sequence.between(lo, hi))))
    gaps = _gaps(existing, lo, hi)
    for n in gaps:
        problems.append(Problem(f"book_gap:{day.year}:{n}", "sequences", "book_gap", f"{n}/{day.year}",
                                f"Sổ theo dõi năm {day.year}: số {n} bị bỏ trống, không có hồ sơ nào."))
    return SequenceRun(f"Sổ theo dõi năm {day.year}", min(numbers), hi, len(numbers), gaps)


# --------------------------------------------------------------------------- the supervisor's entries


def explain(desk: Desk, who: Identity, day: date, problem_id: str, text: str) -> Problem:
    """Store the supervisor's written explanation of one problem of *day* (replacing an earlier one), audited."""
    from desk_app.services.day_close import ensure_day_open

    text = nfc(text)
    if len(text) < 5:
        raise ReconciliationError("Hãy ghi rõ lời giải trình (ít nhất 5 ký tự).")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECONCILE)
        ensure_day_open(session, datetime.combine(day, time(12)))
        # Re-hashing every page only when the problem is a changed file (the only one that needs it).
        report = build_report(session, desk, day, verify_files=problem_id.startswith("corrupt_file:"))
        problem = report.problem(problem_id)
        row = session.scalar(select(DayExplanation).where(DayExplanation.day == day,
                                                          DayExplanation.problem_id == problem_id))
        if row is None:
            row = DayExplanation(day=day, problem_id=problem_id, text=text, explained_by_id=user.id,
                                 explained_at=now_local())
            session.add(row)
        else:
            row.text, row.explained_by_id, row.explained_at = text, user.id, now_local()
        session.flush()
        # The explanation itself may name a citizen: the audit keeps only which problem, never the text.
        audit.record(session, user, "day.explain", "day", day.isoformat(), problem=problem_id, kind=problem.kind)
        problem.explanation, problem.explained_by, problem.explained_at = text, user.full_name, row.explained_at
        return problem


def parse_denominations(items: list[str] | dict) -> dict[int, int]:
    """``["500000=3", "200000=1"]`` (or a dict) → {500000: 3, 200000: 1}; unknown notes are refused."""
    pairs = items.items() if isinstance(items, dict) else [_split_item(i) for i in items]
    result: dict[int, int] = {}
    for value, count in pairs:
        try:
            value, count = int(str(value).replace(".", "")), int(count)
        except ValueError:
            raise ReconciliationError(f"Mệnh giá hoặc số tờ không hợp lệ: «{value}={count}».") from None
        if value not in DENOMINATIONS:
            raise ReconciliationError(f"Không có tờ tiền mệnh giá {value} đồng.")
        if count < 0:
            raise ReconciliationError("Số tờ không được âm.")
        if count:
            result[value] = result.get(value, 0) + count
    return result


def _split_item(item: str) -> tuple[str, str]:
    value, sep, count = item.partition("=")
    if not sep:
        raise ReconciliationError(f"Hãy ghi mệnh giá=số tờ, ví dụ 500000=3 (nhận được «{item}»).")
    return value.strip(), count.strip()


def record_cash_count(desk: Desk, who: Identity, day: date, denominations: dict[int, int]) -> CashSection:
    """Record the cash counted for *day* (per denomination); the report compares it. Audited (amounts only)."""
    from desk_app.services.day_close import ensure_day_open

    denominations = parse_denominations(denominations)
    total = sum(v * n for v, n in denominations.items())
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECONCILE)
        ensure_day_open(session, datetime.combine(day, time(12)))
        row = CashCount(day=day, denominations={str(k): v for k, v in denominations.items()}, total=total,
                        counted_by_id=user.id, counted_at=now_local())
        session.add(row)
        session.flush()
        audit.record(session, user, "day.cash_count", "day", day.isoformat(), total=total)
        start, end = _bounds(day)
        expected = session.scalar(select(func.coalesce(func.sum(Payment.phi_amount + Payment.le_phi_amount), 0))
                                  .where(Payment.state == "paid", Payment.method == "cash",
                                         Payment.confirmed_at >= start, Payment.confirmed_at < end)) or 0
        return CashSection(int(expected), total, denominations, user.full_name, row.counted_at)
