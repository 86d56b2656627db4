"""Audit log: every action on citizen data records who, what, when — inside the action's own transaction.

The rows form a hash chain. Each row carries ``seq`` (1, 2, 3, … in chain order), the hash of the row
before it (``prev_hash``) and its own hash (``row_hash`` = SHA-256 of the row's canonical JSON, a newline
and ``prev_hash``). The chain's head (number of rows and last hash) is kept in the one-row table
``audit_chain_head``, updated in the same transaction, so that deleting the last rows is noticed too.

Rows are chained when their transaction commits (a ``before_commit`` hook), under a lock so the chain
stays linear with several desks: on SQLite the write transaction serialises writers; on PostgreSQL the
head row is taken with ``SELECT … FOR UPDATE``. Taking the head last in every transaction keeps the lock
order the same everywhere (counters first, audit head last), so two desks cannot deadlock on it.

:func:`verify_chain` walks the chain and names the first broken row (edited, deleted, inserted, forged,
head missing or not matching). It proves that nobody changed the log *with the database alone*; anyone
who can write the database file can also recompute the whole chain, which is why the day close records
:func:`chain_head` outside the log (see docs/SECURITY.md).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.clock import now_local
from desk_app.storage.models import AuditChainHead, AuditEntry

GENESIS = "0" * 64
HEAD_ID = 1
_PENDING = "desk_app.audit.pending"
#: Written (by the app itself) when the head row was found missing; the chain stays marked as broken.
HEAD_LOST_ACTION = "audit.head_lost"


def _json_safe(details: dict[str, Any]) -> dict[str, Any]:
    """*details* as it will read back from the JSON column (dates become text, tuples lists)."""
    return json.loads(json.dumps(details, ensure_ascii=False, default=str))


def canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str).encode("utf-8")


def _at_text(at: datetime | None) -> str:
    return at.isoformat(timespec="microseconds") if at is not None else ""


def row_fields(entry: AuditEntry) -> dict[str, Any]:
    """The fields the hash covers, as plain JSON values."""
    return {"seq": entry.seq, "at": _at_text(entry.at), "user_id": entry.user_id, "username": entry.username,
            "action": entry.action, "entity": entry.entity, "entity_id": entry.entity_id,
            "details": entry.details if entry.details is not None else {}}


def compute_hash(fields: dict[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(canonical(fields) + b"\n" + prev_hash.encode("ascii")).hexdigest()


def record(session: Session, user: Any, action: str, entity: str, entity_id: Any = "",
           **details: Any) -> AuditEntry:
    """Add an audit row to *session*; it commits (or rolls back) together with the action itself.

    *user* is the :class:`~desk_app.storage.models.User` row that :func:`~desk_app.security.identity.authorize`
    returned (or None for the system). Keep personal data out of *details* and *entity_id*: an internal
    id (dossier code, citizen row id) is enough to find the record.
    """
    if user is not None:
        user_id = getattr(user, "user_id", None) or user.id
        username = user.username
    else:
        user_id, username = None, "system"
    entry = AuditEntry(at=now_local().replace(tzinfo=None), user_id=user_id, username=username, action=action,
                       entity=entity, entity_id=str(entity_id)[:100], details=_json_safe(details),
                       prev_hash="", row_hash="")
    session.add(entry)
    session.info.setdefault(_PENDING, []).append(entry)
    return entry


# --------------------------------------------------------------------------- chaining at commit


def _lock_head(session: Session) -> AuditChainHead | None:
    table = AuditChainHead.__table__
    if session.get_bind().dialect.name == "sqlite":
        # Take SQLite's write lock now (a no-op write), so no other writer can chain in between.
        session.execute(table.update().where(table.c.id == HEAD_ID).values(count=table.c.count))
    with session.no_autoflush:  # the pending rows are inserted once, already chained
        return session.scalars(select(AuditChainHead).where(AuditChainHead.id == HEAD_ID)
                               .with_for_update().execution_options(populate_existing=True)).first()


def _chain(session: Session, entries: list[AuditEntry]) -> None:
    head = _lock_head(session)
    if head is None:
        # Someone deleted the head. Start again from the last chained row, and say so in the chain itself:
        # verify_chain keeps reporting this row, so deleting the head (and the last rows) cannot hide anything.
        with session.no_autoflush:
            last = session.scalars(select(AuditEntry).where(AuditEntry.seq.is_not(None))
                                   .order_by(AuditEntry.seq.desc()).limit(1)).first()
        head = AuditChainHead(id=HEAD_ID, count=last.seq if last else 0,
                              last_hash=last.row_hash if last else GENESIS)
        session.add(head)
        lost = AuditEntry(at=now_local().replace(tzinfo=None), user_id=None, username="system",
                          action=HEAD_LOST_ACTION, entity="audit", entity_id="",
                          details={"rows_seen": head.count}, prev_hash="", row_hash="")
        session.add(lost)
        entries = [lost, *entries]
    for entry in entries:
        entry.seq = head.count + 1
        entry.prev_hash = head.last_hash or GENESIS
        entry.row_hash = compute_hash(row_fields(entry), entry.prev_hash)
        head.count, head.last_hash = entry.seq, entry.row_hash
    head.updated_at = now_local().replace(tzinfo=None)


@event.listens_for(Session, "before_commit")
def _chain_pending(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending:
        entries = [e for e in pending if e in session and e.seq is None]
        if entries:
            _chain(session, entries)


@event.listens_for(Session, "after_rollback")
def _forget_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


# --------------------------------------------------------------------------- head and verification


@dataclass(frozen=True)
class ChainHead:
    count: int
    last_hash: str
    updated_at: datetime | None = None


def chain_head(session: Session) -> ChainHead | None:
    """The head as stored now (for the day close to record outside the log); None if it is missing."""
    head = session.get(AuditChainHead, HEAD_ID)
    return ChainHead(head.count, head.last_hash, head.updated_at) if head is not None else None


@dataclass(frozen=True)
class ChainBreak:
    kind: str            # edited | missing | link | unchained | truncated | appended | head_missing | head_lost
    seq: int | None      # the row's place in the chain (None for a row outside the chain)
    row_id: int | None   # audit_log.id of the first broken row (None when the row itself is gone)
    at: datetime | None
    action: str
    message: str         # Vietnamese, for the supervisor


@dataclass(frozen=True)
class ChainReport:
    rows: int
    head: ChainHead | None
    first_break: ChainBreak | None
    unchained: int = 0

    @property
    def ok(self) -> bool:
        return self.first_break is None

    def message(self) -> str:
        if self.first_break is None:
            return f"Nhật ký hệ thống nguyên vẹn: {self.rows} dòng, chuỗi mã băm khớp."
        return f"Nhật ký hệ thống đã bị can thiệp. {self.first_break.message}"


def _where(row: AuditEntry) -> str:
    return (f"dòng số {row.seq if row.seq is not None else '?'} (mã {row.id}, "
            f"{row.at:%d/%m/%Y %H:%M:%S}, «{row.action}»)" if row.at else f"dòng mã {row.id}")


def verify_chain(sessions: sessionmaker[Session], batch: int = 5000) -> ChainReport:
    """Walk the whole chain in order and report the first row that does not hold."""
    first: ChainBreak | None = None
    rows = 0
    prev, expected = GENESIS, 1
    last_row: AuditEntry | None = None
    with sessions() as session:
        head = chain_head(session)
        unchained_rows = session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.seq.is_(None))) or 0
        for row in session.scalars(select(AuditEntry).where(AuditEntry.seq.is_not(None))
                                   .order_by(AuditEntry.seq).execution_options(yield_per=batch)):
            rows += 1
            last_row = row
            if first is None:
                if row.seq != expected:
                    first = ChainBreak("missing", row.seq, row.id, row.at, row.action,
                                       f"Thiếu dòng số {expected}"
                                       + (f" đến {row.seq - 1}" if row.seq - 1 > expected else "")
                                       + f" ngay trước {_where(row)}: dòng đã bị xóa.")
                elif compute_hash(row_fields(row), row.prev_hash) != row.row_hash:
                    first = ChainBreak("edited", row.seq, row.id, row.at, row.action,
                                       f"Nội dung {_where(row)} không khớp mã băm: dòng đã bị sửa hoặc giả mạo.")
                elif row.prev_hash != prev:
                    first = ChainBreak("link", row.seq, row.id, row.at, row.action,
                                       f"{_where(row).capitalize()} không nối với dòng trước: "
                                       "dòng đã bị chèn, xóa hoặc thay thế.")
                elif row.action == HEAD_LOST_ACTION:
                    first = ChainBreak("head_lost", row.seq, row.id, row.at, row.action,
                                       f"Đầu chuỗi nhật ký đã bị xóa trước {_where(row)}; "
                                       "các dòng cuối lúc đó có thể đã bị xóa.")
            prev, expected = row.row_hash, expected + 1
        session.expunge_all()
        if first is None and unchained_rows:
            row = session.scalars(select(AuditEntry).where(AuditEntry.seq.is_(None))
                                  .order_by(AuditEntry.id).limit(1)).first()
            if row is not None:
                first = ChainBreak("unchained", None, row.id, row.at, row.action,
                                   f"Có {unchained_rows} dòng không thuộc chuỗi, đầu tiên là {_where(row)}: "
                                   "dòng được thêm thẳng vào cơ sở dữ liệu.")
    if first is None:
        if head is None:
            first = ChainBreak("head_missing", rows + 1, None, None, "",
                               "Không còn đầu chuỗi nhật ký (bảng audit_chain_head): có thể các dòng cuối đã bị xóa.")
        elif head.count > rows:
            first = ChainBreak("truncated", rows + 1, None, None, "",
                               f"Thiếu dòng số {rows + 1} đến {head.count} ở cuối nhật ký: "
                               f"đầu chuỗi ghi {head.count} dòng, chỉ còn {rows} dòng.")
        elif head.count < rows or head.last_hash != prev:
            row = last_row
            first = ChainBreak("appended", head.count + 1 if head.count < rows else rows,
                               row.id if row else None, row.at if row else None, row.action if row else "",
                               f"Đầu chuỗi nhật ký không khớp dòng cuối ({head.count} dòng ghi ở đầu chuỗi, "
                               f"{rows} dòng trong bảng): dòng cuối đã bị thêm hoặc thay thế.")
    return ChainReport(rows=rows, head=head, first_break=first, unchained=unchained_rows)
