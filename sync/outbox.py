"""Outbox rows and their states: claim, acknowledge, fail, requeue, send now, escalate.

States: ``ready`` → ``sending`` (claimed by one worker) → ``acknowledged``; on a transport failure
``failed_network`` with a due time (back-off, retried automatically); on a well-formed refusal
``failed_rejected`` (waits for a person: "send now" or escalation to the supervisor).

Claiming is safe with several workers: ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, and on
SQLite a compare-and-set ``UPDATE … WHERE state = <seen state>`` whose row count says who won.
"""

from __future__ import annotations

import os
import random
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

import psutil
from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased, selectinload, sessionmaker

from desk_app.clock import now_local
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.storage.db import transaction
from desk_app.storage.models import Dossier, OutboxItem, Page, StatusChange
from desk_app.storage.sync_models import SyncedFile, SyncNotification
from sync import protocol as p

# State names and the read-only queries live in the core (supervisor screens read them without sync/).
from desk_app.services.upload_queue import (  # noqa: E402,F401 - re-exported for the worker and the GUI
    ACKNOWLEDGED,
    ACTION_LABELS,
    FAILED_NETWORK,
    FAILED_REJECTED,
    READY,
    SENDING,
    STATE_LABELS,
    STATES,
    ItemView,
    counts,
    list_items,
)


def worker_identity() -> str:
    """host:pid:start — lets a later worker tell a dead claimant from a live one."""
    me = psutil.Process()
    return f"{socket.gethostname()}:{os.getpid()}:{int(me.create_time())}"


def _claimant_is_dead(claimed_by: str) -> bool:
    try:
        host, pid, started = claimed_by.rsplit(":", 2)
        pid_number, started_at = int(pid), int(started)
    except ValueError:
        return False
    if host != socket.gethostname():
        return False  # another desk's worker: only its lease can expire
    try:
        return int(psutil.Process(pid_number).create_time()) != started_at
    except psutil.NoSuchProcess:
        return True


@dataclass(frozen=True)
class Backoff:
    """About *base* seconds after the first failure, doubling each time, capped, with ±25 % jitter."""

    base: float = 60.0
    cap: float = 3600.0
    jitter: float = 0.25

    def delay(self, attempts: int, rng: random.Random | None = None) -> float:
        raw = min(self.cap, self.base * (2 ** max(0, attempts - 1)))
        spread = (rng or random).uniform(1 - self.jitter, 1 + self.jitter)
        return raw * spread


@dataclass
class ClaimedItem:
    id: int
    key: str
    action: str
    dossier_code: str
    payload: dict
    confirmed: frozenset[str] = frozenset()  # files the server already confirmed (not sent again)


def _load_dossiers(session: Session, ids: set[int]) -> dict[int, Dossier]:
    rows = session.scalars(select(Dossier).where(Dossier.id.in_(ids)).options(
        selectinload(Dossier.pages).selectinload(Page.file), selectinload(Dossier.components),
        selectinload(Dossier.history).selectinload(StatusChange.user)))
    return {d.id: d for d in rows}


def snapshot(item: OutboxItem, dossier: Dossier | None) -> dict:
    """Freeze what this action sends (record, history, files) on its first claim, so a retry is byte-identical.

    The same idempotency key must always carry the same content, even if the dossier changes later.
    """
    if dossier is None:
        raise p.Rejected("Hồ sơ của mục này không còn trong cơ sở dữ liệu.", p.INVALID_DATA)
    # The status, due date and history step are those of the moment of the change (the payload written
    # by the lifecycle primitive), not of the moment of sending: each step reaches the province in order.
    record = p.dossier_record(dossier, item.payload.get("status"))
    if "due_at" in item.payload:
        due = item.payload["due_at"]
        record["NgayHenTra"] = p.format_date(datetime.fromisoformat(due)) if due else ""
    history_ids = item.payload.get("history_ids")
    if history_ids is not None:
        history = p.history_entries(dossier, only=set(history_ids))
    else:  # rows queued before the lifecycle layer: a create carries its intake entry, an update all
        history = p.history_entries(dossier)
        if item.action == "dossier.create":
            history = [h for h in history if h["TrangThai"] == record["TrangThaiHoSo"]][:1] or history[:1]
    files = []
    seen = set()
    for page in dossier.pages:
        if page.file_sha256 not in seen:
            seen.add(page.file_sha256)
            files.append({"sha256": page.file_sha256, "size": page.file.size})
    return {"record": record, "history": history, "files": files}


def _due_filter(now: datetime):  # noqa: ANN202
    earlier = aliased(OutboxItem)
    blocked = exists().where(and_(earlier.dossier_id == OutboxItem.dossier_id, earlier.id < OutboxItem.id,
                                  earlier.state != ACKNOWLEDGED))
    return and_(OutboxItem.state.in_((READY, FAILED_NETWORK)),
                or_(OutboxItem.next_attempt_at.is_(None), OutboxItem.next_attempt_at <= now),
                ~blocked)


def claim_due(sessions: sessionmaker[Session], worker: str, limit: int,
              now: datetime | None = None) -> list[ClaimedItem]:
    """Move up to *limit* due rows to ``sending`` for *worker*; one dossier's actions go in order.

    ``attempts`` counts the claim; it is given back if the claim is abandoned (:func:`requeue_stale`)."""
    now = now or now_local()
    claimed: list[ClaimedItem] = []
    # Read-then-write: on SQLite the write lock is taken first, so two workers (GUI and CLI, two processes)
    # queue up instead of one failing with "database is locked" when it upgrades its read snapshot.
    with transaction(sessions, write_lock=True) as session:
        query = select(OutboxItem.id).where(_due_filter(now)).order_by(OutboxItem.id).limit(limit)
        postgres = session.get_bind().dialect.name == "postgresql"
        if postgres:
            query = query.with_for_update(skip_locked=True, of=OutboxItem)
        ids = list(session.scalars(query))
        if not ids:
            return []
        # Compare-and-set: only rows still in a claimable state change hands (another worker may have won).
        session.execute(
            update(OutboxItem).where(OutboxItem.id.in_(ids), OutboxItem.state.in_((READY, FAILED_NETWORK)))
            .values(state=SENDING, claimed_by=worker, claimed_at=now, attempts=OutboxItem.attempts + 1,
                    updated_at=now).execution_options(synchronize_session=False))
        items = list(session.scalars(select(OutboxItem).where(
            OutboxItem.id.in_(ids), OutboxItem.state == SENDING, OutboxItem.claimed_by == worker).order_by(OutboxItem.id).execution_options(populate_existing=True)))
        fresh = [i for i in items if "snapshot" not in i.payload]
        dossiers = _load_dossiers(session, {i.dossier_id for i in fresh if i.dossier_id}) if fresh else {}
        for item in fresh:
            try:
                item.payload = {**item.payload, "snapshot": snapshot(item, dossiers.get(item.dossier_id))}
            except p.Rejected as exc:
                item.state, item.last_error, item.claimed_by = FAILED_REJECTED, str(exc), ""
        items = [i for i in items if i.state == SENDING]
        hashes = {f["sha256"] for i in items for f in i.payload["snapshot"]["files"]}
        confirmed = frozenset(session.scalars(select(SyncedFile.sha256).where(SyncedFile.sha256.in_(hashes))))
        for item in items:
            code = item.payload.get("dossier_code") or item.payload["snapshot"]["record"]["MaHoSo"]
            mine = frozenset(f["sha256"] for f in item.payload["snapshot"]["files"]) & confirmed
            claimed.append(ClaimedItem(item.id, item.idempotency_key, item.action, code, item.payload, mine))
    return claimed


def _finish(session: Session, item_id: int, worker: str, item: OutboxItem | None = None) -> OutboxItem | None:
    item = item if item is not None else session.get(OutboxItem, item_id)
    # Only the claimant may settle a row (a requeued row may already belong to someone else).
    if item is None or item.state != SENDING or item.claimed_by != worker:
        return None
    item.claimed_by = ""
    return item


def _confirm_files(session: Session, hashes: list[str], now: datetime) -> None:
    if not hashes:
        return
    known = set(session.scalars(select(SyncedFile.sha256).where(SyncedFile.sha256.in_(hashes))))
    for sha in hashes:
        if sha not in known:
            session.add(SyncedFile(sha256=sha, confirmed_at=now))
            known.add(sha)


def acknowledge(sessions: sessionmaker[Session], item_id: int, worker: str, confirmed: list[str],
                now: datetime | None = None) -> bool:
    return settle(sessions, worker, [Outcome(item_id, None, confirmed)], Backoff(), now)[0] == ACKNOWLEDGED


def fail(sessions: sessionmaker[Session], item_id: int, worker: str, error: p.SyncError,
         confirmed: list[str], backoff: Backoff, now: datetime | None = None,
         rng: random.Random | None = None) -> str | None:
    """Record a failed attempt; returns the new state (None if the row was no longer ours)."""
    return settle(sessions, worker, [Outcome(item_id, error, confirmed)], backoff, now, rng)[0]


@dataclass
class Outcome:
    item_id: int
    error: "p.SyncError | None"
    confirmed: list[str]


def settle(sessions: sessionmaker[Session], worker: str, outcomes: list[Outcome], backoff: Backoff,
           now: datetime | None = None, rng: random.Random | None = None) -> list[str | None]:
    """Record several results in one transaction (one commit, one fsync); returns each row's new state."""
    now = now or now_local()
    states: list[str | None] = []
    with transaction(sessions, write_lock=True) as session:
        _confirm_files(session, [sha for o in outcomes for sha in o.confirmed], now)
        # One query loads every row of the group (held here: the identity map only keeps weak references).
        rows = {row.id: row for row in session.scalars(
            select(OutboxItem).where(OutboxItem.id.in_([o.item_id for o in outcomes])))}
        for outcome in outcomes:
            item = _finish(session, outcome.item_id, worker, rows.get(outcome.item_id))
            if item is None:
                states.append(None)
            elif outcome.error is None:
                item.state, item.acknowledged_at, item.last_error, item.next_attempt_at = ACKNOWLEDGED, now, "", None
                item.payload = acknowledged_payload(item.payload)
                states.append(ACKNOWLEDGED)
            else:
                states.append(_record_failure(session, item, outcome.error, backoff, now, rng))
    return states


#: What an acknowledged row keeps: enough to say what was sent, nothing of the citizen's record.
_KEPT_AFTER_ACK = ("dossier_code", "status", "history_ids", "due_at", "event")


def acknowledged_payload(payload: dict) -> dict:
    """The payload once the province holds the data: the frozen copy of the citizen's record (name, ID,
    address, phone) is dropped; its SHA-256 stays as proof of what was sent (data minimisation)."""
    kept = {key: payload[key] for key in _KEPT_AFTER_ACK if key in payload}
    if "snapshot" in payload:
        snapshot = payload["snapshot"]
        kept["sent_sha256"] = p.body_digest(snapshot)
        kept["files"] = [f["sha256"] for f in snapshot.get("files", [])]
    return kept


def _record_failure(session: Session, item: OutboxItem, error: p.SyncError, backoff: Backoff, now: datetime,
                    rng: random.Random | None) -> str:
    item.last_error = str(error)[:2000]
    if isinstance(error, p.Rejected):
        item.state, item.next_attempt_at = FAILED_REJECTED, None
        session.add(SyncNotification(
            dossier_id=item.dossier_id, dossier_code=item.payload.get("dossier_code", ""),
            kind="rejected", audience="clerk", created_at=now,
            message=f"Tỉnh từ chối «{ACTION_LABELS.get(item.action, item.action)}»: {error}"))
    else:
        item.state = FAILED_NETWORK
        item.next_attempt_at = now + timedelta(seconds=backoff.delay(item.attempts, rng))
    return item.state


def forget_files(sessions: sessionmaker[Session], hashes: list[str]) -> None:
    """The server no longer holds these files (its store was reset): send them again."""
    with transaction(sessions) as session:
        for row in session.scalars(select(SyncedFile).where(SyncedFile.sha256.in_(hashes))):
            session.delete(row)


def confirmed_files(sessions: sessionmaker[Session], hashes: list[str]) -> set[str]:
    with sessions() as session:
        return set(session.scalars(select(SyncedFile.sha256).where(SyncedFile.sha256.in_(hashes))))


def _abandon_claim(item: OutboxItem, now: datetime) -> None:
    """A claim whose worker died (or whose lease ran out) ended with no answer at all: the row is due at
    once, and the attempt counted when it was claimed is given back — it is not a failed attempt, so
    crashes never stretch the back-off."""
    item.state, item.claimed_by, item.next_attempt_at = READY, "", now
    item.attempts = max(0, (item.attempts or 0) - 1)


def requeue_stale(sessions: sessionmaker[Session], lease_seconds: float, now: datetime | None = None) -> int:
    """Rows left in ``sending`` by a worker that died, or whose lease ran out, go back to ``ready``."""
    now = now or now_local()
    cutoff = now - timedelta(seconds=lease_seconds)
    count = 0
    with transaction(sessions, write_lock=True) as session:
        for item in session.scalars(select(OutboxItem).where(OutboxItem.state == SENDING)):
            if (item.claimed_at is None or item.claimed_at < cutoff) or _claimant_is_dead(item.claimed_by):
                _abandon_claim(item, now)
                count += 1
    return count


def release_waiting(sessions: sessionmaker[Session], now: datetime | None = None) -> int:
    """The link is back: rows waiting out a network back-off are due now."""
    now = now or now_local()
    with transaction(sessions) as session:
        return session.execute(
            update(OutboxItem).where(OutboxItem.state == FAILED_NETWORK, OutboxItem.next_attempt_at > now)
            .values(next_attempt_at=now)).rowcount


def waiting_count(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(OutboxItem)
                              .where(OutboxItem.state == FAILED_NETWORK)) or 0


def due_count(sessions: sessionmaker[Session], now: datetime | None = None) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(OutboxItem).where(_due_filter(now or now_local()))) or 0


class OutboxActionError(ValueError):
    pass


def send_now(sessions: sessionmaker[Session], item_id: int, who: Identity,
             now: datetime | None = None) -> str:
    """Make a row due at once, whatever its back-off or rejection; returns its state afterwards.

    An acknowledged row stays acknowledged (nothing to send); a row being sent keeps going unless its
    claimant is dead, in which case it is requeued.
    """
    now = now or now_local()
    with transaction(sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        item = session.get(OutboxItem, item_id)
        if item is None:
            raise OutboxActionError(f"Không có mục hàng đợi số {item_id}.")
        if item.state == SENDING and not _claimant_is_dead(item.claimed_by):
            return item.state
        if item.state == SENDING:
            _abandon_claim(item, now)
        if item.state != ACKNOWLEDGED:
            item.state, item.next_attempt_at, item.claimed_by = READY, now, ""
            audit.record(session, user, "sync.send_now", "outbox", item.id, outbox_action=item.action)
        return item.state


def escalate(sessions: sessionmaker[Session], item_id: int, who: Identity, note: str = "",
             now: datetime | None = None) -> None:
    """Ask the supervisor to look at this row (usually a rejection the clerk cannot fix)."""
    from desk_app.text import nfc

    now = now or now_local()
    note = nfc(note or "")
    with transaction(sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        item = session.get(OutboxItem, item_id)
        if item is None:
            raise OutboxActionError(f"Không có mục hàng đợi số {item_id}.")
        item.escalated_at, item.escalation_note = now, note
        who = user.full_name if user is not None else "hệ thống"
        code = item.payload.get("dossier_code", "")
        session.add(SyncNotification(
            dossier_id=item.dossier_id, dossier_code=code, kind="escalation", audience="supervisor",
            message=f"{who} chuyển giám sát mục «{ACTION_LABELS.get(item.action, item.action)}» của hồ sơ "
                    f"{code} ({STATE_LABELS.get(item.state, item.state)}): {note or item.last_error}",
            created_at=now))
        audit.record(session, user, "sync.escalate", "outbox", item.id, outbox_action=item.action)
