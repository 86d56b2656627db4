"""Tables of the supervisor's day (migration 0007_day_close): explanations, cash counts, day closes.

Times are naive Vietnam local time, as in :mod:`desk_app.storage.models`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.storage.models import Base, _now

__all__ = ["CashCount", "DayClose", "DayExplanation"]


class DayExplanation(Base):
    """The supervisor's written explanation of one reconciliation problem of one day (latest wins)."""

    __tablename__ = "day_explanations"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    problem_id: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    explained_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    explained_at: Mapped[datetime] = mapped_column(DateTime, default=_now)

    __table_args__ = (UniqueConstraint("day", "problem_id", name="uq_day_explanation"),)


class CashCount(Base):
    """The cash counted at the end of a day, per denomination (the latest count is the one compared)."""

    __tablename__ = "day_cash_counts"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    denominations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # "500000" → count
    total: Mapped[int] = mapped_column(Integer)
    counted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    counted_at: Mapped[datetime] = mapped_column(DateTime, default=_now)


class DayClose(Base):
    """A closed (or reopened) day: the signed report's hash and the audit chain head written down then."""

    __tablename__ = "day_closes"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    state: Mapped[str] = mapped_column(String(20))  # closed | reopened
    closed_at: Mapped[datetime] = mapped_column(DateTime)
    closed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    report_sha256: Mapped[str] = mapped_column(String(64))
    report_path: Mapped[str] = mapped_column(Text, default="")
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    chain_count: Mapped[int] = mapped_column(Integer, default=0)
    chain_hash: Mapped[str] = mapped_column(String(64), default="")
    reopened_at: Mapped[Optional[datetime]] = mapped_column(DateTime, nullable=True)
    reopened_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), nullable=True)
    reopen_reason: Mapped[str] = mapped_column(Text, default="")


# The year-end close of the tracking book lives with the day's tables (0011_book_year_close).
from desk_app.storage.book_models import BookYearClose  # noqa: E402, F401
