"""The upload queue as the rest of the desk sees it: state names, counts and listings of outbox rows.

The sync worker (``sync/``) moves rows between states; screens and reports (queue monitor, the supervisor's
day, the dossier book) only read them, through this module, without importing ``sync``.

States: ``ready`` → ``sending`` (claimed by one worker) → ``acknowledged``; a transport failure leaves
``failed_network`` (retried automatically after a back-off); a well-formed refusal leaves
``failed_rejected`` (waits for a person).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.storage.models import Dossier, OutboxItem

READY = "ready"
SENDING = "sending"
ACKNOWLEDGED = "acknowledged"
FAILED_NETWORK = "failed_network"
FAILED_REJECTED = "failed_rejected"
STATES = (READY, SENDING, ACKNOWLEDGED, FAILED_NETWORK, FAILED_REJECTED)
UNSENT = (READY, SENDING, FAILED_NETWORK, FAILED_REJECTED)

STATE_LABELS = {
    READY: "Chờ gửi",
    SENDING: "Đang gửi",
    ACKNOWLEDGED: "Tỉnh đã nhận",
    FAILED_NETWORK: "Lỗi mạng (tự thử lại)",
    FAILED_REJECTED: "Bị từ chối (cần xử lý)",
}

ACTION_LABELS = {
    "dossier.create": "Gửi hồ sơ mới",
    "dossier.update": "Cập nhật hồ sơ",
}


def counts(sessions: sessionmaker[Session]) -> dict[str, int]:
    with sessions() as session:
        rows = session.execute(select(OutboxItem.state, func.count()).group_by(OutboxItem.state)).all()
    result = {state: 0 for state in STATES}
    result.update({state: n for state, n in rows})
    return result


@dataclass(frozen=True)
class ItemView:
    id: int
    dossier_code: str
    action: str
    state: str
    attempts: int
    next_attempt_at: datetime | None
    last_error: str
    created_at: datetime
    acknowledged_at: datetime | None
    escalated_at: datetime | None
    escalation_note: str
    idempotency_key: str


def list_items(sessions: sessionmaker[Session], states: tuple[str, ...] | None = None, limit: int = 500,
               created_on: date | None = None) -> list[ItemView]:
    """Rows newest first; *states* narrows by state, *created_on* to the actions of one day."""
    with sessions() as session:
        query = select(OutboxItem, Dossier.code).outerjoin(Dossier, Dossier.id == OutboxItem.dossier_id)
        if states:
            query = query.where(OutboxItem.state.in_(states))
        if created_on is not None:
            start = datetime.combine(created_on, time.min)
            query = query.where(OutboxItem.created_at >= start, OutboxItem.created_at < start + timedelta(days=1))
        rows = session.execute(query.order_by(OutboxItem.id.desc()).limit(limit)).all()
    return [ItemView(i.id, code or i.payload.get("dossier_code", ""), i.action, i.state, i.attempts,
                     i.next_attempt_at, i.last_error, i.created_at, i.acknowledged_at, i.escalated_at,
                     i.escalation_note, i.idempotency_key) for i, code in rows]


def unsent(sessions: sessionmaker[Session], created_on: date | None = None) -> list[ItemView]:
    """What has not reached the province yet (pending, being sent, failed or rejected)."""
    return list_items(sessions, UNSENT, limit=100_000, created_on=created_on)
