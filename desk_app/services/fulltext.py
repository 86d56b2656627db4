"""Full-text search over OCR text: "nguyen van an" finds "Nguyễn Văn An", "dang" finds "Đặng".

Both the stored text and the query go through :func:`desk_app.text.fold` (NFC, no diacritics,
đ→d, lower case). On SQLite the folded text is indexed by FTS5 (table ``ocr_fts``, rowid =
``ocr_pages.id``) and hits are ranked by bm25; on PostgreSQL every query word must occur in
``ocr_pages.text_folded`` (LIKE), newest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy import text as sql
from sqlalchemy.orm import Session, sessionmaker

from desk_app.errors import DeskError
from desk_app.security import audit
from desk_app.security.identity import Identity, authorize
from desk_app.security.roles import Permission
from desk_app.storage.db import transaction
from desk_app.storage.ocr_models import OcrPageRecord
from desk_app.text import fold, nfc

_WORD = re.compile(r"\w+", re.UNICODE)


class SearchQueryError(DeskError, ValueError):
    """A search with nothing to look for."""


@dataclass(frozen=True)
class SearchHit:
    ocr_page_id: int
    page_id: int | None
    dossier_id: int | None
    file_sha256: str
    snippet: str
    score: float


def _uses_fts(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def index_page(sessions: sessionmaker[Session], *, text: str, file_sha256: str, page_id: int | None = None,
               dossier_id: int | None = None, mean_confidence: float = 0.0, blank: bool = False,
               orientation: int = 0, language: str = "vie", report: dict[str, Any] | None = None,
               words: Iterable[Any] = ()) -> int:
    """Store (or replace) one page's OCR result and index its text. Returns the ``ocr_pages`` id.

    A page is identified by *page_id* when it belongs to a dossier, else by the image hash.
    """
    body = nfc(text)
    folded = fold(body)
    word_rows = [list(w) if isinstance(w, (list, tuple)) else
                 [w.text, w.left, w.top, w.width, w.height, round(float(w.confidence), 1)] for w in words]
    with transaction(sessions) as session:
        query = select(OcrPageRecord)
        query = (query.where(OcrPageRecord.page_id == page_id) if page_id is not None else
                 query.where(and_(OcrPageRecord.file_sha256 == file_sha256, OcrPageRecord.page_id.is_(None))))
        record = session.scalars(query).first()
        if record is None:
            record = OcrPageRecord(file_sha256=file_sha256, page_id=page_id)
            session.add(record)
        record.file_sha256 = file_sha256
        record.dossier_id = dossier_id
        record.text = body
        record.text_folded = folded
        record.mean_confidence = float(mean_confidence)
        record.blank = bool(blank)
        record.orientation = int(orientation)
        record.language = language
        record.report = dict(report or {})
        record.words = word_rows
        session.flush()
        if _uses_fts(session):
            session.execute(sql("DELETE FROM ocr_fts WHERE rowid = :id"), {"id": record.id})
            session.execute(sql("INSERT INTO ocr_fts (rowid, folded) VALUES (:id, :folded)"),
                            {"id": record.id, "folded": folded})
        return record.id


def index_ocr_result(sessions: sessionmaker[Session], ocr_page: Any, report: dict[str, Any], file_sha256: str,
                     page_id: int | None = None, dossier_id: int | None = None) -> int:
    """Convenience for a :class:`scanning.ocr.OcrPage` and its clean-up report."""
    return index_page(sessions, text=ocr_page.text if ocr_page else "", file_sha256=file_sha256,
                      page_id=page_id, dossier_id=dossier_id,
                      mean_confidence=ocr_page.mean_confidence if ocr_page else 0.0,
                      blank=bool(report.get("blank")), orientation=int(report.get("orientation", 0)),
                      language=getattr(ocr_page, "language", "vie"), report=report,
                      words=ocr_page.words if ocr_page else ())


def _snippet(folded: str, original: str, terms: list[str], width: int = 80) -> str:
    """A window of the original text around the first query word (folding keeps character positions
    for almost all Vietnamese text, so the folded offset is used on the original)."""
    flat = " ".join(original.split())
    position = min((folded.find(t) for t in terms if folded.find(t) >= 0), default=0)
    start = max(0, position - width // 3)
    piece = flat[start:start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(flat) else "")


def search(sessions: sessionmaker[Session], who: Identity, query: str, limit: int = 50) -> list[SearchHit]:
    """Pages whose OCR text contains every word of *query* (accents and case ignored).

    Needs ``VIEW_DOSSIERS``; audited with the number of words and the dossiers found (never the words,
    which are often a citizen's name).
    """
    terms = _WORD.findall(fold(query))
    if not terms:
        raise SearchQueryError("Hãy nhập từ cần tìm.")
    with transaction(sessions) as session:
        user = authorize(session, who, Permission.VIEW_DOSSIERS)
        hits = page_hits(session, terms, limit)
        dossiers = sorted({h.dossier_id for h in hits if h.dossier_id is not None})
        audit.record(session, user, "ocr.search", "dossier", ",".join(map(str, dossiers))[:100],
                     words=len(terms), results=len(hits), dossier_ids=dossiers[:50])
        return hits


def page_hits(session: Session, terms: list[str], limit: int = 50) -> list[SearchHit]:
    """Pages whose folded OCR text contains every one of *terms* (already folded), in the caller's session."""
    if _uses_fts(session):
        match = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = session.execute(sql(
            "SELECT p.id, p.page_id, p.dossier_id, p.file_sha256, p.text, p.text_folded, bm25(ocr_fts) AS rank "
            "FROM ocr_fts JOIN ocr_pages p ON p.id = ocr_fts.rowid "
            "WHERE ocr_fts MATCH :match ORDER BY rank LIMIT :limit"), {"match": match, "limit": limit}).all()
        return [SearchHit(r[0], r[1], r[2], r[3], _snippet(" ".join(r[5].split()), r[4], terms), -float(r[6]))
                for r in rows]
    conditions = [OcrPageRecord.text_folded.like(f"%{t}%") for t in terms]
    records = session.scalars(select(OcrPageRecord).where(and_(*conditions))
                              .order_by(OcrPageRecord.id.desc()).limit(limit)).all()
    return [SearchHit(r.id, r.page_id, r.dossier_id, r.file_sha256,
                      _snippet(" ".join(r.text_folded.split()), r.text, terms), 1.0) for r in records]
