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

__all__ = ["CloseResult", "DayClosedError", "close_day", "days_left_open", "ensure_day_open", "reopen_day"]


class DayClosedError(DeskError, ValueError):
    """A change dated on a closed day, or a close that cannot proceed; the message is for the user."""


def ensure_day_open(session: Session, at: datetime | date) -> None:
    """Refuse (clear Vietnamese message) a change whose date falls on a closed day."""
    day = at.date() if isinstance(at, datetime) else at
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
