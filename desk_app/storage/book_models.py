"""The year-end close of the tracking book (migration 0011_book_year_close).

One row per closed year: the book's rows as they stood at the close (canonical JSON, no change afterwards),
their SHA-256, the signed PDF's SHA-256 and path, and the audit chain head at that moment.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.storage.models import Base

__all__ = ["BookYearClose"]


class BookYearClose(Base):
    __tablename__ = "book_year_closes"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    closed_at: Mapped[datetime] = mapped_column(DateTime)
    closed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    row_count: Mapped[int] = mapped_column(Integer)
    last_sequence: Mapped[int] = mapped_column(Integer)
    rows_json: Mapped[str] = mapped_column(Text)
    rows_sha256: Mapped[str] = mapped_column(String(64))
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    pdf_path: Mapped[str] = mapped_column(Text)
    signed: Mapped[bool] = mapped_column(Boolean)
    chain_count: Mapped[int] = mapped_column(Integer)
    chain_hash: Mapped[str] = mapped_column(String(64))
