"""Tables of the provincial sync (migration 0002_sync): confirmed uploads, pull cursor, clerk notifications."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.storage.models import Base, _now


class SyncedFile(Base):
    """A page file the provincial system confirmed (whole-file SHA-256 checked there): never sent again."""

    __tablename__ = "sync_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    confirmed_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class SyncCursor(Base):
    """Where the last pull of changes from the province stopped (advanced in the same transaction)."""

    __tablename__ = "sync_cursors"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=_now, onupdate=_now)


class SyncNotification(Base):
    """Something the province sent back that a person must see: status change, supplement, result, escalation."""

    __tablename__ = "sync_notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[Optional[int]] = mapped_column(ForeignKey("dossiers.id"), nullable=True, index=True)
    dossier_code: Mapped[str] = mapped_column(String(64), default="")
    kind: Mapped[str] = mapped_column(String(30))  # status | supplement | result | rejected | escalation
    audience: Mapped[str] = mapped_column(String(20), default="clerk")  # clerk | supervisor
    message: Mapped[str] = mapped_column(Text)
    # The province's change id: a change delivered twice is noted once.
    remote_id: Mapped[str] = mapped_column(String(100), default="", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now, index=True)
    read: Mapped[bool] = mapped_column(Boolean, default=False)
    read_by: Mapped[Optional[int]] = mapped_column(Integer, nullable=True)
