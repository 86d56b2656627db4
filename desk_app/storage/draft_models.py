"""The counter's draft (migration 0010_intake_drafts): what a clerk was typing, kept across a crash.

One row per user and desk (``desk_key`` = agency id + desk number, so desks sharing a PostgreSQL
database keep their own). ``payload`` is the reception panel's state as JSON text (citizen data:
read back only through :mod:`desk_app.services.drafts`, which checks and audits the read).
Times are naive Vietnam local time, as in :mod:`desk_app.storage.models`.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.storage.models import Base, _now

__all__ = ["IntakeDraft"]


class IntakeDraft(Base):
    __tablename__ = "intake_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    desk_key: Mapped[str] = mapped_column(String(120))
    intake_id: Mapped[str] = mapped_column(String(64), default="")   # the IntakeSession draft id, if any
    batch_id: Mapped[str] = mapped_column(String(64), default="")    # the spool batch of its scanned pages
    payload: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(Integer, default=1)        # saves of this draft so far
    saved_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    __table_args__ = (UniqueConstraint("user_id", "desk_key", name="uq_intake_draft_user_desk"),)
