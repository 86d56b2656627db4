"""Closing and reopening an office day; the guard that keeps a closed day's records unchanged.

``close_day`` builds the reconciliation report, refuses while a problem is unexplained, renders the report
as a PDF (reportlab, the desk's fonts), signs it with pyHanko when a certificate is configured (or with
the training certificate in training mode), and stores the report's SHA-256 with the audit chain head
(``desk_app.security.audit.chain_head``) written into the report. After that, :func:`ensure_day_open`
refuses any change dated on that day (called by ``lifecycle.move`` — hence by ``IntakeSession.finish`` —
and by the payments) until a supervisor reopens the day with a written reason (audited).

This module's top-level imports stay light: ``lifecycle`` imports it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.errors import DeskError
from desk_app.storage.day_models import DayClose

__all__ = ["BookCloseResult", "CloseResult", "DayClosedError", "book_rows", "close_book_year", "close_day",
           "days_left_open", "ensure_day_open", "reopen_day", "verify_book_year"]


class DayClosedError(DeskError, ValueError):
    """A change dated on a closed day, or a close that cannot proceed; the message is for the user."""


def ensure_day_open(session: Session, at: datetime | date) -> None:
    """Refuse (clear Vietnamese message) a change whose date falls on a closed day or in a year whose
    tracking book is closed (:func:`close_book_year`)."""
    from desk_app.storage.book_models import BookYearClose

    day = at.date() if isinstance(at, datetime) else at
    if session.get(BookYearClose, day.year) is not None:
        raise DayClosedError(
            f"Sổ theo dõi hồ sơ năm {day.year} đã khóa: không thể thêm hay thay đổi hồ sơ, khoản thu hay số liệu "
            f"ghi ngày {day:%d/%m/%Y}.")
    row = session.get(DayClose, day)
    if row is not None and row.state == "closed":
        raise DayClosedError(
            f"Ngày {day:%d/%m/%Y} đã khoá sổ (đối soát cuối ngày đã ký): không thể thay đổi hồ sơ, khoản thu "
            f"hay số liệu của ngày đó. Giám sát phải mở lại ngày, ghi rõ lý do, rồi mới sửa được.")


@dataclass(frozen=True)
class CloseResult:
    day: date
    pdf_path: Path
    report_sha256: str
    signed: bool
    chain_count: int
    chain_hash: str


def close_day(desk, who, day: date, out: Path | None = None) -> CloseResult:  # noqa: ANN001 - Desk, Identity
    """Close *day*: every problem explained, report PDF signed when possible, hash and chain head stored."""
    from desk_app.clock import now_local
    from desk_app.security import audit
    from desk_app.security.access import authorized
    from desk_app.security.identity import authorize
    from desk_app.security.roles import Permission
    from desk_app.documents.day_report import render_day_report
    from desk_app.services.reconciliation import build_report
    from desk_app.storage.db import transaction
    from desk_app.storage.forms_models import FormIssue
    from desk_app.text import nfc
    from scanning.durable import atomic_write_bytes

    supervisor = authorized(desk.sessions, who, Permission.RECONCILE)
    if day > now_local().date():
        raise DayClosedError(f"Chưa thể khoá sổ ngày {day:%d/%m/%Y}: ngày đó chưa đến.")
    with desk.sessions() as session:
        existing = session.get(DayClose, day)
        if existing is not None and existing.state == "closed":
            raise DayClosedError(f"Ngày {day:%d/%m/%Y} đã khoá sổ lúc {existing.closed_at:%H:%M %d/%m/%Y}.")
        report = build_report(session, desk, day)
        head = audit.chain_head(session)
    if report.unexplained:
        listed = "; ".join(p.id for p in report.unexplained[:5])
        raise DayClosedError(f"Chưa thể khoá sổ ngày {day:%d/%m/%Y}: còn {len(report.unexplained)} vấn đề chưa "
                             f"giải trình ({listed}{'…' if len(report.unexplained) > 5 else ''}).")
    chain_count, chain_hash = (head.count, head.last_hash) if head is not None else (0, "")
    pdf = render_day_report(desk, report, supervisor=nfc(supervisor.full_name), closed_at=now_local(),
                            chain=(chain_count, chain_hash))
    signed = False
    settings = desk.settings
    if settings.signing_pkcs12_path or settings.training:
        from desk_app.documents.signing import sign_pdf_for_desk

        pdf = sign_pdf_for_desk(desk, pdf)
        signed = True
    digest = hashlib.sha256(pdf).hexdigest()
    path = Path(out) if out else desk.folder / "day-close" / f"doi-soat-{day.isoformat()}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, pdf)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECONCILE)
        row = session.get(DayClose, day, with_for_update=True)
        if row is not None and row.state == "closed":
            raise DayClosedError(f"Ngày {day:%d/%m/%Y} vừa được khoá sổ từ một máy khác.")
        if row is None:
            row = DayClose(day=day, reopen_reason="")
            session.add(row)
        row.state, row.closed_at, row.closed_by_id = "closed", now_local(), user.id
        row.report_sha256, row.report_path, row.signed = digest, str(path), signed
        row.chain_count, row.chain_hash = chain_count, chain_hash
        session.add(FormIssue(kind="day-close", dossier_code="", issued_at=row.closed_at, user_id=user.id,
                              sha256=digest, signed=signed))
        audit.record(session, user, "day.close", "day", day.isoformat(), sha256=digest, signed=signed,
                     chain_count=chain_count, chain_hash=chain_hash, problems=len(report.problems))
    return CloseResult(day, path, digest, signed, chain_count, chain_hash)


def reopen_day(desk, who, day: date, reason: str) -> None:  # noqa: ANN001
    """Reopen a closed day with a written reason (audited); it must be closed again after the corrections."""
    from desk_app.clock import now_local
    from desk_app.security import audit
    from desk_app.security.identity import authorize
    from desk_app.security.roles import Permission
    from desk_app.storage.db import transaction
    from desk_app.text import nfc

    reason = nfc(reason)
    if len(reason) < 5:
        raise DayClosedError("Mở lại ngày đã khoá sổ phải ghi rõ lý do.")
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECONCILE)
        row = session.get(DayClose, day, with_for_update=True)
        if row is None or row.state != "closed":
            raise DayClosedError(f"Ngày {day:%d/%m/%Y} chưa khoá sổ, không cần mở lại.")
        row.state, row.reopened_at, row.reopened_by_id, row.reopen_reason = "reopened", now_local(), user.id, reason
        # The reason may name a citizen: the audit row keeps the report's hash, not the text.
        audit.record(session, user, "day.reopen", "day", day.isoformat(), report_sha256=row.report_sha256)


def days_left_open(desk, today: date | None = None, lookback_days: int = 31) -> list[date]:  # noqa: ANN001
    """Earlier days (within *lookback_days*) with dossiers or payments that are not closed: shown at start.

    Reads dates only (no citizen data), so it needs no sign-in.
    """
    from desk_app.clock import now_local
    from desk_app.storage.forms_models import Payment
    from desk_app.storage.models import Dossier

    today = today or now_local().date()
    start = datetime.combine(today - timedelta(days=lookback_days), datetime.min.time())
    end = datetime.combine(today, datetime.min.time())
    with desk.sessions() as session:
        stamps = list(session.scalars(select(Dossier.submitted_at).where(Dossier.submitted_at >= start,
                                                                         Dossier.submitted_at < end)))
        stamps += list(session.scalars(select(Payment.created_at).where(Payment.created_at >= start,
                                                                        Payment.created_at < end)))
        busy = {s.date() for s in stamps if s is not None}
        closed = set(session.scalars(select(DayClose.day).where(DayClose.state == "closed")))
    return sorted(busy - closed)


# --------------------------------------------------------------------------- year-end close of the tracking book


@dataclass(frozen=True)
class BookCloseResult:
    year: int
    pdf_path: Path
    pdf_sha256: str
    rows_sha256: str
    row_count: int
    last_sequence: int
    signed: bool


def book_rows(session: Session, desk, year: int, until: datetime | None = None) -> list[dict]:  # noqa: ANN001
    """The tracking book of *year* (``book_year``), in book order, as plain JSON rows (every column); with
    *until*, the steps as they stood then (a result returned after the close does not change the book)."""
    from sqlalchemy.orm import selectinload

    from desk_app.domain.status import DossierStatus
    from desk_app.services.forms import _authority
    from desk_app.storage.models import Dossier
    from desk_app.text import nfc

    def stamp(moment: datetime | None) -> str:
        return moment.isoformat(timespec="minutes") if moment else ""

    def first(d, status: DossierStatus) -> datetime | None:  # noqa: ANN001
        return next((c.at for c in d.history if c.to_status == int(status) and (until is None or c.at <= until)),
                    None)

    rows = []
    dossiers = session.scalars(select(Dossier).where(Dossier.book_year == year, Dossier.book_sequence.is_not(None))
                               .options(selectinload(Dossier.history)).order_by(Dossier.book_sequence)).all()
    notes = sign_off_notes(session, [d.id for d in dossiers], until)
    for d in dossiers:
        rows.append({
            "sequence": d.book_sequence, "code": d.code, "procedure": nfc(d.procedure_name),
            "applicant": nfc(d.applicant_name),
            "contact": "; ".join(x for x in (nfc(d.applicant_address), nfc(d.applicant_phone)) if x),
            "agency": _authority(desk, d), "received": stamp(d.received_at), "due": stamp(d.due_at),
            "sent": stamp(first(d, DossierStatus.PROCESSING)),
            "result_back": stamp(first(d, DossierStatus.RESULT_READY)),
            "returned": stamp(first(d, DossierStatus.RETURNED)), "note": notes.get(d.id, "")})
    return rows


def sign_off_notes(session: Session, dossier_ids, until: datetime | None = None) -> dict[int, str]:  # noqa: ANN001
    """The tracking book's «Ghi chú (ký nhận)» of returned dossiers: who signed for the result (the owner or an
    authorised person) and when (``dossier_returns``, written by ``lifecycle.return_result``)."""
    from desk_app.storage.models import ResultReturn
    from desk_app.text import nfc

    ids = list(dossier_ids)
    notes: dict[int, str] = {}
    for chunk in range(0, len(ids), 500):
        query = select(ResultReturn).where(ResultReturn.dossier_id.in_(ids[chunk:chunk + 500]))
        if until is not None:
            query = query.where(ResultReturn.returned_at <= until)
        for r in session.scalars(query.order_by(ResultReturn.returned_at)):
            who = "người được ủy quyền " if r.authorised else ""
            notes[r.dossier_id] = f"Đã ký nhận kết quả: {who}{nfc(r.receiver_name)}, {r.returned_at:%d/%m/%Y %H:%M}"
    return notes


def _rows_digest(rows: list[dict]) -> tuple[str, str]:
    import json

    text = json.dumps(rows, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def close_book_year(desk, who, year: int, out: Path | None = None) -> BookCloseResult:  # noqa: ANN001
    """Close the tracking book of *year* (after 31/12): the rows are frozen (JSON + SHA-256 kept), the whole
    year's book is rendered with the closing line and the closer's name, signed when a certificate is
    configured, and no change dated in that year is accepted afterwards (:func:`ensure_day_open`)."""
    from desk_app.clock import now_local
    from desk_app.documents.tracking_book import BookRow, TrackingBookData, render_tracking_book
    from desk_app.security import audit
    from desk_app.security.access import authorized
    from desk_app.security.identity import authorize
    from desk_app.security.roles import Permission
    from desk_app.storage.book_models import BookYearClose
    from desk_app.storage.db import transaction
    from desk_app.storage.forms_models import FormIssue
    from desk_app.text import nfc
    from scanning.durable import atomic_write_bytes

    closer = authorized(desk.sessions, who, Permission.RECONCILE)
    now = now_local().replace(tzinfo=None)
    if now.date() <= date(year, 12, 31):
        raise DayClosedError(f"Chỉ khóa sổ theo dõi hồ sơ năm {year} sau ngày 31/12/{year}.")
    with desk.sessions() as session:
        existing = session.get(BookYearClose, year)
        if existing is not None:
            raise DayClosedError(f"Sổ theo dõi hồ sơ năm {year} đã khóa lúc {existing.closed_at:%H:%M %d/%m/%Y}.")
        rows = book_rows(session, desk, year, until=now)
        head = audit.chain_head(session)
    text, rows_sha = _rows_digest(rows)
    last = rows[-1]["sequence"] if rows else 0
    name = nfc(closer.full_name)
    closing = (f"Sổ khóa ngày {now:%d/%m/%Y} lúc {now:%H:%M}: {len(rows)} hồ sơ, từ số 1 đến số {last}"
               f" của năm {year}. Sau khi khóa, không ghi thêm, không sửa dòng nào của sổ năm {year}.",
               f"Mã băm SHA-256 của các dòng sổ: {rows_sha}")

    def parsed(value: str) -> datetime | None:
        return datetime.fromisoformat(value) if value else None

    s = desk.settings
    pdf = render_tracking_book(TrackingBookData(
        s.agency_name, s.desk_name, s.place_name, date(year, 1, 1), date(year, 12, 31),
        tuple(BookRow(r["sequence"], r["code"], r["procedure"], r["applicant"], r["contact"], r["agency"],
                      parsed(r["received"]), parsed(r["due"]), parsed(r["sent"]), parsed(r["result_back"]),
                      parsed(r["returned"]), note=r["note"]) for r in rows),
        now, book_number=str(year), training=s.training, closing_lines=closing, closed_by=name))
    signed = False
    if s.signing_pkcs12_path or s.training:
        from desk_app.documents.signing import sign_pdf_for_desk

        pdf = sign_pdf_for_desk(desk, pdf)
        signed = True
    digest = hashlib.sha256(pdf).hexdigest()
    path = Path(out) if out else desk.folder / "book-close" / f"so-theo-doi-{year}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, pdf)
    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECONCILE)
        if session.get(BookYearClose, year) is not None:
            raise DayClosedError(f"Sổ theo dõi hồ sơ năm {year} vừa được khóa từ một máy khác.")
        session.add(BookYearClose(year=year, closed_at=now, closed_by_id=user.id, row_count=len(rows),
                                  last_sequence=last, rows_json=text, rows_sha256=rows_sha, pdf_sha256=digest,
                                  pdf_path=str(path), signed=signed, chain_count=head.count if head else 0,
                                  chain_hash=head.last_hash if head else ""))
        session.add(FormIssue(kind="tracking-book-close", dossier_code="", issued_at=now, user_id=user.id,
                              sha256=digest, signed=signed))
        audit.record(session, user, "book.close_year", "book", str(year), rows=len(rows), last_sequence=last,
                     rows_sha256=rows_sha, sha256=digest, signed=signed)
    return BookCloseResult(year, path, digest, rows_sha, len(rows), last, signed)


def verify_book_year(desk, who, year: int) -> list[str]:  # noqa: ANN001
    """The dossier codes whose book row differs from the frozen one of a closed *year* (empty: the book holds);
    rows added or removed since the close are named too. RECONCILE; audited."""
    from desk_app.security import audit
    from desk_app.security.identity import authorize
    from desk_app.security.roles import Permission
    from desk_app.storage.book_models import BookYearClose
    from desk_app.storage.db import transaction
    import json

    with transaction(desk.sessions) as session:
        user = authorize(session, who, Permission.RECONCILE)
        closed = session.get(BookYearClose, year)
        if closed is None:
            raise DayClosedError(f"Sổ theo dõi hồ sơ năm {year} chưa khóa.")
        frozen = {r["code"]: r for r in json.loads(closed.rows_json)}
        current = {r["code"]: r for r in book_rows(session, desk, year, until=closed.closed_at)}
        changed = sorted(c for c in frozen.keys() | current.keys() if frozen.get(c) != current.get(c))
        audit.record(session, user, "book.verify_year", "book", str(year), changed=len(changed))
    return changed
