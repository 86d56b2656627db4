"""Tables of the OCR area: one row per recognised page, plus (SQLite) an FTS5 index over folded text.

The FTS5 table ``ocr_fts`` is created by migration 0002_ocr and kept in step by
:mod:`desk_app.services.fulltext` (rowid = ``ocr_pages.id``); it is not an ORM model because
SQLAlchemy cannot describe a virtual table. PostgreSQL has no ``ocr_fts`` and searches ``text_folded``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk_app.storage.models import Base, _now

__all__ = ["OcrPageRecord"]


class OcrPageRecord(Base):
    """What clean-up and OCR found on one page image (the image itself is in the file archive)."""

    __tablename__ = "ocr_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    page_id: Mapped[int | None] = mapped_column(ForeignKey("pages.id"), nullable=True, unique=True)
    dossier_id: Mapped[int | None] = mapped_column(ForeignKey("dossiers.id"), nullable=True, index=True)
    text: Mapped[str] = mapped_column(Text, default="")            # NFC, reading order
    text_folded: Mapped[str] = mapped_column(Text, default="")     # desk_app.text.fold(text)
    mean_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    blank: Mapped[bool] = mapped_column(Boolean, default=False)
    orientation: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str] = mapped_column(String(20), default="vie")
    # Clean-up report (skew, colour reason, blank score …) and word boxes [text, l, t, w, h, conf].
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    words: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=_now)
