"""Changes coming back from the province: status moves, supplement requests, results.

Each batch is one transaction with the cursor, so a crash never skips or half-applies a change; a
change delivered twice (duplicate acknowledgement) is recognised by its id and applied once. Every
move is checked with :func:`desk_app.domain.status.check_transition`; an illegal one is not applied
and the supervisor is told.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.clock import now_local
from desk_app.domain.status import DossierStatus, IllegalTransitionError, check_transition
from desk_app.services import lifecycle
from desk_app.storage.db import transaction
from desk_app.storage.models import Dossier
from desk_app.storage.sync_models import SyncCursor, SyncNotification
from desk_app.text import nfc
from sync import protocol as p

CURSOR_NAME = "province.changes"
REMOTE_PREFIX = "[Tỉnh]"


@dataclass
class PullReport:
    applied: int = 0
    duplicates: int = 0
    refused: int = 0
    unknown: int = 0
    notifications: list[str] = field(default_factory=list)


def read_cursor(sessions: sessionmaker[Session]) -> str:
    with sessions() as session:
        row = session.get(SyncCursor, CURSOR_NAME)
        return row.value if row else "0"


def _message(change: dict, dossier: Dossier, new: DossierStatus) -> tuple[str, str]:
    kind = change.get("Loai") or p.CHANGE_STATUS
    code = dossier.code
    if kind == p.CHANGE_SUPPLEMENT or new is DossierStatus.SUPPLEMENT_REQUESTED:
        requests = change.get("DanhSachHoSoBoSung") or []
        content = "; ".join(nfc(str(r.get("NoiDungBoSung", ""))) for r in requests if r.get("NoiDungBoSung"))
        return "supplement", (f"Hồ sơ {code} ({dossier.applicant_name}) cần bổ sung: "
                              f"{content or nfc(change.get('NoiDungXuLy', ''))}. Hãy liên hệ người nộp.")
    if kind == p.CHANGE_RESULT or new is DossierStatus.RESULT_READY:
        papers = ", ".join(nfc(str(r.get("TenGiayTo", ""))) for r in change.get("DanhSachGiayToKetQua") or [])
        return "result", (f"Hồ sơ {code} ({dossier.applicant_name}) đã có kết quả"
                          f"{': ' + papers if papers else ''}. Chuẩn bị trả kết quả cho người dân.")
    return "status", f"Hồ sơ {code} chuyển sang «{new.label_vi}»: {nfc(change.get('NoiDungXuLy', ''))}"


def apply_changes(sessions: sessionmaker[Session], changes: list[dict], cursor: str) -> PullReport:
    report = PullReport()
    with transaction(sessions) as session:
        for change in changes:
            _apply_one(session, change, report)
        row = session.get(SyncCursor, CURSOR_NAME)
        if row is None:
            session.add(SyncCursor(name=CURSOR_NAME, value=cursor))
        else:
            row.value = cursor
    return report


def _apply_one(session: Session, change: dict, report: PullReport) -> None:
    remote_id = str(change.get("Id", ""))
    if remote_id and session.scalar(select(SyncNotification.id).where(SyncNotification.remote_id == remote_id)
                                    .limit(1)) is not None:
        report.duplicates += 1
        return
    dossier = session.scalar(select(Dossier).where(Dossier.code == change.get("MaHoSo")))
    if dossier is None:
        report.unknown += 1
        return
    try:
        new = DossierStatus(int(change.get("TrangThaiHoSo")))
    except (TypeError, ValueError):
        report.refused += 1
        return
    at = p.parse_date(change.get("ThoiDiemXuLy", "")) or now_local()
    current = DossierStatus(dossier.status)
    if current is new:  # already there (delivered twice under another id, or moved at the desk)
        report.duplicates += 1
        return
    try:
        check_transition(current, new)
    except IllegalTransitionError as exc:
        report.refused += 1
        session.add(SyncNotification(
            dossier_id=dossier.id, dossier_code=dossier.code, kind="conflict", audience="supervisor",
            remote_id=remote_id, created_at=now_local(),
            message=f"Tỉnh báo hồ sơ {dossier.code} sang «{new.label_vi}» nhưng không hợp lệ tại quầy: {exc}"))
        return
    who = nfc(str(change.get("NguoiXuLy", "")))
    where = nfc(str(change.get("PhongBanXuLy", "")))
    note = f"{REMOTE_PREFIX} " + " — ".join(x for x in (nfc(str(change.get("NoiDungXuLy", ""))), who, where) if x)
    # Through the lifecycle primitive like every other change, but not sent back: the province told us.
    # The history row names the receiving clerk as the responsible user; the note says where it came from.
    if new is DossierStatus.RESULT_READY:
        papers = [nfc(str(r.get("TenGiayTo", ""))) for r in change.get("DanhSachGiayToKetQua") or []]
        lifecycle.result_from_province(session, dossier, papers, at, note)
    else:
        lifecycle.move(session, dossier, None, new, at=at, event="status_from_province", note=note,
                       notify_province=False, change_id=remote_id)
    kind, message = _message(change, dossier, new)
    session.add(SyncNotification(dossier_id=dossier.id, dossier_code=dossier.code, kind=kind, audience="clerk",
                                 remote_id=remote_id, message=message, created_at=now_local()))
    report.applied += 1
    report.notifications.append(message)


def unread_notifications(sessions: sessionmaker[Session], audience: str | None = None,
                         limit: int = 200) -> list[SyncNotification]:
    with sessions() as session:
        query = select(SyncNotification).where(SyncNotification.read.is_(False))
        if audience:
            query = query.where(SyncNotification.audience == audience)
        return list(session.scalars(query.order_by(SyncNotification.id.desc()).limit(limit)))


def mark_read(sessions: sessionmaker[Session], ids: list[int], user_id: int | None) -> None:
    with transaction(sessions) as session:
        for row in session.scalars(select(SyncNotification).where(SyncNotification.id.in_(ids))):
            row.read, row.read_by = True, user_id
